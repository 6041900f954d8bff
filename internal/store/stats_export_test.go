package store

import (
	"context"
	"database/sql"
)

// QueryForTest runs raw SQL on the readers, for tests that look at rows
// no method reads.
func (s *Store) QueryForTest(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return s.reader().query(ctx, q, args...)
}
