package store

import (
	"context"
	"database/sql"
)

// InsertBatchForTest inserts raw rows, for the benchmark's synthetic board:
// millions of messages through the Desk would take hours.
func (t *Tx) InsertBatchForTest(ctx context.Context, table string, columns []string, rows [][]any) error {
	return t.insertBatch(ctx, table, columns, rows)
}

// QueryForTest runs raw SQL on the readers, for the naive figures the
// benchmark measures the rollups against.
func (s *Store) QueryForTest(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return s.reader().query(ctx, q, args...)
}
