package web

import (
	"net/http"
	"strconv"

	"liuyan/internal/account"
	"liuyan/internal/catalog"
	"liuyan/internal/store"
)

// adminPage is every administration page: the tabs, and the one section
// the request asked for. Every admin page shares one template, whose
// content shows the section that is set.
type adminPage struct {
	frame
	Tab   string
	Tabs  []adminTab
	Users *adminUsers
	Edit  *adminEdit
	Dir   *adminDir
	Words *adminWords
	Lists *adminLists
	Rules *adminRules
	Audit []auditRow
	Limit int // how many entries the audit log shows
}

// adminTab is one entry of the administration's own navigation.
type adminTab struct{ Name, Href string }

// adminTabs are the sections of the administration, in the order shown.
var adminTabs = []adminTab{
	{"users", "/admin/users"},
	{"directory", "/admin/directory"},
	{"lists", "/admin/lists"},
	{"words", "/admin/words"},
	{"audit", "/admin/audit"},
}

// needAdmin returns the signed-in admin; anyone else gets the 403 page
// and a visitor the sign-in page, before any form is read.
func needAdmin(r *http.Request) (*account.User, error) {
	return need(r, account.Admin)
}

// showAdmin renders an administration page with its tab marked.
func (w *Web) showAdmin(rw http.ResponseWriter, r *http.Request, status int, p *adminPage) error {
	p.Tabs = adminTabs
	p.Nav = "admin"
	p.Title = catalog.T("web.admin.tab." + p.Tab)
	return w.render(rw, r, status, "admin", p)
}

// adminHome sends an admin to the first section.
func (w *Web) adminHome(rw http.ResponseWriter, r *http.Request) error {
	if _, err := needAdmin(r); err != nil {
		return err
	}
	http.Redirect(rw, r, adminTabs[0].Href, http.StatusSeeOther)
	return nil
}

// markError records err beside field in the words the Desk explains it
// with, the same as the API's; an error it cannot explain is returned,
// as it is no fault of the admin's.
func (w *Web) markError(f *form, field string, err error) error {
	if err == nil {
		return nil
	}
	p, ok := w.desk.Explain(err)
	if !ok {
		return err
	}
	f.Errors[field] = p.Message()
	return nil
}

// formID reads a record number a form refers to: 0 when left empty, -1
// when it is not a positive number, so that the lookup that follows
// answers "does not exist" rather than "missing".
func formID(s string) int64 {
	if s == "" {
		return 0
	}
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return -1
	}
	return id
}

// pathID reads the record number of an address such as /admin/users/{id}.
func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, errNotFound
	}
	return id, nil
}

// auditRow is one line of the audit log in words.
type auditRow struct {
	store.AuditEntry
	What string
}

// auditLimit is how many of the newest entries the audit page shows.
const auditLimit = 200

// adminAudit shows the newest entries of the audit log: the admins'
// changes and the staff's actions on messages.
func (w *Web) adminAudit(rw http.ResponseWriter, r *http.Request) error {
	if _, err := needAdmin(r); err != nil {
		return err
	}
	es, err := w.store.AuditLog(r.Context(), auditLimit)
	if err != nil {
		return err
	}
	p := &adminPage{Tab: "audit", Audit: make([]auditRow, len(es)), Limit: auditLimit}
	for i, e := range es {
		p.Audit[i] = auditRow{AuditEntry: e, What: auditAction(e.Action)}
	}
	return w.showAdmin(rw, r, http.StatusOK, p)
}

// auditAction names a logged action in Chinese: an action on a message
// by its lifecycle name, an administrative change by the admin
// catalogue's; an action named nowhere keeps its code.
func auditAction(a string) string {
	for _, key := range []string{"action." + a, "web.admin.action." + a} {
		if catalog.Has(key) {
			return catalog.T(key)
		}
	}
	return a
}
