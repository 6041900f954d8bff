package web

import (
	_ "embed"
	"encoding/json"
	"net/http"
	"strings"
)

//go:embed pwa/sw.js
var serviceWorkerJS string

// serviceWorker serves the worker from the site's root, so that it may
// answer for every page, filled in with the current static files. It is
// never cached long: a new release must reach installed apps.
func (w *Web) serviceWorker(rw http.ResponseWriter, r *http.Request) error {
	list, err := json.Marshal(w.assets.urls())
	if err != nil {
		return err
	}
	js := strings.NewReplacer("{{VERSION}}", w.assets.version, "{{ASSETS}}", string(list)).Replace(serviceWorkerJS)
	rw.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	rw.Header().Set("Cache-Control", "no-cache")
	_, err = rw.Write([]byte(js))
	return err
}
