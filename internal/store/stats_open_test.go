package store_test

import (
	"context"
	"testing"
	"time"

	"liuyan/internal/calendar"
	"liuyan/internal/lifecycle"
	"liuyan/internal/stats"
	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
)

// TestOpenLogMovedInChunks: a refresh moves a log of open messages longer
// than a chunk (SQLite moves it a chunk a transaction) into the kept
// counts whole, and "overdue now" counts every open message once, those
// of the first message's county and those of the others.
func TestOpenLogMovedInChunks(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := setup(t, s)
		const open = 2345 // over two chunks of 1,000
		deadline := time.Date(2026, 6, 15, 18, 0, 0, 0, time.UTC)
		err := s.InTx(ctx, func(tx *store.Tx) error {
			for i := range open {
				m := newMessage(f, true, "")
				if i%3 == 0 {
					m.RegionCode = "330106" // 西湖区, on the same board
				}
				if _, err := tx.InsertMessage(ctx, m); err != nil {
					return err
				}
				m.Status, m.ClockStart, m.Deadline = lifecycle.Published, m.CreatedAt, deadline
				if err := tx.UpdateMessage(ctx, m); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if n := count(t, s, "SELECT COUNT(*) FROM stats_open_log"); n != open {
			t.Fatalf("the open messages' log holds %d entries, want %d", n, open)
		}
		rules := stats.Rules{Calendar: calendar.Default(), Policy: lifecycle.DefaultPolicy()}
		if rules.Boards, err = s.LoadVocab(ctx, rules.Policy); err != nil {
			t.Fatal(err)
		}
		if _, err := (&stats.Service{Store: s, Rules: rules}).Refresh(ctx); err != nil {
			t.Fatal(err)
		}
		if n := count(t, s, "SELECT COUNT(*) FROM stats_open_log"); n != 0 {
			t.Errorf("%d entries of the open messages' log were left after a refresh", n)
		}
		later := deadline.Add(24 * time.Hour)
		for _, c := range []struct {
			f    store.OverdueFilter
			want int64
		}{
			{store.OverdueFilter{}, open},
			{store.OverdueFilter{BoardID: f.board.ID}, open},
			{store.OverdueFilter{RegionPrefix: "330106"}, (open + 2) / 3},
			{store.OverdueFilter{RegionPrefix: "330114"}, open - (open+2)/3},
		} {
			got, err := s.StatsOverdue(ctx, c.f, later)
			if err != nil {
				t.Fatal(err)
			}
			if got != c.want {
				t.Errorf("overdue within %+v: %d, want %d", c.f, got, c.want)
			}
		}
	})
}

// count runs a query of one integer on a reader.
func count(t *testing.T, s *store.Store, q string, args ...any) int64 {
	t.Helper()
	rows, err := s.QueryForTest(context.Background(), q, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var n int64
	if !rows.Next() {
		t.Fatalf("%s: no row", q)
	}
	if err := rows.Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
