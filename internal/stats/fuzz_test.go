package stats

import (
	"math"
	"net/url"
	"testing"
	"time"

	"liuyan/internal/calendar"
)

// FuzzPeriodQuery reads any query's period (period=, or from= and to=),
// as the API, the statistics pages and the reports do: a period accepted
// runs from a China midnight to a later one within the years figures
// cover, its name reads back as the same period, and so does the name of
// the year before, which spans the same days a year earlier.
func FuzzPeriodQuery(f *testing.F) {
	for _, q := range []string{"period=2020H1", "period=2020Q3", "period=2020", "period=2020-05", "period=2020H3",
		"from=2020-01-06&to=2020-03-04", "from=2020-01-01&to=2020-02-29", "from=2020-02-29&to=2021-02-28",
		"from=2020-03-04&to=2020-01-06", "from=2020-02-30&to=2020-03-01", "period=二〇二〇年上半年", "from=1990-01-01&to=2100-12-31", ""} {
		f.Add(q)
	}
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, calendar.China)
	f.Fuzz(func(t *testing.T, raw string) {
		q, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		p, err := PeriodFromQuery(q, now)
		if err != nil {
			if err != ErrBadPeriod {
				t.Fatalf("%q: %v, want ErrBadPeriod", raw, err)
			}
			return
		}
		checkPeriod(t, raw, p)
		again, err := PeriodNamed(p.Name)
		if err != nil || !again.From.Equal(p.From) || !again.To.Equal(p.To) {
			t.Fatalf("%q: %s reads back as %v..%v (%v), not %v..%v", raw, p.Name, again.From, again.To, err, p.From, p.To)
		}
		yb := p.YearBefore()
		if yb.From.Year() < 1989 {
			t.Fatalf("%q: the year before starts %v", raw, yb.From)
		}
		if !yb.From.Before(yb.To) || yb.To.After(p.From.AddDate(0, 0, 1)) && !yb.To.Before(p.To) {
			t.Fatalf("%q: the year before %v..%v is not before %v..%v", raw, yb.From, yb.To, p.From, p.To)
		}
		if yb.From.Year() >= 1990 {
			back, err := PeriodNamed(yb.Name)
			if err != nil || !back.From.Equal(yb.From) || !back.To.Equal(yb.To) {
				t.Fatalf("%q: the year before is %v..%v but named %s, which reads as %v..%v (%v)", raw, yb.From, yb.To, yb.Name, back.From, back.To, err)
			}
		}
		if p.Label() == "" {
			t.Fatalf("%q: no label", raw)
		}
	})
}

func checkPeriod(t *testing.T, raw string, p Period) {
	t.Helper()
	for _, d := range []time.Time{p.From, p.To} {
		c := d.In(calendar.China)
		if c.Hour() != 0 || c.Minute() != 0 || c.Second() != 0 || c.Nanosecond() != 0 {
			t.Fatalf("%q: %v is not a China midnight", raw, d)
		}
	}
	if !p.From.Before(p.To) || p.From.Year() < 1990 || p.Last().Year() > 2100 {
		t.Fatalf("%q: period %v..%v", raw, p.From, p.To)
	}
}

// FuzzOptionsQuery reads any query's scope, ranking and list options: a
// number accepted is finite and not negative, and a ranking's weights, if
// accepted, give every region a heat between 0 and 100.
func FuzzOptionsQuery(f *testing.F) {
	for _, q := range []string{"region=330100&domain=城建&type=投诉/求助&tag=疫情防控", "board=12&unit=3", "board=-1", "unit=1e3",
		"level=city&parent=330000&min_volume=5&w_activity=2&w_effort=1&w_satisfaction=0", "w_activity=NaN", "w_effort=Inf",
		"w_activity=1e308&w_effort=1e308&w_satisfaction=1e308", "w_activity=0&w_effort=0&w_satisfaction=0", "threshold=0.66&min_volume=0",
		"threshold=-0", "min_volume=9223372036854775808"} {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		q, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		if sc, err := ScopeFromQuery(q); err == nil && (sc.BoardID < 0 || sc.UnitID < 0) {
			t.Fatalf("%q: scope %+v", raw, sc)
		}
		if lo, err := ListOptionsFromQuery(q); err == nil && (lo.MinVolume < 0 || lo.Threshold < 0 || math.IsNaN(lo.Threshold) || math.IsInf(lo.Threshold, 0)) {
			t.Fatalf("%q: list options %+v", raw, lo)
		}
		o, err := RankOptionsFromQuery(q)
		if err != nil {
			return
		}
		w := o.Weights
		if o.MinVolume < 0 || w.Activity < 0 || w.Effort < 0 || w.Satisfaction < 0 {
			t.Fatalf("%q: rank options %+v", raw, o)
		}
		if w.Activity+w.Effort+w.Satisfaction == 0 {
			return // Rank refuses these weights with ErrBadWeights
		}
		items := rankFixture()
		score(items, 1, w)
		for _, it := range items {
			if it.Heat == nil {
				continue
			}
			if h := *it.Heat; math.IsNaN(h) || h < 0 || h > 100+1e-9 {
				t.Fatalf("%q: weights %+v give %s a heat of %v", raw, w, it.Code, h)
			}
		}
	})
}

// rankFixture is three provinces' inputs for score: the best and the
// worst in every component and one between, so that each normalised
// component reaches 0 and 100.
func rankFixture() []RankItem {
	f := func(v float64) *float64 { return &v }
	i := func(v int) *int { return &v }
	return []RankItem{
		{Code: "330000", Inputs: RankInputs{Messages: 120, ActivityPerBoard: f(9.5), ReplyRate: f(0.9), OnTimeRate: f(0.95), MedianDays: i(3), Satisfaction: f(0.8)}},
		{Code: "430000", Inputs: RankInputs{Messages: 80, ActivityPerBoard: f(4.1), ReplyRate: f(0.6), OnTimeRate: f(0.7), MedianDays: i(6), Satisfaction: f(0.55)}},
		{Code: "630000", Inputs: RankInputs{Messages: 12, ActivityPerBoard: f(0.7), ReplyRate: f(0.1), OnTimeRate: f(0.2), MedianDays: i(15), Satisfaction: f(0.2)}},
	}
}
