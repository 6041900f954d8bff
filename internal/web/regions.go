package web

import (
	"net/http"

	"liuyan/internal/catalog"
	"liuyan/internal/region"
)

type regionsPage struct {
	frame
	Provinces []region.Region
}

// regions is the top of the directory: the provinces.
func (w *Web) regions(rw http.ResponseWriter, r *http.Request) error {
	p := &regionsPage{Provinces: region.Provinces()}
	p.Title, p.Nav = catalog.T("web.regions.title"), "regions"
	return w.render(rw, r, http.StatusOK, "regions", p)
}
