package stats_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"liuyan/internal/calendar"
	"liuyan/internal/gen"
	"liuyan/internal/region"
	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
)

// TestRollupsOverGeneratedHistory checks that a generated history
// (internal/gen, written through the bulk path and folded as it is written)
// leaves the rollups equal to a recomputation from the raw messages and
// their logs with nothing left to fold, and that events written after it,
// and beside a second generation by lifecycle actions and a refresher
// running at the same time, are folded once each, on both stores; and
// that the city and county rankings, "overdue now" and the figures of the
// busiest boards agree with the recomputation.
func TestRollupsOverGeneratedHistory(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		w := newWorld(t, s, time.Date(2024, 12, 2, 9, 0, 0, 0, calendar.China))
		sum, err := gen.Run(ctx, s, gen.Options{Messages: 2500, Seed: 11, Batch: 600})
		if err != nil {
			t.Fatal(err)
		}
		if sum.Unfolded != 0 {
			t.Fatalf("%d messages of a quiet store were left to the fold", sum.Unfolded)
		}
		if pending, err := s.StatsPending(ctx); err != nil || pending {
			t.Fatalf("events wait to be folded after gen (%v, %v)", pending, err)
		}
		want, firsts := recompute(t, w)
		compareCells(t, s, want, false)
		compareFirsts(t, s, firsts)
		if compareOverdue(t, w) == 0 {
			t.Error("the generated history left no message overdue")
		}

		// Generate again while two workers act on messages of their own
		// and a refresher folds whenever it likes.
		var done atomic.Int64
		var writers sync.WaitGroup
		errs := make(chan error, 4)
		writers.Add(3)
		go func() {
			defer writers.Done()
			_, err := gen.Run(ctx, s, gen.Options{Messages: 1500, Seed: 12, Batch: 200})
			errs <- err
		}()
		for worker := range 2 {
			go func() {
				defer writers.Done()
				errs <- w.randomActions(ctx, uint64(worker), 600, &done)
			}()
		}
		stop := make(chan struct{})
		refreshed := make(chan struct{})
		go func() {
			defer close(refreshed)
			for {
				select {
				case <-stop:
					return
				case <-time.After(20 * time.Millisecond):
				}
				if _, err := w.svc.Refresh(ctx); err != nil {
					errs <- err
					return
				}
			}
		}()
		writers.Wait()
		close(stop)
		<-refreshed
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		if _, err := w.svc.Refresh(ctx); err != nil {
			t.Fatal(err)
		}
		want, firsts = recompute(t, w)
		compareCells(t, s, want, false)
		compareFirsts(t, s, firsts)
		compareOverdue(t, w)
		compareRankings(t, w.svc, want, map[region.Level]string{region.City: "330000", region.County: "330100"},
			"2020H1", "2020", "2019-12-15..2020-08-20")
		compareBoardFigures(t, w.svc, want, 40, "2020H1", "2020", "2019-12-15..2020-08-20", "2020-03-01..2020-03-31")
	})
}
