package store

import "context"

// ExecForTest runs raw SQL in a write transaction, for tests that put a
// store in the state an older version left it in.
func (s *Store) ExecForTest(ctx context.Context, q string, args ...any) error {
	return s.InTx(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, q, args...)
		return err
	})
}
