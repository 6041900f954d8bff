package web

import (
	"encoding/json"
	"net/http"
	"strconv"

	"liuyan/internal/catalog"
)

// manifest is the Web App Manifest that makes the site installable: on a
// phone it is the board's app, and messages written from it are recorded
// with the channel "app".
func (w *Web) manifest(rw http.ResponseWriter, r *http.Request) error {
	type icon struct {
		Src     string `json:"src"`
		Sizes   string `json:"sizes"`
		Type    string `json:"type"`
		Purpose string `json:"purpose,omitempty"`
	}
	var ics []icon
	for _, ic := range icons {
		if ic.size < 192 {
			continue
		}
		u, err := w.assets.URL(ic.name)
		if err != nil {
			return err
		}
		purpose := "any"
		if ic.maskable {
			purpose = "maskable"
		}
		ics = append(ics, icon{Src: u, Sizes: sizeOf(ic.size), Type: "image/png", Purpose: purpose})
	}
	m := map[string]any{
		"name":             catalog.T("web.site.name"),
		"short_name":       catalog.T("web.site.short"),
		"description":      catalog.T("web.site.description"),
		"lang":             "zh-CN",
		"start_url":        "/?source=app",
		"scope":            "/",
		"display":          "standalone",
		"background_color": "#ffffff",
		"theme_color":      "#c8161d",
		"icons":            ics,
	}
	rw.Header().Set("Content-Type", "application/manifest+json")
	rw.Header().Set("Cache-Control", "no-cache")
	return json.NewEncoder(rw).Encode(m)
}

func sizeOf(n int) string {
	s := strconv.Itoa(n)
	return s + "x" + s
}
