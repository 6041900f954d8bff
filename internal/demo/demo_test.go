package demo_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"liuyan/internal/account"
	"liuyan/internal/calendar"
	"liuyan/internal/demo"
	"liuyan/internal/lifecycle"
	"liuyan/internal/message"
	"liuyan/internal/password"
	"liuyan/internal/region"
	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
	"liuyan/internal/workflow"
)

// realClock stands for the clock the Desk had before Load; Load must hand
// it back.
var realClock = time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)

func newDesk(s *store.Store) *workflow.Desk {
	return &workflow.Desk{Store: s, Calendar: calendar.Default(), Policy: lifecycle.DefaultPolicy(),
		Limits: message.DefaultLimits, Now: func() time.Time { return realClock }}
}

// all lists every message, newest first.
func all(t *testing.T, s *store.Store) []*message.Message {
	t.Helper()
	var ms []*message.Message
	f := store.Filter{Limit: 100}
	for {
		page, err := s.Messages(context.Background(), f, store.Viewer{All: true})
		if err != nil {
			t.Fatal(err)
		}
		ms = append(ms, page...)
		if len(page) < f.Limit {
			return ms
		}
		f.Before = page[len(page)-1].ID
	}
}

func TestLoad(t *testing.T) {
	t.Parallel()
	storetest.Seeded(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		d := newDesk(s)
		began := time.Now()
		res, err := demo.Load(ctx, d)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("loaded %d messages and %d departments in %v", res.Messages, res.Departments, time.Since(began).Round(time.Millisecond))
		if got := d.Now(); !got.Equal(realClock) {
			t.Errorf("Load left the Desk's clock at %v", got)
		}

		n, err := s.CountMessages(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if n != res.Messages || n < 250 || n > 350 {
			t.Errorf("Result.Messages = %d, store has %d; want the same, about 300", res.Messages, n)
		}
		if res.Departments < 10 {
			t.Errorf("Result.Departments = %d, want at least 10", res.Departments)
		}
		if password.Validate(res.Password) != nil {
			t.Errorf("password %q breaks the policy", res.Password)
		}

		ms := all(t, s)
		if len(ms) != n {
			t.Fatalf("listed %d of %d messages", len(ms), n)
		}
		checkStates(t, s, ms)
		checkText(t, s, ms)
		checkEvents(t, s, ms)
		checkLogins(t, s, res)
		checkCampaigns(t, s, d, res)

		if _, err := demo.Load(ctx, d); !errors.Is(err, demo.ErrNotEmpty) {
			t.Errorf("second Load: %v, want ErrNotEmpty", err)
		}
	})
}

// checkStates wants every state, and overdue, private and department
// messages, among those loaded.
func checkStates(t *testing.T, s *store.Store, ms []*message.Message) {
	t.Helper()
	for _, st := range lifecycle.States {
		got, err := s.Messages(context.Background(), store.Filter{Status: st, Limit: 1}, store.Viewer{All: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) == 0 {
			t.Errorf("no message in state %s", st)
		}
	}
	var overdue, private, extended, pending, followedUp int
	types := map[string]int{}
	for _, m := range ms {
		if lifecycle.Overdue(m.Status, m.Deadline, realClock) {
			overdue++
		}
		if !m.Public {
			private++
		}
		if m.ExtensionDays > 0 {
			extended++
		}
		if m.PendingExtension > 0 {
			pending++
		}
		if m.Followups > 0 {
			followedUp++
		}
		types[m.Type]++
	}
	if overdue == 0 || extended == 0 || pending == 0 || followedUp == 0 {
		t.Errorf("overdue %d, extended %d, extension pending %d, followed up %d: want some of each", overdue, extended, pending, followedUp)
	}
	if share := float64(private) / float64(len(ms)); share < 0.05 || share > 0.2 {
		t.Errorf("private share %.2f, want about 0.1", share)
	}
	if share := float64(types["投诉/求助"]) / float64(len(ms)); share < 0.55 || share > 0.8 {
		t.Errorf("投诉/求助 share %.2f, want about 0.7", share)
	}
	lists, err := s.LoadVocab(context.Background(), lifecycle.DefaultPolicy())
	if err != nil {
		t.Fatal(err)
	}
	for _, typ := range lists.Types() {
		if types[typ] == 0 {
			t.Errorf("no message of type %s", typ)
		}
	}
}

// checkText wants the templates fully filled, within the limits, some
// personal data masked in public, and messages over the whole period.
func checkText(t *testing.T, s *store.Store, ms []*message.Message) {
	t.Helper()
	lists, err := s.LoadVocab(context.Background(), lifecycle.DefaultPolicy())
	if err != nil {
		t.Fatal(err)
	}
	first, last := ms[len(ms)-1].CreatedAt, ms[0].CreatedAt
	if first.Year() != 2025 || first.Month() != time.January || last.Year() != 2026 || last.Month() != time.November {
		t.Errorf("messages run from %v to %v, want January 2025 to November 2026", first, last)
	}
	masked := 0
	for _, m := range ms {
		if strings.ContainsAny(m.Title+m.Body, "{}") {
			t.Errorf("message %d has an unfilled template: %s / %s", m.ID, m.Title, m.Body)
		}
		d := message.Draft{Title: m.Title, Body: m.Body, Type: m.Type, Domain: m.Domain, Tags: m.Tags}
		if err := d.Validate(message.DefaultLimits, lists); err != nil {
			t.Errorf("message %d: %v", m.ID, err)
		}
		if m.PublicBody != m.Body {
			masked++
		}
	}
	if masked == 0 {
		t.Error("no message body has personal data to mask")
	}
}

// checkEvents wants, for every message, a log that starts with the
// submission, runs forward in time and ends in the message's state, and
// final replies signed by their unit on the day they were given; among
// them every action, and ratings mostly good but not all.
func checkEvents(t *testing.T, s *store.Store, ms []*message.Message) {
	t.Helper()
	ctx := context.Background()
	actions := map[lifecycle.Action]bool{}
	var good, rated int
	for _, m := range ms {
		es, err := s.Events(ctx, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(es) == 0 || es[0].Action != lifecycle.Submit || !es[0].At.Equal(m.CreatedAt) {
			t.Errorf("message %d: log does not start with its submission: %+v", m.ID, es)
			continue
		}
		for j := 1; j < len(es); j++ {
			if es[j].At.Before(es[j-1].At) {
				t.Errorf("message %d: event %d (%s at %v) before event %d (%v)", m.ID, j, es[j].Action, es[j].At, j-1, es[j-1].At)
			}
			if es[j].From != es[j-1].To {
				t.Errorf("message %d: event %d starts from %s, previous ended in %s", m.ID, j, es[j].From, es[j-1].To)
			}
			actions[es[j].Action] = true
		}
		if last := es[len(es)-1]; last.To != m.Status {
			t.Errorf("message %d in state %s, its last event ends in %s", m.ID, m.Status, last.To)
		}
		if !es[len(es)-1].At.Equal(m.UpdatedAt) {
			t.Errorf("message %d updated at %v, last event at %v", m.ID, m.UpdatedAt, es[len(es)-1].At)
		}
		if m.Status == lifecycle.Rated {
			r, err := s.Rating(ctx, m.ID)
			if err != nil {
				t.Fatalf("rating of message %d: %v", m.ID, err)
			}
			rated++
			if r.Good() {
				good++
			}
		}
		rs, err := s.Replies(ctx, m.ID, true)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rs {
			at := r.CreatedAt.In(calendar.China)
			signed := fmt.Sprintf("%s\n%d年%d月%d日", r.UnitName, at.Year(), at.Month(), at.Day())
			if r.Kind == message.Final && !strings.HasSuffix(r.Body, signed) {
				t.Errorf("message %d: final reply is not signed %q: %s", m.ID, signed, r.Body)
			}
			if strings.ContainsAny(r.Body, "{}") {
				t.Errorf("message %d: reply has an unfilled template: %s", m.ID, r.Body)
			}
		}
	}
	for _, a := range lifecycle.Actions {
		if !actions[a] && a != lifecycle.Submit && a != lifecycle.ApproveReply { // no demo board wants sign-off
			t.Errorf("no %s in any log", a)
		}
	}
	if share := float64(good) / float64(rated); rated == 0 || share < 0.6 || share == 1 {
		t.Errorf("%d of %d ratings good, want most but not all", good, rated)
	}
}

// checkLogins wants every listed account stored with its role and scope,
// and the shared password to open it.
func checkLogins(t *testing.T, s *store.Store, res *demo.Result) {
	t.Helper()
	ctx := context.Background()
	roles := map[string]bool{}
	for _, l := range res.Logins {
		roles[l.Role] = true
		if strings.Contains(l.Login, "…") {
			continue
		}
		u, err := s.UserByLogin(ctx, l.Login)
		if err != nil {
			t.Errorf("login %s: %v", l.Login, err)
			continue
		}
		if string(u.Role) != l.Role {
			t.Errorf("login %s has role %s, listed as %s", l.Login, u.Role, l.Role)
		}
		var scope string
		switch u.Role {
		case account.Handler:
			unit, err := s.Unit(ctx, u.UnitID)
			if err != nil {
				t.Fatal(err)
			}
			scope = unit.Name
		case account.Office:
			b, err := s.Board(ctx, u.BoardID)
			if err != nil {
				t.Fatal(err)
			}
			scope = b.Name
			if b.RegionCode != "330100" {
				t.Errorf("office login %s works for %s, want a 杭州市 board", l.Login, b.Name)
			}
		case account.Supervisor:
			r, _ := region.Get(u.RegionCode)
			scope = r.Name
		case account.Citizen:
			scope = l.Scope // a range of logins
		default:
			scope = "全平台"
		}
		if scope != l.Scope {
			t.Errorf("login %s: scope %q, listed as %q", l.Login, scope, l.Scope)
		}
	}
	for _, r := range account.Roles {
		if !roles[string(r)] {
			t.Errorf("no %s among the listed logins", r)
		}
	}
	u, err := s.UserByLogin(ctx, "handler01")
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := password.Verify(ctx, res.Password, u.PasswordHash); err != nil || !ok {
		t.Errorf("the demo password does not open handler01: %v %v", ok, err)
	}
	if _, err := s.UserByLogin(ctx, "citizen20"); err != nil {
		t.Errorf("citizen20: %v", err)
	}
}
