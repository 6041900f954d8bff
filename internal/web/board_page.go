package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"liuyan/internal/account"
	"liuyan/internal/board"
	"liuyan/internal/calendar"
	"liuyan/internal/catalog"
	"liuyan/internal/lifecycle"
	"liuyan/internal/region"
	"liuyan/internal/stats"
	"liuyan/internal/store"
	"liuyan/internal/vocab"
	"liuyan/internal/workflow"
)

type boardPage struct {
	frame
	Board    boardCard
	Path     []region.Region
	Figures  stats.Figures
	Items    []item
	Next     string
	Status   string
	Type     string
	Domain   string
	Statuses []lifecycle.State
	Types    []string
	Domains  []string
}

// publicStates are the states a board's list can be narrowed to: those a
// message reaches once accepted.
var publicStates = []lifecycle.State{lifecycle.Published, lifecycle.Assigned, lifecycle.Handling,
	lifecycle.Replied, lifecycle.Rated, lifecycle.Closed}

// pageSize is the length of a list page.
const pageSize = 20

// boardQuery is what a board page's address filters its list by, once
// checked against the lists.
type boardQuery struct {
	status      lifecycle.State
	typ, domain string
	before      int64
}

// boardFilters reads a board page's filters. Unknown values are left out
// rather than refused: they come from edited addresses, not forms.
func boardFilters(q url.Values, lists *vocab.Set) boardQuery {
	var bq boardQuery
	if st := lifecycle.State(q.Get("status")); slices.Contains(publicStates, st) {
		bq.status = st
	}
	if t := q.Get("type"); lists.Known(vocab.Type, t) {
		bq.typ = t
	}
	if d := q.Get("domain"); lists.Known(vocab.Domain, d) {
		bq.domain = d
	}
	bq.before, _ = strconv.ParseInt(q.Get("before"), 10, 64)
	return bq
}

// boardAddress is the one spelling of a board page's query that its own
// links use: the filters sorted, those left empty (the form's "all")
// dropped. exact says the query asks for nothing else: no other
// parameter, no filter twice, no state a visitor cannot filter by, no
// other spelling of a number. It reads no lists, so that a kept page is
// found without them; a type or domain the lists do not know stays in the
// address and filters nothing, as boardFilters reads it.
func boardAddress(q url.Values) (canonical string, exact bool) {
	canon := url.Values{}
	for k, vs := range q {
		if len(vs) != 1 {
			return "", false
		}
		v := vs[0]
		if v == "" {
			continue
		}
		switch k {
		case "status":
			if !slices.Contains(publicStates, lifecycle.State(v)) {
				return "", false
			}
		case "type", "domain":
		case "before":
			if n, err := strconv.ParseInt(v, 10, 64); err != nil || n <= 0 || strconv.FormatInt(n, 10) != v {
				return "", false
			}
		default:
			return "", false
		}
		canon.Set(k, v)
	}
	return canon.Encode(), true
}

// boardPage shows a board: who it is, its figures, and its messages,
// filterable by state, type and domain.
//
// Visitors without a session get the page kept rendered (publicBoardPage)
// when its address names its filters and nothing else. Every spelling of
// the same filters (the form sends empty ones) is rendered as the one
// address, kept or not, so that a kept page is the page whichever
// spelling asked.
func (w *Web) boardPage(rw http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return errNotFound
	}
	if canonical, exact := boardAddress(r.URL.Query()); exact {
		r = withQuery(r, canonical)
		if userOf(r) == nil && w.kept != nil && r.URL.Path == "/boards/"+strconv.FormatInt(id, 10) {
			return w.publicBoardPage(rw, r, id)
		}
	}
	lists, err := w.desk.Lists(ctx)
	if err != nil {
		return err
	}
	b, err := w.store.Board(ctx, id)
	if err != nil {
		return err
	}
	p, err := w.boardView(ctx, *b, boardFilters(r.URL.Query(), lists), lists, userOf(r), w.now())
	if err != nil {
		return err
	}
	return w.render(rw, r, http.StatusOK, "board", p)
}

// withQuery is r asking for its path with query q.
func withQuery(r *http.Request, q string) *http.Request {
	if r.URL.RawQuery == q {
		return r
	}
	u := *r.URL
	u.RawQuery = q
	r2 := r.Clone(r.Context())
	r2.URL = &u
	return r2
}

// boardView reads what board b's page shows viewer u at now.
func (w *Web) boardView(ctx context.Context, b board.Board, bq boardQuery, lists *vocab.Set, u *account.User, now time.Time) (*boardPage, error) {
	p := &boardPage{Path: region.Path(b.RegionCode), Statuses: publicStates, Types: lists.Names(vocab.Type), Domains: lists.Names(vocab.Domain),
		Status: string(bq.status), Type: bq.typ, Domain: bq.domain}
	// The card's message count is not on this page (its figures are):
	// counting a busy board's messages on every view was most of its cost.
	p.Board = boardCard{Board: b, Initial: initial(b)}
	var err error
	if p.Figures, err = w.stats.Totals(ctx, stats.Scope{BoardID: b.ID}, stats.SinceStart(now)); err != nil {
		return nil, err
	}
	f := store.Filter{BoardID: b.ID, Limit: pageSize, Status: bq.status, Type: bq.typ, Domain: bq.domain, Before: bq.before}
	ms, err := w.store.Messages(ctx, f, workflow.ViewerOf(u))
	if err != nil {
		return nil, err
	}
	if p.Items, err = w.itemsAt(ctx, u, ms, listOpts{showBody: true}, now); err != nil {
		return nil, err
	}
	if len(ms) == pageSize {
		next := url.Values{"before": {strconv.FormatInt(ms[len(ms)-1].ID, 10)}}
		for k, v := range map[string]string{"status": p.Status, "type": p.Type, "domain": p.Domain} {
			if v != "" {
				next.Set(k, v)
			}
		}
		p.Next = "/boards/" + strconv.FormatInt(b.ID, 10) + "?" + next.Encode()
	}
	p.Title, p.Nav = b.Name, "regions"
	p.Feed = &feedLink{Title: catalog.T("web.feed.board"), URL: "/feeds/boards/" + strconv.FormatInt(b.ID, 10)}
	return p, nil
}

// publicBoardPage answers a visitor from the kept page when the store says
// nothing it was rendered from has changed since (one read of the board's
// row by its key, store.BoardPageKey), on the same day in China, before
// the first deadline of its messages passes; with 304 to a browser that
// holds that page already; and renders and keeps it otherwise.
func (w *Web) publicBoardPage(rw http.ResponseWriter, r *http.Request, id int64) error {
	ctx := r.Context()
	sk, err := w.store.BoardPageKey(ctx, id)
	if err != nil {
		return err
	}
	now := w.now()
	k := pageKey{version: sk.Version, generation: sk.Generation, day: chinaDay(now)}
	addr := r.URL.RequestURI()
	body, until, ok := w.kept.get(addr, k, now)
	if !ok {
		// Everything read from here on is at least as new as sk, so the
		// page is never older than the key it is kept under. The lists
		// are read from the store, not this instance's copy, which may
		// not have heard yet of a change the key already counts.
		lists, err := w.store.LoadVocab(ctx, w.desk.Policy)
		if err != nil {
			return err
		}
		p, err := w.boardView(ctx, sk.Board, boardFilters(r.URL.Query(), lists), lists, nil, now)
		if err != nil {
			return err
		}
		if body, err = w.execute(r, "board", p); err != nil {
			return err
		}
		until = flagsUntil(p.Items, now)
		w.kept.put(addr, k, until, body)
	}
	etag := k.boardETag(id, until)
	rw.Header().Set("ETag", etag)
	if etagMatch(r.Header.Get("If-None-Match"), etag) {
		pageHeaders(rw, false)
		rw.WriteHeader(http.StatusNotModified)
		return nil
	}
	return sendPage(rw, http.StatusOK, false, body)
}

// chinaDay is the date of t in China as yyyymmdd.
func chinaDay(t time.Time) int32 {
	y, m, d := t.In(calendar.China).Date()
	return int32(y*10000 + int(m)*100 + d)
}

// flagsUntil is when the first of the items' overdue flags turns on: the
// instant after the earliest deadline still to pass among the open
// messages listed (Overdue is strictly after the deadline); zero when
// none. Their due-soon flags change only with the day, which the page's
// key holds.
func flagsUntil(items []item, now time.Time) time.Time {
	var until time.Time
	for _, it := range items {
		d := it.Deadline
		if !it.Status.Open() || d.IsZero() || now.After(d) {
			continue
		}
		if t := d.Add(time.Nanosecond); until.IsZero() || t.Before(until) {
			until = t
		}
	}
	return until
}
