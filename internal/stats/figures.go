package stats

import (
	"slices"

	"liuyan/internal/store"
)

// Figures are the figures of DESIGN §4 that add up over cells, for one
// scope and period. A rate is nil when its denominator is zero: "no
// messages" is not "0% replied".
type Figures struct {
	// Messages is 留言量: messages published in the period. For a unit it
	// counts the messages handed to the unit (交办, 转办) instead, since
	// messages are addressed to boards, not units.
	Messages int64 `json:"messages"`
	// Replies is 回复量: messages whose first final reply was published in the period.
	Replies int64 `json:"replies"`
	// ReplyRate is 回复率 = Replies / Messages, the flow rate the board's own reports use.
	ReplyRate *float64 `json:"reply_rate"`
	// Cohort counts the messages published in the period that have been replied since.
	Cohort int64 `json:"cohort_replied"`
	// CohortRate is Cohort / Messages; nil for a unit.
	CohortRate *float64 `json:"cohort_rate"`
	// Ratings counts the ratings made in the period, Good those above 3 (好评).
	Ratings int64 `json:"ratings"`
	Good    int64 `json:"good"`
	// Satisfaction is 满意度 = Good / Ratings.
	Satisfaction *float64 `json:"satisfaction"`
	// MeanGrade is the mean overall grade of the ratings (1–5).
	MeanGrade *float64 `json:"mean_grade"`
	// MedianDays and P90Days are 办理时长 in working days from publication
	// to the first final reply, over the period's replies (nearest rank).
	MedianDays *int `json:"median_days"`
	P90Days    *int `json:"p90_days"`
	// OnTime counts the period's replies that met their deadline;
	// OnTimeRate is 按时办结率 = OnTime / Replies.
	OnTime     int64    `json:"on_time"`
	OnTimeRate *float64 `json:"on_time_rate"`
	// Followups counts the follow-ups (追问) made in the period.
	Followups int64 `json:"followups"`
}

// tally is the sum of rollup rows: counters and the handling-time histogram.
type tally struct {
	store.StatsCounts
	hist map[int]int64 // working days → first replies
}

func (t *tally) add(r store.StatsRow) {
	t.Add(r.StatsCounts)
	if r.Days >= 0 && r.Replied > 0 {
		if t.hist == nil {
			t.hist = map[int]int64{}
		}
		t.hist[r.Days] += r.Replied
	}
}

// tallyBy sums rows per group.
func tallyBy(rows []store.StatsRow) map[string]*tally {
	out := map[string]*tally{}
	for _, r := range rows {
		t := out[r.Group]
		if t == nil {
			t = &tally{}
			out[r.Group] = t
		}
		t.add(r)
	}
	return out
}

// merge adds o into t.
func (t *tally) merge(o *tally) {
	t.Add(o.StatsCounts)
	for d, n := range o.hist {
		if t.hist == nil {
			t.hist = map[int]int64{}
		}
		t.hist[d] += n
	}
}

// figures applies the formulas to a tally. forUnit says the scope is a
// unit, whose 留言量 is what it received.
func (t *tally) figures(forUnit bool) Figures {
	f := Figures{
		Messages: t.Published, Replies: t.Replied, Cohort: t.Cohort,
		Ratings: t.Ratings, Good: t.Good, OnTime: t.OnTime, Followups: t.Followups,
	}
	if forUnit {
		f.Messages, f.Cohort = t.Received, 0
	} else {
		f.CohortRate = ratio(t.Cohort, f.Messages)
	}
	f.ReplyRate = ratio(f.Replies, f.Messages)
	f.Satisfaction = ratio(t.Good, t.Ratings)
	if t.Ratings > 0 {
		g := float64(t.Stars) / float64(3*t.Ratings)
		f.MeanGrade = &g
	}
	f.OnTimeRate = ratio(t.OnTime, t.Replied)
	f.MedianDays = percentile(t.hist, 500)
	f.P90Days = percentile(t.hist, 900)
	return f
}

// ratio is a / b, nil when b is zero.
func ratio(a, b int64) *float64 {
	if b == 0 {
		return nil
	}
	r := float64(a) / float64(b)
	return &r
}

// percentile is the nearest-rank quantile of a histogram, q in thousandths:
// the smallest value such that at least q‰ of the counts lie at or below it. It is
// always a value that occurred, so a median of working days is a whole
// number of days.
func percentile(hist map[int]int64, q int64) *int {
	var total int64
	keys := make([]int, 0, len(hist))
	for d, n := range hist {
		total += n
		keys = append(keys, d)
	}
	if total == 0 {
		return nil
	}
	slices.Sort(keys)
	// rank = ceil(q‰ × total), at least 1, in integers to stay exact.
	rank := max((q*total+999)/1000, 1)
	var seen int64
	for _, d := range keys {
		seen += hist[d]
		if seen >= rank {
			return &d
		}
	}
	return &keys[len(keys)-1]
}

// YoY is 同比 = (X − X a year before) / X a year before, per figure; nil
// where the year before has no value or a zero one.
type YoY map[string]*float64

// yoy compares the figures of a period with those of the year before.
func yoy(cur, prev Figures) YoY {
	out := YoY{}
	for name, pair := range map[string][2]*float64{
		"messages":     {num(cur.Messages), num(prev.Messages)},
		"replies":      {num(cur.Replies), num(prev.Replies)},
		"reply_rate":   {cur.ReplyRate, prev.ReplyRate},
		"cohort_rate":  {cur.CohortRate, prev.CohortRate},
		"ratings":      {num(cur.Ratings), num(prev.Ratings)},
		"satisfaction": {cur.Satisfaction, prev.Satisfaction},
		"median_days":  {intNum(cur.MedianDays), intNum(prev.MedianDays)},
		"p90_days":     {intNum(cur.P90Days), intNum(prev.P90Days)},
		"on_time_rate": {cur.OnTimeRate, prev.OnTimeRate},
		"followups":    {num(cur.Followups), num(prev.Followups)},
	} {
		out[name] = change(pair[0], pair[1])
	}
	return out
}

// change is (cur − prev) / prev.
func change(cur, prev *float64) *float64 {
	if cur == nil || prev == nil || *prev == 0 {
		return nil
	}
	c := (*cur - *prev) / *prev
	return &c
}

func num(n int64) *float64 {
	f := float64(n)
	return &f
}

func intNum(n *int) *float64 {
	if n == nil {
		return nil
	}
	return num(int64(*n))
}
