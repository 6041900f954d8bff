package transfer

import (
	"fmt"
	"slices"
	"time"

	"liuyan/internal/board"
	"liuyan/internal/catalog"
	"liuyan/internal/lifecycle"
	"liuyan/internal/mask"
	"liuyan/internal/message"
	"liuyan/internal/store"
	"liuyan/internal/vocab"
)

// historian writes the log of a message that a file knows only by its
// state and a few times, as the lifecycle would have written it.
type historian struct {
	lists *vocab.Set // each board's deadlines
	cal   lifecycle.Calendar
	now   time.Time
}

// importChannel is the channel recorded on imported messages: the old
// platforms were web boards.
const importChannel = "web"

// ratingDelay is when an imported rating counts as given after the reply,
// when the file gives no time for it.
const ratingDelay = 24 * time.Hour

// build makes the record of an item for board b, its log included:
//
//	待回复 (published): submit, accept — both at the message's time, the
//	  time the board published it and the one its figures count;
//	办理中 (handling): and assign, sign to the unit, at a third and two
//	  thirds of the way to the deadline (or to now, if sooner);
//	已办理 (replied): and assign, sign at a third and two thirds of the
//	  way to the reply, reply_final at the reply's time (the deadline when
//	  the file has none); then rate a day later when the file has grades,
//	  or close when the rating window has passed since.
//
// Times the file does not give are marked as estimates in the notes.
// unitID is the unit that handled it: the one the reply names, or the
// board's office.
func (h *historian) build(it *item, b *board.Board, unitID int64) (*store.Record, error) {
	created := it.created.UTC()
	if created.After(h.now) {
		return nil, rejectf(it.line, "transfer.future_time", formatTime(it.created))
	}
	m := message.Message{BoardID: b.ID, RegionCode: b.RegionCode, Type: it.typ, Domain: it.domain, Tags: it.tags,
		Title: it.title, Body: it.body, PublicTitle: mask.Text(it.title), PublicBody: mask.Text(it.body),
		Public: true, Channel: importChannel, CreatedAt: created, PublishedAt: created, ClockStart: created}
	policy := h.lists.Policy(b.ID)
	m.Deadline = policy.Deadline(h.cal, m.Type, created, 0)
	rec := &store.Record{Likes: it.likes, Dislikes: it.dislikes}
	log := func(a lifecycle.Action, at time.Time, unit int64, note string) {
		from := m.Status
		to := lifecycle.Rules[a].To
		rec.Events = append(rec.Events, message.Event{Action: a, From: from, To: to, UnitID: unit, Note: note, At: at})
		m.Status, m.UpdatedAt = to, at
	}
	log(lifecycle.Submit, created, 0, "")
	log(lifecycle.Accept, created, 0, "")
	if it.state == lifecycle.Published {
		rec.Message = m
		return rec, nil
	}

	end, estimated := it.replyAt.UTC(), it.replyAt.IsZero() || it.state != lifecycle.Replied
	switch {
	case estimated:
		end = m.Deadline
		if end.After(h.now) {
			end = h.now
		}
	case end.Before(created):
		return nil, rejectf(it.line, "transfer.reply_before", formatTime(it.replyAt), formatTime(it.created))
	case end.After(h.now):
		return nil, rejectf(it.line, "transfer.future_time", formatTime(it.replyAt))
	}
	guess := catalog.T("transfer.note_estimated")
	span := end.Sub(created)
	m.UnitID = unitID
	log(lifecycle.Assign, created.Add(span/3), unitID, guess)
	log(lifecycle.Sign, created.Add(2*span/3), unitID, "")
	if it.state == lifecycle.Handling {
		rec.Message = m
		return rec, nil
	}

	body := it.reply
	if body == "" {
		body = catalog.T("transfer.reply_missing")
	}
	rec.Replies = []message.Reply{{Kind: message.Final, Body: body, UnitID: unitID, Published: true, CreatedAt: end}}
	note := body
	if estimated {
		// The reply's time is the deadline: say so where staff look.
		note += "\n" + guess
	}
	log(lifecycle.FinalReply, end, unitID, note)
	m.FirstReplyAt, m.RepliedAt = end, end
	if g, ok := stars(it.grades); ok {
		at := end.Add(ratingDelay)
		if at.After(h.now) {
			at = h.now
		}
		g.CreatedAt = at
		rec.Rating = &g
		log(lifecycle.Rate, at, unitID, guess)
	} else if closeAt := end.Add(policy.RatingWindow); !closeAt.After(h.now) {
		log(lifecycle.Close, closeAt, unitID, "")
	}
	rec.Message = m
	return rec, nil
}

// stars turns the file's grades into a rating. A grade the file lacks (the
// board's scrapers give 办理态度 and 办理速度 but not 解决程度) is the
// rounded mean of those it gives, so the overall grade is the mean of the
// grades known. No grade at all is no rating.
func stars(g [3]int) (message.Rating, bool) {
	sum, n := 0, 0
	for _, v := range g {
		if v > 0 {
			sum, n = sum+v, n+1
		}
	}
	if n == 0 {
		return message.Rating{}, false
	}
	fill := (2*sum + n) / (2 * n) // rounded half up
	for i := range g {
		if g[i] == 0 {
			g[i] = fill
		}
	}
	return message.Rating{Resolution: g[0], Attitude: g[1], Speed: g[2]}, true
}

// checkHistory checks a log against the lifecycle's rules: it starts with
// the author's submission, each event leaves from the state the one before
// it reached, by a transition the rules allow, never earlier than the one
// before, and the last one reaches the message's state.
func checkHistory(events []message.Event, status lifecycle.State) error {
	var state lifecycle.State
	var last time.Time
	for i, e := range events {
		rule, ok := lifecycle.Rules[e.Action]
		bad := func(why string) error {
			return fmt.Errorf("%s", catalog.T("transfer.bad_history", i+1, e.Action, why))
		}
		switch {
		case !ok:
			return bad("unknown action")
		case i == 0 && e.Action != lifecycle.Submit:
			return bad("the log must start with submit")
		case e.From != state:
			return bad(fmt.Sprintf("starts from %q, but the message was %q", e.From, state))
		case i > 0 && !slices.Contains(rule.From, e.From):
			return bad(fmt.Sprintf("not allowed from %q", e.From))
		case e.At.Before(last):
			return bad("earlier than the event before it")
		}
		want := rule.To
		if want == "" {
			want = e.From
		}
		// A final reply that waits for sign-off leaves the state as it was.
		if e.To != want && !(e.Action == lifecycle.FinalReply && e.To == e.From) {
			return bad(fmt.Sprintf("ends in %q, the rules say %q", e.To, want))
		}
		state, last = e.To, e.At
	}
	if state != status {
		return fmt.Errorf("%s", catalog.T("transfer.bad_final_state", status, state))
	}
	return nil
}
