package stats

import (
	"time"

	"liuyan/internal/lifecycle"
	"liuyan/internal/message"
	"liuyan/internal/store"
	"liuyan/internal/vocab"
)

// noDays marks cells that count no first reply.
const noDays = -1

// Calendar counts working days both ways: deadlines forward, and the
// working days a reply took. *calendar.Calendar is one.
type Calendar interface {
	lifecycle.Calendar
	WorkdaysBetween(from, to time.Time) int
}

// Rules are what the fold needs beyond the events: the calendar that
// counts 办理时长 in working days and the deadline policy that says whether
// a first reply came in time. They must be the Desk's.
type Rules struct {
	Calendar Calendar
	Policy   lifecycle.Policy
	// Boards, when set, gives each board's own deadlines (and the types'
	// handling days) in place of Policy.
	Boards *vocab.Set
}

// Fold turns logged events into rollup deltas. It is the one place that
// says what each event counts for (DESIGN §4):
//   - accept: 留言量 (published), on the day of publication;
//   - assign, transfer: a message received by the unit;
//   - the first published final reply (a final reply without sign-off, or
//     the office's approval of one): 回复量, its handling time in working
//     days from publication, whether it met the deadline, the cohort count
//     on the day of publication, and the board's first reply;
//   - followup: 追问; rate: a rating, 好评 when its overall grade is above 3;
//   - every published final reply with a quality score: the score, for the
//     unit's mean reply quality.
//
// Each count goes to the message's untagged cell and to one cell per tag.
func (r Rules) Fold(events []store.StatsEvent) store.StatsDelta {
	d := store.StatsDelta{Cells: map[store.StatsKey]store.StatsCounts{}, BoardFirst: map[int64]time.Time{}}
	for _, e := range events {
		unit, days := e.UnitID, noDays
		at := e.At
		var c store.StatsCounts
		switch {
		case e.Action == lifecycle.Accept:
			c.Published, unit = 1, 0
		case e.Action == lifecycle.Assign || e.Action == lifecycle.Transfer:
			c.Received = 1
		case e.FirstReply:
			c.Replied = 1
			c.Scored, c.Quality = scored(e)
			days = r.Calendar.WorkdaysBetween(e.PublishedAt, at)
			if !at.After(r.deadline(e)) {
				c.OnTime = 1
			}
			r.add(d, e, e.PublishedAt, 0, noDays, store.StatsCounts{Cohort: 1})
			d.FirstReply(e.BoardID, at)
		case e.Action == lifecycle.Followup:
			c.Followups = 1
		case e.Scored:
			c.Scored, c.Quality = scored(e)
		case e.Action == lifecycle.Rate:
			rating := message.Rating{Resolution: e.Resolution, Attitude: e.Attitude, Speed: e.Speed}
			c.Ratings, c.Stars = 1, int64(e.Resolution+e.Attitude+e.Speed)
			if rating.Good() {
				c.Good = 1
			}
		default:
			continue
		}
		r.add(d, e, at, unit, days, c)
	}
	return d
}

// scored counts the quality score of the final reply an event published.
func scored(e store.StatsEvent) (n, sum int64) {
	if !e.Scored {
		return 0, 0
	}
	return 1, int64(e.Quality)
}

// deadline is when the first final reply was due: the deadline in force
// as the log recorded it, which is the one "overdue now" counted against
// (a supervisor's 督办 may have set it). Logs written before deadlines
// were recorded fall back to the rule that made them: the type's handling
// days from publication, plus the extension if one was approved before
// the reply (a message has at most one, so its days are the message's).
func (r Rules) deadline(e store.StatsEvent) time.Time {
	if !e.Deadline.IsZero() {
		return e.Deadline
	}
	ext := 0
	if e.ExtendedBefore {
		ext = e.ExtensionDays
	}
	p := r.Policy
	if r.Boards != nil {
		p = r.Boards.Policy(e.BoardID)
	}
	return p.Deadline(r.Calendar, e.Type, e.PublishedAt, ext)
}

// add counts c in the message's untagged cell of the day of at and in one
// cell per tag.
func (r Rules) add(d store.StatsDelta, e store.StatsEvent, at time.Time, unit int64, days int, c store.StatsCounts) {
	k := store.StatsKey{Day: dayOf(at), RegionCode: e.RegionCode, BoardID: e.BoardID, UnitID: unit,
		Type: e.Type, Domain: e.Domain, Days: days}
	for _, tag := range append([]string{""}, e.Tags...) {
		k.Tag = tag
		v := d.Cells[k]
		v.Add(c)
		d.Cells[k] = v
	}
}
