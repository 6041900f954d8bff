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
	closeStmts(p.stmts)
}

// closeStmts closes and forgets the statements kept by their text.
func closeStmts(stmts map[string]*sql.Stmt) {
	for q, st := range stmts {
		st.Close()
		delete(stmts, q)
	}
}

// writerStmts are the SQLite writer's statements, kept prepared as the
// readers' are (preparedDB): before them a submission spent more time
// parsing its statements than running them. The writer has one
// connection, and a transaction holds it, so a statement cannot be
// prepared for the pool while one runs; the committer prepares the
// statements its groups ran unprepared after the group commits, and
// later groups run them through Tx.StmtContext, which finds them prepared
// on that connection. Only the committer's goroutine touches them.
type writerStmts struct {
	db     *sql.DB
	stmts  map[string]*sql.Stmt
	wanted map[string]bool
}

func newWriterStmts(db *sql.DB) *writerStmts {
	return &writerStmts{db: db, stmts: map[string]*sql.Stmt{}, wanted: map[string]bool{}}
}

// prepareWanted prepares the statements groups asked for since the last
// call. A statement that does not prepare is left to run unprepared,
// where its error reaches the caller.
func (w *writerStmts) prepareWanted(ctx context.Context) {
	for q := range w.wanted {
		delete(w.wanted, q)
		if len(w.stmts) >= maxPrepared {
			continue
		}
		if st, err := w.db.PrepareContext(ctx, q); err == nil {
			w.stmts[q] = st
		}
	}
}

func (w *writerStmts) close() { closeStmts(w.stmts) }

// in is the querier for a group's transaction.
func (w *writerStmts) in(tx *sql.Tx) preparedTx { return preparedTx{tx: tx, w: w} }

// preparedTx runs a group's statements prepared when they are, and asks
// for the others to be.
type preparedTx struct {
	tx *sql.Tx
	w  *writerStmts
}

func (p preparedTx) stmt(ctx context.Context, q string) *sql.Stmt {
	if st := p.w.stmts[q]; st != nil {
		return p.tx.StmtContext(ctx, st)
	}
	if len(p.w.stmts)+len(p.w.wanted) < maxPrepared {
		p.w.wanted[q] = true
	}
	return nil
}

func (p preparedTx) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	if st := p.stmt(ctx, q); st != nil {
		return st.ExecContext(ctx, args...)
	}
	return p.tx.ExecContext(ctx, q, args...)
}

func (p preparedTx) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	if st := p.stmt(ctx, q); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return p.tx.QueryContext(ctx, q, args...)
}

func (p preparedTx) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	if st := p.stmt(ctx, q); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return p.tx.QueryRowContext(ctx, q, args...)
}

// PrepareContext prepares a statement for the transaction alone (the
// bulk inserts of an import batch).
func (p preparedTx) PrepareContext(ctx context.Context, q string) (*sql.Stmt, error) {
	return p.tx.PrepareContext(ctx, q)
}
