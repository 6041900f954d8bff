package api

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"liuyan/internal/account"
	"liuyan/internal/message"
	"liuyan/internal/store"
	"liuyan/internal/vocab"
	"liuyan/internal/workflow"
)

// termJSON is a term as the lists endpoints show it.
type termJSON struct {
	Name string `json:"name"`
	Code string `json:"code"`
	Days int    `json:"days,omitempty"`
}

// vocabulary answers GET /api/v1/vocab: the types, domains and topic tags
// a new message may have, for apps to build their forms from.
func (a *API) vocabulary(w http.ResponseWriter, r *http.Request) {
	lists, err := a.Desk.Lists(r.Context())
	if err != nil {
		a.fail(w, r, err)
		return
	}
	out := map[string][]termJSON{}
	for _, k := range vocab.Kinds {
		out[string(k)+"s"] = []termJSON{}
		for _, t := range lists.Terms(k) {
			if !t.Retired {
				out[string(k)+"s"] = append(out[string(k)+"s"], termJSON{Name: t.Name, Code: t.Code, Days: t.Days})
			}
		}
	}
	writeJSON(w, http.StatusOK, out)
}

// mustAdminUser returns the signed-in admin, or answers and returns nil.
func (a *API) mustAdminUser(w http.ResponseWriter, r *http.Request) *account.User {
	u, err := a.mustUser(r)
	if err != nil {
		a.fail(w, r, err)
		return nil
	}
	if u.Role != account.Admin {
		writeError(w, r, http.StatusForbidden, "forbidden", "error.forbidden")
		return nil
	}
	return u
}

// termList answers GET /api/v1/admin/terms[?kind=]: every term, retired
// ones included.
func (a *API) termList(w http.ResponseWriter, r *http.Request) {
	if a.mustAdminUser(w, r) == nil {
		return
	}
	kind := vocab.Kind(r.URL.Query().Get("kind"))
	if kind != "" && !kind.Valid() {
		a.fail(w, r, &vocab.Problem{Key: "error.term_kind"})
		return
	}
	lists, err := a.Desk.Lists(r.Context())
	if err != nil {
		a.fail(w, r, err)
		return
	}
	items := []vocab.Term{}
	for _, k := range vocab.Kinds {
		if kind == "" || k == kind {
			items = append(items, lists.Terms(k)...)
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": items})
}

// termCreate answers POST /api/v1/admin/terms {kind, code, name, days}.
func (a *API) termCreate(w http.ResponseWriter, r *http.Request) {
	u := a.mustAdminUser(w, r)
	if u == nil {
		return
	}
	var in struct {
		Kind vocab.Kind `json:"kind"`
		Code string     `json:"code"`
		Name string     `json:"name"`
		Days int        `json:"days"`
	}
	if err := decode(r, &in); err != nil {
		a.fail(w, r, err)
		return
	}
	t, err := a.Desk.ChangeTerm(r.Context(), u, workflow.TermChange{Op: "add", Kind: in.Kind, Code: in.Code, Name: in.Name, Days: in.Days})
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, t)
}

// termUpdate answers PATCH /api/v1/admin/terms/{id} {name, days,
// retired}: each field given is one change, applied in that order.
func (a *API) termUpdate(w http.ResponseWriter, r *http.Request) {
	u, id, ok := a.adminTarget(w, r)
	if !ok {
		return
	}
	var in struct {
		Name    *string `json:"name"`
		Days    *int    `json:"days"`
		Retired *bool   `json:"retired"`
	}
	if err := decode(r, &in); err != nil {
		a.fail(w, r, err)
		return
	}
	var changes []workflow.TermChange
	if in.Name != nil {
		changes = append(changes, workflow.TermChange{Op: "rename", ID: id, Name: *in.Name})
	}
	if in.Days != nil {
		changes = append(changes, workflow.TermChange{Op: "days", ID: id, Days: *in.Days})
	}
	if in.Retired != nil {
		op := "restore"
		if *in.Retired {
			op = "retire"
		}
		changes = append(changes, workflow.TermChange{Op: op, ID: id})
	}
	lists, err := a.Desk.Lists(r.Context())
	if err != nil {
		a.fail(w, r, err)
		return
	}
	t, ok := lists.ByID(id)
	if !ok {
		writeError(w, r, http.StatusNotFound, "not_found", "error.not_found")
		return
	}
	for _, c := range changes {
		if t, err = a.Desk.ChangeTerm(r.Context(), u, c); err != nil {
			a.fail(w, r, err)
			return
		}
	}
	writeJSON(w, http.StatusOK, t)
}

// termDelete answers DELETE /api/v1/admin/terms/{id}: only a term nothing
// carries goes; one in use is 409 and can be retired instead.
func (a *API) termDelete(w http.ResponseWriter, r *http.Request) {
	u, id, ok := a.adminTarget(w, r)
	if !ok {
		return
	}
	if _, err := a.Desk.ChangeTerm(r.Context(), u, workflow.TermChange{Op: "delete", ID: id}); err != nil {
		a.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// rulesJSON is a board's deadlines: the handling days by type name, the
// longest extension and the number of follow-ups; custom says whether
// they are the board's own or the defaults.
type rulesJSON struct {
	BoardID      int64          `json:"board_id"`
	Custom       bool           `json:"custom"`
	Days         map[string]int `json:"days"`
	MaxExtension int            `json:"max_extension"`
	MaxFollowups int            `json:"max_followups"`
}

// boardRules answers GET /api/v1/admin/boards/{id}/rules.
func (a *API) boardRules(w http.ResponseWriter, r *http.Request) {
	if a.mustAdminUser(w, r) == nil {
		return
	}
	a.writeRules(w, r)
}

func (a *API) writeRules(w http.ResponseWriter, r *http.Request) {
	id, ok := pathInt(r)
	if !ok {
		writeError(w, r, http.StatusNotFound, "not_found", "error.not_found")
		return
	}
	if _, err := a.Store.Board(r.Context(), id); err != nil {
		a.fail(w, r, err)
		return
	}
	lists, err := a.Desk.Lists(r.Context())
	if err != nil {
		a.fail(w, r, err)
		return
	}
	p := lists.Policy(id)
	_, custom := lists.Rules(id)
	out := rulesJSON{BoardID: id, Custom: custom, Days: map[string]int{}, MaxExtension: p.MaxExtension, MaxFollowups: p.MaxFollowups}
	for _, t := range lists.Terms(vocab.Type) {
		if !t.Retired {
			out.Days[t.Name] = p.HandlingDays(t.Name)
		}
	}
	writeJSON(w, http.StatusOK, out)
}

// boardRulesSet answers PUT /api/v1/admin/boards/{id}/rules {days,
// max_extension, max_followups}: the board's own deadlines; a type
// missing from days keeps its own.
func (a *API) boardRulesSet(w http.ResponseWriter, r *http.Request) {
	u, id, ok := a.adminTarget(w, r)
	if !ok {
		return
	}
	var in struct {
		Days         map[string]int `json:"days"`
		MaxExtension *int           `json:"max_extension"`
		MaxFollowups *int           `json:"max_followups"`
	}
	if err := decode(r, &in); err != nil {
		a.fail(w, r, err)
		return
	}
	lists, err := a.Desk.Lists(r.Context())
	if err != nil {
		a.fail(w, r, err)
		return
	}
	def := lists.Default()
	rules := &vocab.BoardRules{TypeDays: map[int64]int{}, MaxExtension: def.MaxExtension, MaxFollowups: def.MaxFollowups}
	if in.MaxExtension != nil {
		rules.MaxExtension = *in.MaxExtension
	}
	if in.MaxFollowups != nil {
		rules.MaxFollowups = *in.MaxFollowups
	}
	for name, days := range in.Days {
		t, ok := lists.Term(vocab.Type, name)
		if !ok {
			a.fail(w, r, &message.InputError{Key: "error.unknown_type", Args: []any{strings.Join(lists.Types(), "、")}})
			return
		}
		rules.TypeDays[t.ID] = days
	}
	if err := a.Desk.SetBoardRules(r.Context(), u, id, rules); err != nil {
		a.fail(w, r, err)
		return
	}
	a.writeRules(w, r)
}

// boardRulesReset answers DELETE /api/v1/admin/boards/{id}/rules: the
// board goes back to the defaults.
func (a *API) boardRulesReset(w http.ResponseWriter, r *http.Request) {
	u, id, ok := a.adminTarget(w, r)
	if !ok {
		return
	}
	err := a.Desk.SetBoardRules(r.Context(), u, id, nil)
	if errors.Is(err, store.ErrNotFound) {
		writeError(w, r, http.StatusNotFound, "not_found", "error.not_found")
		return
	}
	if err != nil {
		a.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// pathInt reads a positive {id}.
func pathInt(r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	return id, err == nil && id > 0
}

// adminTarget returns the signed-in admin and the {id} an admin endpoint
// is about, or answers and returns false.
func (a *API) adminTarget(w http.ResponseWriter, r *http.Request) (*account.User, int64, bool) {
	u := a.mustAdminUser(w, r)
	if u == nil {
		return nil, 0, false
	}
	id, ok := pathInt(r)
	if !ok {
		writeError(w, r, http.StatusNotFound, "not_found", "error.not_found")
		return nil, 0, false
	}
	return u, id, true
}
