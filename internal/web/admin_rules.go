package web

import (
	"errors"
	"net/http"
	"strconv"

	"liuyan/internal/board"
	"liuyan/internal/catalog"
	"liuyan/internal/vocab"
)

// adminRules is a board's deadlines: the handling days of each type, the
// longest extension and the number of follow-ups, as the board has them
// now (its own or the defaults), in a form that sets them.
type adminRules struct {
	Board   *board.Board
	Custom  bool // the board has rules of its own
	Types   []ruleType
	Form    *form
	Default ruleDefaults
	DaysMax int
}

// ruleType is one type's row of the form.
type ruleType struct {
	vocab.Term
	Field   string // the form field, days_ID
	Default int    // the type's own days
}

// ruleDefaults are the limits a board without rules of its own has.
type ruleDefaults struct{ MaxExtension, MaxFollowups int }

// adminRulesPage shows a board's deadlines.
func (w *Web) adminRulesPage(rw http.ResponseWriter, r *http.Request) error {
	if _, err := needAdmin(r); err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	return w.showRules(rw, r, http.StatusOK, id, nil)
}

func (w *Web) showRules(rw http.ResponseWriter, r *http.Request, status int, boardID int64, f *form) error {
	ctx := r.Context()
	b, err := w.store.Board(ctx, boardID)
	if err != nil {
		return err
	}
	lists, err := w.desk.Lists(ctx)
	if err != nil {
		return err
	}
	p := lists.Policy(b.ID)
	def := lists.Default()
	_, custom := lists.Rules(b.ID)
	page := &adminRules{Board: b, Custom: custom, Form: f, DaysMax: vocab.DaysMax,
		Default: ruleDefaults{def.MaxExtension, def.MaxFollowups}}
	fill := f == nil
	if fill {
		page.Form = newForm()
		page.Form.Values["max_extension"] = strconv.Itoa(p.MaxExtension)
		page.Form.Values["max_followups"] = strconv.Itoa(p.MaxFollowups)
	}
	for _, t := range lists.Terms(vocab.Type) {
		if t.Retired {
			continue
		}
		rt := ruleType{Term: t, Field: "days_" + strconv.FormatInt(t.ID, 10), Default: t.Days}
		if fill {
			page.Form.Values[rt.Field] = strconv.Itoa(p.HandlingDays(t.Name))
		}
		page.Types = append(page.Types, rt)
	}
	return w.showAdmin(rw, r, status, &adminPage{Tab: "directory", Rules: page})
}

// adminRulesSave gives a board deadlines of its own.
func (w *Web) adminRulesSave(rw http.ResponseWriter, r *http.Request) error {
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
	lists, err := w.desk.Lists(r.Context())
	if err != nil {
		return err
	}
	f := readForm(r, "max_extension", "max_followups")
	number := func(field string) int {
		n, err := strconv.Atoi(f.V(field))
		if err != nil {
			return -1 // refused by the range check, with its sentence
		}
		return n
	}
	rules := &vocab.BoardRules{TypeDays: map[int64]int{}}
	for _, t := range lists.Terms(vocab.Type) {
		if t.Retired {
			continue
		}
		field := "days_" + strconv.FormatInt(t.ID, 10)
		f.Values[field] = r.PostFormValue(field)
		rules.TypeDays[t.ID] = number(field)
		if err := vocab.CheckDays(field, rules.TypeDays[t.ID], 1, vocab.DaysMax); err != nil {
			f.Errors[field] = problemText(err)
		}
	}
	rules.MaxExtension, rules.MaxFollowups = number("max_extension"), number("max_followups")
	if !f.Failed() {
		err = w.desk.SetBoardRules(r.Context(), admin, id, rules)
		if err == nil {
			http.Redirect(rw, r, withDone("/admin/boards/"+strconv.FormatInt(id, 10)+"/rules", "rules_set"), http.StatusSeeOther)
			return nil
		}
		var vp *vocab.Problem
		if !errors.As(err, &vp) {
			return err
		}
		f.Errors[vp.Field] = problemText(err)
	}
	return w.showRules(rw, r, http.StatusUnprocessableEntity, id, f)
}

// adminRulesReset puts a board back on the default deadlines.
func (w *Web) adminRulesReset(rw http.ResponseWriter, r *http.Request) error {
	admin, err := needAdmin(r)
	if err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := w.desk.SetBoardRules(r.Context(), admin, id, nil); err != nil {
		return err
	}
	http.Redirect(rw, r, withDone("/admin/boards/"+strconv.FormatInt(id, 10)+"/rules", "rules_reset"), http.StatusSeeOther)
	return nil
}

// problemText is the sentence of a vocab problem.
func problemText(err error) string {
	var vp *vocab.Problem
	if errors.As(err, &vp) {
		return catalog.T(vp.Key, vp.Args...)
	}
	return err.Error()
}
