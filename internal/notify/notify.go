package notify

import (
	"liuyan/internal/lifecycle"
	"liuyan/internal/message"
)

// Recipient is a person (UserID) or every handler of a unit (UnitID).
type Recipient struct {
	UserID int64
	UnitID int64
}

// For lists who is told about ev on m. The event's UnitID is the unit the
// action concerns (the new unit for assign and transfer).
func For(ev *message.Event, m *message.Message) []Recipient {
	switch ev.Action {
	case lifecycle.Reject, lifecycle.InterimReply, lifecycle.ApproveReply:
		return []Recipient{{UserID: m.AuthorID}}
	case lifecycle.FinalReply:
		if ev.To == lifecycle.Replied { // not while it waits for sign-off
			return []Recipient{{UserID: m.AuthorID}}
		}
	case lifecycle.Assign, lifecycle.Transfer, lifecycle.Followup, lifecycle.SuperviseUrge, lifecycle.SuperviseFormal,
		lifecycle.RemindDeadline, lifecycle.NoticeOverdue:
		if ev.UnitID != 0 {
			return []Recipient{{UnitID: ev.UnitID}}
		}
	}
	return nil
}
