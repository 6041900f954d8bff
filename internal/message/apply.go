package message

import (
	"time"

	"liuyan/internal/lifecycle"
)

// Change is an action the lifecycle allowed, with what it carries.
type Change struct {
	Action lifecycle.Action
	// Out is lifecycle.Decide's outcome for the action.
	Out  lifecycle.Outcome
	At   time.Time
	Note string
	// UnitID is the unit a message is assigned or transferred to.
	UnitID int64
	// Days is the extension asked for.
	Days int
	// Domain is the corrected domain of a reclassification.
	Domain string
}

// Apply moves the message's fields as an allowed action does: its state,
// unit, clock, deadline, counters and reply times. It is the one place
// that says so, for the workflow that handles live messages and for the
// generator that writes whole histories (internal/gen); what an action
// stores besides (replies, follow-ups, ratings, the event) is theirs.
func (m *Message) Apply(c Change, p lifecycle.Policy, cal lifecycle.Calendar) {
	switch c.Action {
	case lifecycle.Accept:
		m.PublishedAt, m.ClockStart = c.At, c.At
		m.Deadline = p.Deadline(cal, m.Type, c.At, 0)
	case lifecycle.Reject:
		m.RejectReason = c.Note
	case lifecycle.Assign, lifecycle.Transfer:
		m.UnitID = c.UnitID
	case lifecycle.Return:
		m.UnitID = 0
	case lifecycle.RequestExtend:
		m.PendingExtension = c.Days
	case lifecycle.ApproveExtend:
		m.ExtensionDays, m.PendingExtension = m.PendingExtension, 0
		if m.Deadline.IsZero() {
			m.Deadline = p.Deadline(cal, m.Type, m.ClockStart, m.ExtensionDays)
		} else {
			// On top of the deadline in force, which a 督办 may have set.
			m.Deadline = p.Extended(cal, m.Deadline, m.ExtensionDays)
		}
	case lifecycle.SuperviseFormal:
		m.Deadline = p.Supervised(cal, c.At, c.Days)
	case lifecycle.FinalReply:
		if c.Out.ReplyWaits {
			m.ReplyPending = true
		} else {
			m.markReplied(c.At)
		}
	case lifecycle.ApproveReply:
		m.ReplyPending = false
		m.markReplied(c.At)
	case lifecycle.Followup:
		m.Followups++
		m.ClockStart = c.At
		m.Deadline = p.Deadline(cal, m.Type, c.At, 0)
	case lifecycle.Reclassify:
		m.Domain = c.Domain
	}
	m.Status, m.UpdatedAt = c.Out.To, c.At
}

// markReplied records a published final reply; the first one counts for
// the 回复量 and 办理时长 figures.
func (m *Message) markReplied(at time.Time) {
	m.RepliedAt = at
	if m.FirstReplyAt.IsZero() {
		m.FirstReplyAt = at
	}
}

// LogsDeadline says the event of an action records the deadline in force
// after it: the actions that set one (accept, an approved extension, a
// follow-up, 督办) and the job runner's notices about one. The figures judge
// a reply on time against the deadline logged last before it.
func LogsDeadline(a lifecycle.Action) bool {
	switch a {
	case lifecycle.Accept, lifecycle.ApproveExtend, lifecycle.Followup, lifecycle.SuperviseFormal,
		lifecycle.RemindDeadline, lifecycle.NoticeOverdue:
		return true
	}
	return false
}
