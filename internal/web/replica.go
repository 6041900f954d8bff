package web

import (
	"net/http"

	"liuyan/internal/store"
)

// AnonymousReads lets the store serve a request's public reads from the
// read replica (store.FromReplica) when the request cannot need to see
// its own writes: a GET or HEAD from a visitor with no web session and
// no API token (a header, or Open311's api_key). Everyone signed in reads the primary, so a citizen sees
// the message they have just written and staff the step they have just
// taken, however far the replica lags. Without an attached replica the
// mark changes nothing.
func AnonymousReads(next http.Handler) http.Handler {
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		if (r.Method == http.MethodGet || r.Method == http.MethodHead) && r.Header.Get("Authorization") == "" &&
			!r.URL.Query().Has("api_key") && !hasSession(r) {
			r = r.WithContext(store.FromReplica(r.Context()))
		}
		next.ServeHTTP(rw, r)
	})
}

// hasSession says whether the request carries a web session cookie,
// valid or not.
func hasSession(r *http.Request) bool {
	c, err := r.Cookie(cookieName)
	return err == nil && c.Value != ""
}
