package web

import (
	"net/http"
	"strconv"

	"liuyan/internal/account"
	"liuyan/internal/catalog"
	"liuyan/internal/lifecycle"
	"liuyan/internal/message"
	"liuyan/internal/store"
	"liuyan/internal/workflow"
)

type workbenchPage struct {
	frame
	Unit    string
	Queue   []item
	Overdue int
	DueSoon int
	Current int64
	D       *detail // the message open beside the queue, or nil
}

// workbench is a handler's desk: the unit's queue, most urgent first,
// with overdue and due-soon messages marked, and beside it the chosen
// message's whole history with every action the handler may take.
func (w *Web) workbench(rw http.ResponseWriter, r *http.Request) error {
	u, err := need(r, account.Handler)
	if err != nil {
		return err
	}
	var d *detail
	if s := r.PathValue("id"); s != "" {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return errNotFound
		}
		if d, err = w.detail(r.Context(), u, id, fromWorkbench); err != nil {
			return err
		}
		d.useTemplate(r.URL.Query().Get("template"))
	}
	return w.showWorkbench(rw, r, http.StatusOK, u, d)
}

func (w *Web) showWorkbench(rw http.ResponseWriter, r *http.Request, status int, u *account.User, d *detail) error {
	ctx := r.Context()
	ms, err := w.store.Queue(ctx, store.Queue{UnitID: u.UnitID,
		States: []lifecycle.State{lifecycle.Assigned, lifecycle.Handling}}, workflow.ViewerOf(u))
	if err != nil {
		return err
	}
	p := &workbenchPage{D: d}
	if p.Queue, err = w.items(ctx, u, ms, listOpts{href: func(m *message.Message) string {
		return "/workbench/" + strconv.FormatInt(m.ID, 10)
	}}); err != nil {
		return err
	}
	for _, it := range p.Queue {
		if it.Overdue {
			p.Overdue++
		} else if it.DueSoon {
			p.DueSoon++
		}
	}
	unit, err := w.store.Unit(ctx, u.UnitID)
	if err != nil {
		return err
	}
	p.Unit = unit.Name
	p.Title, p.Nav = catalog.T("web.workbench.title"), "workbench"
	if d != nil {
		p.Current = d.M.ID
		p.Title = d.M.Title + " - " + p.Title
	}
	return w.render(rw, r, status, "workbench", p)
}
