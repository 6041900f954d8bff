package workflow

import (
	"context"
	"errors"

	"liuyan/internal/account"
	"liuyan/internal/board"
	"liuyan/internal/lifecycle"
	"liuyan/internal/mask"
	"liuyan/internal/message"
	"liuyan/internal/store"
)

// Unmasked says whether u sees message m as written: its author and the
// staff whose work it is (DESIGN §3: personal data is masked in every
// public view, never in the handler's view). A handler whose unit held the
// message before, as events tells, keeps seeing it; pass nil events for a
// list, where only the present relation counts. This and store.Viewer are
// the whole answer to "who sees what"; the API and the web pages both ask
// here.
func Unmasked(u *account.User, m *message.Message, events []message.Event) bool {
	if u == nil {
		return false
	}
	if len(Parties(u, m)) > 0 {
		return true
	}
	if u.Role == account.Handler {
		for _, e := range events {
			if e.UnitID == u.UnitID {
				return true
			}
		}
	}
	return false
}

// Masked returns a copy of m as the public sees it: the masked title and
// body, the masked author name, and no author ID.
func Masked(m *message.Message) *message.Message {
	c := *m
	c.Title, c.Body = c.PublicTitle, c.PublicBody
	c.AuthorName = mask.Name(c.AuthorName)
	c.AuthorID = 0
	c.Flagged, c.SuggestedDomain, c.Confidence = nil, "", 0
	return &c
}

// AsSeenBy returns m as u sees it in a list: unmasked for the parties of
// the message, masked for everyone else.
func AsSeenBy(u *account.User, m *message.Message) *message.Message {
	if Unmasked(u, m, nil) {
		return m
	}
	return Masked(m)
}

// Record is a message with its whole history, as one person may see it.
type Record struct {
	// Message is masked unless Unmasked.
	Message  *message.Message
	Unmasked bool
	Board    *board.Board
	// Events is the log, oldest first; notes and actors are cleared for
	// those who see the masked text, as notes are staff's working text.
	Events []message.Event
	// Replies includes a final reply waiting for sign-off only for staff
	// who see the message unmasked.
	Replies   []message.Reply
	Followups []message.Followup
	Rating    *message.Rating
	// Allowed are the actions u may take now, for showing buttons; Do
	// remains the judge of each attempt.
	Allowed []lifecycle.Action
}

// Record reads message id with its history as u (nil for the public) may
// see it; ErrNotFound when u may not see it at all.
func (d *Desk) Record(ctx context.Context, u *account.User, id int64) (*Record, error) {
	m, err := d.Store.Message(ctx, id, ViewerOf(u))
	if errors.Is(err, store.ErrNotFound) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	events, err := d.Store.Events(ctx, id)
	if err != nil {
		return nil, err
	}
	unmasked := Unmasked(u, m, events)
	replies, err := d.Store.Replies(ctx, id, unmasked && u.Role.Staff())
	if err != nil {
		return nil, err
	}
	followups, err := d.Store.Followups(ctx, id)
	if err != nil {
		return nil, err
	}
	rating, err := d.Store.Rating(ctx, id)
	if err != nil {
		return nil, err
	}
	b, err := d.Store.Board(ctx, m.BoardID)
	if err != nil {
		return nil, err
	}
	rec := &Record{Message: m, Unmasked: unmasked, Board: b, Events: events, Replies: replies, Followups: followups, Rating: rating}
	if !unmasked {
		rec.Message = Masked(m)
		for i := range rec.Events {
			rec.Events[i].Note, rec.Events[i].ActorID = "", 0
		}
		for i := range rec.Followups {
			rec.Followups[i].Body = mask.Text(rec.Followups[i].Body)
		}
		if rec.Rating != nil {
			rec.Rating.Comment = mask.Text(rec.Rating.Comment)
		}
	}
	if u == nil || !u.Role.Staff() {
		// Reply scores are for supervisors and the units, not a grade
		// handed to the public.
		for i := range rec.Replies {
			rec.Replies[i].Quality = nil
		}
	}
	if u != nil {
		rec.Allowed = lifecycle.Allowed(m.Facts(b.SignoffRequired), Parties(u, m))
	}
	return rec, nil
}
