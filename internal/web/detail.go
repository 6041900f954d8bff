package web

import (
	"context"
	"slices"
	"strconv"
	"time"

	"liuyan/internal/account"
	"liuyan/internal/board"
	"liuyan/internal/catalog"
	"liuyan/internal/lifecycle"
	"liuyan/internal/message"
	"liuyan/internal/region"
	"liuyan/internal/store"
	"liuyan/internal/textmine/route"
	"liuyan/internal/workflow"
)

// detail is a message with its whole history and the forms of the
// actions the viewer may take: the message page and the workbench show it.
type detail struct {
	Rec     *workflow.Record
	M       *message.Message // Rec.Message: masked unless the viewer is a party
	Path    []region.Region
	Unit    string // the unit holding it now
	Overdue bool
	DueSoon bool
	Steps   []step
	Thread  []post
	Images  []store.Attachment
	// From names the page the action forms come back to.
	From string
	// Form and FormAction hold a refused action's input and error, shown
	// again at that action's form.
	Form       *form
	FormAction string

	Units []unitGroup
	// Suggestions are the units suggested for assigning, best first.
	Suggestions    []route.Suggestion
	RejectReasons  []string
	ReplyTemplates []replyTemplate
	MaxExtension   int
	MaxSupervision int
}

// AssignForm is the assign form: the refused input, or the best
// suggested unit chosen.
func (d *detail) AssignForm() *form {
	if f := d.FormFor("assign"); f != nil {
		return f
	}
	f := newForm()
	if len(d.Suggestions) > 0 {
		f.Values["unit_id"] = strconv.FormatInt(d.Suggestions[0].UnitID, 10)
	}
	return f
}

// FormFor is the refused input of one action's form, or nil.
func (d *detail) FormFor(action string) *form {
	if d.FormAction == action {
		return d.Form
	}
	return nil
}

// step is one entry of the public timeline.
type step struct {
	At      time.Time
	Action  lifecycle.Action
	To      lifecycle.State
	Changed bool
	Unit    string // the unit a message was assigned or transferred to
	Note    string // staff's reason, for those who see the message unmasked
	// Deadline is the new deadline a 督办 or an approved extension set.
	Deadline time.Time
}

// post is a reply or a follow-up in the conversation, in time order.
type post struct {
	At      time.Time
	Kind    string // interim, final or followup
	Unit    string
	Body    string
	Pending bool // a final reply waiting for the board office's sign-off
}

type unitGroup struct {
	Region string
	Units  []board.Unit
}

// replyTemplate is a reply text the reply form offers: one of the unit's
// own (Key "u" and its ID) or a common skeleton of the catalogue (Key "c"
// and its number). Key names it in ?template= for browsers without
// scripts.
type replyTemplate struct {
	Key, Name, Text string
	Own             bool
}

// notesInThread are the actions whose note is the text of a reply or a
// follow-up, shown in the conversation rather than again in the timeline.
var notesInThread = []lifecycle.Action{lifecycle.InterimReply, lifecycle.FinalReply, lifecycle.Followup, lifecycle.Rate}

// detail reads message id as u may see it, for a page whose forms return
// to from.
func (w *Web) detail(ctx context.Context, u *account.User, id int64, from string) (*detail, error) {
	rec, err := w.desk.Record(ctx, u, id)
	if err != nil {
		return nil, err
	}
	m := rec.Message
	lists, err := w.desk.Lists(ctx)
	if err != nil {
		return nil, err
	}
	d := &detail{Rec: rec, M: m, Path: region.Path(rec.Board.RegionCode), From: from, MaxExtension: lists.Policy(rec.Board.ID).MaxExtension,
		MaxSupervision: lists.Policy(rec.Board.ID).MaxSupervision}
	d.Overdue, d.DueSoon = w.urgency(m, w.now())
	unitIDs := []int64{m.UnitID}
	for _, e := range rec.Events {
		unitIDs = append(unitIDs, e.UnitID)
	}
	names, err := w.store.UnitNames(ctx, unitIDs)
	if err != nil {
		return nil, err
	}
	d.Unit = names[m.UnitID]
	for _, e := range rec.Events {
		s := step{At: e.At, Action: e.Action, To: e.To, Changed: e.From != e.To}
		if e.Action == lifecycle.Assign || e.Action == lifecycle.Transfer {
			s.Unit = names[e.UnitID]
		}
		if !slices.Contains(notesInThread, e.Action) {
			s.Note = e.Note
		}
		if e.Action == lifecycle.SuperviseFormal || e.Action == lifecycle.ApproveExtend {
			s.Deadline = e.Deadline
		}
		d.Steps = append(d.Steps, s)
	}
	for _, r := range rec.Replies {
		d.Thread = append(d.Thread, post{At: r.CreatedAt, Kind: string(r.Kind), Unit: r.UnitName, Body: r.Body, Pending: !r.Published})
	}
	for _, f := range rec.Followups {
		d.Thread = append(d.Thread, post{At: f.CreatedAt, Kind: "followup", Body: f.Body})
	}
	slices.SortStableFunc(d.Thread, func(a, b post) int { return a.At.Compare(b.At) })
	if d.Images, err = w.store.Attachments(ctx, id); err != nil {
		return nil, err
	}
	allowed := func(a lifecycle.Action) bool { return slices.Contains(rec.Allowed, a) }
	if allowed(lifecycle.Assign) || allowed(lifecycle.Transfer) {
		if d.Units, err = w.unitGroups(ctx, rec.Board.RegionCode); err != nil {
			return nil, err
		}
	}
	if allowed(lifecycle.Assign) {
		cands, err := w.desk.RouteCandidates(ctx, rec.Board.RegionCode)
		if err != nil {
			return nil, err
		}
		d.Suggestions = workflow.Route(m, cands, routeShown)
	}
	if allowed(lifecycle.Reject) {
		d.RejectReasons = rejectReasons()
	}
	if allowed(lifecycle.FinalReply) || allowed(lifecycle.InterimReply) {
		if d.ReplyTemplates, err = w.replyTemplates(ctx, m.UnitID, d.Unit); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// unitGroups lists the units of a board's region and the regions below
// it, grouped by region: whom a board office may give its messages to.
func (w *Web) unitGroups(ctx context.Context, regionCode string) ([]unitGroup, error) {
	us, err := w.store.UnitsUnder(ctx, region.Prefix(regionCode))
	if err != nil {
		return nil, err
	}
	var gs []unitGroup
	for _, u := range us {
		if len(gs) == 0 || gs[len(gs)-1].Region != region.FullName(u.RegionCode) {
			gs = append(gs, unitGroup{Region: region.FullName(u.RegionCode)})
		}
		g := &gs[len(gs)-1]
		g.Units = append(g.Units, u)
	}
	return gs, nil
}

// rejectReasons are the moderators' usual reasons, from the catalogue.
func rejectReasons() []string {
	var out []string
	for i := 1; catalog.Has("web.reject." + strconv.Itoa(i)); i++ {
		out = append(out, catalog.T("web.reject."+strconv.Itoa(i)))
	}
	return out
}

// replyTemplates are the unit's own reply templates, then the skeletons
// of common replies signed with the unit's name.
func (w *Web) replyTemplates(ctx context.Context, unitID int64, unit string) ([]replyTemplate, error) {
	own, err := w.store.ReplyTemplates(ctx, unitID)
	if err != nil {
		return nil, err
	}
	var out []replyTemplate
	for _, t := range own {
		out = append(out, replyTemplate{Key: "u" + strconv.FormatInt(t.ID, 10), Name: t.Title, Text: t.Body, Own: true})
	}
	for i := 1; catalog.Has("web.tpl." + strconv.Itoa(i) + ".name"); i++ {
		k := "web.tpl." + strconv.Itoa(i)
		out = append(out, replyTemplate{Key: "c" + strconv.Itoa(i), Name: catalog.T(k + ".name"), Text: catalog.T(k+".text", unit)})
	}
	return out, nil
}

// useTemplate puts the template named by key (?template=) into the reply
// form, for browsers without scripts; an unknown key changes nothing.
func (d *detail) useTemplate(key string) {
	if key == "" || d.Form != nil {
		return
	}
	for _, t := range d.ReplyTemplates {
		if t.Key == key {
			d.Form, d.FormAction = newForm(), "reply"
			d.Form.Values["note"] = t.Text
			d.Form.Values["template"] = key
			return
		}
	}
}

// OwnTemplates and CommonTemplates split the offered templates for the
// select's groups.
func (d *detail) OwnTemplates() []replyTemplate    { return d.templates(true) }
func (d *detail) CommonTemplates() []replyTemplate { return d.templates(false) }

func (d *detail) templates(own bool) []replyTemplate {
	var out []replyTemplate
	for _, t := range d.ReplyTemplates {
		if t.Own == own {
			out = append(out, t)
		}
	}
	return out
}
