package store

import (
	"context"
	"sync"
	"time"
)

// shares is what PostgreSQL's statistics of the search documents
// (ANALYZE, run by autovacuum) say of the tokens found in the most
// documents: the share of documents holding each listed one, and the
// least of those shares, which bounds every token not listed.
type shares struct {
	listed map[string]float64
	least  float64
}

// of is the share of documents holding tok, or the most it can be.
func (sh shares) of(tok string) float64 {
	if f, ok := sh.listed[tok]; ok {
		return f
	}
	return sh.least
}

// tokenShares keeps the shares read, for sharesFor.
type tokenShares struct {
	mu     sync.Mutex
	shares *shares
	read   time.Time
}

// sharesFor is how long the shares read are used before they are read
// again: they move with the mix of what is written, over days.
const sharesFor = 10 * time.Minute

// searchShares returns the shares of the most common tokens (none listed
// on SQLite, or when the documents were never analysed). They are kept in
// memory for sharesFor: they only bound how much one search probe may
// read (see Store.searchWindow), so a stale figure costs time, never a
// result.
func (s *Store) searchShares(ctx context.Context) (shares, error) {
	if s.dialect != Postgres {
		return shares{}, nil
	}
	c := &s.shares
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.shares != nil && time.Since(c.read) < sharesFor {
		return *c.shares, nil
	}
	type share struct {
		tok string
		f   float64
	}
	rows, err := collect(ctx, s.public(ctx), func(r scanner) (share, error) {
		var sh share
		err := r.Scan(&sh.tok, &sh.f)
		return sh, err
	}, `SELECT u.e, u.f FROM pg_stats,
		unnest(most_common_elems::text::text[], most_common_elem_freqs[1:array_length(most_common_elems, 1)]) AS u(e, f)
		WHERE schemaname = current_schema() AND tablename = 'message_search' AND attname = 'doc'`)
	if err != nil {
		return shares{}, err
	}
	sh := shares{listed: make(map[string]float64, len(rows))}
	for i, r := range rows {
		sh.listed[r.tok] = r.f
		if i == 0 || r.f < sh.least {
			sh.least = r.f
		}
	}
	c.shares, c.read = &sh, time.Now()
	return sh, nil
}
