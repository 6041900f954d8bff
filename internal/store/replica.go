package store

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"
)

// A read replica serves what the public reads: the pages and figures
// anyone may see, which are most of a national board's traffic. It lags
// the primary by however long replication takes, so only requests that
// cannot have written anything read from it (see FromReplica), and only
// the store methods that read public data use it. Everything else — each
// write, every read inside a transaction, sessions, the cached lists, the
// figures' freshness check and refresh — stays on the primary.

// replicaKey marks a context whose public reads may come from the replica;
// its value is the request's replicaChoice.
type replicaKey struct{}

// replicaChoice is where one request's public reads go, decided at its
// first public read and kept for the rest: a page validated against a key
// read from one database must be rendered from that same database, or a
// page older than its key could be kept (internal/web's page cache). The
// replica's lag bound (replica_lag.go) may change its verdict meanwhile;
// the request keeps the database it started with.
type replicaChoice struct {
	once    sync.Once
	replica bool
}

// FromReplica returns a context in which the store's reads of public data
// (messages and their histories, boards, units, attachments, search,
// counts and figures) go to the read replica when one is attached. Give
// it only to requests that need not see their own writes: a visitor
// without a session reading a page has written nothing a replica could
// be missing.
func FromReplica(ctx context.Context) context.Context {
	return context.WithValue(ctx, replicaKey{}, &replicaChoice{})
}

// AttachReplica connects to a read-only copy of the primary's PostgreSQL
// database (a streaming replica) for FromReplica's reads. The replica must
// answer and carry the schema version the primary has.
func (s *Store) AttachReplica(ctx context.Context, url string) error {
	if s.dialect != Postgres {
		return fmt.Errorf("store: a read replica needs PostgreSQL, and the primary is %s", s.dialect)
	}
	if !strings.HasPrefix(url, "postgres://") && !strings.HasPrefix(url, "postgresql://") {
		return fmt.Errorf("store: the read replica must be a postgres:// URL")
	}
	db, err := openPG(url)
	if err != nil {
		return fmt.Errorf("store: unable to open the read replica: %w", err)
	}
	db.SetMaxOpenConns(32)
	db.SetMaxIdleConns(16)
	db.SetConnMaxIdleTime(5 * time.Minute)
	var have int
	if err := db.QueryRowContext(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations").Scan(&have); err != nil {
		db.Close()
		return fmt.Errorf("store: unable to read the read replica's schema version: %w", err)
	}
	want, err := s.SchemaVersion(ctx)
	if err != nil {
		db.Close()
		return err
	}
	if have != want {
		db.Close()
		return fmt.Errorf("store: the read replica has schema version %d and the primary %d: is it a replica of this database?", have, want)
	}
	s.replica = db
	return nil
}

// public is the connection for reads of public data: the replica when
// one is attached and ctx allows it, the primary's readers otherwise.
func (s *Store) public(ctx context.Context) conn {
	if s.replica == nil {
		return s.reader()
	}
	c, _ := ctx.Value(replicaKey{}).(*replicaChoice)
	if c == nil {
		return s.reader()
	}
	c.once.Do(func() { c.replica = !s.replicaOff.Load() })
	if c.replica {
		return conn{q: s.replica, pg: true}
	}
	return s.reader()
}
