package store

import "context"

// ExecForTest runs raw SQL inside a transaction, for tests that check what
// the database itself refuses.
func (t *Tx) ExecForTest(ctx context.Context, q string) error {
	_, err := t.exec(ctx, q)
	return err
}

// CloseReplicaForTest closes the read replica's connections under the
// store, as a replica that stops answering would leave them.
func CloseReplicaForTest(s *Store) { s.replica.Close() }

// WritersForTest is how many transactions the store can hold at once.
func WritersForTest(s *Store) int { return s.write.Stats().MaxOpenConnections }
