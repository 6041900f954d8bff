package store

import (
	"context"
	"time"
)

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

// AwaitQueuedForTest waits until n calls of InTx wait for the SQLite
// writer's next group (committer), and reports whether they did within a
// minute.
func AwaitQueuedForTest(s *Store, n int) bool {
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		if s.group.waiting.Load() >= int64(n) {
			return true
		}
	}
	return false
}

// CheckpointForTest runs the checkpointer's work once.
func CheckpointForTest(ctx context.Context, s *Store) (frames, copied int, err error) {
	return s.checkpoints.checkpoint(ctx)
}
