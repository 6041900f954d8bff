package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"liuyan/internal/account"
	"liuyan/internal/catalog"
	"liuyan/internal/store"
)

// templatesPage is a unit's reply templates with the forms that add,
// change and delete them.
type templatesPage struct {
	frame
	UnitID   int64
	Unit     string
	List     []store.ReplyTemplate
	Add      *form
	Edit     *form // a refused change, shown at its template
	EditID   int64
	TitleMax int
	BodyMax  int
}

// Lengths of a reply template, in characters: the body is a reply.
const templateTitleMax = 30

// templateUnit is the unit whose templates u may manage: a handler's own,
// or for an admin the unit named by ?unit= or the form's unit_id.
func (w *Web) templateUnit(r *http.Request, u *account.User, asked string) (int64, error) {
	if u.Role == account.Handler {
		if asked != "" && asked != strconv.FormatInt(u.UnitID, 10) {
			return 0, errForbidden
		}
		return u.UnitID, nil
	}
	id := formID(asked)
	if id <= 0 {
		return 0, errNotFound
	}
	if _, err := w.store.Unit(r.Context(), id); err != nil {
		return 0, err
	}
	return id, nil
}

// replyTemplateList shows a unit's templates.
func (w *Web) replyTemplateList(rw http.ResponseWriter, r *http.Request) error {
	u, err := need(r, account.Handler, account.Admin)
	if err != nil {
		return err
	}
	unitID, err := w.templateUnit(r, u, r.URL.Query().Get("unit"))
	if err != nil {
		return err
	}
	return w.showTemplates(rw, r, http.StatusOK, unitID, nil, nil, 0)
}

func (w *Web) showTemplates(rw http.ResponseWriter, r *http.Request, status int, unitID int64, add, edit *form, editID int64) error {
	ctx := r.Context()
	unit, err := w.store.Unit(ctx, unitID)
	if err != nil {
		return err
	}
	list, err := w.store.ReplyTemplates(ctx, unitID)
	if err != nil {
		return err
	}
	if add == nil {
		add = newForm()
	}
	p := &templatesPage{UnitID: unitID, Unit: unit.Name, List: list, Add: add, Edit: edit, EditID: editID,
		TitleMax: templateTitleMax, BodyMax: w.desk.Limits.NoteMax}
	p.Title, p.Nav = catalog.T("web.tpl.title"), "workbench"
	if userOf(r).Role == account.Admin {
		p.Nav = "admin"
	}
	return w.render(rw, r, status, "reply_templates", p)
}

// checkTemplate marks a template's title and body that are empty or too
// long.
func (w *Web) checkTemplate(f *form) {
	if n := utf8.RuneCountInString(f.V("title")); n == 0 || n > templateTitleMax || !utf8.ValidString(f.V("title")) {
		f.Errors["title"] = catalog.T("web.tpl.title_invalid", templateTitleMax)
	}
	if n := utf8.RuneCountInString(f.V("body")); n == 0 || n > w.desk.Limits.NoteMax || !utf8.ValidString(f.V("body")) {
		f.Errors["body"] = catalog.T("web.tpl.body_invalid", w.desk.Limits.NoteMax)
	}
}

// replyTemplateSave adds a template (POST /workbench/templates) or
// changes one (POST /workbench/templates/{id}) of the person's unit.
func (w *Web) replyTemplateSave(rw http.ResponseWriter, r *http.Request) error {
	u, err := need(r, account.Handler, account.Admin)
	if err != nil {
		return err
	}
	if err := parseForm(rw, r); err != nil {
		return err
	}
	t := store.ReplyTemplate{}
	if r.PathValue("id") != "" {
		if t.ID, err = pathID(r); err != nil {
			return err
		}
		// The template's own unit, which the person must manage: another
		// unit's template is not found, so its existence does not show.
		old, err := w.store.ReplyTemplate(r.Context(), t.ID)
		if err != nil {
			return err
		}
		if u.Role == account.Handler && old.UnitID != u.UnitID {
			return errNotFound
		}
		t.UnitID = old.UnitID
	} else if t.UnitID, err = w.templateUnit(r, u, r.PostFormValue("unit_id")); err != nil {
		return err
	}
	f := readForm(r, "title")
	f.Values["body"] = strings.TrimSpace(strings.ReplaceAll(r.PostFormValue("body"), "\r\n", "\n"))
	w.checkTemplate(f)
	if !f.Failed() {
		t.Title, t.Body = f.V("title"), f.V("body")
		err := w.store.InTx(r.Context(), func(tx *store.Tx) error { return tx.SaveReplyTemplate(r.Context(), &t) })
		if err == nil {
			done := "template_add"
			if r.PathValue("id") != "" {
				done = "template_edit"
			}
			http.Redirect(rw, r, withDone(templatesURL(u, t.UnitID), done), http.StatusSeeOther)
			return nil
		}
		if !errors.Is(err, store.ErrConflict) {
			return err
		}
		f.Errors["title"] = catalog.T("web.tpl.title_taken")
	}
	if t.ID != 0 {
		return w.showTemplates(rw, r, http.StatusUnprocessableEntity, t.UnitID, nil, f, t.ID)
	}
	return w.showTemplates(rw, r, http.StatusUnprocessableEntity, t.UnitID, f, nil, 0)
}

// replyTemplateDelete deletes one of the unit's templates.
func (w *Web) replyTemplateDelete(rw http.ResponseWriter, r *http.Request) error {
	u, err := need(r, account.Handler, account.Admin)
	if err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	t, err := w.store.ReplyTemplate(r.Context(), id)
	if err != nil {
		return err
	}
	if u.Role == account.Handler && t.UnitID != u.UnitID {
		return errNotFound
	}
	err = w.store.InTx(r.Context(), func(tx *store.Tx) error { return tx.DeleteReplyTemplate(r.Context(), t.UnitID, id) })
	if err != nil {
		return err
	}
	http.Redirect(rw, r, withDone(templatesURL(u, t.UnitID), "template_delete"), http.StatusSeeOther)
	return nil
}

// templatesURL is the templates page of a unit as u reaches it.
func templatesURL(u *account.User, unitID int64) string {
	if u.Role == account.Admin {
		return "/workbench/templates?unit=" + strconv.FormatInt(unitID, 10)
	}
	return "/workbench/templates"
}
