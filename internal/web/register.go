package web

import (
	"errors"
	"liuyan/internal/ratelimit"
	"net/http"

	"liuyan/internal/account"
	"liuyan/internal/catalog"
	"liuyan/internal/password"
	"liuyan/internal/store"
)

type authPage struct {
	frame
	Form *form
	Next string
}

func (w *Web) registerForm(rw http.ResponseWriter, r *http.Request) error {
	return w.showAuth(rw, r, http.StatusOK, "register", nil)
}

func (w *Web) showAuth(rw http.ResponseWriter, r *http.Request, status int, page string, f *form) error {
	next := localPath(r.URL.Query().Get("next"))
	if f != nil && f.V("next") != "" {
		next = localPath(f.V("next"))
	}
	p := &authPage{Form: f, Next: next}
	p.Title = catalog.T("web." + page + ".title")
	return w.render(rw, r, status, page, p)
}

// register makes a citizen's account with the API's rules for logins,
// names and passwords, and signs the person in.
func (w *Web) register(rw http.ResponseWriter, r *http.Request) error {
	if err := throttle(w.limits.Register, ratelimit.ClientIP(r)); err != nil {
		return err
	}
	if err := parseForm(rw, r); err != nil {
		return err
	}
	f := readForm(r, "login", "name", "next")
	pw, confirm := r.PostFormValue("password"), r.PostFormValue("confirm")
	name := f.V("name")
	if name == "" {
		name = f.V("login")
	}
	checks := []struct {
		field string
		err   error
	}{
		{"login", account.ValidateLogin(f.V("login"))},
		{"name", account.ValidateName(name)},
		{"password", password.Validate(pw)},
	}
	for _, c := range checks {
		if c.err != nil {
			sub := newForm()
			if w.explain(sub, c.err) == 0 {
				return c.err
			}
			f.Errors[c.field] = sub.Errors[c.field] + sub.Error
		}
	}
	if pw != confirm && f.E("password") == "" {
		f.Errors["confirm"] = catalog.T("web.register.mismatch")
	}
	ctx := r.Context()
	if f.E("login") == "" {
		taken, err := w.store.LoginTaken(ctx, f.V("login"))
		if err != nil {
			return err
		}
		if taken {
			f.Errors["login"] = catalog.T("error.login_taken")
		}
	}
	if f.Failed() {
		return w.showAuth(rw, r, http.StatusUnprocessableEntity, "register", f)
	}
	hash, err := password.Hash(ctx, pw)
	if err != nil {
		return err
	}
	u := &account.User{Login: f.V("login"), Name: name, Role: account.Citizen, PasswordHash: hash}
	err = w.store.InTx(ctx, func(tx *store.Tx) error { return tx.CreateUser(ctx, u) })
	if errors.Is(err, store.ErrConflict) {
		f.Errors["login"] = catalog.T("error.login_taken")
		return w.showAuth(rw, r, http.StatusUnprocessableEntity, "register", f)
	}
	if err != nil {
		return err
	}
	if err := w.signIn(rw, r, u); err != nil {
		return err
	}
	http.Redirect(rw, r, withDone(localPath(f.V("next")), "register"), http.StatusSeeOther)
	return nil
}
