package store

import (
	"context"
	"fmt"
	"time"
)

// ImportRun is one import of a file, as the audit trail keeps it.
type ImportRun struct {
	Source   string
	Format   string
	File     string // the file's name, without the folders it was read from
	Rows     int
	Added    int
	Skipped  int
	Rejected int
	Started  time.Time
	Finished time.Time
}

// RecordImport adds an import to the trail.
func (s *Store) RecordImport(ctx context.Context, r ImportRun) error {
	_, err := s.writer().exec(ctx, `INSERT INTO import_runs (source, format, file, rows_read, added, skipped, rejected, started_at, finished_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, r.Source, r.Format, r.File, r.Rows, r.Added, r.Skipped, r.Rejected,
		r.Started.UTC(), r.Finished.UTC())
	if err != nil {
		return fmt.Errorf("store: unable to record import: %w", err)
	}
	return nil
}

// ImportTotals adds up the rows of every import so far: added, skipped
// and rejected. It only grows, which lets monitoring count it.
func (s *Store) ImportTotals(ctx context.Context) (added, skipped, rejected int, err error) {
	err = s.reader().queryRow(ctx, "SELECT COALESCE(SUM(added), 0), COALESCE(SUM(skipped), 0), COALESCE(SUM(rejected), 0) FROM import_runs").
		Scan(&added, &skipped, &rejected)
	if err != nil {
		err = fmt.Errorf("store: unable to total imports: %w", err)
	}
	return added, skipped, rejected, err
}
