package web

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"liuyan/internal/account"
	"liuyan/internal/session"
	"liuyan/internal/store"
)

// cookieName holds the web session token. The store keeps only its hash
// (store.TokenWeb), so the cookie is the session and logging out revokes it.
const cookieName = "liuyan_session"

// errSignIn makes fail send a visitor to the sign-in page and back.
var errSignIn = errors.New("web: sign in first")

// sessionUser returns the account of the request's session cookie, or nil.
// An expired or revoked token is simply no session.
func (w *Web) sessionUser(r *http.Request) (*account.User, error) {
	c, err := r.Cookie(cookieName)
	if err != nil || c.Value == "" {
		return nil, nil
	}
	u, err := w.store.UserByToken(r.Context(), session.Hash(c.Value), store.TokenWeb, w.now())
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	return u, err
}

// signIn starts a session for u: a fresh token in an HttpOnly, SameSite=Lax
// cookie, Secure over TLS or when the deployment says so.
func (w *Web) signIn(rw http.ResponseWriter, r *http.Request, u *account.User) error {
	token, hash := session.New()
	expires := w.now().Add(session.WebLifetime)
	if err := w.store.CreateToken(r.Context(), hash, u.ID, store.TokenWeb, expires); err != nil {
		return err
	}
	http.SetCookie(rw, &http.Cookie{Name: cookieName, Value: token, Path: "/", Expires: expires,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: w.secure || r.TLS != nil})
	return nil
}

// signOut revokes the request's session and clears the cookie.
func (w *Web) signOut(rw http.ResponseWriter, r *http.Request) error {
	if c, err := r.Cookie(cookieName); err == nil && c.Value != "" {
		if err := w.store.RevokeToken(r.Context(), session.Hash(c.Value)); err != nil {
			return err
		}
	}
	http.SetCookie(rw, &http.Cookie{Name: cookieName, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: w.secure || r.TLS != nil})
	return nil
}

// need returns the signed-in user when their role is one of roles (any
// role when none is given): errSignIn for a visitor, errForbidden for the
// wrong role. Which messages they then see is the store's Viewer's call.
func need(r *http.Request, roles ...account.Role) (*account.User, error) {
	u := userOf(r)
	if u == nil {
		return nil, errSignIn
	}
	if len(roles) > 0 && !slices.Contains(roles, u.Role) {
		return nil, errForbidden
	}
	return u, nil
}

// localPath keeps a redirect target on this site: a path starting with a
// single slash, or "/" for anything else, so that ?next= cannot send a
// person to another site after they sign in.
func localPath(s string) string {
	if !strings.HasPrefix(s, "/") || strings.HasPrefix(s, "//") || strings.HasPrefix(s, "/\\") {
		return "/"
	}
	if u, err := url.Parse(s); err != nil || u.Host != "" || u.Scheme != "" {
		return "/"
	}
	return s
}

func urlQueryEscape(s string) string { return url.QueryEscape(s) }

// homeOf is where a person lands after signing in: their own work list.
func homeOf(role account.Role) string {
	switch role {
	case account.Moderator:
		return "/review"
	case account.Office:
		return "/office"
	case account.Handler:
		return "/workbench"
	case account.Supervisor, account.Admin:
		return "/supervision"
	}
	return "/mine"
}

// withDone adds the confirmation of an action to a local address.
func withDone(path, done string) string {
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	return path + sep + "done=" + done
}
