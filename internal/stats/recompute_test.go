package stats_test

import (
	"context"
	"fmt"
	"sort"
	"testing"
	"time"

	"liuyan/internal/board"
	"liuyan/internal/calendar"
	"liuyan/internal/lifecycle"
	"liuyan/internal/message"
	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
)

// recompute derives every rollup cell from scratch, message by message,
// from the messages, their logs and their ratings, without the fold.
func recompute(t testing.TB, w *world) (map[store.StatsKey]store.StatsCounts, map[int64]time.Time) {
	t.Helper()
	ctx := context.Background()
	cal := w.svc.Rules.Calendar
	lists, err := w.desk.Lists(ctx)
	if err != nil {
		t.Fatal(err)
	}
	cells := map[store.StatsKey]store.StatsCounts{}
	firsts := map[int64]time.Time{}
	day := func(t time.Time) int {
		y, m, d := t.In(calendar.China).Date()
		return y*10000 + int(m)*100 + d
	}
	for _, m := range storetest.AllMessages(t, w.s) {
		policy := lists.Policy(m.BoardID)
		add := func(at time.Time, unit int64, days int, c store.StatsCounts) {
			for _, tag := range append([]string{""}, m.Tags...) {
				k := store.StatsKey{Day: day(at), RegionCode: m.RegionCode, BoardID: m.BoardID, UnitID: unit,
					Type: m.Type, Domain: m.Domain, Tag: tag, Days: days}
				v := cells[k]
				v.Add(c)
				cells[k] = v
			}
		}
		es, err := w.s.Events(ctx, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		replies, err := w.s.Replies(ctx, m.ID, false)
		if err != nil {
			t.Fatal(err)
		}
		// quality is the score of the final reply published by an event at.
		quality := func(at time.Time) store.StatsCounts {
			var c store.StatsCounts
			for _, r := range replies {
				if r.Kind == message.Final && !r.CreatedAt.After(at) && r.Quality != nil {
					c = store.StatsCounts{Scored: 1, Quality: int64(*r.Quality)}
				}
			}
			return c
		}
		// deadline is the one in force, step by step: the type's days from
		// publication, moved on by an extension, replaced by a 督办's.
		var deadline time.Time
		replied := false
		for _, e := range es {
			switch e.Action {
			case lifecycle.Accept:
				if !e.At.Equal(m.PublishedAt) {
					t.Fatalf("message %d published at %v, accepted at %v", m.ID, m.PublishedAt, e.At)
				}
				deadline = policy.Deadline(cal, m.Type, m.PublishedAt, 0)
				add(e.At, 0, -1, store.StatsCounts{Published: 1})
			case lifecycle.Assign, lifecycle.Transfer:
				add(e.At, e.UnitID, -1, store.StatsCounts{Received: 1})
			case lifecycle.Followup:
				add(e.At, e.UnitID, -1, store.StatsCounts{Followups: 1})
			case lifecycle.ApproveExtend:
				if !replied {
					deadline = policy.Extended(cal, deadline, m.ExtensionDays)
				}
			case lifecycle.SuperviseFormal:
				if !replied {
					deadline = e.Deadline
					if d := cal.WorkdaysBetween(e.At, deadline); d < 1 || d > policy.MaxSupervision || !deadline.Equal(policy.Supervised(cal, e.At, d)) {
						t.Fatalf("message %d supervised at %v to %v", m.ID, e.At, deadline)
					}
				}
			case lifecycle.Rate:
				r, err := w.s.Rating(ctx, m.ID)
				if err != nil || r == nil {
					t.Fatalf("rating of %d: %v", m.ID, err)
				}
				c := store.StatsCounts{Ratings: 1, Stars: int64(r.Resolution + r.Attitude + r.Speed)}
				if float64(r.Resolution+r.Attitude+r.Speed)/3 > 3 {
					c.Good = 1
				}
				add(e.At, e.UnitID, -1, c)
			}
			if e.To != lifecycle.Replied || e.From == lifecycle.Replied {
				continue
			}
			if replied {
				if q := quality(e.At); !q.IsZero() {
					add(e.At, e.UnitID, -1, q)
				}
				continue
			}
			replied = true
			if !e.At.Equal(m.FirstReplyAt) {
				t.Fatalf("message %d first replied at %v, its log says %v", m.ID, m.FirstReplyAt, e.At)
			}
			c := quality(e.At)
			c.Replied = 1
			if !e.At.After(deadline) {
				c.OnTime = 1
			}
			add(e.At, e.UnitID, cal.WorkdaysBetween(m.PublishedAt, e.At), c)
			add(m.PublishedAt, 0, -1, store.StatsCounts{Cohort: 1})
			if f, ok := firsts[m.BoardID]; !ok || e.At.Before(f) {
				firsts[m.BoardID] = e.At
			}
		}
	}
	return cells, firsts
}

// compareCells checks the daily, monthly, half-year and board rollups against want, and
// that the mix reached every part of the lifecycle (reply scores when scored).
func compareCells(t *testing.T, s *store.Store, want map[store.StatsKey]store.StatsCounts, scored bool) {
	t.Helper()
	ctx := context.Background()
	cells, err := s.StatsCells(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := map[store.StatsKey]store.StatsCounts{}
	for _, c := range cells {
		got[c.StatsKey] = c.StatsCounts
	}
	var diffs []string
	for k, v := range want {
		if got[k] != v {
			diffs = append(diffs, fmt.Sprintf("%+v: rollup %+v, recomputed %+v", k, got[k], v))
		}
	}
	for k, v := range got {
		if _, ok := want[k]; !ok {
			diffs = append(diffs, fmt.Sprintf("%+v: rollup %+v, recomputed nothing", k, v))
		}
	}
	type mk struct {
		month  int
		region string
		days   int
	}
	wantMonths := map[mk]store.StatsCounts{}
	var total store.StatsCounts
	for k, v := range want {
		if k.Tag == "" {
			m := wantMonths[mk{k.Day / 100, k.RegionCode, k.Days}]
			m.Add(v)
			wantMonths[mk{k.Day / 100, k.RegionCode, k.Days}] = m
			total.Add(v)
		}
	}
	wantProvinces := map[mk]store.StatsCounts{}
	for k, v := range wantMonths {
		p := wantProvinces[mk{k.month, k.region[:2], k.days}]
		p.Add(v)
		wantProvinces[mk{k.month, k.region[:2], k.days}] = p
	}
	for _, byProvince := range []bool{false, true} {
		want := wantMonths
		if byProvince {
			want = wantProvinces
		}
		months, err := s.StatsMonthCells(ctx, byProvince)
		if err != nil {
			t.Fatal(err)
		}
		if len(months) != len(want) {
			diffs = append(diffs, fmt.Sprintf("%d monthly cells (by province: %v), recomputed %d", len(months), byProvince, len(want)))
		}
		for _, c := range months {
			if w := want[mk{c.Month, c.RegionCode, c.Days}]; w != c.StatsCounts {
				diffs = append(diffs, fmt.Sprintf("month %d %s %d: rollup %+v, recomputed %+v", c.Month, c.RegionCode, c.Days, c.StatsCounts, w))
			}
		}
	}
	var monthCells []store.StatsMonthCell
	for k, v := range wantMonths {
		monthCells = append(monthCells, store.StatsMonthCell{Month: k.month, RegionCode: k.region, Days: k.days, StatsCounts: v})
	}
	diffs = append(diffs, compareHalves(t, s, monthCells)...)
	diffs = append(diffs, compareBoardMonths(t, s, want)...)
	sort.Strings(diffs)
	for i, d := range diffs {
		if i == 20 {
			t.Errorf("… and %d more", len(diffs)-20)
			break
		}
		t.Error(d)
	}
	// Generated histories carry no reply-quality scores (internal/gen does
	// not score replies); the random mix of live actions does.
	if total.Published < 1000 || total.Replied < 300 || (scored && total.Scored < 300) || total.Ratings < 100 || total.Followups < 50 || total.Received < 500 {
		t.Errorf("the mix reached too little of the lifecycle: %+v", total)
	}
	t.Logf("%d cells agree; totals %+v", len(want), total)
}

// compareFirsts checks the boards' first replies.
func compareFirsts(t *testing.T, s *store.Store, want map[int64]time.Time) {
	t.Helper()
	ever := [2]time.Time{time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)}
	got := map[int64]time.Time{}
	for _, kind := range []board.Kind{board.Leader, board.Department} {
		fs, err := s.FirstRepliers(context.Background(), "", kind, ever[0], ever[1])
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range fs {
			got[f.ID] = f.FirstReplyAt
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d boards with a first reply, recomputed %d", len(got), len(want))
	}
	for id, at := range want {
		if !got[id].Equal(at) {
			t.Errorf("board %d first replied at %v, recomputed %v", id, got[id], at)
		}
	}
}

// compareHalves checks the half-year rollup against the recomputed monthly
// cells summed by half-year and region, histogram included.
func compareHalves(t *testing.T, s *store.Store, months []store.StatsMonthCell) []string {
	t.Helper()
	type hk struct {
		half   int
		region string
	}
	want := map[hk]store.StatsHalfCell{}
	for _, m := range months {
		key := hk{m.Month/100*10 + 1 + (m.Month%100-1)/6, m.RegionCode}
		c := want[key]
		c.Half, c.RegionCode = key.half, key.region
		c.Add(m.StatsCounts)
		if m.Days >= 0 && m.Replied != 0 {
			if c.Hist == nil {
				c.Hist = map[int]int64{}
			}
			c.Hist[m.Days] += m.Replied
		}
		want[key] = c
	}
	got, err := s.StatsHalfCells(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var diffs []string
	if len(got) != len(want) {
		diffs = append(diffs, fmt.Sprintf("%d half-year rows, recomputed %d", len(got), len(want)))
	}
	for _, c := range got {
		w := want[hk{c.Half, c.RegionCode}]
		if w.StatsCounts != c.StatsCounts || len(w.Hist)+len(c.Hist) > 0 && fmt.Sprint(w.Hist) != fmt.Sprint(c.Hist) {
			diffs = append(diffs, fmt.Sprintf("half %d %s: rollup %+v %v, recomputed %+v %v", c.Half, c.RegionCode, c.StatsCounts, c.Hist, w.StatsCounts, w.Hist))
		}
	}
	return diffs
}

// compareBoardMonths checks the board rollup against the recomputed
// untagged day cells summed by board, month and region, histogram included.
func compareBoardMonths(t *testing.T, s *store.Store, cells map[store.StatsKey]store.StatsCounts) []string {
	t.Helper()
	type bk struct {
		board  int64
		month  int
		region string
	}
	want := map[bk]store.StatsBoardMonthCell{}
	for k, v := range cells {
		if k.Tag != "" {
			continue
		}
		key := bk{k.BoardID, k.Day / 100, k.RegionCode}
		c := want[key]
		c.BoardID, c.Month, c.RegionCode = key.board, key.month, key.region
		c.Add(v)
		if k.Days >= 0 && v.Replied != 0 {
			if c.Hist == nil {
				c.Hist = map[int]int64{}
			}
			c.Hist[k.Days] += v.Replied
		}
		want[key] = c
	}
	got, err := s.StatsBoardMonthCells(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var diffs []string
	if len(got) != len(want) {
		diffs = append(diffs, fmt.Sprintf("%d board-month rows, recomputed %d", len(got), len(want)))
	}
	for _, c := range got {
		w := want[bk{c.BoardID, c.Month, c.RegionCode}]
		if w.StatsCounts != c.StatsCounts || len(w.Hist)+len(c.Hist) > 0 && fmt.Sprint(w.Hist) != fmt.Sprint(c.Hist) {
			diffs = append(diffs, fmt.Sprintf("board %d month %d %s: rollup %+v %v, recomputed %+v %v", c.BoardID, c.Month, c.RegionCode, c.StatsCounts, c.Hist, w.StatsCounts, w.Hist))
		}
	}
	return diffs
}
