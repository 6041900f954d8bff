package web

import (
	"errors"
	"net/http"
	"slices"
	"strconv"

	"liuyan/internal/catalog"
	"liuyan/internal/store"
	"liuyan/internal/vocab"
	"liuyan/internal/workflow"
)

// adminLists is the managed lists — types, domains, topic tags — each
// with its terms and the form that adds one.
type adminLists struct {
	Panels []listPanel
	// Error is a change to a listed term that was refused, shown above
	// the lists.
	Error   string
	DaysMax int
	NameMax int
}

// listPanel is one list and its add form.
type listPanel struct {
	Kind  vocab.Kind
	Terms []vocab.Term
	Add   *form
}

// adminListPage shows the lists.
func (w *Web) adminListPage(rw http.ResponseWriter, r *http.Request) error {
	if _, err := needAdmin(r); err != nil {
		return err
	}
	return w.showLists(rw, r, http.StatusOK, nil, "")
}

// showLists renders the lists with a failed add form (of its kind) or a
// refused change to a term.
func (w *Web) showLists(rw http.ResponseWriter, r *http.Request, status int, add *form, problem string) error {
	lists, err := w.desk.Lists(r.Context())
	if err != nil {
		return err
	}
	p := &adminLists{Error: problem, DaysMax: vocab.DaysMax, NameMax: vocab.NameMax}
	for _, k := range vocab.Kinds {
		panel := listPanel{Kind: k, Terms: lists.Terms(k), Add: newForm()}
		if add != nil && add.V("kind") == string(k) {
			panel.Add = add
		}
		p.Panels = append(p.Panels, panel)
	}
	return w.showAdmin(rw, r, status, &adminPage{Tab: "lists", Lists: p})
}

// adminTermAdd adds a term to a list.
func (w *Web) adminTermAdd(rw http.ResponseWriter, r *http.Request) error {
	admin, err := needAdmin(r)
	if err != nil {
		return err
	}
	if err := parseForm(rw, r); err != nil {
		return err
	}
	f := readForm(r, "kind", "name", "code", "days")
	c := workflow.TermChange{Op: "add", Kind: vocab.Kind(f.V("kind")), Name: f.V("name"), Code: f.V("code")}
	if c.Kind == vocab.Type {
		if c.Days, err = strconv.Atoi(f.V("days")); err != nil {
			c.Days = -1 // refused by the range check, with its sentence
		}
	}
	_, err = w.desk.ChangeTerm(r.Context(), admin, c)
	if err == nil {
		http.Redirect(rw, r, withDone("/admin/lists#"+f.V("kind"), "term_add"), http.StatusSeeOther)
		return nil
	}
	var vp *vocab.Problem
	if !errors.As(err, &vp) {
		return err
	}
	f.Errors[vp.Field] = catalog.T(vp.Key, vp.Args...)
	return w.showLists(rw, r, http.StatusUnprocessableEntity, f, "")
}

// adminTermChange renames, retires, restores or deletes a term, or sets
// a type's handling days.
func (w *Web) adminTermChange(rw http.ResponseWriter, r *http.Request) error {
	admin, err := needAdmin(r)
	if err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	op := r.PathValue("op")
	if !slices.Contains(workflow.TermOps, op) {
		return errNotFound
	}
	if err := parseForm(rw, r); err != nil {
		return err
	}
	lists, err := w.desk.Lists(r.Context())
	if err != nil {
		return err
	}
	before, ok := lists.ByID(id)
	if !ok {
		return errNotFound
	}
	c := workflow.TermChange{Op: op, ID: id, Name: r.PostFormValue("name")}
	if op == "days" {
		if c.Days, err = strconv.Atoi(r.PostFormValue("days")); err != nil {
			c.Days = -1
		}
	}
	_, err = w.desk.ChangeTerm(r.Context(), admin, c)
	if err == nil {
		http.Redirect(rw, r, withDone("/admin/lists#"+string(before.Kind), "term_"+op), http.StatusSeeOther)
		return nil
	}
	if errors.Is(err, store.ErrNotFound) {
		return errNotFound
	}
	var vp *vocab.Problem
	if !errors.As(err, &vp) {
		return err
	}
	return w.showLists(rw, r, http.StatusUnprocessableEntity, nil,
		catalog.T("web.admin.lists.refused", before.Name, catalog.T(vp.Key, vp.Args...)))
}
