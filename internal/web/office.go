package web

import (
	"net/http"
	"strconv"

	"liuyan/internal/account"
	"liuyan/internal/board"
	"liuyan/internal/catalog"
	"liuyan/internal/lifecycle"
	"liuyan/internal/message"
	"liuyan/internal/store"
	"liuyan/internal/textmine/route"
	"liuyan/internal/workflow"
)

type officePage struct {
	frame
	Board      *board.Board
	ToAssign   []assignItem
	Extensions []item
	Replies    []pendingReply
	Handling   []item
	Units      []unitGroup
	From       string
}

// assignItem is a message to assign, with the units suggested for it
// and the assign form with the best one chosen.
type assignItem struct {
	item
	Suggestions []route.Suggestion
	Form        *form
}

// routeShown is how many suggested units a message shows.
const routeShown = 3

// suggest ranks units for each message and presets its assign form with
// the best: the office confirms or picks another.
func suggest(ms []*message.Message, items []item, cands []route.Unit) []assignItem {
	out := make([]assignItem, len(items))
	for i, it := range items {
		out[i] = assignItem{item: it, Form: newForm()}
		out[i].Suggestions = workflow.Route(ms[i], cands, routeShown)
		if len(out[i].Suggestions) > 0 {
			out[i].Form.Values["unit_id"] = strconv.FormatInt(out[i].Suggestions[0].UnitID, 10)
		}
	}
	return out
}

// pendingReply is a final reply waiting for the office's sign-off.
type pendingReply struct {
	item
	Reply message.Reply
}

// office is a board office's inbox: new messages to assign to a unit,
// extensions and final replies waiting for approval, and what its units
// are working on.
func (w *Web) office(rw http.ResponseWriter, r *http.Request) error {
	u, err := need(r, account.Office)
	if err != nil {
		return err
	}
	ctx := r.Context()
	b, err := w.store.Board(ctx, u.BoardID)
	if err != nil {
		return err
	}
	list := func(q store.Queue) ([]item, error) {
		q.BoardID = b.ID
		ms, err := w.store.Queue(ctx, q, workflow.ViewerOf(u))
		if err != nil {
			return nil, err
		}
		return w.items(ctx, u, ms, listOpts{showBody: true, units: true})
	}
	handling := []lifecycle.State{lifecycle.Handling}
	p := &officePage{Board: b, From: fromOffice}
	published, err := w.store.Queue(ctx, store.Queue{BoardID: b.ID, States: []lifecycle.State{lifecycle.Published}}, workflow.ViewerOf(u))
	if err != nil {
		return err
	}
	if len(published) > 0 {
		toAssign, err := w.items(ctx, u, published, listOpts{showBody: true, units: true})
		if err != nil {
			return err
		}
		cands, err := w.desk.RouteCandidates(ctx, b.RegionCode)
		if err != nil {
			return err
		}
		p.ToAssign = suggest(published, toAssign, cands)
	}
	if p.Extensions, err = list(store.Queue{States: handling, PendingExtension: true}); err != nil {
		return err
	}
	waiting, err := list(store.Queue{States: handling, ReplyPending: true})
	if err != nil {
		return err
	}
	if p.Handling, err = list(store.Queue{States: []lifecycle.State{lifecycle.Assigned, lifecycle.Handling}}); err != nil {
		return err
	}
	for _, it := range waiting {
		rs, err := w.store.Replies(ctx, it.ID, true)
		if err != nil {
			return err
		}
		for _, rep := range rs {
			if !rep.Published {
				p.Replies = append(p.Replies, pendingReply{item: it, Reply: rep})
			}
		}
	}
	if len(p.ToAssign) > 0 {
		if p.Units, err = w.unitGroups(ctx, b.RegionCode); err != nil {
			return err
		}
	}
	p.Title, p.Nav = catalog.T("web.office.title"), "office"
	return w.render(rw, r, http.StatusOK, "office", p)
}
