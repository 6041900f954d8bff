package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"liuyan/internal/search"
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

// rarest is the share of documents holding the rarest of tokens, or the
// most it can be; 1 with no statistics or no tokens.
func (sh shares) rarest(tokens []string) float64 {
	r := 1.0
	if len(sh.listed) == 0 {
		return r
	}
	for _, tok := range tokens {
		r = min(r, sh.of(tok))
	}
	return r
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

// scopeCount is how far the messages of a board, region or author
// searched within are counted: past it a scope is large, and its searches
// probe the blocks as unscoped ones do.
const scopeCount = 1 << 16

// scopeSizes keeps how many messages each scope searched within holds,
// counted up to scopeCount+1, for sharesFor: a board's size moves slowly,
// and a stale figure costs time, never a result.
type scopeSizes struct {
	mu    sync.Mutex
	sizes map[search.Scope]scopeSize
}

type scopeSize struct {
	n    int64
	read time.Time
}

// scopeMessages is how many messages the scope holds, up to scopeCount+1
// (0 for no scope). The count walks the messages' index on board, region
// or author, and stops past scopeCount.
func (s *Store) scopeMessages(ctx context.Context, sc search.Scope) (int64, error) {
	if sc == (search.Scope{}) {
		return 0, nil
	}
	c := &s.scopes
	c.mu.Lock()
	got, ok := c.sizes[sc]
	c.mu.Unlock()
	if ok && time.Since(got.read) < sharesFor {
		return got.n, nil
	}
	var conds []string
	var args []any
	if sc.BoardID != 0 {
		conds, args = append(conds, "board_id = ?"), append(args, sc.BoardID)
	}
	if sc.RegionCode != "" {
		// A range of codes, not LIKE, so that the index serves it in the
		// database's collation: 3301 is [3301, 3302). Region codes never
		// start with 99, so the upper end keeps the prefix's length.
		lo := sc.RegionCode
		p, err := strconv.Atoi(lo)
		if err != nil {
			return scopeCount + 1, nil // not a code the index holds: large, probe as usual
		}
		hi := fmt.Sprintf("%0*d", len(lo), p+1)
		conds, args = append(conds, "region_code >= ? AND region_code < ?"), append(args, lo, hi)
	}
	if sc.AuthorID != 0 {
		conds, args = append(conds, "author_id = ?"), append(args, sc.AuthorID)
	}
	var n int64
	err := s.public(ctx).queryRow(ctx, "SELECT COUNT(*) FROM (SELECT 1 FROM messages WHERE "+strings.Join(conds, " AND ")+
		" LIMIT "+strconv.Itoa(scopeCount+1)+") AS s", args...).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: unable to count a search's scope: %w", err)
	}
	c.mu.Lock()
	if c.sizes == nil || len(c.sizes) > maxScopeSizes {
		c.sizes = map[search.Scope]scopeSize{}
	}
	c.sizes[sc] = scopeSize{n, time.Now()}
	c.mu.Unlock()
	return n, nil
}

// maxScopeSizes bounds the scopes kept: past it they are all forgotten.
const maxScopeSizes = 100000
