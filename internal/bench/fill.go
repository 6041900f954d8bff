package bench

import (
	"context"

	"liuyan/internal/stats"
	"liuyan/internal/store"
)

// Fill puts n messages into an empty store for a benchmark run. It is the
// one place that says how: the synthetic board for now; the scale issue's
// generator (`liuyan gen`) replaces it here when it lands.
func Fill(ctx context.Context, s *store.Store, n int, rules stats.Rules) error {
	_, err := Synthetic(ctx, s, n, rules)
	return err
}
