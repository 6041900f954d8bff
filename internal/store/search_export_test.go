package store

import (
	"context"

	"liuyan/internal/message"
)

// ExecForTest runs raw SQL in a write transaction, for tests that put a
// store in the state an older version left it in.
func (s *Store) ExecForTest(ctx context.Context, q string, args ...any) error {
	return s.InTx(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, q, args...)
		return err
	})
}

// IndexForTest adds a message to the search index, as InsertMessage does,
// for the benchmark that prices the index apart from the rest of a write.
func (t *Tx) IndexForTest(ctx context.Context, m *message.Message) error {
	return t.indexMessage(ctx, m)
}
