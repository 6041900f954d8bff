package store

import (
	"context"
	"strings"
	"time"

	"liuyan/internal/message"
	"liuyan/internal/search"
)

// ExecForTest runs raw SQL in a write transaction, for tests that put a
// store in the state an older version left it in.
func (s *Store) ExecForTest(ctx context.Context, q string, args ...any) error {
	return s.InTx(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, q, args...)
		return err
	})
}

// IndexForTest adds a message to the search index, as InsertMessage does,
// for the benchmark that prices the index apart from the rest of a write.
func (t *Tx) IndexForTest(ctx context.Context, m *message.Message) error {
	return t.indexMessage(ctx, m)
}

// AnalyzeSearchForTest has PostgreSQL gather the search documents'
// statistics now, as autovacuum would, and forgets the shares read
// before; it returns the probe span they give q's tokens.
func (s *Store) AnalyzeSearchForTest(ctx context.Context, q search.Query) (span int64, capped bool, err error) {
	if s.dialect == Postgres {
		if _, err := s.writer().exec(ctx, "ANALYZE message_search"); err != nil {
			return 0, false, err
		}
	}
	s.shares.mu.Lock()
	s.shares.shares = nil
	s.shares.mu.Unlock()
	sh, err := s.searchShares(ctx)
	if err != nil {
		return 0, false, err
	}
	span, share := probeSpan(q.Tokens(), sh)
	return span, share > 0, nil
}

// PlanNearDuplicateForTest is SQLite's plan of the near-duplicate lookup
// ("" on PostgreSQL, whose plan on a test's few rows says nothing).
func (s *Store) PlanNearDuplicateForTest(ctx context.Context) (string, error) {
	if s.dialect != SQLite {
		return "", nil
	}
	args := []any{1, time.Unix(0, 0).UTC(), 0, 2, time.Unix(0, 0).UTC(), 0, 3, time.Unix(0, 0).UTC(), 0, 4, time.Unix(0, 0).UTC(), 0}
	return s.plan(ctx, nearDuplicateSQL, args...)
}

// plan is SQLite's plan of q, one step a line.
func (s *Store) plan(ctx context.Context, q string, args ...any) (string, error) {
	rows, err := collect(ctx, s.reader(), func(r scanner) (string, error) {
		var id, parent, notused int
		var detail string
		err := r.Scan(&id, &parent, &notused, &detail)
		return detail, err
	}, "EXPLAIN QUERY PLAN "+q, args...)
	return strings.Join(rows, "\n"), err
}

// PlanWaitingForTest is SQLite's plan of the read of the messages
// waiting for the search index, one step a line.
func (s *Store) PlanWaitingForTest(ctx context.Context, f Filter, v Viewer) (string, error) {
	q, args := waitingSQL(f, v)
	return s.plan(ctx, q, args...)
}

// LargeScopeForTest has the store take the scope of f for one holding
// more than scopeCount messages, as if just counted, so that a search
// within it probes the blocks instead of reading every candidate at once.
func (s *Store) LargeScopeForTest(f Filter) {
	s.scopes.mu.Lock()
	defer s.scopes.mu.Unlock()
	if s.scopes.sizes == nil {
		s.scopes.sizes = map[search.Scope]scopeSize{}
	}
	s.scopes.sizes[scopeOf(f)] = scopeSize{scopeCount + 1, time.Now()}
}

// PendingDocsForTest is how many search documents SQLite's writer holds
// back at most (search_pending.go).
const PendingDocsForTest = pendingDocs

// HoldDocsForTest sets how long SQLite's writer holds a search document
// back at most, so that a test can count what it holds without a clock
// in the way.
func (s *Store) HoldDocsForTest(wait time.Duration) {
	if s.group != nil {
		s.group.wait.Store(int64(wait))
	}
}
