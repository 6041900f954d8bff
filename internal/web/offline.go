package web

import (
	"net/http"

	"liuyan/internal/catalog"
)

// offline is the page the service worker shows when the network is gone.
// It is fetched once when the app is installed, so it shows no account.
func (w *Web) offline(rw http.ResponseWriter, r *http.Request) error {
	p := &frame{Title: catalog.T("web.offline.title"), Anonymous: true}
	return w.render(rw, r, http.StatusOK, "offline", p)
}
