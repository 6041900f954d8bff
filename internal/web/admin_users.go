package web

import (
	"context"
	"errors"
	"net/http"
	"strconv"

	"liuyan/internal/account"
	"liuyan/internal/catalog"
	"liuyan/internal/password"
	"liuyan/internal/region"
	"liuyan/internal/store"
)

// adminUsers is the account list with its filter and the form that
// creates a staff account.
type adminUsers struct {
	Role   string // the filter's role, empty for all
	Login  string // the filter's part of a login
	List   []userRow
	Roles  []account.Role // every role, for the filter
	Staff  []account.Role // the roles an admin may create
	Create *form
	Limit  int // the most accounts listed
}

// adminEdit is the form that changes one account's role and scope.
type adminEdit struct {
	User  userRow
	Roles []account.Role
	Form  *form
}

// userRow is an account with its scope in words.
type userRow struct {
	account.User
	Scope string
}

// staffRoles are the roles the create form offers: citizens register
// themselves.
var staffRoles = []account.Role{account.Moderator, account.Handler, account.Office, account.Supervisor, account.Admin}

// userListLimit is the most accounts the list shows; the filter finds
// the others.
const userListLimit = 200

// scopeFields are the form fields of a role's scope.
var scopeFields = []string{"role", "unit_id", "board_id", "region"}

// adminUserList lists accounts, filtered by role and a part of the login.
func (w *Web) adminUserList(rw http.ResponseWriter, r *http.Request) error {
	if _, err := needAdmin(r); err != nil {
		return err
	}
	return w.showUsers(rw, r, http.StatusOK, nil)
}

func (w *Web) showUsers(rw http.ResponseWriter, r *http.Request, status int, create *form) error {
	q := r.URL.Query()
	role := account.Role(q.Get("role"))
	if !role.Valid() {
		role = ""
	}
	if create == nil {
		create = newForm()
		create.Values["role"] = string(account.Handler)
	}
	ctx := r.Context()
	us, err := w.store.Users(ctx, store.UserFilter{Role: role, Login: q.Get("login"), Limit: userListLimit})
	if err != nil {
		return err
	}
	rows, err := w.userRows(ctx, us)
	if err != nil {
		return err
	}
	p := &adminPage{Tab: "users", Users: &adminUsers{Role: string(role), Login: q.Get("login"), List: rows,
		Roles: account.Roles, Staff: staffRoles, Create: create, Limit: userListLimit}}
	return w.showAdmin(rw, r, status, p)
}

// userRows describes each account's scope, looking each unit and board
// up once.
func (w *Web) userRows(ctx context.Context, us []account.User) ([]userRow, error) {
	names := map[string]string{}
	rows := make([]userRow, len(us))
	for i, u := range us {
		key := string(u.Role) + ":" + strconv.FormatInt(u.UnitID+u.BoardID, 10) + u.RegionCode
		scope, ok := names[key]
		if !ok {
			var err error
			if scope, err = w.scopeName(ctx, u); err != nil {
				return nil, err
			}
			names[key] = scope
		}
		rows[i] = userRow{User: u, Scope: scope}
	}
	return rows, nil
}

// scopeName is the unit, board or region a staff account works in.
func (w *Web) scopeName(ctx context.Context, u account.User) (string, error) {
	switch {
	case u.UnitID != 0:
		un, err := w.store.Unit(ctx, u.UnitID)
		if err != nil {
			return "", err
		}
		return un.Name, nil
	case u.BoardID != 0:
		b, err := w.store.Board(ctx, u.BoardID)
		if err != nil {
			return "", err
		}
		return b.Name, nil
	case u.RegionCode != "":
		return region.FullName(u.RegionCode), nil
	}
	return "", nil
}

// adminUserCreate makes a staff account with the rules of `liuyan user
// add`, and logs it.
func (w *Web) adminUserCreate(rw http.ResponseWriter, r *http.Request) error {
	admin, err := needAdmin(r)
	if err != nil {
		return err
	}
	if err := parseForm(rw, r); err != nil {
		return err
	}
	ctx := r.Context()
	f := readForm(r, append([]string{"login", "name", "email"}, scopeFields...)...)
	pw := r.PostFormValue("password")
	u := &account.User{Login: f.V("login"), Name: f.V("name"), Email: f.V("email")}
	if u.Name == "" {
		u.Name = u.Login
	}
	for _, c := range []struct {
		field string
		err   error
	}{
		{"login", account.ValidateLogin(u.Login)},
		{"name", account.ValidateName(u.Name)},
		{"email", account.ValidateEmail(u.Email)},
		{"password", password.Validate(pw)},
	} {
		if err := w.markError(f, c.field, c.err); err != nil {
			return err
		}
	}
	if err := w.readScope(ctx, f, u); err != nil {
		return err
	}
	if f.E("role") == "" && u.Role == account.Citizen {
		f.Errors["role"] = catalog.T("web.admin.user.staff_only")
	}
	if f.E("login") == "" {
		taken, err := w.store.LoginTaken(ctx, u.Login)
		if err != nil {
			return err
		}
		if taken {
			f.Errors["login"] = catalog.T("error.login_taken")
		}
	}
	if f.Failed() {
		return w.showUsers(rw, r, http.StatusUnprocessableEntity, f)
	}
	if u.PasswordHash, err = password.Hash(ctx, pw); err != nil {
		return err
	}
	err = w.store.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.CreateUser(ctx, u); err != nil {
			return err
		}
		return tx.Audit(ctx, admin.ID, "user_add", u.Login, string(u.Role)+scopeDetail(u))
	})
	if errors.Is(err, store.ErrConflict) {
		f.Errors["login"] = catalog.T("error.login_taken")
		return w.showUsers(rw, r, http.StatusUnprocessableEntity, f)
	}
	if err != nil {
		return err
	}
	http.Redirect(rw, r, withDone("/admin/users", "user_add"), http.StatusSeeOther)
	return nil
}

// scopeDetail writes an account's scope for the audit log.
func scopeDetail(u *account.User) string {
	switch {
	case u.UnitID != 0:
		return " unit " + strconv.FormatInt(u.UnitID, 10)
	case u.BoardID != 0:
		return " board " + strconv.FormatInt(u.BoardID, 10)
	case u.RegionCode != "":
		return " region " + u.RegionCode
	}
	return ""
}

// scopeErrors place a missing scope beside its field, with its name.
var scopeErrors = map[error]struct{ field, scope string }{
	account.ErrScopeUnit:   {"unit_id", "scope.unit"},
	account.ErrScopeBoard:  {"board_id", "scope.board"},
	account.ErrScopeRegion: {"region", "scope.region"},
}

// readScope reads the role and the one scope field that role works in
// into u, dropping the others, and checks them as `liuyan user add`
// does: account.ValidateScope, then that the unit, board or region
// exists. Problems are marked on f.
func (w *Web) readScope(ctx context.Context, f *form, u *account.User) error {
	u.Role = account.Role(f.V("role"))
	u.UnitID, u.BoardID, u.RegionCode = 0, 0, ""
	switch u.Role {
	case account.Handler:
		u.UnitID = formID(f.V("unit_id"))
	case account.Office:
		u.BoardID = formID(f.V("board_id"))
	case account.Supervisor:
		u.RegionCode = f.V("region")
	}
	err := account.ValidateScope(u.Role, u.UnitID, u.BoardID, u.RegionCode)
	for e, s := range scopeErrors {
		if errors.Is(err, e) {
			f.Errors[s.field] = catalog.T("error.scope_missing", catalog.T(s.scope))
			return nil
		}
	}
	if err != nil {
		return w.markError(f, "role", err)
	}
	switch {
	case u.UnitID != 0:
		if _, err := w.store.Unit(ctx, u.UnitID); errors.Is(err, store.ErrNotFound) {
			f.Errors["unit_id"] = catalog.T("error.unknown_unit")
		} else if err != nil {
			return err
		}
	case u.BoardID != 0:
		if _, err := w.store.Board(ctx, u.BoardID); errors.Is(err, store.ErrNotFound) {
			f.Errors["board_id"] = catalog.T("error.unknown_board")
		} else if err != nil {
			return err
		}
	case u.RegionCode != "":
		if _, ok := region.Get(u.RegionCode); !ok {
			f.Errors["region"] = catalog.T("error.unknown_region")
		}
	}
	return nil
}

// adminUserForm shows one account with the form that changes its role.
func (w *Web) adminUserForm(rw http.ResponseWriter, r *http.Request) error {
	if _, err := needAdmin(r); err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	u, err := w.store.User(r.Context(), id)
	if err != nil {
		return err
	}
	f := newForm()
	f.Values["role"] = string(u.Role)
	if u.UnitID != 0 {
		f.Values["unit_id"] = strconv.FormatInt(u.UnitID, 10)
	}
	if u.BoardID != 0 {
		f.Values["board_id"] = strconv.FormatInt(u.BoardID, 10)
	}
	f.Values["region"] = u.RegionCode
	return w.showEdit(rw, r, http.StatusOK, u, f)
}

func (w *Web) showEdit(rw http.ResponseWriter, r *http.Request, status int, u *account.User, f *form) error {
	rows, err := w.userRows(r.Context(), []account.User{*u})
	if err != nil {
		return err
	}
	p := &adminPage{Tab: "users", Edit: &adminEdit{User: rows[0], Roles: account.Roles, Form: f}}
	return w.showAdmin(rw, r, status, p)
}

// adminUserRole changes an account's role and scope, and logs it. An
// admin cannot take the admin role from themselves, so that the site
// always keeps the admin who is using it.
func (w *Web) adminUserRole(rw http.ResponseWriter, r *http.Request) error {
	admin, err := needAdmin(r)
	if err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := parseForm(rw, r); err != nil {
		return err
	}
	ctx := r.Context()
	old, err := w.store.User(ctx, id)
	if err != nil {
		return err
	}
	f := readForm(r, scopeFields...)
	u := *old
	if err := w.readScope(ctx, f, &u); err != nil {
		return err
	}
	if f.E("role") == "" && u.ID == admin.ID && u.Role != account.Admin {
		f.Errors["role"] = catalog.T("web.admin.user.self")
	}
	if f.Failed() {
		return w.showEdit(rw, r, http.StatusUnprocessableEntity, old, f)
	}
	err = w.store.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.SetUserRole(ctx, &u); err != nil {
			return err
		}
		return tx.Audit(ctx, admin.ID, "user_role", u.Login,
			string(old.Role)+scopeDetail(old)+" → "+string(u.Role)+scopeDetail(&u))
	})
	if err != nil {
		return err
	}
	http.Redirect(rw, r, withDone("/admin/users/"+strconv.FormatInt(u.ID, 10), "user_role"), http.StatusSeeOther)
	return nil
}
