package stats_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"liuyan/internal/calendar"
	"liuyan/internal/region"
	"liuyan/internal/stats"
	"liuyan/internal/store"
)

// compareRankings checks the city and county rankings, country-wide and
// under a parent, for each period against the same inputs worked out from
// want, the cells recomputed from the raw messages and their logs: 留言量,
// 回复量, 追问, 评价, the rates and the median 办理时长 of every region.
// The periods are chosen by the caller to cover whole half-years, whole
// months and days at either end, which the rankings read from different
// rollups.
func compareRankings(t *testing.T, svc *stats.Service, want map[store.StatsKey]store.StatsCounts, parents map[region.Level]string, periods ...string) {
	t.Helper()
	ctx := context.Background()
	compared := 0
	for _, name := range periods {
		p, err := stats.ParsePeriod(name)
		if err != nil {
			if p, err = stats.Between(name[:10], name[12:]); err != nil {
				t.Fatalf("period %s: %v", name, err)
			}
		}
		from, to := dayNumber(p.From), dayNumber(p.To)
		for _, level := range []region.Level{region.City, region.County} {
			for _, parent := range []string{"", parents[level]} {
				got, err := svc.Rank(ctx, p, stats.RankOptions{Level: level, Parent: parent, Weights: stats.DefaultWeights, MinVolume: 1})
				if err != nil {
					t.Fatal(err)
				}
				expected := expectedInputs(want, level, parent, from, to)
				candidates := 0
				for _, r := range region.All() {
					if r.Level == level && (parent == "" || region.Within(r.Code, parent)) {
						candidates++
					}
				}
				if len(got.Items) != candidates {
					t.Errorf("%s %s under %q: %d items, %d regions", name, level, parent, len(got.Items), candidates)
				}
				for _, it := range got.Items {
					in := it.Inputs
					g := fmt.Sprint(in.Messages, in.Replies, in.Followups, in.Ratings, show(in.ReplyRate), show(in.OnTimeRate), show(in.Satisfaction), showInt(in.MedianDays))
					if w := expected[it.Code]; g != w {
						t.Errorf("%s %s under %q, %s %s: ranked from %s, recomputed %s", name, level, parent, it.Code, it.Name, g, w)
					}
					if in.Messages > 0 {
						compared++
					}
				}
			}
		}
	}
	if compared < 20 {
		t.Errorf("only %d regions with messages compared", compared)
	}
}

// expectedInputs sums the untagged cells of the days [from, to) under each
// region at level (within parent) that holds the board's region, and
// writes out the inputs as compareRankings compares them.
func expectedInputs(want map[store.StatsKey]store.StatsCounts, level region.Level, parent string, from, to int) map[string]string {
	type sum struct {
		store.StatsCounts
		hist map[int]int64
	}
	sums := map[string]*sum{}
	for k, c := range want {
		if k.Tag != "" || k.Day < from || k.Day >= to {
			continue
		}
		code := ""
		for _, r := range region.Path(k.RegionCode) {
			if r.Level == level && (parent == "" || region.Within(r.Code, parent)) {
				code = r.Code
			}
		}
		if code == "" {
			continue
		}
		s := sums[code]
		if s == nil {
			s = &sum{hist: map[int]int64{}}
			sums[code] = s
		}
		s.Add(c)
		if k.Days >= 0 {
			s.hist[k.Days] += c.Replied
		}
	}
	out := map[string]string{}
	for _, r := range region.All() {
		s := sums[r.Code]
		if s == nil {
			s = &sum{}
		}
		median := -1
		var total, seen int64
		for _, n := range s.hist {
			total += n
		}
		days := make([]int, 0, len(s.hist))
		for d := range s.hist {
			days = append(days, d)
		}
		slices.Sort(days)
		for _, d := range days { // the smallest days with at least half the replies at or below
			if seen += s.hist[d]; total > 0 && 2*seen >= total {
				median = d
				break
			}
		}
		out[r.Code] = fmt.Sprint(s.Published, s.Replied, s.Followups, s.Ratings, share(s.Replied, s.Published), share(s.OnTime, s.Replied),
			share(s.Good, s.Ratings), median)
	}
	return out
}

// dayNumber is the China date of t as yyyymmdd, as the cells key days.
func dayNumber(t time.Time) int {
	y, m, d := t.In(calendar.China).Date()
	return y*10000 + int(m)*100 + d
}

// share writes a / b as the ranking works it out, "nil" when b is zero.
func share(a, b int64) string {
	if b == 0 {
		return "nil"
	}
	return fmt.Sprint(float64(a) / float64(b))
}

func show(v *float64) string {
	if v == nil {
		return "nil"
	}
	return fmt.Sprint(*v)
}

func showInt(v *int) int {
	if v == nil {
		return -1
	}
	return *v
}
