package store

import (
	"context"
	"fmt"

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
// ranks. A common word occurs in a third of the messages, and scoring
// each match costs tens of microseconds: at a million messages, ranking
// them all would take seconds. The best of the newest SearchWindow
// matches is what a reader pages through, and offsets stop there.
const SearchWindow = 300

// SearchMaxLimit bounds one page of hits.
const SearchMaxLimit = 100

// searchSQL holds the dialect's pieces of a search: the index joined to
// messages, the match condition (taking the query within the filter's
// scope), the index column holding the message ID, a column the window
// carries out (keep), and the relevance score computed on the window's
// rows only (taking the query in no scope when scoreTakesQuery).
type searchSQL struct {
	from, match, id, keep, score string
	scoreTakesQuery              bool
	query                        func(search.Query, search.Scope) string
}

var searchDialects = map[Dialect]searchSQL{
	// bm25 is smaller for better matches; title weighs five times the
	// body, and scope nothing. It can only be computed where the index is
	// read, which SQLite does for the window's rows alone: its planner
	// always starts from the index, newest match first.
	SQLite: {
		from:  "message_search JOIN messages m ON m.id = message_search.rowid",
		match: "message_search MATCH ?",
		id:    "message_search.rowid",
		keep:  "-bm25(message_search, 5.0, 1.0, 0.0) AS score",
		score: "h.score",
		query: search.Query.FTS5,
	},
	// ts_rank weighs title lexemes (A) ten times body ones (D), and
	// normalisation 1 divides by the log of the document's length. It is
	// computed outside the window's query, where PostgreSQL might compute
	// it for every match before sorting them.
	Postgres: {
		from:            "message_search s JOIN messages m ON m.id = s.message_id",
		match:           "s.doc @@ CAST(? AS tsquery)",
		id:              "s.message_id",
		keep:            "s.doc",
		score:           "ts_rank(h.doc, CAST(? AS tsquery), 1)",
		scoreTakesQuery: true,
		query:           search.Query.TSQuery,
	},
}

// SearchMessages finds the messages the viewer may see whose public title
// or body holds every term of q, narrowed by the list filter f, best
// first: by relevance, then newest. Among many matches only the newest
// SearchWindow are ranked (see SearchWindow). f.Limit (default 20, at
// most SearchMaxLimit) is the page size and offset skips the hits of
// earlier pages; f.Before, when set, keeps only messages older than it,
// as in Messages. The filter's board, author and region prefix (of a
// province, city or county) narrow inside the index; its other conditions
// (state, type, domain, unit, dates) are checked on each match read, so
// with a common word a narrow one reads many. Snippets are cut by the
// caller with search.Highlight from the text the viewer may read.
func (s *Store) SearchMessages(ctx context.Context, q search.Query, f Filter, offset int, v Viewer) ([]Hit, error) {
	if q.IsZero() {
		return nil, &message.InputError{Key: "error.search_empty"}
	}
	d := searchDialects[s.dialect]
	limit := f.Limit
	if limit <= 0 {
		limit = 20
	}
	limit = min(limit, SearchMaxLimit)
	offset = max(offset, 0)
	if offset >= SearchWindow {
		return []Hit{}, nil
	}
	scope := search.Scope{BoardID: f.BoardID, RegionCode: f.RegionPrefix, AuthorID: f.AuthorID}
	vis, visArgs := v.where()
	filter, filterArgs := f.where()
	var args []any
	if d.scoreTakesQuery {
		args = append(args, d.query(q, search.Scope{}))
	}
	args = append(args, d.query(q, scope))
	args = append(args, visArgs...)
	args = append(args, filterArgs...)
	// The window of newest matches is ranked, the page cut from it, and
	// only the page's rows read whole: joined to the whole window, the
	// planner may read every message to build a hash table.
	stmt := fmt.Sprintf(`SELECT %s, p.score FROM (
		SELECT h.id, %s AS score, h.created_at FROM (
			SELECT %s AS id, m.created_at, %s FROM %s
			WHERE %s AND %s AND %s
			ORDER BY %s DESC LIMIT %d
		) h ORDER BY 2 DESC, h.created_at DESC, h.id DESC LIMIT %d OFFSET %d
	) p JOIN messages m ON m.id = p.id JOIN users u ON u.id = m.author_id
	ORDER BY p.score DESC, p.created_at DESC, p.id DESC`,
		messageColumns, d.score, d.id, d.keep, d.from, d.match, vis, filter, d.id, SearchWindow, limit, offset)
	hits, err := collect(ctx, s.public(ctx), func(r scanner) (Hit, error) {
		var score float64
		m, err := scanMessage(scoreScanner{r, &score})
		if err != nil {
			return Hit{}, err
		}
		return Hit{Message: m, Score: score}, nil
	}, stmt, args...)
	if err != nil {
		return nil, fmt.Errorf("store: unable to search messages: %w", err)
	}
	ms := make([]*message.Message, len(hits))
	for i, h := range hits {
		ms[i] = h.Message
	}
	if hits == nil {
		hits = []Hit{}
	}
	return hits, loadTags(ctx, s.public(ctx), ms...)
}

// scoreScanner reads a message row followed by one more column, the
// score, so that scanMessage stays the one reader of message rows.
type scoreScanner struct {
	scanner
	score *float64
}

func (s scoreScanner) Scan(dest ...any) error {
	return s.scanner.Scan(append(dest, s.score)...)
}
