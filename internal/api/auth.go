package api

import (
	"errors"
	"liuyan/internal/ratelimit"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"liuyan/internal/account"
	"liuyan/internal/password"
	"liuyan/internal/session"
	"liuyan/internal/store"
)

type credentials struct {
	Login    string `json:"login"`
	Password string `json:"password"`
	Name     string `json:"name"`
	Email    string `json:"email"`
}

type tokenAnswer struct {
	Token string        `json:"token"`
	User  *account.User `json:"user"`
}

// register creates a citizen account and signs it in.
func (a *API) register(w http.ResponseWriter, r *http.Request) {
	if throttled(w, r, a.limits().Register, ratelimit.ClientIP(r)) {
		return
	}
	var c credentials
	if err := decode(r, &c); err != nil {
		a.fail(w, r, err)
		return
	}
	c.Login, c.Name, c.Email = strings.TrimSpace(c.Login), strings.TrimSpace(c.Name), strings.TrimSpace(c.Email)
	if c.Name == "" {
		c.Name = c.Login
	}
	for _, err := range []error{account.ValidateLogin(c.Login), account.ValidateName(c.Name), account.ValidateEmail(c.Email), password.Validate(c.Password)} {
		if err != nil {
			a.fail(w, r, err)
			return
		}
	}
	// Refuse a taken login before paying ~270 ms for the hash; the unique
	// index still decides races.
	if taken, err := a.Store.LoginTaken(r.Context(), c.Login); err != nil {
		a.fail(w, r, err)
		return
	} else if taken {
		writeError(w, r, http.StatusConflict, "login_taken", "error.login_taken")
		return
	}
	hash, err := password.Hash(r.Context(), c.Password)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	u := &account.User{Login: c.Login, Name: c.Name, Email: c.Email, Role: account.Citizen, PasswordHash: hash}
	err = a.Store.InTx(r.Context(), func(tx *store.Tx) error { return tx.CreateUser(r.Context(), u) })
	if errors.Is(err, store.ErrConflict) {
		writeError(w, r, http.StatusConflict, "login_taken", "error.login_taken")
		return
	}
	if err != nil {
		a.fail(w, r, err)
		return
	}
	a.issueToken(w, r, u, http.StatusCreated)
}

// login checks a password and returns a bearer token.
func (a *API) login(w http.ResponseWriter, r *http.Request) {
	if throttled(w, r, a.limits().Login, ratelimit.ClientIP(r)) {
		return
	}
	var c credentials
	if err := decode(r, &c); err != nil {
		a.fail(w, r, err)
		return
	}
	c.Login = strings.TrimSpace(c.Login)
	// A locked account is refused before its password is checked, so a
	// guesser learns nothing more until the lock ends.
	fails := a.limits().LoginFail
	if locked, wait := fails.Blocked(c.Login, time.Now()); locked {
		mins := int(math.Ceil(wait.Minutes()))
		w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
		writeError(w, r, http.StatusTooManyRequests, "account_locked", "error.account_locked", mins)
		return
	}
	u, err := a.Store.UserByLogin(r.Context(), c.Login)
	if errors.Is(err, store.ErrNotFound) {
		// Spend the same time as a real check so that timing does not
		// tell which logins exist.
		_, _ = password.Verify(r.Context(), c.Password, dummyHash)
		fails.Allow(c.Login, time.Now())
		writeError(w, r, http.StatusUnauthorized, "bad_credentials", "error.bad_credentials")
		return
	}
	if err != nil {
		a.fail(w, r, err)
		return
	}
	ok, err := password.Verify(r.Context(), c.Password, u.PasswordHash)
	if errors.Is(err, password.ErrMalformed) {
		// Accounts made by import carry no password: nobody logs in as them.
		ok, err = false, nil
	}
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if !ok {
		fails.Allow(c.Login, time.Now())
		writeError(w, r, http.StatusUnauthorized, "bad_credentials", "error.bad_credentials")
		return
	}
	fails.Reset(c.Login)
	a.issueToken(w, r, u, http.StatusOK)
}

// dummyHash has the default cost; it verifies no real password.
var dummyHash = "$argon2id$v=19$m=65536,t=1,p=2$c2FsdHNhbHRzYWx0c2FsdA$3GuNtfIBiH8bJ5dMvGcaHGVb8jRJpU3XaAvXMdU5ZDs"

func (a *API) issueToken(w http.ResponseWriter, r *http.Request, u *account.User, status int) {
	token, hash := session.New()
	if err := a.Store.CreateToken(r.Context(), hash, u.ID, store.TokenAPI, time.Now().Add(session.APILifetime)); err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, status, tokenAnswer{Token: token, User: u})
}

// logout revokes the bearer token used for the request.
func (a *API) logout(w http.ResponseWriter, r *http.Request) {
	if _, err := a.mustUser(r); err != nil {
		a.fail(w, r, err)
		return
	}
	token := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
	if err := a.Store.RevokeToken(r.Context(), session.Hash(token)); err != nil {
		a.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// me returns the signed-in account.
func (a *API) me(w http.ResponseWriter, r *http.Request) {
	u, err := a.mustUser(r)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, u)
}
