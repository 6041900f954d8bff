package web

import (
	"net/http"
	"time"

	"liuyan/internal/account"
	"liuyan/internal/catalog"
	"liuyan/internal/lifecycle"
	"liuyan/internal/region"
	"liuyan/internal/store"
	"liuyan/internal/workflow"
)

type supervisionPage struct {
	frame
	Scope   string
	Overdue []item
	DueSoon []item
	From    string
	// Region is the supervisor's region, for the link to its
	// accountability sheet; MaxDays bounds a 督办's new deadline.
	Region  string
	MaxDays int
}

// supervision lists the open messages of the supervisor's region subtree
// that are overdue or due by the end of the next working day, with the
// urge (催办) and supervise (督办) actions beside each.
func (w *Web) supervision(rw http.ResponseWriter, r *http.Request) error {
	u, err := need(r, account.Supervisor, account.Admin)
	if err != nil {
		return err
	}
	ctx := r.Context()
	now := w.now()
	q := store.Queue{States: []lifecycle.State{lifecycle.Published, lifecycle.Assigned, lifecycle.Handling},
		RegionPrefix: region.Prefix(u.RegionCode), DueBefore: w.soon(now).Add(time.Nanosecond), Limit: 200}
	ms, err := w.store.Queue(ctx, q, workflow.ViewerOf(u))
	if err != nil {
		return err
	}
	items, err := w.items(ctx, u, ms, listOpts{units: true})
	if err != nil {
		return err
	}
	p := &supervisionPage{Scope: region.FullName(u.RegionCode), From: fromSupervision, Region: u.RegionCode, MaxDays: w.desk.Policy.MaxSupervision}
	if p.Scope == "" {
		p.Scope = catalog.T("web.supervision.everywhere")
	}
	for _, it := range items {
		if it.Overdue {
			p.Overdue = append(p.Overdue, it)
		} else {
			p.DueSoon = append(p.DueSoon, it)
		}
	}
	p.Title, p.Nav = catalog.T("web.supervision.title"), "supervision"
	return w.render(rw, r, http.StatusOK, "supervision", p)
}
