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
		m.Deadline = p.Deadline(cal, m.Type, m.ClockStart, m.ExtensionDays)
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
