package web

import (
	"errors"
	"net/http"
	"strconv"

	"liuyan/internal/catalog"
	"liuyan/internal/lifecycle"
	"liuyan/internal/message"
	"liuyan/internal/workflow"
)

// The pages an action form can come from; after the action the person
// goes back there.
const (
	fromMessage     = "message"
	fromWorkbench   = "workbench"
	fromReview      = "review"
	fromOffice      = "office"
	fromSupervision = "supervision"
)

// actFields are every field an action form may send.
var actFields = []string{"note", "reason", "unit_id", "days", "kind", "resolution", "attitude", "speed", "comment"}

// actions maps the last segment of POST /messages/{id}/{action} to the
// Desk's act, read from the form. "reply" is interim or final by its kind.
var actions = map[string]func(f *form) (workflow.Act, bool){
	"accept":         plain(lifecycle.Accept),
	"sign":           plain(lifecycle.Sign),
	"extend_approve": plain(lifecycle.ApproveExtend),
	"reply_approve":  plain(lifecycle.ApproveReply),
	"return":         noted(lifecycle.Return),
	"followup":       noted(lifecycle.Followup),
	"urge":           noted(lifecycle.SuperviseUrge),
	"supervise": func(f *form) (workflow.Act, bool) {
		// Not a number reads as 0, which the lifecycle refuses as out of range.
		days, _ := strconv.Atoi(f.V("days"))
		return workflow.Act{Action: lifecycle.SuperviseFormal, Note: f.V("note"), Days: days}, true
	},
	"reject": func(f *form) (workflow.Act, bool) {
		// A reason from the list, a written one, or both.
		note := f.V("reason")
		if w := f.V("note"); w != "" {
			if note != "" {
				note += "。"
			}
			note += w
		}
		return workflow.Act{Action: lifecycle.Reject, Note: note}, true
	},
	"assign":   toUnit(lifecycle.Assign),
	"transfer": toUnit(lifecycle.Transfer),
	"extend": func(f *form) (workflow.Act, bool) {
		// Not a number reads as 0, which the lifecycle refuses as out of range.
		days, _ := strconv.Atoi(f.V("days"))
		return workflow.Act{Action: lifecycle.RequestExtend, Days: days, Note: f.V("note")}, true
	},
	"reply": func(f *form) (workflow.Act, bool) {
		a := workflow.Act{Action: lifecycle.FinalReply, Note: f.V("note")}
		switch message.ReplyKind(f.V("kind")) {
		case message.Interim:
			a.Action = lifecycle.InterimReply
		case message.Final:
		default:
			f.Errors["kind"] = catalog.T("web.act.reply_kind_missing")
			return a, false
		}
		return a, true
	},
	"rate": func(f *form) (workflow.Act, bool) {
		star := func(name string) int { n, _ := strconv.Atoi(f.V(name)); return n }
		return workflow.Act{Action: lifecycle.Rate, Rating: &message.Rating{
			Resolution: star("resolution"), Attitude: star("attitude"), Speed: star("speed"), Comment: f.V("comment")}}, true
	},
}

func plain(a lifecycle.Action) func(*form) (workflow.Act, bool) {
	return func(*form) (workflow.Act, bool) { return workflow.Act{Action: a}, true }
}

func noted(a lifecycle.Action) func(*form) (workflow.Act, bool) {
	return func(f *form) (workflow.Act, bool) { return workflow.Act{Action: a, Note: f.V("note")}, true }
}

// toUnit reads the unit an assignment or transfer names; choosing none is
// caught here, as the list offers nothing else to pick by mistake.
func toUnit(a lifecycle.Action) func(*form) (workflow.Act, bool) {
	return func(f *form) (workflow.Act, bool) {
		id, err := strconv.ParseInt(f.V("unit_id"), 10, 64)
		if err != nil || id <= 0 {
			f.Errors["unit_id"] = catalog.T("web.act.unit_missing")
			return workflow.Act{}, false
		}
		return workflow.Act{Action: a, UnitID: id, Note: f.V("note")}, true
	}
}

// act carries out one action on a message through the Desk. A refusal
// shows the page again with the error at the action's form and what was
// typed kept; success goes back to the page the form was on.
func (w *Web) act(rw http.ResponseWriter, r *http.Request) error {
	u, err := need(r)
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return errNotFound
	}
	name := r.PathValue("action")
	read, ok := actions[name]
	if !ok {
		return errNotFound
	}
	if name == "followup" {
		if err := throttle(w.limits.Followup, strconv.FormatInt(u.ID, 10)); err != nil {
			return err
		}
	}
	if err := parseForm(rw, r); err != nil {
		return err
	}
	from := r.PostFormValue("from")
	f := readForm(r, actFields...)
	status := http.StatusUnprocessableEntity
	a, ok := read(f)
	if ok {
		_, err = w.desk.Do(r.Context(), u, id, a)
		if errors.Is(err, workflow.ErrNotFound) {
			return errNotFound
		}
		if err == nil {
			http.Redirect(rw, r, withDone(backTo(from, id), name), http.StatusSeeOther)
			return nil
		}
		if status = w.explain(f, err); status == 0 {
			return err
		}
	}
	if from != fromWorkbench {
		from = fromMessage
	}
	d, err := w.detail(r.Context(), u, id, from)
	if err != nil {
		return err
	}
	d.Form, d.FormAction = f, name
	if from == fromWorkbench {
		return w.showWorkbench(rw, r, status, u, d)
	}
	return w.showMessage(rw, r, status, d)
}

// backTo is where a successful action returns: the list it was taken
// from, or the message.
func backTo(from string, id int64) string {
	sid := strconv.FormatInt(id, 10)
	switch from {
	case fromWorkbench:
		return "/workbench/" + sid
	case fromReview:
		return "/review"
	case fromOffice:
		return "/office"
	case fromSupervision:
		return "/supervision"
	}
	return "/messages/" + sid
}
