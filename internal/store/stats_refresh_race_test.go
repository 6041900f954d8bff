package store_test

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"testing"

	"liuyan/internal/bench"
	"liuyan/internal/calendar"
	"liuyan/internal/lifecycle"
	"liuyan/internal/stats"
	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
)

// TestStaleWatermarkFoldsNothingTwice is a refresh that read the
// PostgreSQL watermark, then waited while another refresh folded
// everything, moved the watermark and forgot the folded transactions
// below it: its next chunk must find nothing to fold. Before the chunk
// read the watermark again under the lock, it folded those transactions
// a second time (seen as doubled counts with concurrent refreshers).
func TestStaleWatermarkFoldsNothingTwice(t *testing.T) {
	s := storetest.Postgres(t)
	ctx := context.Background()
	rules := stats.Rules{Calendar: calendar.Default(), Policy: lifecycle.DefaultPolicy()}
	var err error
	if rules.Boards, err = s.LoadVocab(ctx, rules.Policy); err != nil {
		t.Fatal(err)
	}
	rows, err := s.QueryForTest(ctx, "SELECT xid_lo FROM stats_state WHERE id = 1")
	if err != nil {
		t.Fatal(err)
	}
	var stale int64
	for rows.Next() {
		if err := rows.Scan(&stale); err != nil {
			t.Fatal(err)
		}
	}
	rows.Close()
	if _, err := bench.Synthetic(ctx, s, 50, rules); err != nil {
		t.Fatal(err)
	}
	svc := &stats.Service{Store: s, Rules: rules}
	folded, err := svc.Refresh(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if folded == 0 {
		t.Fatal("the synthetic board logged no events to fold")
	}
	before, err := s.StatsCells(ctx)
	if err != nil {
		t.Fatal(err)
	}
	n, err := s.RefreshChunkForTest(ctx, stale, rules.Fold)
	if err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Fatalf("a chunk from a stale watermark folded %d events that were folded already", n)
	}
	after, err := s.StatsCells(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(sorted(after)) != fmt.Sprint(sorted(before)) {
		t.Fatal("the rollup cells changed after a chunk from a stale watermark")
	}
}

// sorted orders rollup cells by their key, for comparing two readings.
func sorted(cells []store.StatsCell) []store.StatsCell {
	return slices.SortedFunc(slices.Values(cells), func(a, b store.StatsCell) int {
		return cmp.Compare(fmt.Sprint(a.StatsKey), fmt.Sprint(b.StatsKey))
	})
}
