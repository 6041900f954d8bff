package web

import (
	"net/http"
	"strconv"
)

type messagePage struct {
	frame
	D *detail
}

// messagePage shows one message with its timeline, replies, follow-ups
// and rating, and the forms of the actions the viewer may take.
func (w *Web) messagePage(rw http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return errNotFound
	}
	d, err := w.detail(r.Context(), userOf(r), id, fromMessage)
	if err != nil {
		return err
	}
	d.useTemplate(r.URL.Query().Get("template"))
	return w.showMessage(rw, r, http.StatusOK, d)
}

func (w *Web) showMessage(rw http.ResponseWriter, r *http.Request, status int, d *detail) error {
	p := &messagePage{D: d}
	p.Title, p.Nav = d.M.Title, "regions"
	return w.render(rw, r, status, "message", p)
}
