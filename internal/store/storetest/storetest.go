// Package storetest runs a test against every store backend: SQLite in a
// temporary directory always, and PostgreSQL when TEST_DATABASE_URL names
// a server. Each run gets an empty database of its own (a fresh file, or a
// fresh schema), so tests never see each other's rows.
//
// With LIUYAN_REQUIRE_POSTGRES=1 (set by scripts/test and CI) a missing or
// unreachable PostgreSQL fails the test instead of skipping it.
package storetest

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"liuyan/internal/directory"
	"liuyan/internal/store"
)

var schemaSeq atomic.Int64

// Each runs fn once per backend as subtests named "sqlite" and "postgres".
func Each(t *testing.T, fn func(t *testing.T, s *store.Store)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, SQLite(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, Postgres(t)) })
}

// SQLite opens a migrated, empty SQLite store in a temporary directory.
func SQLite(t testing.TB) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), "", t.TempDir())
	if err != nil {
		t.Fatalf("open sqlite: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// Postgres opens a migrated, empty PostgreSQL store in a schema of its own,
// dropped when the test ends.
func Postgres(t testing.TB) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), PostgresURL(t), "")
	if err != nil {
		t.Fatalf("open postgres store: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// PostgresURL creates an empty schema for the test and returns a
// DATABASE_URL that puts everything in it, for tests that start the
// server as a process. The schema is dropped when the test ends.
func PostgresURL(t testing.TB) string {
	t.Helper()
	base := os.Getenv("TEST_DATABASE_URL")
	required := os.Getenv("LIUYAN_REQUIRE_POSTGRES") == "1"
	if base == "" {
		if required {
			t.Fatal("LIUYAN_REQUIRE_POSTGRES=1 but TEST_DATABASE_URL is not set")
		}
		t.Skip("PostgreSQL not configured: set TEST_DATABASE_URL (bash scripts/test does)")
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("open postgres: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := admin.PingContext(ctx); err != nil {
		admin.Close()
		if required {
			t.Fatalf("PostgreSQL at TEST_DATABASE_URL does not answer: %v", err)
		}
		t.Skipf("PostgreSQL at TEST_DATABASE_URL does not answer: %v", err)
	}
	schema := fmt.Sprintf("t_%d_%d", os.Getpid(), schemaSeq.Add(1))
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		admin.Close()
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		_, _ = admin.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
		admin.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("TEST_DATABASE_URL: %v", err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// Seeded is Each with every region's leader boards in place, as a running
// server has them.
func Seeded(t *testing.T, fn func(t *testing.T, s *store.Store)) {
	t.Helper()
	Each(t, func(t *testing.T, s *store.Store) {
		if _, err := directory.SeedLeaders(context.Background(), s); err != nil {
			t.Fatalf("seed leaders: %v", err)
		}
		fn(t, s)
	})
}

// EachPair is Each with two stores open on one database, as two instances
// of the server have them: two handles on one SQLite file, or two pools on
// one PostgreSQL schema.
func EachPair(t *testing.T, fn func(t *testing.T, a, b *store.Store)) {
	t.Helper()
	open := func(t *testing.T, url, dir string) *store.Store {
		s, err := store.Open(context.Background(), url, dir)
		if err != nil {
			t.Fatalf("open store: %v", err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	t.Run("sqlite", func(t *testing.T) {
		dir := t.TempDir()
		fn(t, open(t, "", dir), open(t, "", dir))
	})
	t.Run("postgres", func(t *testing.T) {
		url := PostgresURL(t)
		fn(t, open(t, url, ""), open(t, url, ""))
	})
}
