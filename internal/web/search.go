package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"liuyan/internal/catalog"
	"liuyan/internal/message"
	"liuyan/internal/region"
	"liuyan/internal/search"
	"liuyan/internal/store"
	"liuyan/internal/workflow"
)

type searchPage struct {
	frame
	Query string
	Error string
	// Scope names the board or region the search is narrowed to, and
	// Board and Region carry it to the next search.
	Scope  string
	Board  int64
	Region string
	Items  []item
	Next   string
}

// search finds the messages the viewer may see whose title or body holds
// every word typed, best first, with the words marked in the title and a
// snippet of the body. ?board=ID or ?region=CODE narrows it (the search
// boxes of a board's and a region's pages); ?from=N skips the hits of
// earlier pages, since ranked hits have no keyset.
func (w *Web) search(rw http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	u := userOf(r)
	qs := r.URL.Query()
	text := strings.TrimSpace(qs.Get("q"))
	p := &searchPage{Query: text}
	p.Title, p.Nav, p.Search = catalog.T("web.search.title"), "search", text
	f := store.Filter{Limit: pageSize}
	if id, err := strconv.ParseInt(qs.Get("board"), 10, 64); err == nil && id > 0 {
		b, err := w.store.Board(ctx, id)
		if err != nil {
			return err
		}
		f.BoardID, p.Board, p.Scope = b.ID, b.ID, b.Name
	} else if rg, ok := region.Get(qs.Get("region")); ok {
		f.RegionPrefix, p.Region, p.Scope = region.Prefix(rg.Code), rg.Code, rg.Name
	}
	if text == "" {
		return w.render(rw, r, http.StatusOK, "search", p)
	}
	q, err := search.Parse(text)
	if err != nil {
		prob, ok := w.desk.Explain(err)
		if !ok {
			return err
		}
		p.Error = prob.Message()
		return w.render(rw, r, http.StatusUnprocessableEntity, "search", p)
	}
	from, _ := strconv.Atoi(qs.Get("from"))
	from = max(0, min(from, store.SearchWindow))
	hits, err := w.store.SearchMessages(ctx, q, f, from, workflow.ViewerOf(u))
	if err != nil {
		return err
	}
	ms := make([]*message.Message, len(hits))
	for i, h := range hits {
		ms[i] = h.Message
	}
	if p.Items, err = w.items(ctx, u, ms, listOpts{}); err != nil {
		return err
	}
	// The marks are cut from the text items chose for this viewer: the
	// masked text for the public.
	for i := range p.Items {
		h := q.Highlight(p.Items[i].Title, p.Items[i].Body)
		p.Items[i].Hit = &h
	}
	if next := from + len(hits); len(hits) == pageSize && next < store.SearchWindow {
		v := url.Values{"q": {text}, "from": {strconv.Itoa(next)}}
		if p.Board != 0 {
			v.Set("board", strconv.FormatInt(p.Board, 10))
		} else if p.Region != "" {
			v.Set("region", p.Region)
		}
		p.Next = "/search?" + v.Encode()
	}
	return w.render(rw, r, http.StatusOK, "search", p)
}
