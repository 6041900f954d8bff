package api

import (
	"net/http"

	"liuyan/internal/board"
	"liuyan/internal/region"
	"liuyan/internal/textmine/route"
)

// routing suggests handling units for a message, with reasons, for the
// staff who assign it: units of the board's region and everything below
// it, and of the regions above it (a county's message may belong to a city
// bureau).
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
	m, code := rec.Message, rec.Board.RegionCode
	units, err := a.Store.UnitsUnder(r.Context(), region.Prefix(code))
	if err != nil {
		a.fail(w, r, err)
		return
	}
	path := region.Path(code)
	for _, up := range path[:max(0, len(path)-1)] {
		more, err := a.Store.Units(r.Context(), up.Code)
		if err != nil {
			a.fail(w, r, err)
			return
		}
		units = append(units, more...)
	}
	cands := make([]route.Unit, len(units))
	for i, un := range units {
		cands[i] = route.Unit{ID: un.ID, Name: un.Name, RegionCode: un.RegionCode, Office: un.Kind == board.OfficeUnit}
	}
	items := route.Suggest(m.Title, m.Body, m.Domain, cands, 5)
	if items == nil {
		items = []route.Suggestion{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": items})
}
