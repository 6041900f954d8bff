package store

import (
	"context"
	"fmt"
	"strings"
)

// Loading an empty store in bulk.
//
// A message row carries sixteen secondary indexes across the tables it
// touches (messages alone has eleven, and the search index's GIN on
// PostgreSQL is the costliest of all); keeping each of them in order row
// by row costs more than writing the rows. Into an empty store, a bulk
// load drops them first and builds each once at the end, which sorts the
// finished table once instead. Unique indexes stay: they are rules (a
// login, an imported message's source), not speed.
//
// The indexes dropped are read from the database's own catalogue, with
// the statement that created them, and noted in deferred_indexes in the
// same transaction, so the migrations stay their one definition and a
// load that dies half way leaves a note: Migrate rebuilds them at the next
// start.

// bulkTables are the tables a bulk load fills whose secondary indexes
// wait until it ends.
var bulkTables = []string{"messages", "message_tags", "events", "replies", "followups", "ratings",
	"message_search", "stats_cells"}

// DeferIndexes drops the secondary indexes of the tables a bulk load fills
// when the store holds no message yet, and reports whether it did; a store
// with messages keeps its indexes (the readers of a board in use need
// them). Call RestoreIndexes when the load ends, whether or not it failed.
func (s *Store) DeferIndexes(ctx context.Context) (bool, error) {
	deferred := false
	err := s.InTx(ctx, func(tx *Tx) error {
		var empty bool
		if err := tx.queryRow(ctx, "SELECT NOT EXISTS (SELECT 1 FROM messages)").Scan(&empty); err != nil {
			return fmt.Errorf("store: unable to check for messages: %w", err)
		}
		if !empty {
			return nil
		}
		type index struct{ name, definition string }
		q := `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
			AND sql NOT LIKE 'CREATE UNIQUE%' AND tbl_name IN (` + placeholders(len(bulkTables)) + `) ORDER BY name`
		if tx.dialect == Postgres {
			q = `SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x
				JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
				WHERE t.relnamespace = current_schema()::regnamespace AND NOT x.indisunique
				AND t.relname IN (` + placeholders(len(bulkTables)) + `) ORDER BY i.relname`
		}
		args := make([]any, len(bulkTables))
		for i, t := range bulkTables {
			args[i] = t
		}
		idx, err := collect(ctx, tx.conn, func(r scanner) (index, error) {
			var i index
			err := r.Scan(&i.name, &i.definition)
			return i, err
		}, q, args...)
		if err != nil {
			return fmt.Errorf("store: unable to list indexes: %w", err)
		}
		for _, i := range idx {
			if _, err := tx.exec(ctx, "INSERT INTO deferred_indexes (name, definition) VALUES (?, ?)", i.name, i.definition); err != nil {
				return fmt.Errorf("store: unable to note index %s: %w", i.name, err)
			}
			if _, err := tx.exec(ctx, "DROP INDEX "+i.name); err != nil {
				return fmt.Errorf("store: unable to drop index %s: %w", i.name, err)
			}
		}
		deferred = len(idx) > 0
		return nil
	})
	return deferred, err
}

// RestoreIndexes builds every index a bulk load deferred, in one
// transaction, and forgets the notes. It does nothing when none wait.
func (s *Store) RestoreIndexes(ctx context.Context) error {
	return s.InTx(ctx, func(tx *Tx) error { return tx.restoreIndexes(ctx) })
}

func (t *Tx) restoreIndexes(ctx context.Context) error {
	type index struct{ name, definition string }
	idx, err := collect(ctx, t.conn, func(r scanner) (index, error) {
		var i index
		err := r.Scan(&i.name, &i.definition)
		return i, err
	}, "SELECT name, definition FROM deferred_indexes ORDER BY name")
	if err != nil {
		return fmt.Errorf("store: unable to read deferred indexes: %w", err)
	}
	if len(idx) == 0 {
		return nil
	}
	if t.dialect == Postgres {
		// Room to sort each index in memory rather than on disk, for this
		// transaction only.
		if _, err := t.exec(ctx, "SET LOCAL maintenance_work_mem = '1GB'"); err != nil {
			return fmt.Errorf("store: unable to set maintenance_work_mem: %w", err)
		}
	}
	for _, i := range idx {
		// Another process may have rebuilt it meanwhile (Migrate at its start).
		def, ok := strings.CutPrefix(i.definition, "CREATE INDEX ")
		if !ok {
			return fmt.Errorf("store: deferred index %s is not a plain CREATE INDEX", i.name)
		}
		if _, err := t.exec(ctx, "CREATE INDEX IF NOT EXISTS "+def); err != nil {
			return fmt.Errorf("store: unable to build index %s: %w", i.name, err)
		}
	}
	if _, err := t.exec(ctx, "DELETE FROM deferred_indexes"); err != nil {
		return fmt.Errorf("store: unable to forget deferred indexes: %w", err)
	}
	if t.dialect == Postgres {
		// The planner's statistics still describe the empty tables until
		// autovacuum comes round; queries right after a load need the real ones.
		if _, err := t.exec(ctx, "ANALYZE "+strings.Join(bulkTables, ", ")); err != nil {
			return fmt.Errorf("store: unable to analyze loaded tables: %w", err)
		}
	}
	return nil
}
