package store_test

import (
	"context"
	"maps"
	"slices"
	"testing"
	"time"

	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
)

// indexNames lists the store's indexes that a statement created (not the
// ones SQLite makes for a table's constraints).
func indexNames(t *testing.T, s *store.Store) map[string]bool {
	t.Helper()
	q := "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
	if s.Dialect() == store.Postgres {
		q = "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"
	}
	rows, err := s.QueryForTest(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	names := map[string]bool{}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		names[n] = true
	}
	return names
}

// TestDeferIndexes sets an empty store's secondary indexes aside for a
// bulk load, writes through the bulk path without them, and has them
// rebuilt the way a load that died would: by the next start's Migrate. A
// store with messages keeps its indexes.
func TestDeferIndexes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := setup(t, s)
		before := indexNames(t, s)
		deferred, err := s.DeferIndexes(ctx)
		if err != nil || !deferred {
			t.Fatalf("deferred %v, %v on an empty store", deferred, err)
		}
		during := indexNames(t, s)
		for _, gone := range []string{"messages_board", "messages_fp0", "events_message", "replies_message", "message_tags_tag", "stats_cells_board"} {
			if during[gone] {
				t.Errorf("%s kept during the load", gone)
			}
		}
		for _, kept := range []string{"messages_source", "events_deadline_notice", "units_region"} {
			if !during[kept] {
				t.Errorf("%s dropped: unique indexes and other tables' stay", kept)
			}
		}
		at := time.Date(2026, 6, 12, 8, 0, 0, 0, time.UTC)
		recs := []*store.Record{record(f, "25489118", at), record(f, "25489119", at)}
		if added, err := s.ImportBatch(ctx, recs); err != nil || added != 2 {
			t.Fatalf("added %d, %v without the indexes", added, err)
		}
		if again, err := s.ImportBatch(ctx, []*store.Record{record(f, "25489118", at)}); err != nil || again != 0 {
			t.Fatalf("a message imported twice: added %d, %v", again, err)
		}

		// The load "dies" here; the next start rebuilds what it set aside.
		if err := s.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		if after := indexNames(t, s); !maps.Equal(after, before) {
			t.Fatalf("indexes after the restart: %v, want %v", slices.Sorted(maps.Keys(after)), slices.Sorted(maps.Keys(before)))
		}
		if err := s.RestoreIndexes(ctx); err != nil {
			t.Fatalf("nothing to restore: %v", err)
		}
		m, err := s.Message(ctx, recs[0].Message.ID, store.Viewer{})
		if err != nil || m.Title != recs[0].Message.Title {
			t.Fatalf("message after the rebuild: %+v %v", m, err)
		}
		if deferred, err := s.DeferIndexes(ctx); err != nil || deferred {
			t.Fatalf("deferred %v, %v on a store with messages", deferred, err)
		}
		if now := indexNames(t, s); !maps.Equal(now, before) {
			t.Fatalf("a store with messages lost indexes: %v", slices.Sorted(maps.Keys(now)))
		}
	})
}
