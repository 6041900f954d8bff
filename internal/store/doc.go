// Package store keeps the board's data in SQLite (embedded, the default)
// or PostgreSQL (when DATABASE_URL says so), behind one concrete type.
//
// SQL is written once with ? placeholders and rebound for PostgreSQL;
// where the dialects differ the migrations differ, one folder each. SQLite
// gets one writer connection and a pool of readers, because SQLite allows
// one writer at a time and a busy writer must not block page views.
//
// Several server instances may share one PostgreSQL database, so the
// store keeps in memory only what it hears of every change to (changes.go:
// NOTIFY at commit, LISTEN by `liuyan serve`), and offers the row locks
// that let one instance at a time run a background job (job_leases.go)
// and the buckets that make the rate limits one (rate_buckets.go).
//
// Bulk loads (import, generated history) write whole messages through one
// path (ImportBatch, or ImportFolded, which also folds the batch into the
// rollups with the rule the caller passes: the store must not import
// internal/stats), and may set an empty store's secondary indexes aside
// until they end (DeferIndexes).
//
// The store knows nothing of who may do what: callers (internal/workflow)
// decide, and the store saves what they decided, atomically.
package store
