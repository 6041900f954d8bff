package api

import (
	"net/http"

	"liuyan/internal/region"
	"liuyan/internal/store"
)

// hotList returns the hot issues of the country or of a province
// (?region=CODE; a city or county gives its province's), as last computed
// by the job runner over the sliding window.
func (a *API) hotList(w http.ResponseWriter, r *http.Request) {
	code := r.URL.Query().Get("region")
	if code != "" {
		path := region.Path(code)
		if path == nil {
			writeError(w, r, http.StatusUnprocessableEntity, "unknown_region", "error.unknown_region")
			return
		}
		code = path[0].Code
	}
	hs, err := a.Store.HotIssues(r.Context(), code, 10)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if hs == nil {
		hs = []store.HotIssue{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": hs})
}
