package stats_test

import (
	"context"
	"testing"

	"liuyan/internal/calendar"
	"liuyan/internal/gen"
	"liuyan/internal/lifecycle"
	"liuyan/internal/stats"
	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
	"liuyan/internal/workflow"
)

// TestRollupsOverGeneratedHistory folds a generated history (internal/gen,
// written through the bulk path) and checks every rollup cell and every
// board's first reply against a recomputation from the raw messages and
// their logs, on both stores.
func TestRollupsOverGeneratedHistory(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if _, err := gen.Run(ctx, s, gen.Options{Messages: 2500, Seed: 11, Batch: 600}); err != nil {
			t.Fatal(err)
		}
		rules := stats.Rules{Calendar: calendar.Default(), Policy: lifecycle.DefaultPolicy()}
		w := &world{t: t, s: s, svc: &stats.Service{Store: s, Rules: rules},
			desk: &workflow.Desk{Store: s, Calendar: rules.Calendar, Policy: rules.Policy}}
		if _, err := w.svc.Refresh(ctx); err != nil {
			t.Fatal(err)
		}
		want, firsts := recompute(t, w)
		compareCells(t, s, want, false)
		compareFirsts(t, s, firsts)
	})
}
