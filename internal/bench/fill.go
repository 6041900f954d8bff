package bench

import (
	"context"

	"liuyan/internal/account"
	"liuyan/internal/gen"
	"liuyan/internal/stats"
	"liuyan/internal/store"
)

// Fill puts n messages into an empty store for a benchmark run. It is the
// one place that says how: the scale issue's generator (`liuyan gen`),
// whose history has the real board's shares and whose batches are folded
// into the rollups as they are written, so a filled store is ready for
// the figures without a fold of its events afterwards. The synthetic
// author's account marks the store as one bench filled, so that a later
// run may reuse it (and refuses any other store, since it writes).
func Fill(ctx context.Context, s *store.Store, n int, rules stats.Rules) error {
	o := gen.Options{Messages: n, Policy: rules.Policy}
	if c, ok := rules.Calendar.(gen.Calendar); ok {
		o.Calendar = c
	}
	if _, err := gen.Run(ctx, s, o); err != nil {
		return err
	}
	marker := &account.User{Login: SyntheticAuthor, Name: "网民", PasswordHash: "unused", Role: account.Citizen}
	return s.InTx(ctx, func(tx *store.Tx) error { return tx.CreateUser(ctx, marker) })
}
