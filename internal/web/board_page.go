package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"liuyan/internal/board"
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

// boardPage shows a board: who it is, its counts, and its messages,
// filterable by state, type and domain. Unknown filter values are left
// out rather than refused: they come from edited addresses, not forms.
func (w *Web) boardPage(rw http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return errNotFound
	}
	b, err := w.store.Board(ctx, id)
	if err != nil {
		return err
	}
	u := userOf(r)
	q := r.URL.Query()
	lists, err := w.desk.Lists(ctx)
	if err != nil {
		return err
	}
	p := &boardPage{Path: region.Path(b.RegionCode), Statuses: publicStates, Types: lists.Names(vocab.Type), Domains: lists.Names(vocab.Domain)}
	f := store.Filter{BoardID: b.ID, Limit: pageSize}
	if st := lifecycle.State(q.Get("status")); slices.Contains(publicStates, st) {
		f.Status, p.Status = st, string(st)
	}
	if t := q.Get("type"); lists.Known(vocab.Type, t) {
		f.Type, p.Type = t, t
	}
	if d := q.Get("domain"); lists.Known(vocab.Domain, d) {
		f.Domain, p.Domain = d, d
	}
	f.Before, _ = strconv.ParseInt(q.Get("before"), 10, 64)
	cards, err := w.boardCards(r, []board.Board{*b})
	if err != nil {
		return err
	}
	p.Board = cards[0]
	if p.Figures, err = w.stats.Totals(ctx, stats.Scope{BoardID: b.ID}, stats.SinceStart(w.now())); err != nil {
		return err
	}
	ms, err := w.store.Messages(ctx, f, workflow.ViewerOf(u))
	if err != nil {
		return err
	}
	if p.Items, err = w.items(ctx, u, ms, listOpts{showBody: true}); err != nil {
		return err
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
	return w.render(rw, r, http.StatusOK, "board", p)
}
