package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"liuyan/internal/catalog"
	"liuyan/internal/workflow"
)

type searchPage struct {
	frame
	Query string
	Error string
	Items []item
	Next  string
}

// searchMax bounds a search text; titles are at most 50 characters.
const searchMax = 50

// search finds messages by their title. Full-text search of bodies and
// replies is the text-mining issue's.
func (w *Web) search(rw http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	u := userOf(r)
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	p := &searchPage{Query: q}
	p.Title, p.Nav, p.Search = catalog.T("web.search.title"), "search", q
	switch {
	case q == "":
	case !utf8.ValidString(q) || utf8.RuneCountInString(q) > searchMax:
		p.Error = catalog.T("web.search.too_long", searchMax)
	default:
		before, _ := strconv.ParseInt(r.URL.Query().Get("before"), 10, 64)
		ms, err := w.store.SearchTitles(ctx, q, before, pageSize, workflow.ViewerOf(u))
		if err != nil {
			return err
		}
		if p.Items, err = w.items(ctx, u, ms, listOpts{showBody: true}); err != nil {
			return err
		}
		if len(ms) == pageSize {
			p.Next = "/search?" + url.Values{"q": {q}, "before": {strconv.FormatInt(ms[len(ms)-1].ID, 10)}}.Encode()
		}
	}
	return w.render(rw, r, http.StatusOK, "search", p)
}
