package store

import (
	"context"
	"database/sql"
	"sync"
)

// maxPrepared bounds the statements kept prepared: queries built with a
// varying number of placeholders must not grow the cache without end.
const maxPrepared = 1000

// preparedDB is the SQLite readers' pool with every query prepared once
// and reused. The pure-Go SQLite parses a statement on every run
// otherwise, which on a page of a dozen queries cost about as much as
// running them; pgx already keeps prepared statements on PostgreSQL.
type preparedDB struct {
	db    *sql.DB
	mu    sync.RWMutex
	stmts map[string]*sql.Stmt
}

func newPreparedDB(db *sql.DB) *preparedDB {
	return &preparedDB{db: db, stmts: map[string]*sql.Stmt{}}
}

// stmt returns q prepared, or nil when it cannot be (the caller then runs
// q unprepared and gets the error from there).
func (p *preparedDB) stmt(ctx context.Context, q string) *sql.Stmt {
	p.mu.RLock()
	st := p.stmts[q]
	p.mu.RUnlock()
	if st != nil {
		return st
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if st := p.stmts[q]; st != nil {
		return st
	}
	if len(p.stmts) >= maxPrepared {
		return nil
	}
	st, err := p.db.PrepareContext(ctx, q)
	if err != nil {
		return nil
	}
	p.stmts[q] = st
	return st
}

func (p *preparedDB) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return p.db.ExecContext(ctx, q, args...)
}

func (p *preparedDB) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	if st := p.stmt(ctx, q); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return p.db.QueryContext(ctx, q, args...)
}

func (p *preparedDB) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	if st := p.stmt(ctx, q); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return p.db.QueryRowContext(ctx, q, args...)
}

// close releases the statements.
func (p *preparedDB) close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for q, st := range p.stmts {
		st.Close()
		delete(p.stmts, q)
	}
}
