package bench

import (
	"context"
	"time"

	"liuyan/internal/region"
	"liuyan/internal/stats"
	"liuyan/internal/store"
)

// naiveRules counts handling times by the service's rules, with each
// type's handling days from the store's lists (the synthetic boards keep
// the default deadlines).
func naiveRules(ctx context.Context, svc *stats.Service) (store.NaiveRules, error) {
	r := svc.Rules
	lists, err := svc.Store.LoadVocab(ctx, r.Policy)
	if err != nil {
		return store.NaiveRules{}, err
	}
	policy := lists.Default()
	return store.NaiveRules{
		Deadline: func(typ string, published time.Time) time.Time {
			return policy.Deadline(r.Calendar, typ, published, 0)
		},
		Workdays: r.Calendar.WorkdaysBetween,
	}, nil
}

// NaiveSummary does what stats.Service.Summary does for the whole country
// without rollups: the period's figures and the year before's straight
// from the raw rows, overdue now and the joined units. It returns the
// period's counts, to check against the rollups.
func NaiveSummary(ctx context.Context, svc *stats.Service, p stats.Period) (store.NaiveCounts, error) {
	var cur store.NaiveCounts
	for i, q := range []stats.Period{p, p.YearBefore()} {
		rules, err := naiveRules(ctx, svc)
		if err != nil {
			return cur, err
		}
		g, err := svc.Store.NaiveStats(ctx, q.From, q.To, 0, 0, rules)
		if err != nil {
			return cur, err
		}
		if i == 0 {
			cur = g[""]
			if _, ok := g[""]; !ok {
				cur.MedianDays, cur.P90Days = -1, -1
			}
		}
	}
	if _, err := svc.Store.StatsOverdue(ctx, store.OverdueFilter{}, svc.Clock()); err != nil {
		return cur, err
	}
	_, _, err := svc.Store.CountBoardsJoined(ctx, "", p.From, p.To)
	return cur, err
}

// NaiveBoard does what stats.Service.Totals does for one board without
// rollups: the period's figures of the board's messages straight from the
// raw rows.
func NaiveBoard(ctx context.Context, svc *stats.Service, boardID int64, p stats.Period) (store.NaiveCounts, error) {
	rules, err := naiveRules(ctx, svc)
	if err != nil {
		return store.NaiveCounts{}, err
	}
	g, err := svc.Store.NaiveStats(ctx, p.From, p.To, 0, boardID, rules)
	if err != nil {
		return store.NaiveCounts{}, err
	}
	v, ok := g[""]
	if !ok {
		v.MedianDays, v.P90Days = -1, -1
	}
	return v, nil
}

// NaiveRanking computes the province ranking's inputs from the raw rows,
// keyed by province code.
func NaiveRanking(ctx context.Context, svc *stats.Service, p stats.Period) (map[string]store.NaiveCounts, error) {
	return naiveByPrefix(ctx, svc, p, 2, func(prefix string) (string, bool) { return prefix + "0000", true })
}

// NaiveCityRanking computes the country-wide city ranking's inputs from the
// raw rows, keyed by city code: grouped by the first four digits of the
// board's region, which a city shares with its counties (the counties a
// province holds directly, and the provinces' own boards, fall under no
// city and are dropped, as the ranking drops them).
func NaiveCityRanking(ctx context.Context, svc *stats.Service, p stats.Period) (map[string]store.NaiveCounts, error) {
	return naiveByPrefix(ctx, svc, p, 4, func(prefix string) (string, bool) {
		r, ok := region.Get(prefix + "00")
		return r.Code, ok && r.Level == region.City
	})
}

// naiveByPrefix counts the raw rows grouped by the first digits of the
// board's region code, keyed by the region code each prefix names (ok
// false drops the prefix), and counts the boards per region as the
// ranking does.
func naiveByPrefix(ctx context.Context, svc *stats.Service, p stats.Period, digits int, key func(prefix string) (string, bool)) (map[string]store.NaiveCounts, error) {
	rules, err := naiveRules(ctx, svc)
	if err != nil {
		return nil, err
	}
	g, err := svc.Store.NaiveStats(ctx, p.From, p.To, digits, 0, rules)
	if err != nil {
		return nil, err
	}
	if _, err := svc.Store.BoardsPerRegion(ctx, "", p.To, digits == 2); err != nil {
		return nil, err
	}
	out := make(map[string]store.NaiveCounts, len(g))
	for prefix, v := range g {
		if code, ok := key(prefix); ok {
			out[code] = v
		}
	}
	return out, nil
}

// SummaryCounts are the counts of a summary from the rollups, in the shape
// NaiveSummary returns.
func SummaryCounts(f stats.Figures) store.NaiveCounts {
	v := store.NaiveCounts{Messages: f.Messages, Replies: f.Replies, Cohort: f.Cohort, Ratings: f.Ratings, Good: f.Good,
		OnTime: f.OnTime, MedianDays: -1, P90Days: -1}
	if f.MedianDays != nil {
		v.MedianDays, v.P90Days = *f.MedianDays, *f.P90Days
	}
	return v
}

// RankingCounts are what a ranking is made of per province, in the shape
// NaiveRanking returns, with the fields both ways know (the ranking keeps
// satisfaction as a share and only the median of handling times).
func RankingCounts(r *stats.Ranking) map[string]store.NaiveCounts {
	out := map[string]store.NaiveCounts{}
	for _, it := range r.Items {
		in := store.NaiveCounts{Messages: it.Inputs.Messages, Replies: it.Inputs.Replies, Ratings: it.Inputs.Ratings, MedianDays: -1}
		if it.Inputs.Satisfaction != nil {
			in.Good = int64(*it.Inputs.Satisfaction*float64(in.Ratings) + 0.5)
		}
		if it.Inputs.MedianDays != nil {
			in.MedianDays = *it.Inputs.MedianDays
		}
		if in.Messages+in.Replies+in.Ratings > 0 {
			out[it.Code] = in
		}
	}
	return out
}

// Comparable strips from naive ranking counts what RankingCounts cannot
// know, so the two compare equal when the figures agree.
func Comparable(naive map[string]store.NaiveCounts) map[string]store.NaiveCounts {
	out := make(map[string]store.NaiveCounts, len(naive))
	for k, v := range naive {
		out[k] = store.NaiveCounts{Messages: v.Messages, Replies: v.Replies, Ratings: v.Ratings, Good: v.Good, MedianDays: v.MedianDays}
	}
	return out
}
