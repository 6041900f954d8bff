package web

import (
	"net/http"
	"strconv"

	"liuyan/internal/catalog"
	"liuyan/internal/store"
	"liuyan/internal/workflow"
)

type minePage struct {
	frame
	Items []item
	Next  string
}

// mine lists the signed-in person's own messages with their states,
// newest first, rejected and waiting ones included.
func (w *Web) mine(rw http.ResponseWriter, r *http.Request) error {
	u, err := need(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	before, _ := strconv.ParseInt(r.URL.Query().Get("before"), 10, 64)
	ms, err := w.store.Messages(ctx, store.Filter{AuthorID: u.ID, Before: before, Limit: pageSize}, workflow.ViewerOf(u))
	if err != nil {
		return err
	}
	p := &minePage{}
	if p.Items, err = w.items(ctx, u, ms, listOpts{showBody: true}); err != nil {
		return err
	}
	if len(ms) == pageSize {
		p.Next = "/mine?before=" + strconv.FormatInt(ms[len(ms)-1].ID, 10)
	}
	p.Title, p.Nav = catalog.T("web.mine.title"), "mine"
	return w.render(rw, r, http.StatusOK, "mine", p)
}
