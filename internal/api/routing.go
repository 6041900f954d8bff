package api

import (
	"net/http"

	"liuyan/internal/textmine/route"
	"liuyan/internal/workflow"
)

// routing suggests handling units for a message, with reasons, for the
// staff who assign it, among workflow.RouteCandidates.
func (a *API) routing(w http.ResponseWriter, r *http.Request) {
	u, id, ok := a.messageTarget(w, r, true)
	if !ok {
		return
	}
	rec, err := a.Desk.Record(r.Context(), u, id)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if !u.Role.Staff() {
		writeError(w, r, http.StatusForbidden, "forbidden", "error.forbidden")
		return
	}
	cands, err := a.Desk.RouteCandidates(r.Context(), rec.Board.RegionCode)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	items := workflow.Route(rec.Message, cands, 5)
	if items == nil {
		items = []route.Suggestion{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": items})
}
