package store

import (
	"context"
	"fmt"
	"strconv"
	"time"
)

// "Overdue now" from counts kept per scope (migration 0024).
//
// Triggers on messages log +1/−1 in stats_open_log whenever a message
// enters or leaves the open states with a deadline, or changes scope while
// open; compactOpen, part of every stats refresh, moves the log into
// stats_open (per region, board, unit, type and domain) and
// stats_open_regions (per region). At any moment the open messages of a
// scope are the kept count plus the log not yet moved, read in one
// statement and so from one snapshot. The open messages whose deadline is
// still ahead are few — the last weeks' — and read live through the
// partial index on open deadlines; "overdue now" is the difference, with
// no row read per overdue message. At 10M generated messages, 2.5 million
// are open and past their deadline, and counting them took 0.4–1.1 s.

// openScope is the condition on the columns of stats_open and
// stats_open_log for a filter without a tag, and whether the filter names
// nothing but a region, which stats_open_regions answers.
func (f OverdueFilter) openScope() (cond string, args []any, regionOnly bool) {
	cond, args = f.columns("")
	regionOnly = f.BoardID == 0 && f.UnitID == 0 && f.Type == "" && f.Domain == ""
	return "1 = 1" + cond, args, regionOnly
}

// ahead is the condition for open messages of the filter's scope whose
// deadline is at or after now: those not yet overdue.
func (f OverdueFilter) ahead(now time.Time) (string, []any) {
	return f.open("m.deadline >= ?", now)
}

// overdueFromCounts is the query of the open messages of a scope past
// their deadline, from the kept counts: the open ones, less those whose
// deadline is ahead. A tag is not among the counts' columns; a tagged
// scope counts its overdue rows directly (ok false).
func (s *Store) overdueFromCounts(f OverdueFilter, now time.Time) (q string, args []any, ok bool) {
	if f.Tag != "" {
		return "", nil, false
	}
	cond, cargs, regionOnly := f.openScope()
	kept := "stats_open"
	if regionOnly {
		kept = "stats_open_regions"
	}
	live, largs := f.ahead(now)
	q = "SELECT (SELECT COALESCE(SUM(n), 0) FROM " + kept + " WHERE " + cond + ")" +
		" + (SELECT COALESCE(SUM(n), 0) FROM stats_open_log WHERE " + cond + ")" +
		" - (SELECT COUNT(*) FROM " + s.overdueFrom() + " WHERE " + live + ")"
	args = append(append(append(args, cargs...), cargs...), largs...)
	return q, args, true
}

// overdueByUnitFromCounts is OverdueByUnit's query from the kept counts.
func (s *Store) overdueByUnitFromCounts(f OverdueFilter, now time.Time) (q string, args []any, ok bool) {
	if f.Tag != "" {
		return "", nil, false
	}
	cond, cargs, _ := f.openScope()
	live, largs := f.ahead(now)
	q = "SELECT unit, SUM(n) FROM (" +
		"SELECT unit_id AS unit, n FROM stats_open WHERE " + cond +
		" UNION ALL SELECT unit_id, n FROM stats_open_log WHERE " + cond +
		" UNION ALL SELECT COALESCE(m.unit_id, 0), -1 FROM " + s.overdueFrom() + " WHERE " + live +
		") AS o GROUP BY unit HAVING SUM(n) > 0"
	args = append(append(append(args, cargs...), cargs...), largs...)
	return q, args, true
}

// compactOpen moves the committed entries of stats_open_log into the kept
// counts, in a transaction of its own (under the stats lock on
// PostgreSQL); on SQLite, in transactions of sqliteStatsChunk entries
// each, the oldest first: a minute's log at 500 submissions a second,
// moved in one, held the single writer over 100 ms, and every submission
// behind it. Readers add the log to the kept counts, so a count is right
// between two chunks too. The log is looked at first from a reader, so
// that a refresh with nothing logged takes no write lock: on SQLite that
// would hold up every writer for the moment, at every refresh.
func (s *Store) compactOpen(ctx context.Context) error {
	var logged bool
	if err := s.reader().queryRow(ctx, "SELECT EXISTS (SELECT 1 FROM stats_open_log)").Scan(&logged); err != nil {
		return fmt.Errorf("store: unable to read the open messages' log: %w", err)
	}
	if !logged {
		return nil
	}
	for more := true; more; {
		err := s.InTx(ctx, func(tx *Tx) error {
			if s.dialect == Postgres {
				if _, err := tx.exec(ctx, "SELECT pg_advisory_xact_lock(?)", statsLock); err != nil {
					return fmt.Errorf("store: unable to take stats lock: %w", err)
				}
			}
			var err error
			more, err = tx.moveOpenLog(ctx)
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// moveOpenLog moves the log into the kept counts in the caller's
// transaction, and says whether entries are left for another. On
// PostgreSQL the log's DELETE takes only the entries its snapshot sees;
// those of transactions still running stay for the next refresh, and
// readers meanwhile add them from the log. SQLite has one writer, so the
// log is read and emptied sqliteStatsChunk entries at a time, in the
// order they were written (by rowid).
func (t *Tx) moveOpenLog(ctx context.Context) (more bool, err error) {
	if t.dialect == Postgres {
		_, err := t.exec(ctx, `WITH moved AS (
				DELETE FROM stats_open_log RETURNING region_code, board_id, unit_id, type, domain, n),
			fine AS (
				INSERT INTO stats_open AS o (region_code, board_id, unit_id, type, domain, n)
				SELECT region_code, board_id, unit_id, type, domain, SUM(n) FROM moved GROUP BY 1, 2, 3, 4, 5
				ON CONFLICT (board_id, unit_id, type, domain, region_code) DO UPDATE SET n = o.n + EXCLUDED.n)
			INSERT INTO stats_open_regions AS r (region_code, n)
			SELECT region_code, SUM(n) FROM moved GROUP BY 1
			ON CONFLICT (region_code) DO UPDATE SET n = r.n + EXCLUDED.n`)
		if err != nil {
			return false, fmt.Errorf("store: unable to keep the open messages' counts: %w", err)
		}
	} else {
		// next is the rowid of the first entry after the chunk; when the
		// log holds no more than a chunk (-1), it is moved to its end.
		var next int64
		err := t.queryRow(ctx, "SELECT COALESCE((SELECT rowid FROM stats_open_log ORDER BY rowid LIMIT 1 OFFSET ?), -1)",
			sqliteStatsChunk).Scan(&next)
		if err != nil {
			return false, fmt.Errorf("store: unable to read the open messages' log: %w", err)
		}
		bound := "TRUE"
		if more = next >= 0; more {
			bound = "rowid < " + strconv.FormatInt(next, 10)
		}
		for _, q := range []string{
			`INSERT INTO stats_open (region_code, board_id, unit_id, type, domain, n)
			SELECT region_code, board_id, unit_id, type, domain, SUM(n) FROM stats_open_log WHERE ` + bound + ` GROUP BY 1, 2, 3, 4, 5
			ON CONFLICT (board_id, unit_id, type, domain, region_code) DO UPDATE SET n = n + excluded.n`,
			`INSERT INTO stats_open_regions (region_code, n)
			SELECT region_code, SUM(n) FROM stats_open_log WHERE ` + bound + ` GROUP BY 1
			ON CONFLICT (region_code) DO UPDATE SET n = n + excluded.n`,
			`DELETE FROM stats_open_log WHERE ` + bound,
		} {
			if _, err := t.exec(ctx, q); err != nil {
				return false, fmt.Errorf("store: unable to keep the open messages' counts: %w", err)
			}
		}
	}
	if more {
		return true, nil
	}
	// Scopes left without open messages would only lengthen the reads.
	// Looking for them reads every kept count, so it waits for the last
	// chunk.
	for _, q := range []string{"DELETE FROM stats_open WHERE n = 0", "DELETE FROM stats_open_regions WHERE n = 0"} {
		if _, err := t.exec(ctx, q); err != nil {
			return false, fmt.Errorf("store: unable to keep the open messages' counts: %w", err)
		}
	}
	return false, nil
}
