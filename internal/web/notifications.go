package web

import (
	"net/http"
	"strconv"

	"liuyan/internal/account"
	"liuyan/internal/catalog"
	"liuyan/internal/store"
)

// unreadMost is where the unread count stops counting ("99+").
const unreadMost = 100

// notificationsShown is how many of the newest notifications the page
// lists, as the API does.
const notificationsShown = 100

// notificationsPage lists what the signed-in person was told.
type notificationsPage struct {
	frame
	Items []noteItem
	Shown int
}

// noteItem is one notification in words, with where it leads.
type noteItem struct {
	store.Notification
	Text string
	Href string
}

// notifications shows the person's notifications, newest first, unread
// ones marked, each with a link to its message and a button that marks
// it read.
func (w *Web) notifications(rw http.ResponseWriter, r *http.Request) error {
	u, err := need(r)
	if err != nil {
		return err
	}
	ns, err := w.store.Notifications(r.Context(), u.ID, u.UnitID, notificationsShown)
	if err != nil {
		return err
	}
	p := &notificationsPage{Shown: notificationsShown}
	for _, n := range ns {
		href := "/messages/" + strconv.FormatInt(n.MessageID, 10)
		if u.Role == account.Handler {
			href = "/workbench/" + strconv.FormatInt(n.MessageID, 10)
		}
		p.Items = append(p.Items, noteItem{Notification: n, Text: catalog.T("notify."+string(n.Kind), n.Title), Href: href})
	}
	p.Title, p.Nav = catalog.T("web.note.title"), "notifications"
	return w.render(rw, r, http.StatusOK, "notifications", p)
}

// notificationRead marks one of the person's notifications read; another
// person's is not found.
func (w *Web) notificationRead(rw http.ResponseWriter, r *http.Request) error {
	u, err := need(r)
	if err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := w.store.MarkRead(r.Context(), id, u.ID, u.UnitID); err != nil {
		return err
	}
	http.Redirect(rw, r, "/notifications#n"+strconv.FormatInt(id, 10), http.StatusSeeOther)
	return nil
}

// notificationsReadAll marks every notification of the person read.
func (w *Web) notificationsReadAll(rw http.ResponseWriter, r *http.Request) error {
	u, err := need(r)
	if err != nil {
		return err
	}
	if err := w.store.MarkAllRead(r.Context(), u.ID, u.UnitID); err != nil {
		return err
	}
	http.Redirect(rw, r, withDone("/notifications", "notes_read"), http.StatusSeeOther)
	return nil
}
