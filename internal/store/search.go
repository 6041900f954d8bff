package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"liuyan/internal/message"
	"liuyan/internal/search"
)

// Hit is a message found by a search, with its relevance (higher is
// better; comparable within one search only).
type Hit struct {
	Message *message.Message
	Score   float64
}

// SearchWindow is how many of the newest matching messages a search
// ranks. A common word occurs in a third of the messages: at a million
// messages, ranking them all would take seconds. The best of the newest
// SearchWindow matches is what a reader pages through, and offsets stop
// there.
const SearchWindow = 300

// SearchMaxLimit bounds one page of hits.
const SearchMaxLimit = 100

// A PostgreSQL search probes the ID blocks (search.IDBlock IDs each)
// newest first, a few at a time, until the window is full. The first
// probe covers as many blocks as should hold the window by the statistics
// (firstProbe), or firstBlocks without them; each next one as many as
// should hold the matches still wanted at the density found so far, and
// four times the last at most (nextProbe). A probe reads every candidate
// in its blocks, so a probe too large reads thousands of rows for a few
// matches: the second probe of 噪音 at 10M, after a first that found 290
// of 300, read 2,800 candidates for ten. Without statistics, after
// uncappedProbes probes one covers every older message; with them, the
// probes are capped (probeSpan) and walk the older blocks to the end.
const (
	firstBlocks    = 2
	uncappedProbes = 4
)

// maxProbe is the most blocks one probe names. When every token of a
// query is in more documents than a block holds, the index checks every
// document of the blocks named against the tokens, about 1.6 ms a block
// at 10M: a probe of 576 blocks for 噪音 within 朝阳区 took seconds.
const maxProbe = 64

// visibleGuess is the share of the candidates a search may show that the
// first probe is sized for: the newest messages include those not yet
// accepted, about half of them in generated stores.
const visibleGuess = 0.5

// firstProbe is how many blocks the first probe covers for a query whose
// rarest token is in share of the documents, within limit.
func firstProbe(share float64, limit int64) int64 {
	if share <= 0 {
		return min(firstBlocks, limit)
	}
	perBlock := share * search.IDBlock * visibleGuess
	return max(1, min(limit, int64(math.Ceil(SearchWindow/perBlock))))
}

// nextProbe is how many blocks the next probe covers after probes over
// blocks blocks found found matches, the last covering last blocks: the
// blocks that should hold the matches still wanted at the density found,
// and a quarter more, or four times the last when none were found; never
// more than four times the last, nor than limit.
func nextProbe(blocks, found, last, limit int64) int64 {
	n := 4 * last
	if found > 0 {
		want := max(0, SearchWindow-found)
		n = min(n, int64(math.Ceil(float64(want)*float64(blocks)*1.25/float64(found))))
	}
	return max(1, min(n, limit))
}

// candidate is a message the index found, with the public text Score
// reads: the text every viewer's index was built from.
type candidate struct {
	id          int64
	createdAt   time.Time
	title, body string
	score       float64
}

// SearchMessages finds the messages the viewer may see whose public title
// or body holds every term of q, narrowed by the list filter f, best
// first: by relevance (search.Query.Score: terms in the title, then how
// often they occur), then newest. Among many matches only the newest
// SearchWindow are ranked (see SearchWindow), so a search costs about the
// same for a common word as for a rare one, and what a reader sees first
// is the best of what was written lately. f.Limit (default 20, at most
// SearchMaxLimit) is the page size and offset skips the hits of earlier
// pages; f.Before, when set, keeps only messages older than it, as in
// Messages. The filter's board, author and region prefix (of a province,
// city or county) narrow inside the index; its other conditions (state,
// type, domain, unit, dates) are checked on each match read, so with a
// common word a narrow one reads many. Snippets are cut by the caller
// with search.Highlight from the text the viewer may read.
func (s *Store) SearchMessages(ctx context.Context, q search.Query, f Filter, offset int, v Viewer) ([]Hit, error) {
	if q.IsZero() {
		return nil, &message.InputError{Key: "error.search_empty"}
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 20
	}
	limit = min(limit, SearchMaxLimit)
	offset = max(offset, 0)
	if offset >= SearchWindow {
		return []Hit{}, nil
	}
	window, err := s.searchWindow(ctx, q, f, v)
	if err != nil {
		return nil, fmt.Errorf("store: unable to search messages: %w", err)
	}
	slices.SortFunc(window, func(a, b candidate) int {
		switch {
		case a.score != b.score:
			if a.score > b.score {
				return -1
			}
			return 1
		case !a.createdAt.Equal(b.createdAt):
			return b.createdAt.Compare(a.createdAt)
		}
		return int(b.id - a.id)
	})
	page := window[min(offset, len(window)):min(offset+limit, len(window))]
	if len(page) == 0 {
		return []Hit{}, nil
	}
	ids := make([]any, len(page))
	for i, c := range page {
		ids[i] = c.id
	}
	ms, err := collect(ctx, s.public(ctx), scanMessage,
		"SELECT "+messageColumns+messageFrom+" WHERE m.id IN ("+placeholders(len(ids))+")", ids...)
	if err != nil {
		return nil, fmt.Errorf("store: unable to read messages found: %w", err)
	}
	byID := make(map[int64]*message.Message, len(ms))
	for _, m := range ms {
		byID[m.ID] = m
	}
	hits := make([]Hit, 0, len(page))
	for _, c := range page {
		if m := byID[c.id]; m != nil {
			hits = append(hits, Hit{Message: m, Score: c.score})
		}
	}
	return hits, loadTags(ctx, s.public(ctx), ms...)
}

// scopeOf is the part of a filter the index holds tokens for.
func scopeOf(f Filter) search.Scope {
	return search.Scope{BoardID: f.BoardID, RegionCode: f.RegionPrefix, AuthorID: f.AuthorID}
}

// searchWindow reads the newest SearchWindow messages the viewer may see
// that hold q within the filter, each scored. The index proposes
// candidates newest first; Score keeps those that really hold every term
// (on SQLite all of them: FTS5 checks phrases itself) and ranks them.
func (s *Store) searchWindow(ctx context.Context, q search.Query, f Filter, v Viewer) ([]candidate, error) {
	scope := scopeOf(f)
	var window []candidate
	// read fills the window from the candidates with IDs below before
	// (0: no bound) in blocks (nil: every block), a batch at a time, and
	// says how many candidates the index proposed in them (on PostgreSQL).
	read := func(blocks []int64, before int64) (proposed int64, err error) {
		for batch := 0; len(window) < SearchWindow; batch++ {
			need := SearchWindow - len(window)
			cs, n, err := s.searchCandidates(ctx, q, scope, blocks, before, need, f, v)
			if err != nil {
				return 0, err
			}
			if batch == 0 {
				proposed = n
			}
			for _, c := range cs {
				if score, ok := q.Score(c.title, c.body); ok {
					c.score = score
					c.title, c.body = "", ""
					window = append(window, c)
				}
			}
			if len(cs) < need {
				return proposed, nil
			}
			before = cs[len(cs)-1].id
		}
		return proposed, nil
	}
	if s.dialect != Postgres {
		// The messages waiting for the index are read first: a batch
		// written to the index meanwhile is then found there, where read
		// the other way round it would be found in neither.
		waiting, err := s.waitingCandidates(ctx, f, v)
		if err != nil {
			return nil, err
		}
		if _, err := read(nil, 0); err != nil {
			return nil, err
		}
		return withWaiting(window, waiting, q), nil
	}
	var maxID int64
	if err := s.public(ctx).queryRow(ctx, "SELECT COALESCE(MAX(message_id), 0) FROM message_search").Scan(&maxID); err != nil {
		return nil, err
	}
	if f.Before != 0 {
		maxID = min(maxID, f.Before-1)
	}
	sh, err := s.searchShares(ctx)
	if err != nil {
		return nil, err
	}
	words := q.Tokens()
	if inScope, err := s.scopeMessages(ctx, scope); err != nil {
		return nil, err
	} else if inScope > 0 && inScope <= scopeCount && float64(inScope)*sh.rarest(words) <= probeCandidates {
		// A board, region or author few enough of whose messages hold
		// the words: one query reads all its candidates, the scope's
		// token driving the index.
		_, err := read(nil, maxID+1)
		return window, err
	}
	span, share := probeSpan(append(words, scope.Tokens()...), sh)
	capped := share > 0
	next := search.Block(maxID) // the newest block not yet read
	// Blocks read, by the last probe, and the candidates the index
	// proposed in them.
	var blocks, last, proposed int64
	for probes := 0; next >= 0 && len(window) < SearchWindow; probes++ {
		if !capped && probes == uncappedProbes {
			_, err := read(nil, (next+1)*search.IDBlock)
			return window, err
		}
		n := firstProbe(share, min(span, maxProbe))
		if probes > 0 {
			n = nextProbe(blocks, int64(len(window)), last, min(maxProbe, probeLimit(blocks, proposed)))
		}
		var ids []int64
		for b := next; b > next-n && b >= 0; b-- {
			ids = append(ids, b)
		}
		p, err := read(ids, 0)
		if err != nil {
			return nil, err
		}
		next -= n
		blocks += int64(len(ids))
		proposed += p
		last = n
	}
	return window, nil
}

// withWaiting adds to a window read from the index the messages waiting
// for it that hold q, and keeps the newest SearchWindow: a message found
// in both (written to the index between the two reads) once.
func withWaiting(window, waiting []candidate, q search.Query) []candidate {
	if len(waiting) == 0 {
		return window
	}
	seen := make(map[int64]bool, len(window))
	for _, c := range window {
		seen[c.id] = true
	}
	for _, c := range waiting {
		if seen[c.id] {
			continue
		}
		if score, ok := q.Score(c.title, c.body); ok {
			c.score = score
			c.title, c.body = "", ""
			window = append(window, c)
		}
	}
	slices.SortFunc(window, func(a, b candidate) int { return cmp.Compare(b.id, a.id) })
	return window[:min(len(window), SearchWindow)]
}

// probeLimit is the most blocks a probe after the first may cover: those
// expected to propose probeCandidates at the density of candidates the
// index proposed so far. Found by the probes, not the statistics, it
// lets a search within a small board (whose words are common but rare
// there) cover the store in a few probes, growing fourfold each time.
func probeLimit(blocks, proposed int64) int64 {
	if proposed == 0 {
		return math.MaxInt64
	}
	return max(1, probeCandidates*blocks/proposed)
}

// probeCandidates is how many candidates one probe is expected to
// propose at most. A probe reads every candidate in its blocks (the index
// keeps no order), so a search for a word in a fifth of the documents
// that found none in the newest blocks (a region of messages about other
// things) would otherwise read 128 blocks next: 200,000 candidates,
// seconds.
const probeCandidates = 4096

// probeSpan is how many ID blocks one probe may cover for a query with
// these tokens, given the shares of documents the statistics say hold
// them, and the share it goes by, that of the rarest token: the probe's
// expected candidates stay within probeCandidates. A token the
// statistics do not list counts at the least listed share, the most it
// can have: uncapped, a word just below the list (话费, in 0.8% of 10
// million documents) found none in the newest 42 blocks and then read
// 8,700 candidates in the next 128 (2.2 s). Without statistics (SQLite,
// or documents never analysed) the query is not capped: share is 0 and
// the span unbounded.
func probeSpan(tokens []string, sh shares) (span int64, share float64) {
	if len(tokens) == 0 || len(sh.listed) == 0 {
		return math.MaxInt64, 0
	}
	share = sh.rarest(tokens)
	if share <= 0 {
		return math.MaxInt64, 0
	}
	return max(1, int64(probeCandidates/(share*search.IDBlock))), share
}

// searchCandidates reads at most n messages the viewer may see within the
// filter that the index finds for q within scope, newest first, with IDs
// below before when it is not 0 and, on PostgreSQL, in the ID blocks
// given (any block when none); on PostgreSQL it also says how many
// candidates the index proposed (visible or not, below before or not),
// by which the next probe is sized.
//
// On SQLite the FTS5 table answers the query and yields its matches
// newest first, so the first n read are the ones wanted. On PostgreSQL
// the GIN index answers the query and the blocks together, and the
// MATERIALIZED subquery makes it do so: offered an ID bound or an order,
// the planner would walk the table newest first and test each message's
// document instead, reading every document back from TOAST.
func (s *Store) searchCandidates(ctx context.Context, q search.Query, scope search.Scope, blocks []int64, before int64, n int, f Filter, v Viewer) ([]candidate, int64, error) {
	vis, visArgs := v.where()
	filter, filterArgs := f.where()
	if s.dialect != Postgres {
		bound := "TRUE"
		if before != 0 {
			bound = "message_search.rowid < " + strconv.FormatInt(before, 10)
		}
		// The inner query picks the IDs, the outer one reads the text of
		// those alone.
		stmt := `SELECT m.id, m.created_at, m.public_title, m.public_body FROM (
			SELECT m.id FROM message_search JOIN messages m ON m.id = message_search.rowid
			WHERE message_search MATCH ? AND ` + strings.Join([]string{bound, vis, filter}, " AND ") + `
			ORDER BY message_search.rowid DESC LIMIT ` + strconv.Itoa(n) + `
		) w JOIN messages m ON m.id = w.id ORDER BY m.id DESC`
		args := append(append([]any{q.FTS5(scope)}, visArgs...), filterArgs...)
		cs, err := collect(ctx, s.public(ctx), func(r scanner) (candidate, error) {
			var c candidate
			err := r.Scan(&c.id, &c.createdAt, &c.title, &c.body)
			return c, err
		}, stmt, args...)
		return cs, 0, err
	}
	bound := "TRUE"
	if before != 0 {
		// +0 keeps PostgreSQL from walking the primary key for it.
		bound = "m.id + 0 < " + strconv.FormatInt(before, 10)
	}
	// The candidates are sorted newest first and each one's message
	// looked up and tested in turn until the window is full: the
	// subqueries are fenced (OFFSET 0) because, joined freely, the
	// planner expected ten times the candidates there were and walked the
	// messages' primary key from the newest down to meet them (41,000
	// rows for 300 at 10M messages; 250 ms against 41 ms). The count of
	// the candidates comes in every row, and in a row of its own, its
	// other columns empty, when none may be shown.
	stmt := `WITH c AS MATERIALIZED (SELECT message_id AS id FROM message_search WHERE doc @@ CAST(? AS tsquery)),
	w AS (SELECT c.id FROM (SELECT id FROM c ORDER BY id DESC OFFSET 0) AS c
		CROSS JOIN LATERAL (SELECT 1 FROM messages m WHERE m.id = c.id AND ` + strings.Join([]string{bound, vis, filter}, " AND ") + ` OFFSET 0) AS shown
		ORDER BY c.id DESC LIMIT ` + strconv.Itoa(n) + `)
	SELECT t.n, m.id, m.created_at, m.public_title, m.public_body
	FROM (SELECT COUNT(*) AS n FROM c) AS t LEFT JOIN (w JOIN messages m ON m.id = w.id) ON TRUE
	ORDER BY m.id DESC NULLS LAST`
	args := append(append([]any{q.TSQuery(scope, blocks)}, visArgs...), filterArgs...)
	var proposed int64
	rows, err := collect(ctx, s.public(ctx), func(r scanner) (candidate, error) {
		var c candidate
		var id sql.NullInt64
		var at sql.NullTime
		var title, body sql.NullString
		err := r.Scan(&proposed, &id, &at, &title, &body)
		c.id, c.createdAt, c.title, c.body = id.Int64, at.Time, title.String, body.String
		return c, err
	}, stmt, args...)
	if err != nil {
		return nil, 0, err
	}
	if len(rows) == 1 && rows[0].id == 0 {
		rows = nil // the count's own row: none may be shown
	}
	return rows, proposed, nil
}
