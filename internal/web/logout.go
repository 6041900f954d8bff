package web

import "net/http"

// logout ends the session and goes home.
func (w *Web) logout(rw http.ResponseWriter, r *http.Request) error {
	if err := w.signOut(rw, r); err != nil {
		return err
	}
	http.Redirect(rw, r, "/?done=logout", http.StatusSeeOther)
	return nil
}
