package transfer

import (
	"slices"
	"testing"
	"time"

	"liuyan/internal/board"
	"liuyan/internal/calendar"
	"liuyan/internal/lifecycle"
	"liuyan/internal/message"
	"liuyan/internal/vocab"
)

// A row of the Zhejiang board: 余杭区委书记, 2025-09-01.
func zhejiangItem(state lifecycle.State, replyAt time.Time, grades [3]int) *item {
	return &item{line: 7, sourceID: "25401234", forum: "余杭区委书记", typ: "投诉/求助", domain: "环保",
		title: "环境污染冶理", body: "仓前街道朱庙社区仓溢绿苑绿化带污水粪管下沉，联系电话13812345678。",
		created: time.Date(2025, 9, 1, 0, 0, 0, 0, calendar.China), state: state, replyAt: replyAt, grades: grades}
}

// complaintOnly is a list with the one type these rows have, at its
// default seven working days.
var complaintOnly = vocab.NewSet([]vocab.Term{{ID: 1, Kind: vocab.Type, Code: "complaint", Name: "投诉/求助", Days: 7}}, nil, lifecycle.DefaultPolicy())

func TestBuildHistory(t *testing.T) {
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, calendar.China)
	h := &historian{lists: complaintOnly, cal: calendar.Default(), now: now}
	b := &board.Board{ID: 3, RegionCode: "330110", OfficeUnitID: 11}
	const unit = 12
	replied := time.Date(2025, 9, 10, 15, 0, 0, 0, calendar.China)
	cases := []struct {
		name    string
		it      *item
		status  lifecycle.State
		actions []lifecycle.Action
		rating  *message.Rating
	}{
		{"待回复", zhejiangItem(lifecycle.Published, time.Time{}, [3]int{}), lifecycle.Published,
			[]lifecycle.Action{lifecycle.Submit, lifecycle.Accept}, nil},
		{"办理中", zhejiangItem(lifecycle.Handling, time.Time{}, [3]int{}), lifecycle.Handling,
			[]lifecycle.Action{lifecycle.Submit, lifecycle.Accept, lifecycle.Assign, lifecycle.Sign}, nil},
		{"已办理, rated", zhejiangItem(lifecycle.Replied, replied, [3]int{0, 5, 4}), lifecycle.Rated,
			[]lifecycle.Action{lifecycle.Submit, lifecycle.Accept, lifecycle.Assign, lifecycle.Sign, lifecycle.FinalReply, lifecycle.Rate},
			&message.Rating{Resolution: 5, Attitude: 5, Speed: 4}},
		{"已办理, unrated long ago", zhejiangItem(lifecycle.Replied, replied, [3]int{}), lifecycle.Closed,
			[]lifecycle.Action{lifecycle.Submit, lifecycle.Accept, lifecycle.Assign, lifecycle.Sign, lifecycle.FinalReply, lifecycle.Close}, nil},
		{"已办理, no reply time", zhejiangItem(lifecycle.Replied, time.Time{}, [3]int{1, 1, 2}), lifecycle.Rated,
			[]lifecycle.Action{lifecycle.Submit, lifecycle.Accept, lifecycle.Assign, lifecycle.Sign, lifecycle.FinalReply, lifecycle.Rate},
			&message.Rating{Resolution: 1, Attitude: 1, Speed: 2}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rec, err := h.build(c.it, b, unit)
			if err != nil {
				t.Fatal(err)
			}
			m := rec.Message
			var got []lifecycle.Action
			for _, e := range rec.Events {
				got = append(got, e.Action)
			}
			if m.Status != c.status || !slices.Equal(got, c.actions) {
				t.Fatalf("status %s, log %v; want %s, %v", m.Status, got, c.status, c.actions)
			}
			if err := checkHistory(rec.Events, m.Status); err != nil {
				t.Fatal(err)
			}
			if !m.PublishedAt.Equal(c.it.created) || !m.CreatedAt.Equal(c.it.created) {
				t.Errorf("published %v, created %v; want the row's time %v", m.PublishedAt, m.CreatedAt, c.it.created)
			}
			if m.PublicBody == m.Body || m.PublicBody != "仓前街道朱庙社区仓溢绿苑绿化带污水粪管下沉，联系电话138******78。" {
				t.Errorf("public body %q is not the masked body", m.PublicBody)
			}
			for i, e := range rec.Events {
				if e.At.After(now) || e.At.Before(c.it.created) || (i > 0 && e.At.Before(rec.Events[i-1].At)) {
					t.Errorf("event %d (%s) at %v is out of order", i, e.Action, e.At)
				}
			}
			if c.status.Open() && m.UnitID != 0 && m.UnitID != unit {
				t.Errorf("held by unit %d, want %d", m.UnitID, unit)
			}
			if len(rec.Replies) > 0 {
				r := rec.Replies[0]
				want := c.it.replyAt
				if want.IsZero() {
					want = m.Deadline
				}
				if r.Kind != message.Final || !r.CreatedAt.Equal(want) || !m.FirstReplyAt.Equal(want) || r.UnitID != unit {
					t.Errorf("reply %+v, first reply at %v; want a final reply from unit %d at %v", r, m.FirstReplyAt, unit, want)
				}
			}
			switch {
			case c.rating == nil && rec.Rating != nil:
				t.Errorf("rating %+v, want none", rec.Rating)
			case c.rating != nil && (rec.Rating == nil || rec.Rating.Resolution != c.rating.Resolution ||
				rec.Rating.Attitude != c.rating.Attitude || rec.Rating.Speed != c.rating.Speed):
				t.Errorf("rating %+v, want %+v", rec.Rating, c.rating)
			}
		})
	}
}

func TestBuildRefusesImpossibleTimes(t *testing.T) {
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, calendar.China)
	h := &historian{lists: complaintOnly, cal: calendar.Default(), now: now}
	b := &board.Board{ID: 3, RegionCode: "330110", OfficeUnitID: 11}
	before := zhejiangItem(lifecycle.Replied, time.Date(2025, 8, 30, 0, 0, 0, 0, calendar.China), [3]int{})
	future := zhejiangItem(lifecycle.Published, time.Time{}, [3]int{})
	future.created = now.Add(time.Hour)
	for name, it := range map[string]*item{"reply before message": before, "message from the future": future} {
		if _, err := h.build(it, b, 11); err == nil {
			t.Errorf("%s: built, want a refusal", name)
		}
	}
}

func TestCheckHistory(t *testing.T) {
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, calendar.China)
	ev := func(a lifecycle.Action, from, to lifecycle.State, hours int) message.Event {
		return message.Event{Action: a, From: from, To: to, At: at.Add(time.Duration(hours) * time.Hour)}
	}
	submit := ev(lifecycle.Submit, "", lifecycle.Submitted, 0)
	accept := ev(lifecycle.Accept, lifecycle.Submitted, lifecycle.Published, 1)
	assign := ev(lifecycle.Assign, lifecycle.Published, lifecycle.Assigned, 2)
	sign := ev(lifecycle.Sign, lifecycle.Assigned, lifecycle.Handling, 3)
	cases := []struct {
		name   string
		events []message.Event
		status lifecycle.State
		ok     bool
	}{
		{"published", []message.Event{submit, accept}, lifecycle.Published, true},
		{"reply waiting for sign-off", []message.Event{submit, accept, assign, sign,
			ev(lifecycle.FinalReply, lifecycle.Handling, lifecycle.Handling, 4)}, lifecycle.Handling, true},
		{"signed off", []message.Event{submit, accept, assign, sign, ev(lifecycle.FinalReply, lifecycle.Handling, lifecycle.Handling, 4),
			ev(lifecycle.ApproveReply, lifecycle.Handling, lifecycle.Replied, 5)}, lifecycle.Replied, true},
		{"urged", []message.Event{submit, accept, ev(lifecycle.SuperviseUrge, lifecycle.Published, lifecycle.Published, 2)}, lifecycle.Published, true},
		{"no submit", []message.Event{accept}, lifecycle.Published, false},
		{"skips accept", []message.Event{submit, assign}, lifecycle.Assigned, false},
		{"wrong end", []message.Event{submit, accept, ev(lifecycle.Assign, lifecycle.Published, lifecycle.Handling, 2)}, lifecycle.Handling, false},
		{"back in time", []message.Event{submit, accept, ev(lifecycle.Assign, lifecycle.Published, lifecycle.Assigned, -5)}, lifecycle.Assigned, false},
		{"state differs", []message.Event{submit, accept}, lifecycle.Replied, false},
		{"unknown action", []message.Event{submit, ev("vanish", lifecycle.Submitted, lifecycle.Closed, 1)}, lifecycle.Closed, false},
		{"rate before reply", []message.Event{submit, accept, ev(lifecycle.Rate, lifecycle.Published, lifecycle.Rated, 2)}, lifecycle.Rated, false},
	}
	for _, c := range cases {
		if err := checkHistory(c.events, c.status); (err == nil) != c.ok {
			t.Errorf("%s: %v, want ok=%v", c.name, err, c.ok)
		}
	}
}
