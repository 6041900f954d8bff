package stats_test

import (
	"testing"
	"time"

	"liuyan/internal/calendar"
	"liuyan/internal/stats"
)

func TestParsePeriod(t *testing.T) {
	day := func(s string) time.Time {
		d, _ := time.ParseInLocation(time.DateOnly, s, calendar.China)
		return d
	}
	for _, c := range []struct {
		in, from, to, label, before string
	}{
		{"2020H1", "2020-01-01", "2020-07-01", "2020年上半年", "2019H1"},
		{"2020H2", "2020-07-01", "2021-01-01", "2020年下半年", "2019H2"},
		{"2020Q3", "2020-07-01", "2020-10-01", "2020年第三季度", "2019Q3"},
		{"2020", "2020-01-01", "2021-01-01", "2020年", "2019"},
		{"2020-05", "2020-05-01", "2020-06-01", "2020年5月", "2019-05"},
		{"2020-12", "2020-12-01", "2021-01-01", "2020年12月", "2019-12"},
	} {
		p, err := stats.ParsePeriod(c.in)
		if err != nil {
			t.Errorf("%s: %v", c.in, err)
			continue
		}
		if !p.From.Equal(day(c.from)) || !p.To.Equal(day(c.to)) || p.Label() != c.label || p.YearBefore().Name != c.before {
			t.Errorf("%s: %v..%v %s before %s", c.in, p.From, p.To, p.Label(), p.YearBefore().Name)
		}
	}
	for _, bad := range []string{"", "2020H3", "2020Q5", "2020-13", "2020-00", "20201", "1800", "二〇二〇年", "2020H1 "} {
		if _, err := stats.ParsePeriod(bad); err != stats.ErrBadPeriod {
			t.Errorf("%q: %v, want ErrBadPeriod", bad, err)
		}
	}
	p, err := stats.Between("2020-01-06", "2020-03-04")
	if err != nil {
		t.Fatal(err)
	}
	if !p.From.Equal(day("2020-01-06")) || !p.To.Equal(day("2020-03-05")) || p.Label() != "2020年1月6日至2020年3月4日" ||
		p.YearBefore().Name != "2019-01-06..2019-03-04" {
		t.Errorf("between: %v..%v %s %s", p.From, p.To, p.Label(), p.YearBefore().Name)
	}
	// The year before a span ending on 29 February ends on the 28th, and
	// its name says the days it spans (the fuzz target found the name one
	// day short of its end).
	for _, c := range [][4]string{{"2020-01-01", "2020-02-29", "2019-01-01..2019-02-28", "2019-03-01"},
		{"2020-02-29", "2021-02-28", "2019-02-28..2020-02-28", "2020-02-29"}} {
		p, err := stats.Between(c[0], c[1])
		if yb := p.YearBefore(); err != nil || yb.Name != c[2] || !yb.To.Equal(day(c[3])) {
			t.Errorf("%s..%s: the year before is %s, to %v (%v)", c[0], c[1], yb.Name, yb.To, err)
		}
	}
	for _, bad := range [][2]string{{"2020-03-04", "2020-01-06"}, {"2020-02-30", "2020-03-01"}, {"2020/01/01", "2020-02-01"}} {
		if _, err := stats.Between(bad[0], bad[1]); err != stats.ErrBadPeriod {
			t.Errorf("%v: %v", bad, err)
		}
	}
	if got := stats.Containing(time.Date(2020, 6, 30, 20, 0, 0, 0, time.UTC)).Name; got != "2020H2" {
		t.Errorf("2020-06-30 20:00 UTC is 2020-07-01 in China, in %s", got)
	}
}
