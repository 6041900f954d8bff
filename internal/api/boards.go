package api

import (
	"net/http"
	"strconv"

	"liuyan/internal/board"
	"liuyan/internal/region"
)

// boardList lists a region's boards: ?region=CODE[&kind=leader|department].
func (a *API) boardList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	code := q.Get("region")
	if _, ok := region.Get(code); !ok {
		writeError(w, r, http.StatusUnprocessableEntity, "unknown_region", "error.unknown_region")
		return
	}
	kind := board.Kind(q.Get("kind"))
	if kind != "" && kind != board.Leader && kind != board.Department {
		writeError(w, r, http.StatusUnprocessableEntity, "bad_kind", "error.unknown_board")
		return
	}
	bs, err := a.Store.Boards(r.Context(), code, kind)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if bs == nil {
		bs = []board.Board{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": bs})
}

// boardGet returns one board.
func (a *API) boardGet(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		writeError(w, r, http.StatusNotFound, "not_found", "error.not_found")
		return
	}
	b, err := a.Store.Board(r.Context(), id)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, b)
}

// unitList lists a region's units: ?region=CODE.
func (a *API) unitList(w http.ResponseWriter, r *http.Request) {
	code := r.URL.Query().Get("region")
	if _, ok := region.Get(code); !ok {
		writeError(w, r, http.StatusUnprocessableEntity, "unknown_region", "error.unknown_region")
		return
	}
	us, err := a.Store.Units(r.Context(), code)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if us == nil {
		us = []board.Unit{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": us})
}
