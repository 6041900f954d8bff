package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// groupMax bounds the calls of InTx that one SQLite write transaction
// carries, so that a call waits behind at most this many others' work.
const groupMax = 64

// errClosed answers a write asked of a closed store.
var errClosed = errors.New("store: closed")

// committer runs SQLite's write transactions, one group at a time: the
// calls of InTx that arrive while a transaction is running wait, then go
// in together, each inside a savepoint of one transaction. SQLite has one
// writer, so the calls were serialised anyway; what grouping changes is
// the price of each. A commit writes every page the transaction changed
// to the WAL, and the pages calls share (the tail of each index on
// messages and events, the rollup rows, the open counts) are written once
// for the group. The search index gains a segment per pendingDocs
// messages, whatever the groups (search_pending.go), instead of one per
// message, and FTS5's merging, which follows the segments written, shrinks
// with them. Under a light load a group is one call; under a heavy one the
// groups grow and the writer keeps up (BENCHMARKS.md, "Session 8").
//
// A call's error rolls back its savepoint alone: the others' work stands.
// A failure of the transaction itself (its commit, or a savepoint that
// cannot be rolled back) fails every call in it, so that no caller is told
// a write was saved that was not.
type committer struct {
	s       *Store
	stmts   *writerStmts
	calls   chan *writeCall
	quit    chan struct{}
	stopped chan struct{}
	once    sync.Once
	waiting atomic.Int64 // calls handed to do and not yet taken into a group
	// pending counts the search documents held back since the last
	// written (search_pending.go), the oldest held since pendingSince;
	// only the loop reads and writes them.
	pending      int
	pendingSince time.Time
	wait         atomic.Int64 // pendingWait, longer in tests that count
}

// writeCall is one call of InTx waiting for, then carried by, a group.
type writeCall struct {
	ctx      context.Context
	fn       func(*Tx) error
	err      error
	panicked any // what fn panicked with, raised again in the caller
	done     chan struct{}
}

func newCommitter(s *Store) *committer {
	c := &committer{s: s, stmts: newWriterStmts(s.write), calls: make(chan *writeCall), quit: make(chan struct{}), stopped: make(chan struct{}),
		pending: pendingUnknown}
	c.wait.Store(int64(pendingWait))
	go c.loop()
	return c
}

// do runs fn in the next group and returns its outcome. A call whose
// context ends before its turn runs nothing.
func (c *committer) do(ctx context.Context, fn func(*Tx) error) error {
	call := &writeCall{ctx: ctx, fn: fn, done: make(chan struct{})}
	c.waiting.Add(1)
	select {
	case c.calls <- call:
	case <-c.quit:
		c.waiting.Add(-1)
		return errClosed
	case <-ctx.Done():
		c.waiting.Add(-1)
		return ctx.Err()
	}
	<-call.done
	if call.panicked != nil {
		panic(call.panicked)
	}
	return call.err
}

// close stops the loop once the group it runs, if any, has committed.
func (c *committer) close() {
	c.once.Do(func() { close(c.quit) })
	<-c.stopped
	c.stmts.close()
}

func (c *committer) loop() {
	defer close(c.stopped)
	idle := time.NewTimer(time.Hour)
	idle.Stop()
	for {
		// Documents held back are written once the oldest has waited
		// pendingWait, by a group if one comes, else alone.
		if c.pending > 0 {
			idle.Reset(time.Until(c.pendingSince.Add(time.Duration(c.wait.Load()))))
		}
		var first *writeCall
		select {
		case first = <-c.calls:
			c.waiting.Add(-1)
		case <-idle.C:
			c.writeHeld()
			continue
		case <-c.quit:
			if c.pending > 0 {
				c.writeHeld()
			}
			return
		}
		idle.Stop()
		group := []*writeCall{first}
	gather:
		for len(group) < groupMax {
			select {
			case call := <-c.calls:
				c.waiting.Add(-1)
				group = append(group, call)
			default:
				break gather
			}
		}
		c.commit(group)
		for _, call := range group {
			close(call.done)
		}
		c.stmts.prepareWanted(context.Background())
		if c.s.checkpoints.restart.Swap(false) {
			c.restartLog(context.Background())
		}
	}
}

// savepoint is the name each call's work runs under. Calls never nest
// (InTx inside InTx would wait for itself), so one name serves.
const savepoint = "liuyan_call"

// commit runs the group's calls in one transaction and commits it. The
// transaction is not any caller's: a caller that goes away while its
// statements run must not roll back the others' work (database/sql rolls
// a transaction back when the context it began with ends, and SQLite
// rolls back the whole transaction when a statement in it is
// interrupted), so the calls' statements run detached from cancellation
// (conn.detached) and a call's context is consulted only before it runs.
func (c *committer) commit(group []*writeCall) {
	s := c.s
	bg := context.Background()
	var stood []*writeCall
	fail := func(err error) {
		for _, call := range stood {
			call.err = err
		}
	}
	sqlTx, err := s.write.BeginTx(bg, nil)
	if err != nil {
		stood = group
		fail(fmt.Errorf("store: unable to begin: %w", err))
		return
	}
	abort := func(err error) {
		_ = sqlTx.Rollback()
		fail(err)
	}
	// savepoints runs the statements around one call's work; when one
	// fails, so does the transaction, and every call that stood in it.
	savepoints := func(what string, qs ...string) bool {
		for _, q := range qs {
			if _, err := sqlTx.ExecContext(bg, q); err != nil {
				abort(fmt.Errorf("store: unable to %s: %w", what, err))
				return false
			}
		}
		return true
	}
	// One call alone needs no savepoint: its error rolls back the
	// transaction, as it would without grouping.
	solo := len(group) == 1
	var touched []Topic
	var docs []searchDoc
	docsNow := false
	for _, call := range group {
		if err := call.ctx.Err(); err != nil {
			call.err = err
			continue
		}
		if !solo && !savepoints("begin", "SAVEPOINT "+savepoint) {
			return
		}
		tx := &Tx{conn: conn{q: c.stmts.in(sqlTx), detached: true}, dialect: s.dialect, store: s,
			touched: slices.Clone(touched), deferDocs: true}
		call.err, call.panicked = runCall(call.fn, tx)
		if call.err == nil && call.panicked == nil {
			stood = append(stood, call)
			if !solo && !savepoints("commit", "RELEASE "+savepoint) {
				return
			}
			touched, docs = tx.touched, append(docs, tx.docs...)
			docsNow = docsNow || tx.docsNow
			continue
		}
		if solo {
			_ = sqlTx.Rollback()
			return
		}
		// The failed call's writes go; the transaction goes on. Should
		// SQLite have rolled the whole transaction back already (a full
		// disk, an I/O error), the savepoint is gone and so is the work of
		// the calls before: they fail too.
		if !savepoints("commit", "ROLLBACK TO "+savepoint, "RELEASE "+savepoint) {
			return
		}
	}
	if len(stood) == 0 {
		_ = sqlTx.Rollback()
		return
	}
	held, wrote := 0, false
	if len(docs) > 0 || c.docsDue(0, docsNow) {
		tx := &Tx{conn: conn{q: c.stmts.in(sqlTx)}, dialect: s.dialect, store: s}
		var err error
		if held, err = c.storeDocs(bg, tx, docs, docsNow); err != nil {
			abort(err)
			return
		}
		wrote = held == 0
	}
	if err := sqlTx.Commit(); err != nil {
		fail(fmt.Errorf("store: unable to commit: %w", err))
		return
	}
	c.held(held, wrote)
	for _, t := range touched {
		s.changes.bump(t)
	}
}

// runCall runs fn, turning a panic into a value for its caller to raise.
func runCall(fn func(*Tx) error, tx *Tx) (err error, panicked any) {
	defer func() {
		if p := recover(); p != nil {
			panicked = p
		}
	}()
	return fn(tx), nil
}

// latestDocs keeps one document per message, the last written: a rebuild
// of the index in the same group as a submission (Reindex, Rebuild)
// writes the message's document again, and the index must hold it once.
func latestDocs(docs []searchDoc) []searchDoc {
	last := make(map[int64]int, len(docs))
	for i, d := range docs {
		last[d.id] = i
	}
	if len(last) == len(docs) {
		return docs
	}
	out := make([]searchDoc, 0, len(last))
	for i, d := range docs {
		if last[d.id] == i {
			out = append(out, d)
		}
	}
	return out
}
