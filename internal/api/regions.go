package api

import (
	"net/http"

	"liuyan/internal/region"
)

type regionJSON struct {
	Code     string       `json:"code"`
	Name     string       `json:"name"`
	Level    region.Level `json:"level"`
	Parent   string       `json:"parent,omitempty"`
	FullName string       `json:"full_name"`
}

func regionOut(r region.Region) regionJSON {
	return regionJSON{Code: r.Code, Name: r.Name, Level: r.Level, Parent: r.Parent, FullName: region.FullName(r.Code)}
}

// regionList lists the provinces, or the children of ?parent=CODE.
func (a *API) regionList(w http.ResponseWriter, r *http.Request) {
	parent := r.URL.Query().Get("parent")
	if _, ok := region.Get(parent); parent != "" && !ok {
		writeError(w, r, http.StatusNotFound, "unknown_region", "error.unknown_region")
		return
	}
	items := []regionJSON{}
	for _, c := range region.Children(parent) {
		items = append(items, regionOut(c))
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": items})
}

// regionGet returns one region with its path from the province down.
func (a *API) regionGet(w http.ResponseWriter, r *http.Request) {
	reg, ok := region.Get(r.PathValue("code"))
	if !ok {
		writeError(w, r, http.StatusNotFound, "unknown_region", "error.unknown_region")
		return
	}
	path := []regionJSON{}
	for _, p := range region.Path(reg.Code) {
		path = append(path, regionOut(p))
	}
	out := struct {
		regionJSON
		Path []regionJSON `json:"path"`
	}{regionOut(reg), path}
	writeJSON(w, http.StatusOK, out)
}
