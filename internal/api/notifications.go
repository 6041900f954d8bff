package api

import (
	"net/http"
	"strconv"

	"liuyan/internal/store"
)

// notificationList lists what the signed-in person was told, newest first.
func (a *API) notificationList(w http.ResponseWriter, r *http.Request) {
	u, err := a.mustUser(r)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	ns, err := a.Store.Notifications(r.Context(), u.ID, u.UnitID, 100)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if ns == nil {
		ns = []store.Notification{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": ns})
}

// notificationRead marks one notification read.
func (a *API) notificationRead(w http.ResponseWriter, r *http.Request) {
	u, err := a.mustUser(r)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		writeError(w, r, http.StatusNotFound, "not_found", "error.not_found")
		return
	}
	if err := a.Store.MarkRead(r.Context(), id, u.ID, u.UnitID); err != nil {
		a.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
