package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"liuyan/internal/message"
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
	// The page as anyone without a session sees it is the page read most
	// by far: kept rendered, when the address is its plain one (a query
	// adds a notice or a reply template; another spelling of the number
	// another sign-in link).
	if userOf(r) == nil && w.kept != nil && r.URL.RawQuery == "" && r.URL.Path == "/messages/"+strconv.FormatInt(id, 10) {
		return w.publicMessagePage(rw, r, id)
	}
	d, err := w.detail(r.Context(), userOf(r), id, fromMessage)
	if err != nil {
		return err
	}
	d.useTemplate(r.URL.Query().Get("template"))
	return w.showMessage(rw, r, http.StatusOK, d)
}

func (w *Web) showMessage(rw http.ResponseWriter, r *http.Request, status int, d *detail) error {
	return w.render(rw, r, status, "message", messagePageOf(d))
}

func messagePageOf(d *detail) *messagePage {
	p := &messagePage{D: d}
	p.Title, p.Nav = d.M.Title, "regions"
	return p
}

// publicMessagePage answers a visitor from the kept page when the store
// says nothing it was rendered from has changed since (one indexed read,
// store.PageKey), with 304 to a browser that holds that page already, and
// renders and keeps it otherwise. A message the public may not see is not
// found, kept or not.
func (w *Web) publicMessagePage(rw http.ResponseWriter, r *http.Request, id int64) error {
	sk, err := w.store.PageKey(r.Context(), id)
	if err != nil {
		return err
	}
	overdue, dueSoon := w.urgency(&message.Message{Status: sk.Status, Deadline: sk.Deadline}, w.now())
	k := pageKey{version: sk.Version, generation: sk.Generation, overdue: overdue, dueSoon: dueSoon}
	if etag := k.etag(id); etagMatch(r.Header.Get("If-None-Match"), etag) {
		rw.Header().Set("ETag", etag)
		pageHeaders(rw, false)
		rw.WriteHeader(http.StatusNotModified)
		return nil
	}
	addr := r.URL.Path
	body, _, ok := w.kept.get(addr, k, time.Time{})
	if !ok {
		// Everything read from here on is at least as new as sk, so the
		// page is never older than the key it is kept under.
		d, err := w.detail(r.Context(), nil, id, fromMessage)
		if err != nil {
			return err
		}
		if body, err = w.execute(r, "message", messagePageOf(d)); err != nil {
			return err
		}
		k.overdue, k.dueSoon = d.Overdue, d.DueSoon
		w.kept.put(addr, k, time.Time{}, body)
	}
	rw.Header().Set("ETag", k.etag(id))
	return sendPage(rw, http.StatusOK, false, body)
}

// etagMatch says whether an If-None-Match header names etag (or is "*").
func etagMatch(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == etag || t == "*" {
			return true
		}
	}
	return false
}
