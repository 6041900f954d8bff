package bench

import (
	"context"
	"errors"

	"liuyan/internal/account"
	"liuyan/internal/gen"
	"liuyan/internal/stats"
	"liuyan/internal/store"
)

// Fill puts n messages into an empty store for a benchmark run. It is the
// one place that says how: the scale issue's generator (`liuyan gen`),
// whose history has the real board's shares and whose batches are folded
// into the rollups as they are written, so a filled store is ready for
// the figures without a fold of its events afterwards.
func Fill(ctx context.Context, s *store.Store, n int, rules stats.Rules) error {
	o := gen.Options{Messages: n, Policy: rules.Policy}
	if c, ok := rules.Calendar.(gen.Calendar); ok {
		o.Calendar = c
	}
	if _, err := gen.Run(ctx, s, o); err != nil {
		return err
	}
	return MarkSynthetic(ctx, s)
}

// MarkSynthetic marks a store the generator filled as synthetic, by the
// synthetic author's account: a later bench run may then write to it,
// and refuses any other store. `liuyan gen` marks its stores too, so that
// one filled by gen alone (an hour at ten million messages) is measured
// without filling another.
func MarkSynthetic(ctx context.Context, s *store.Store) error {
	if _, err := s.UserByLogin(ctx, SyntheticAuthor); err == nil {
		return nil
	} else if !errors.Is(err, store.ErrNotFound) {
		return err
	}
	marker := &account.User{Login: SyntheticAuthor, Name: "网民", PasswordHash: "unused", Role: account.Citizen}
	return s.InTx(ctx, func(tx *store.Tx) error { return tx.CreateUser(ctx, marker) })
}
