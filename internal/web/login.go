package web

import (
	"context"
	"crypto/rand"
	"errors"
	"math"
	"net/http"
	"strings"
	"sync"
	"time"

	"liuyan/internal/catalog"
	"liuyan/internal/password"
	"liuyan/internal/store"
)

func (w *Web) loginForm(rw http.ResponseWriter, r *http.Request) error {
	return w.showAuth(rw, r, http.StatusOK, "login", nil)
}

// dummyHash is a hash of a random password, checked when a login does not
// exist so that the answer takes as long as for one that does.
var dummyHash = sync.OnceValues(func() (string, error) {
	return password.Hash(context.Background(), rand.Text())
})

// login checks a password and starts a session. Wrong login and wrong
// password get the same answer, beside no field.
func (w *Web) login(rw http.ResponseWriter, r *http.Request) error {
	if err := parseForm(rw, r); err != nil {
		return err
	}
	ctx := r.Context()
	f := readForm(r, "login", "next")
	pw := r.PostFormValue("password")
	login := strings.TrimSpace(f.V("login"))
	if locked, wait := w.limits.LoginFail.Blocked(login, time.Now()); locked {
		f.Error = catalog.T("error.account_locked", int(math.Ceil(wait.Minutes())))
		return w.showAuth(rw, r, http.StatusTooManyRequests, "login", f)
	}
	u, err := w.store.UserByLogin(ctx, login)
	ok := false
	switch {
	case errors.Is(err, store.ErrNotFound):
		hash, err := dummyHash()
		if err != nil {
			return err
		}
		if _, err := password.Verify(ctx, pw, hash); err != nil {
			return err
		}
	case err != nil:
		return err
	default:
		ok, err = password.Verify(ctx, pw, u.PasswordHash)
		if errors.Is(err, password.ErrMalformed) {
			ok, err = false, nil // imported authors have no password
		}
		if err != nil {
			return err
		}
	}
	if !ok {
		w.limits.LoginFail.Allow(login, time.Now())
		f.Error = catalog.T("error.bad_credentials")
		return w.showAuth(rw, r, http.StatusUnauthorized, "login", f)
	}
	w.limits.LoginFail.Reset(login)
	if err := w.signIn(rw, r, u); err != nil {
		return err
	}
	next := localPath(f.V("next"))
	if next == "/" {
		next = homeOf(u.Role)
	}
	http.Redirect(rw, r, next, http.StatusSeeOther)
	return nil
}
