package lifecycle

import (
	"slices"
	"time"
)

// State is where a message stands in its lifecycle.
type State string

// The states of DESIGN §3. The Chinese labels live in the catalogue.
const (
	Submitted State = "submitted" // 待审核: waiting for a moderator
	Rejected  State = "rejected"  // 不予受理: refused, the reason is shown to the author
	Published State = "published" // 待回复: public (or visible to its handlers), waiting for the board office
	Assigned  State = "assigned"  // 已交办: given to a unit, not yet signed for
	Handling  State = "handling"  // 办理中: the unit signed for it and works on it
	Replied   State = "replied"   // 已办理: a final reply is published
	Rated     State = "rated"     // 已评价: the author rated the reply
	Closed    State = "closed"    // 已关闭: replied, and the author did not rate it in time
)

// States lists every state in lifecycle order.
var States = []State{Submitted, Rejected, Published, Assigned, Handling, Replied, Rated, Closed}

// Valid reports whether s is one of the known states.
func (s State) Valid() bool { return slices.Contains(States, s) }

// Open reports whether the message still waits for the government's final
// answer, which is when its deadline matters.
func (s State) Open() bool { return s == Published || s == Assigned || s == Handling }

// Action is something a person (or the job runner) does to a message.
type Action string

// Every action of DESIGN §3. The names are the API's path segments where
// an endpoint exists, so logs and URLs read the same.
const (
	Submit          Action = "submit"         // the author writes the message
	Accept          Action = "accept"         // moderator: publish it (public text masked)
	Reject          Action = "reject"         // moderator: refuse it with a reason
	Assign          Action = "assign"         // board office (or supervisor): 交办 to a unit
	Sign            Action = "sign"           // unit: 签收
	Return          Action = "return"         // unit: 退回 to the board office with a reason
	Transfer        Action = "transfer"       // unit, office or supervisor: 转办 to another unit
	RequestExtend   Action = "extend"         // unit: 申请延期
	ApproveExtend   Action = "extend_approve" // board office: 批准延期
	InterimReply    Action = "reply_interim"  // unit: 阶段性回复
	FinalReply      Action = "reply_final"    // unit: 正式回复 (waits for sign-off where the board requires it)
	ApproveReply    Action = "reply_approve"  // board office: signs off a pending final reply
	Followup        Action = "followup"       // author: 追问 after a final reply
	Rate            Action = "rate"           // author: 评价
	Close           Action = "close"          // job runner: no rating within the rating window
	SuperviseUrge   Action = "urge"           // supervisor: 催办 (no state change)
	SuperviseFormal Action = "supervise"      // supervisor: 督办 with a new deadline (no state change)
	RemindDeadline  Action = "remind"         // job runner: 到期提醒, a few working days before the deadline
	NoticeOverdue   Action = "overdue"        // job runner: 超期通知, when the deadline has passed
	Reclassify      Action = "reclassify"     // staff: correct the domain (kept for retraining the classifier)
)

// Party is the relation of an actor to one message. A person may stand in
// several relations at once (an admin who also wrote it); the lifecycle
// allows an action when any of them is allowed.
type Party string

// The parties. They are relations, not account roles: a handler of another
// unit is no Handler of this message.
const (
	Author     Party = "author"     // wrote the message
	Moderator  Party = "moderator"  // reviews submissions
	Office     Party = "office"     // the office of the message's board
	Handler    Party = "handler"    // staff of the unit the message is assigned to now
	Supervisor Party = "supervisor" // supervises the message's region
	Admin      Party = "admin"      // runs the platform
	System     Party = "system"     // the job runner
)

// Rule is one transition: the states it starts from, where it ends, and who
// may take it. To == "" means the state does not change.
type Rule struct {
	From []State
	To   State
	By   []Party
	// NeedsNote says the action must carry a reason or text.
	NeedsNote bool
}

// Rules is the whole transition table. It is the single place that says
// which action is allowed when and by whom; DESIGN §3 drawn as data.
var Rules = map[Action]Rule{
	Submit:          {From: nil, To: Submitted, By: []Party{Author}},
	Accept:          {From: []State{Submitted}, To: Published, By: []Party{Moderator, Admin}},
	Reject:          {From: []State{Submitted}, To: Rejected, By: []Party{Moderator, Admin}, NeedsNote: true},
	Assign:          {From: []State{Published}, To: Assigned, By: []Party{Office, Supervisor, Admin}},
	Sign:            {From: []State{Assigned}, To: Handling, By: []Party{Handler}},
	Return:          {From: []State{Assigned, Handling}, To: Published, By: []Party{Handler}, NeedsNote: true},
	Transfer:        {From: []State{Assigned, Handling}, To: Assigned, By: []Party{Handler, Office, Supervisor, Admin}, NeedsNote: true},
	RequestExtend:   {From: []State{Handling}, By: []Party{Handler}, NeedsNote: true},
	ApproveExtend:   {From: []State{Handling}, By: []Party{Office, Admin}},
	InterimReply:    {From: []State{Handling}, By: []Party{Handler}, NeedsNote: true},
	FinalReply:      {From: []State{Handling}, To: Replied, By: []Party{Handler}, NeedsNote: true},
	ApproveReply:    {From: []State{Handling}, To: Replied, By: []Party{Office, Admin}},
	Followup:        {From: []State{Replied}, To: Handling, By: []Party{Author}, NeedsNote: true},
	Rate:            {From: []State{Replied}, To: Rated, By: []Party{Author}},
	Close:           {From: []State{Replied}, To: Closed, By: []Party{System}},
	SuperviseUrge:   {From: []State{Published, Assigned, Handling}, By: []Party{Supervisor, Admin}, NeedsNote: true},
	SuperviseFormal: {From: []State{Published, Assigned, Handling}, By: []Party{Supervisor, Admin}, NeedsNote: true},
	RemindDeadline:  {From: []State{Published, Assigned, Handling}, By: []Party{System}},
	NoticeOverdue:   {From: []State{Published, Assigned, Handling}, By: []Party{System}},
	Reclassify:      {From: []State{Submitted, Published, Assigned, Handling, Replied, Rated, Closed}, By: []Party{Moderator, Office, Handler, Admin}},
}

// Actions lists every action in a stable order, for tests and documentation.
var Actions = []Action{Submit, Accept, Reject, Assign, Sign, Return, Transfer, RequestExtend,
	ApproveExtend, InterimReply, FinalReply, ApproveReply, Followup, Rate, Close,
	SuperviseUrge, SuperviseFormal, RemindDeadline, NoticeOverdue, Reclassify}

// Facts is what the lifecycle needs to know about a message beyond its
// state to decide an action. The caller reads them from the store.
type Facts struct {
	State State
	// PendingExtension is the number of extra working days requested and not
	// yet approved; 0 when none is pending.
	PendingExtension int
	// ExtensionUsed says the one allowed extension was already approved.
	ExtensionUsed bool
	// Followups counts the author's follow-ups so far.
	Followups int
	// ReplyPending says a final reply waits for the board office's sign-off.
	ReplyPending bool
	// SignoffRequired says the board wants its office to approve final replies.
	SignoffRequired bool
	// RepliedAt is when the final reply was published, for the rating window.
	RepliedAt time.Time
}

// Input is one attempted action.
type Input struct {
	Action  Action
	Parties []Party
	Note    string
	// Days is the extension asked for (RequestExtend), or the working days
	// until the new deadline a formal supervision sets (SuperviseFormal).
	Days int
	// SameUnit says a transfer names the unit that already holds the message.
	SameUnit bool
	// At is when the action happens.
	At time.Time
}

// Outcome is what an allowed action does.
type Outcome struct {
	From, To State
	// Changed says the state changes; actions such as interim replies and
	// urging only add to the log.
	Changed bool
	// ReplyWaits says a final reply is held for sign-off instead of being published.
	ReplyWaits bool
}

// Decide checks one action against the rules and the message's facts and
// says what it does. It never has side effects: the caller stores the
// outcome and the event together, or nothing. A refusal is an *Error that
// names the action and the state it was tried in.
func Decide(f Facts, in Input, p Policy) (Outcome, error) {
	out, err := decide(f, in, p)
	if e, ok := err.(*Error); ok {
		e.Action, e.State = in.Action, f.State
	}
	return out, err
}

func decide(f Facts, in Input, p Policy) (Outcome, error) {
	rule, ok := Rules[in.Action]
	if !ok {
		return Outcome{}, errorf(CodeUnknownAction, "unknown action %q", in.Action)
	}
	if !slices.ContainsFunc(in.Parties, func(p Party) bool { return slices.Contains(rule.By, p) }) {
		return Outcome{}, errorf(CodeForbidden, "%s may not be done by %v", in.Action, in.Parties)
	}
	if in.Action == Submit {
		return Outcome{To: Submitted, Changed: true}, nil
	}
	if !slices.Contains(rule.From, f.State) {
		return Outcome{}, errorf(CodeWrongState, "%s is not possible in state %s", in.Action, f.State)
	}
	if rule.NeedsNote && in.Note == "" {
		return Outcome{}, errorf(CodeNoteRequired, "%s needs a note", in.Action)
	}
	out := Outcome{From: f.State, To: f.State}
	if rule.To != "" {
		out.To = rule.To
	}
	switch in.Action {
	case RequestExtend:
		switch {
		case f.ExtensionUsed || f.PendingExtension > 0:
			return Outcome{}, errorf(CodeExtensionUsed, "only one extension per message")
		case in.Days < 1 || in.Days > p.MaxExtension:
			return Outcome{}, overLimit(CodeExtensionDays, p.MaxExtension, "extension must be 1..%d working days")
		}
	case ApproveExtend:
		if f.PendingExtension == 0 {
			return Outcome{}, errorf(CodeNoPending, "no extension request is pending")
		}
	case SuperviseFormal:
		if in.Days < 1 || in.Days > p.MaxSupervision {
			return Outcome{}, overLimit(CodeSuperviseDays, p.MaxSupervision, "a supervised deadline must be 1..%d working days away")
		}
	case Transfer:
		if in.SameUnit {
			return Outcome{}, errorf(CodeSameUnit, "transfer to the unit that holds it")
		}
	case FinalReply:
		if f.ReplyPending {
			return Outcome{}, errorf(CodeReplyPending, "a final reply already waits for sign-off")
		}
		if f.SignoffRequired {
			out.To, out.ReplyWaits = f.State, true
		}
	case ApproveReply:
		if !f.ReplyPending {
			return Outcome{}, errorf(CodeNoPending, "no final reply waits for sign-off")
		}
	case Followup:
		if f.Followups >= p.MaxFollowups {
			return Outcome{}, overLimit(CodeFollowupLimit, p.MaxFollowups, "at most %d follow-ups")
		}
	case Rate:
		if !f.RepliedAt.IsZero() && in.At.After(f.RepliedAt.Add(p.RatingWindow)) {
			return Outcome{}, errorf(CodeRatingClosed, "the rating window has closed")
		}
	case Close:
		if in.At.Before(f.RepliedAt.Add(p.RatingWindow)) {
			return Outcome{}, errorf(CodeWrongState, "the rating window is still open")
		}
	}
	out.Changed = out.To != out.From
	return out, nil
}

// Allowed lists the actions the parties may take now, for showing buttons;
// Decide remains the judge of each attempt.
func Allowed(f Facts, parties []Party) []Action {
	var acts []Action
	for _, a := range Actions {
		rule := Rules[a]
		if slices.Contains(rule.By, System) || !slices.Contains(rule.From, f.State) {
			continue
		}
		if slices.ContainsFunc(parties, func(p Party) bool { return slices.Contains(rule.By, p) }) {
			acts = append(acts, a)
		}
	}
	return acts
}
