package web

import (
	"net/http"
	"strconv"

	"liuyan/internal/workflow"
)

// attachment serves an image of a message to whoever may see the message,
// with the type detected at upload and headers that keep a browser from
// treating it as anything but an image.
func (w *Web) attachment(rw http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return errNotFound
	}
	ctx := r.Context()
	a, err := w.store.Attachment(ctx, id)
	if err != nil {
		return err
	}
	if _, err := w.store.Message(ctx, a.MessageID, workflow.ViewerOf(userOf(r))); err != nil {
		return err
	}
	h := rw.Header()
	h.Set("Content-Type", a.ContentType)
	h.Set("Content-Length", strconv.Itoa(len(a.Data)))
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	h.Set("Content-Disposition", "inline")
	h.Set("Cache-Control", "private, max-age=3600")
	_, err = rw.Write(a.Data)
	return err
}
