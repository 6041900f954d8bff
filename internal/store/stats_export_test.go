package store

import (
	"context"
	"database/sql"
)

// InsertBatchForTest inserts raw rows, for tests and benchmarks that fill
// a store quickly; it is InsertRows under the name those tests know.
func (t *Tx) InsertBatchForTest(ctx context.Context, table string, columns []string, rows [][]any) error {
	return t.InsertRows(ctx, table, columns, rows)
}

// QueryForTest runs raw SQL on the readers, for tests that look at rows
// no method reads.
func (s *Store) QueryForTest(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return s.reader().query(ctx, q, args...)
}

// RefreshChunkForTest folds one chunk from the given PostgreSQL
// watermark, as a refresh that read lo before another refresh moved it.
func (s *Store) RefreshChunkForTest(ctx context.Context, lo int64, fold func([]StatsEvent) StatsDelta) (int, error) {
	n, _, err := s.refreshChunk(ctx, lo, fold)
	return n, err
}

// StatsCellRowsForTest sums the day cells that f selects, as StatsRows did
// for every filtered scope before the board rollup: the baseline of
// BenchmarkBoardFigures.
func (s *Store) StatsCellRowsForTest(ctx context.Context, f StatsFilter, by StatsGroup) ([]StatsRow, error) {
	return s.statsFine(ctx, f, f.From, f.To, by)
}
