package web

import (
	"net/http"

	"liuyan/internal/account"
	"liuyan/internal/catalog"
	"liuyan/internal/lifecycle"
	"liuyan/internal/store"
	"liuyan/internal/workflow"
)

type reviewPage struct {
	frame
	Items         []reviewItem
	RejectReasons []string
	From          string
}

// reviewItem is a submitted message as the moderator sees it: the text as
// written, and the masked text the public will see once it is accepted.
type reviewItem struct {
	item
	PublicTitle string
	PublicBody  string
	Masked      bool // the public text differs: personal data was found
	Images      []store.Attachment
}

// reviewShown bounds the queue shown at once; the oldest come first.
const reviewShown = 50

// review is the moderators' queue, oldest first.
func (w *Web) review(rw http.ResponseWriter, r *http.Request) error {
	u, err := need(r, account.Moderator, account.Admin)
	if err != nil {
		return err
	}
	ctx := r.Context()
	ms, err := w.store.Queue(ctx, store.Queue{States: []lifecycle.State{lifecycle.Submitted}, Limit: reviewShown}, workflow.ViewerOf(u))
	if err != nil {
		return err
	}
	items, err := w.items(ctx, u, ms, listOpts{})
	if err != nil {
		return err
	}
	p := &reviewPage{RejectReasons: rejectReasons(), From: fromReview}
	for i, it := range items {
		ri := reviewItem{item: it, PublicTitle: ms[i].PublicTitle, PublicBody: ms[i].PublicBody,
			Masked: ms[i].PublicTitle != ms[i].Title || ms[i].PublicBody != ms[i].Body}
		if ri.Images, err = w.store.Attachments(ctx, it.ID); err != nil {
			return err
		}
		p.Items = append(p.Items, ri)
	}
	p.Title, p.Nav = catalog.T("web.review.title"), "review"
	return w.render(rw, r, http.StatusOK, "review", p)
}
