package lifecycle

import (
	"errors"
	"fmt"
	"testing"
	"time"
)

// allowed is the specification written out by hand, independent of Rules:
// every (action, from-state, party) that must succeed, with the state it
// must lead to. Every combination not listed must be refused.
var allowed = []struct {
	act  Action
	from State
	by   Party
	to   State
}{
	{Accept, Submitted, Moderator, Published}, {Accept, Submitted, Admin, Published},
	{Reject, Submitted, Moderator, Rejected}, {Reject, Submitted, Admin, Rejected},
	{Assign, Published, Office, Assigned}, {Assign, Published, Supervisor, Assigned}, {Assign, Published, Admin, Assigned},
	{Sign, Assigned, Handler, Handling},
	{Return, Assigned, Handler, Published}, {Return, Handling, Handler, Published},
	{Transfer, Assigned, Handler, Assigned}, {Transfer, Handling, Handler, Assigned},
	{Transfer, Assigned, Office, Assigned}, {Transfer, Handling, Office, Assigned},
	{Transfer, Assigned, Supervisor, Assigned}, {Transfer, Handling, Supervisor, Assigned},
	{Transfer, Assigned, Admin, Assigned}, {Transfer, Handling, Admin, Assigned},
	{RequestExtend, Handling, Handler, Handling},
	{ApproveExtend, Handling, Office, Handling}, {ApproveExtend, Handling, Admin, Handling},
	{InterimReply, Handling, Handler, Handling},
	{FinalReply, Handling, Handler, Replied},
	{ApproveReply, Handling, Office, Replied}, {ApproveReply, Handling, Admin, Replied},
	{Followup, Replied, Author, Handling},
	{Rate, Replied, Author, Rated},
	{Close, Replied, System, Closed},
	{SuperviseUrge, Published, Supervisor, Published}, {SuperviseUrge, Assigned, Supervisor, Assigned}, {SuperviseUrge, Handling, Supervisor, Handling},
	{SuperviseUrge, Published, Admin, Published}, {SuperviseUrge, Assigned, Admin, Assigned}, {SuperviseUrge, Handling, Admin, Handling},
	{SuperviseFormal, Published, Supervisor, Published}, {SuperviseFormal, Assigned, Supervisor, Assigned}, {SuperviseFormal, Handling, Supervisor, Handling},
	{SuperviseFormal, Published, Admin, Published}, {SuperviseFormal, Assigned, Admin, Assigned}, {SuperviseFormal, Handling, Admin, Handling},
	{RemindDeadline, Published, System, Published}, {RemindDeadline, Assigned, System, Assigned}, {RemindDeadline, Handling, System, Handling},
	{NoticeOverdue, Published, System, Published}, {NoticeOverdue, Assigned, System, Assigned}, {NoticeOverdue, Handling, System, Handling},
	{Reclassify, Submitted, Moderator, Submitted}, {Reclassify, Submitted, Admin, Submitted},
	{Reclassify, Published, Moderator, Published}, {Reclassify, Published, Office, Published}, {Reclassify, Published, Admin, Published},
	{Reclassify, Assigned, Moderator, Assigned}, {Reclassify, Assigned, Office, Assigned}, {Reclassify, Assigned, Handler, Assigned}, {Reclassify, Assigned, Admin, Assigned},
	{Reclassify, Handling, Moderator, Handling}, {Reclassify, Handling, Office, Handling}, {Reclassify, Handling, Handler, Handling}, {Reclassify, Handling, Admin, Handling},
	{Reclassify, Replied, Moderator, Replied}, {Reclassify, Replied, Office, Replied}, {Reclassify, Replied, Handler, Replied}, {Reclassify, Replied, Admin, Replied},
	{Reclassify, Rated, Moderator, Rated}, {Reclassify, Rated, Office, Rated}, {Reclassify, Rated, Handler, Rated}, {Reclassify, Rated, Admin, Rated},
	{Reclassify, Closed, Moderator, Closed}, {Reclassify, Closed, Office, Closed}, {Reclassify, Closed, Handler, Closed}, {Reclassify, Closed, Admin, Closed},
	{Reclassify, Submitted, Office, Submitted}, {Reclassify, Submitted, Handler, Submitted}, {Reclassify, Published, Handler, Published},
}

var parties = []Party{Author, Moderator, Office, Handler, Supervisor, Admin, System}

var t0 = time.Date(2020, 5, 11, 9, 30, 0, 0, time.UTC)

// factsFor gives facts under which the action's own guards pass, so that
// the exhaustive test below exercises only state and party.
func factsFor(a Action, s State) Facts {
	f := Facts{State: s, RepliedAt: t0}
	switch a {
	case ApproveExtend:
		f.PendingExtension = 5
	case ApproveReply:
		f.ReplyPending = true
	}
	return f
}

func inputFor(a Action, p Party) Input {
	at := t0.Add(time.Hour)
	if a == Close {
		at = t0.Add(31 * 24 * time.Hour)
	}
	return Input{Action: a, Parties: []Party{p}, Note: "情况已核实", Days: 5, At: at}
}

func TestEveryTransition(t *testing.T) {
	want := map[string]State{}
	for _, a := range allowed {
		want[fmt.Sprint(a.act, a.from, a.by)] = a.to
	}
	pol := DefaultPolicy()
	for _, act := range Actions {
		if act == Submit {
			continue
		}
		for _, from := range States {
			for _, by := range parties {
				name := fmt.Sprintf("%s/%s/%s", act, from, by)
				out, err := Decide(factsFor(act, from), inputFor(act, by), pol)
				to, ok := want[fmt.Sprint(act, from, by)]
				if ok {
					if err != nil {
						t.Errorf("%s: refused: %v", name, err)
					} else if out.To != to || out.From != from || out.Changed != (to != from) {
						t.Errorf("%s: got %+v, want to %s", name, out, to)
					}
					continue
				}
				var le *Error
				if !errors.As(err, &le) || (le.Code != CodeForbidden && le.Code != CodeWrongState) {
					t.Errorf("%s: want refusal (forbidden or wrong state), got %+v, %v", name, out, err)
				}
			}
		}
	}
}

func TestSubmitOnlyByAuthor(t *testing.T) {
	for _, p := range parties {
		out, err := Decide(Facts{}, Input{Action: Submit, Parties: []Party{p}}, DefaultPolicy())
		if p == Author {
			if err != nil || out.To != Submitted {
				t.Errorf("author submit: %+v %v", out, err)
			}
		} else if code(err) != CodeForbidden {
			t.Errorf("%s submit: want forbidden, got %v", p, err)
		}
	}
}

func code(err error) Code {
	var le *Error
	if errors.As(err, &le) {
		return le.Code
	}
	return ""
}

func TestGuards(t *testing.T) {
	pol := DefaultPolicy()
	at := t0.Add(time.Hour)
	cases := []struct {
		name string
		f    Facts
		in   Input
		want Code
		to   State
	}{
		{"reject needs a reason", Facts{State: Submitted}, Input{Action: Reject, Parties: []Party{Moderator}}, CodeNoteRequired, ""},
		{"extension of 0 days", Facts{State: Handling}, Input{Action: RequestExtend, Parties: []Party{Handler}, Note: "需协调住建部门", Days: 0}, CodeExtensionDays, ""},
		{"extension of 11 days", Facts{State: Handling}, Input{Action: RequestExtend, Parties: []Party{Handler}, Note: "需协调住建部门", Days: 11}, CodeExtensionDays, ""},
		{"extension of 10 days", Facts{State: Handling}, Input{Action: RequestExtend, Parties: []Party{Handler}, Note: "需协调住建部门", Days: 10}, "", Handling},
		{"second extension", Facts{State: Handling, ExtensionUsed: true}, Input{Action: RequestExtend, Parties: []Party{Handler}, Note: "仍需时间", Days: 3}, CodeExtensionUsed, ""},
		{"extension while one is pending", Facts{State: Handling, PendingExtension: 4}, Input{Action: RequestExtend, Parties: []Party{Handler}, Note: "仍需时间", Days: 3}, CodeExtensionUsed, ""},
		{"approve without request", Facts{State: Handling}, Input{Action: ApproveExtend, Parties: []Party{Office}}, CodeNoPending, ""},
		{"transfer to the same unit", Facts{State: Handling}, Input{Action: Transfer, Parties: []Party{Handler}, Note: "不属我单位职责", SameUnit: true}, CodeSameUnit, ""},
		{"final reply held for sign-off", Facts{State: Handling, SignoffRequired: true}, Input{Action: FinalReply, Parties: []Party{Handler}, Note: "您好，经核查……"}, "", Handling},
		{"second reply while one waits", Facts{State: Handling, SignoffRequired: true, ReplyPending: true}, Input{Action: FinalReply, Parties: []Party{Handler}, Note: "您好"}, CodeReplyPending, ""},
		{"督办 without a new deadline", Facts{State: Handling}, Input{Action: SuperviseFormal, Parties: []Party{Supervisor}, Note: "请按期办结"}, CodeSuperviseDays, ""},
		{"督办 too far ahead", Facts{State: Handling}, Input{Action: SuperviseFormal, Parties: []Party{Supervisor}, Note: "请按期办结", Days: 16}, CodeSuperviseDays, ""},
		{"督办 in 3 working days", Facts{State: Assigned}, Input{Action: SuperviseFormal, Parties: []Party{Supervisor}, Note: "请于3个工作日内办结", Days: 3}, "", Assigned},
		{"sign-off without pending reply", Facts{State: Handling}, Input{Action: ApproveReply, Parties: []Party{Office}}, CodeNoPending, ""},
		{"fourth follow-up", Facts{State: Replied, Followups: 3}, Input{Action: Followup, Parties: []Party{Author}, Note: "问题仍未解决"}, CodeFollowupLimit, ""},
		{"third follow-up", Facts{State: Replied, Followups: 2}, Input{Action: Followup, Parties: []Party{Author}, Note: "问题仍未解决"}, "", Handling},
		{"rating after 30 days", Facts{State: Replied, RepliedAt: t0}, Input{Action: Rate, Parties: []Party{Author}, At: t0.Add(31 * 24 * time.Hour)}, CodeRatingClosed, ""},
		{"close inside the window", Facts{State: Replied, RepliedAt: t0}, Input{Action: Close, Parties: []Party{System}, At: at}, CodeWrongState, ""},
		{"empty follow-up", Facts{State: Replied}, Input{Action: Followup, Parties: []Party{Author}}, CodeNoteRequired, ""},
		{"unknown action", Facts{State: Handling}, Input{Action: "delete", Parties: []Party{Admin}}, CodeUnknownAction, ""},
		{"author who is also admin may accept", Facts{State: Submitted}, Input{Action: Accept, Parties: []Party{Author, Admin}}, "", Published},
	}
	for _, c := range cases {
		if c.in.At.IsZero() {
			c.in.At = at
		}
		out, err := Decide(c.f, c.in, pol)
		if code(err) != c.want {
			t.Errorf("%s: code %q, want %q (%v)", c.name, code(err), c.want, err)
			continue
		}
		if c.want == "" && out.To != c.to {
			t.Errorf("%s: to %s, want %s", c.name, out.To, c.to)
		}
	}
}

func TestAllowed(t *testing.T) {
	got := fmt.Sprint(Allowed(Facts{State: Handling}, []Party{Handler}))
	want := fmt.Sprint([]Action{Return, Transfer, RequestExtend, InterimReply, FinalReply, Reclassify})
	if got != want {
		t.Errorf("handler in handling: %s, want %s", got, want)
	}
	if a := Allowed(Facts{State: Rated}, []Party{Author}); len(a) != 0 {
		t.Errorf("rated message offers its author %v", a)
	}
	if a := fmt.Sprint(Allowed(Facts{State: Rated}, []Party{Handler, Office})); a != fmt.Sprint([]Action{Reclassify}) {
		t.Errorf("rated message offers staff %v, want only reclassify", a)
	}
}

// weekdays is a calendar of plain weekends, enough to test the policy
// arithmetic without the holiday data.
type weekdays struct{}

func (weekdays) AddWorkdays(from time.Time, n int) time.Time {
	d := from
	for n > 0 {
		d = d.AddDate(0, 0, 1)
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
			n--
		}
	}
	return time.Date(d.Year(), d.Month(), d.Day(), 23, 59, 59, 0, d.Location())
}

func TestDeadline(t *testing.T) {
	pol := DefaultPolicy()
	// The types' days are data (internal/vocab); these are its defaults.
	pol.Days = map[string]int{"投诉/求助": 7, "咨询": 5, "建言": 5, "感谢": 5}
	mon := time.Date(2020, 5, 11, 10, 0, 0, 0, time.UTC) // a Monday
	cases := []struct {
		typ  string
		ext  int
		want string
	}{
		{"投诉/求助", 0, "2020-05-20"}, // 7 working days: Tue..Fri, Mon..Wed
		{"咨询", 0, "2020-05-18"},    // 5: Tue..Fri, Mon
		{"建言", 10, "2020-06-01"},   // 15
		{"表扬", 0, "2020-05-18"},    // unknown types get the default
	}
	for _, c := range cases {
		got := pol.Deadline(weekdays{}, c.typ, mon, c.ext).Format("2006-01-02")
		if got != c.want {
			t.Errorf("%s +%d: %s, want %s", c.typ, c.ext, got, c.want)
		}
	}
	dl := pol.Deadline(weekdays{}, "咨询", mon, 0)
	if Overdue(Handling, dl, dl.Add(-time.Minute)) || !Overdue(Handling, dl, dl.Add(time.Minute)) {
		t.Error("overdue must turn true just after the deadline")
	}
	if Overdue(Replied, dl, dl.Add(time.Hour)) {
		t.Error("a replied message is never overdue")
	}
}

// TestExtendedFromDeadline checks that an extension counted on from the
// deadline in force equals the old rule (the type's days plus the
// extension from publication), and that it extends a supervised deadline.
func TestExtendedFromDeadline(t *testing.T) {
	pol := DefaultPolicy()
	mon := time.Date(2020, 5, 11, 10, 0, 0, 0, time.UTC)
	for _, typ := range []string{"投诉/求助", "咨询"} {
		for ext := 1; ext <= pol.MaxExtension; ext++ {
			got := pol.Extended(weekdays{}, pol.Deadline(weekdays{}, typ, mon, 0), ext)
			if want := pol.Deadline(weekdays{}, typ, mon, ext); !got.Equal(want) {
				t.Errorf("%s +%d: %v, want %v", typ, ext, got, want)
			}
		}
	}
	supervised := pol.Supervised(weekdays{}, time.Date(2020, 5, 22, 16, 0, 0, 0, time.UTC), 3) // a Friday
	if got := supervised.Format("2006-01-02"); got != "2020-05-27" {
		t.Errorf("督办 for 3 working days from a Friday: %s, want Wednesday 2020-05-27", got)
	}
	if got := pol.Extended(weekdays{}, supervised, 2).Format("2006-01-02"); got != "2020-05-29" {
		t.Errorf("2 more days on the supervised deadline: %s, want 2020-05-29", got)
	}
}
