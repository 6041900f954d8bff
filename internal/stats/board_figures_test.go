package stats_test

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"testing"

	"liuyan/internal/region"
	"liuyan/internal/stats"
	"liuyan/internal/store"
)

// compareBoardFigures checks the figures of board scopes, which read the
// board rollup for whole months and the day cells at the ends, against
// the recomputed day cells: for the limit boards with the most messages,
// each alone and within its province and its own region, over every
// period named and since the start (the board page's figures), and by
// month and by region over the periods named.
func compareBoardFigures(t *testing.T, svc *stats.Service, want map[store.StatsKey]store.StatsCounts, limit int, periods ...string) {
	t.Helper()
	ctx := context.Background()
	published := map[int64]int64{}
	regionOf := map[int64]string{}
	for k, c := range want {
		if k.Tag == "" {
			published[k.BoardID] += c.Published
			regionOf[k.BoardID] = k.RegionCode
		}
	}
	boards := slices.SortedFunc(maps.Keys(published), func(a, b int64) int {
		return cmp.Or(cmp.Compare(published[b], published[a]), cmp.Compare(a, b))
	})
	boards = boards[:min(limit, len(boards))]
	ps := []stats.Period{stats.SinceStart(svc.Clock())}
	for _, name := range periods {
		p, err := stats.ParsePeriod(name)
		if err != nil {
			if p, err = stats.Between(name[:10], name[12:]); err != nil {
				t.Fatalf("period %s: %v", name, err)
			}
		}
		ps = append(ps, p)
	}
	compared := 0
	for _, id := range boards {
		code := regionOf[id]
		for _, sc := range []stats.Scope{{BoardID: id}, {BoardID: id, Region: code[:2] + "0000"}, {BoardID: id, Region: code}} {
			for _, p := range ps {
				got, err := svc.Totals(ctx, sc, p)
				if err != nil {
					t.Fatal(err)
				}
				if w := expectedBoardFigures(want, id, sc.Region, dayNumber(p.From), dayNumber(p.To)); showFigures(got) != w {
					t.Errorf("board %d in %q, %s–%s: from the rollups %s, recomputed %s", id, sc.Region, p.From.Format("2006-01-02"), p.To.Format("2006-01-02"), showFigures(got), w)
				}
				if got.Messages > 0 {
					compared++
				}
			}
		}
		// By month the rollup's months and the day cells at the ends are
		// told apart by the same keys; by region (the provinces of the
		// country) its regions are.
		for _, p := range ps[1:] {
			from, to := dayNumber(p.From), dayNumber(p.To)
			months, err := svc.Breakdown(ctx, stats.Scope{BoardID: id}, p, stats.ByMonth)
			if err != nil {
				t.Fatal(err)
			}
			for _, g := range months.Groups {
				m, _ := strconv.Atoi(g.Key)
				first, next := m*100+1, (m+1)*100+1
				if m%100 == 12 {
					next = (m/100+1)*10000 + 101
				}
				if w := expectedBoardFigures(want, id, "", max(from, first), min(to, next)); showFigures(g.Figures) != w {
					t.Errorf("board %d, month %s of %s–%s: from the rollups %s, recomputed %s", id, g.Key, p.From.Format("2006-01-02"), p.To.Format("2006-01-02"), showFigures(g.Figures), w)
				}
			}
			regions, err := svc.Breakdown(ctx, stats.Scope{BoardID: id}, p, stats.ByRegion)
			if err != nil {
				t.Fatal(err)
			}
			for _, g := range regions.Groups {
				if w := expectedBoardFigures(want, id, g.Key, from, to); showFigures(g.Figures) != w {
					t.Errorf("board %d, region %s of %s–%s: from the rollups %s, recomputed %s", id, g.Key, p.From.Format("2006-01-02"), p.To.Format("2006-01-02"), showFigures(g.Figures), w)
				}
			}
		}
	}
	if compared < 3*len(boards) {
		t.Errorf("only %d board scopes with messages compared for %d boards", compared, len(boards))
	}
}

// expectedBoardFigures sums the board's untagged cells of the days [from,
// to) within a region and writes out the figures as showFigures does.
func expectedBoardFigures(want map[store.StatsKey]store.StatsCounts, board int64, within string, from, to int) string {
	var sum store.StatsCounts
	hist := map[int]int64{}
	for k, c := range want {
		if k.Tag != "" || k.BoardID != board || k.Day < from || k.Day >= to || within != "" && !region.Within(k.RegionCode, within) {
			continue
		}
		sum.Add(c)
		if k.Days >= 0 {
			hist[k.Days] += c.Replied
		}
	}
	grade := "nil"
	if sum.Ratings > 0 {
		grade = fmt.Sprint(float64(sum.Stars) / float64(3*sum.Ratings))
	}
	return fmt.Sprint(sum.Published, sum.Replied, sum.Cohort, sum.Ratings, sum.Good, sum.OnTime, sum.Followups,
		share(sum.Replied, sum.Published), share(sum.Cohort, sum.Published), share(sum.Good, sum.Ratings), grade,
		share(sum.OnTime, sum.Replied), nearestRank(hist, 500), nearestRank(hist, 900))
}

// showFigures writes out a board scope's figures for comparing.
func showFigures(f stats.Figures) string {
	return fmt.Sprint(f.Messages, f.Replies, f.Cohort, f.Ratings, f.Good, f.OnTime, f.Followups,
		show(f.ReplyRate), show(f.CohortRate), show(f.Satisfaction), show(f.MeanGrade),
		show(f.OnTimeRate), showInt(f.MedianDays), showInt(f.P90Days))
}

// nearestRank is the smallest number of days with at least q‰ of the
// replies at or below it, -1 without replies.
func nearestRank(hist map[int]int64, q int64) int {
	var total, seen int64
	for _, n := range hist {
		total += n
	}
	if total == 0 {
		return -1
	}
	for _, d := range slices.Sorted(maps.Keys(hist)) {
		if seen += hist[d]; 1000*seen >= q*total {
			return d
		}
	}
	return -1
}
