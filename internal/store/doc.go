// Package store keeps the board's data in SQLite (embedded, the default)
// or PostgreSQL (when DATABASE_URL says so), behind one concrete type.
//
// SQL is written once with ? placeholders and rebound for PostgreSQL;
// where the dialects differ the migrations differ, one folder each. SQLite
// gets one writer connection and a pool of readers, because SQLite allows
// one writer at a time and a busy writer must not block page views.
//
// The store knows nothing of who may do what: callers (internal/workflow)
// decide, and the store saves what they decided, atomically.
package store
