package gen_test

import (
	"context"
	"crypto/sha256"
	"fmt"
	"math"
	"slices"
	"testing"
	"time"

	"liuyan/internal/board"
	"liuyan/internal/calendar"
	"liuyan/internal/gen"
	"liuyan/internal/lifecycle"
	"liuyan/internal/message"
	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
)

func run(t testing.TB, s *store.Store, n int, seed uint64) gen.Summary {
	t.Helper()
	sum, err := gen.Run(context.Background(), s, gen.Options{Messages: n, Seed: seed, Batch: 700})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Messages != n {
		t.Fatalf("generated %d of %d messages", sum.Messages, n)
	}
	return sum
}

// TestHistoriesReplay replays a sample of generated histories through
// lifecycle.Decide and message.Apply, as live messages are handled, and
// checks that each step is allowed, in time order, and leads to the
// stored message: state, unit, deadline, extension, follow-ups, reply
// times, and the replies, follow-ups and rating beside the log.
func TestHistoriesReplay(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		run(t, s, 1000, 7)
		lists, err := s.LoadVocab(ctx, lifecycle.DefaultPolicy())
		if err != nil {
			t.Fatal(err)
		}
		policy, cal := lists.Default(), calendar.Default()
		signoff := map[int64]bool{}
		bs, err := s.BoardsUnder(ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range bs {
			signoff[b.ID] = b.SignoffRequired
		}
		seen := map[lifecycle.Action]int{}
		states := map[lifecycle.State]int{}
		for i, stored := range storetest.AllMessages(t, s) {
			if i%3 != 0 {
				continue // a sample
			}
			es, err := s.Events(ctx, stored.ID)
			if err != nil {
				t.Fatal(err)
			}
			m := message.Message{Type: stored.Type, Domain: stored.Domain}
			var last time.Time
			finals, followups := 0, 0
			for j, e := range es {
				if e.At.Before(last) {
					t.Fatalf("message %d: event %d (%s) at %v, before the one before it", stored.ID, j, e.Action, e.At)
				}
				last = e.At
				in := lifecycle.Input{Action: e.Action, Parties: lifecycle.Rules[e.Action].By, Note: e.Note, At: e.At,
					Days: stored.ExtensionDays + stored.PendingExtension, SameUnit: e.UnitID == m.UnitID && m.UnitID != 0}
				out, err := lifecycle.Decide(m.Facts(signoff[stored.BoardID]), in, policy)
				if err != nil {
					t.Fatalf("message %d: event %d (%s from %s) refused: %v", stored.ID, j, e.Action, m.Status, err)
				}
				if out.From != e.From || out.To != e.To {
					t.Fatalf("message %d: event %d (%s) logged %s → %s, the lifecycle says %s → %s", stored.ID, j, e.Action, e.From, e.To, out.From, out.To)
				}
				m.Apply(message.Change{Action: e.Action, Out: out, At: e.At, Note: e.Note, UnitID: e.UnitID, Days: in.Days}, policy, cal)
				seen[e.Action]++
				switch {
				case e.Action == lifecycle.FinalReply:
					finals++
				case e.Action == lifecycle.Followup:
					followups++
				}
			}
			states[stored.Status]++
			got := fmt.Sprintf("%s unit=%d deadline=%v ext=%d pending=%d followups=%d replyPending=%v published=%v first=%v replied=%v",
				m.Status, m.UnitID, m.Deadline.UTC(), m.ExtensionDays, m.PendingExtension, m.Followups, m.ReplyPending,
				m.PublishedAt.UTC(), m.FirstReplyAt.UTC(), m.RepliedAt.UTC())
			want := fmt.Sprintf("%s unit=%d deadline=%v ext=%d pending=%d followups=%d replyPending=%v published=%v first=%v replied=%v",
				stored.Status, stored.UnitID, stored.Deadline.UTC(), stored.ExtensionDays, stored.PendingExtension, stored.Followups, stored.ReplyPending,
				stored.PublishedAt.UTC(), stored.FirstReplyAt.UTC(), stored.RepliedAt.UTC())
			if got != want {
				t.Fatalf("message %d: replayed\n%s\nstored\n%s", stored.ID, got, want)
			}
			rs, err := s.Replies(ctx, stored.ID, true)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, r := range rs {
				if r.Kind == message.Final {
					n++
				}
			}
			fs, err := s.Followups(ctx, stored.ID)
			if err != nil {
				t.Fatal(err)
			}
			r, err := s.Rating(ctx, stored.ID)
			if err != nil {
				t.Fatal(err)
			}
			if n != finals || len(fs) != followups || (r != nil) != (stored.Status == lifecycle.Rated) {
				t.Fatalf("message %d: %d final replies, %d follow-ups, rating %v beside a log of %d, %d, state %s",
					stored.ID, n, len(fs), r != nil, finals, followups, stored.Status)
			}
		}
		for _, a := range []lifecycle.Action{lifecycle.Reject, lifecycle.Assign, lifecycle.Sign, lifecycle.Return, lifecycle.Transfer,
			lifecycle.RequestExtend, lifecycle.ApproveExtend, lifecycle.InterimReply, lifecycle.FinalReply, lifecycle.Followup,
			lifecycle.Rate, lifecycle.Close, lifecycle.SuperviseUrge} {
			if seen[a] == 0 {
				t.Errorf("no %s in the sample: %v", a, seen)
			}
		}
		for _, st := range []lifecycle.State{lifecycle.Rejected, lifecycle.Handling, lifecycle.Rated, lifecycle.Closed} {
			if states[st] == 0 {
				t.Errorf("no message ends %s: %v", st, states)
			}
		}
	})
}

// digest sums what a store's generated messages are.
func digest(t *testing.T, s *store.Store) string {
	h := sha256.New()
	for _, m := range storetest.AllMessages(t, s) {
		es, err := s.Events(context.Background(), m.ID)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(h, "%d %s %s %s %s %v %v %s %v|", m.BoardID, m.Title, m.Body, m.Status, m.Tags, m.CreatedAt.UTC(), m.Deadline.UTC(), m.AuthorName, m.Fingerprint)
		for _, e := range es {
			fmt.Fprintf(h, "%s %v %s;", e.Action, e.At.UTC(), e.Note)
		}
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

// TestDeterministic: a seed gives the same history, another seed another.
func TestDeterministic(t *testing.T) {
	a, b, c := storetest.SQLite(t), storetest.SQLite(t), storetest.SQLite(t)
	run(t, a, 400, 3)
	run(t, b, 400, 3)
	run(t, c, 400, 4)
	if digest(t, a) != digest(t, b) {
		t.Error("two runs with seed 3 differ")
	}
	if digest(t, a) == digest(t, c) {
		t.Error("seeds 3 and 4 gave the same history")
	}
}

// TestShares checks the generated shares against the real board's:
// domains and types, the epidemic's share of 2020H1, growth, reply rates
// by level, 好评, and the busiest provinces.
func TestShares(t *testing.T) {
	if testing.Short() {
		t.Skip("generates 8,000 messages")
	}
	ctx := context.Background()
	s := storetest.SQLite(t)
	run(t, s, 8000, 1)
	bs, err := s.BoardsUnder(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	level := map[int64]int{}
	for _, b := range bs {
		switch {
		case b.RegionCode[2:] == "0000":
			level[b.ID] = 0
		case b.RegionCode[4:] == "00":
			level[b.ID] = 1
		default:
			level[b.ID] = 2
		}
	}
	ms := storetest.AllMessages(t, s)
	count := func(keep func(m *message.Message) bool) int {
		n := 0
		for _, m := range ms {
			if keep(m) {
				n++
			}
		}
		return n
	}
	near := func(what string, got, want, tol float64) {
		t.Helper()
		if math.Abs(got-want) > tol {
			t.Errorf("%s: %.3f, want %.3f ± %.3f", what, got, want, tol)
		} else {
			t.Logf("%s: %.3f (target %.3f)", what, got, want)
		}
	}
	all := float64(len(ms))
	near("城建 share", float64(count(func(m *message.Message) bool { return m.Domain == "城建" }))/all, 0.344, 0.02)
	near("投诉/求助 share", float64(count(func(m *message.Message) bool { return m.Type == "投诉/求助" }))/all, 0.751, 0.02)
	h1 := func(m *message.Message) bool {
		return !m.CreatedAt.Before(time.Date(2020, 1, 1, 0, 0, 0, 0, calendar.China)) && m.CreatedAt.Before(time.Date(2020, 7, 1, 0, 0, 0, 0, calendar.China))
	}
	epidemic := count(func(m *message.Message) bool { return h1(m) && hasTag(m, "疫情防控") })
	near("疫情防控 share of 2020H1", float64(epidemic)/float64(count(h1)), 0.25, 0.03)
	y2019 := count(func(m *message.Message) bool { return m.CreatedAt.Year() == 2019 })
	y2020 := count(func(m *message.Message) bool { return m.CreatedAt.Year() == 2020 })
	near("growth 2020 over 2019", float64(y2020)/float64(y2019)-1, 0.53, 0.06)
	// Reply rates by level, among messages published long enough before
	// the end for their replies to have come.
	settled := time.Date(2020, 9, 1, 0, 0, 0, 0, calendar.China)
	for l, want := range []float64{0.66, 0.79, 0.83} {
		pub := count(func(m *message.Message) bool {
			return level[m.BoardID] == l && !m.PublishedAt.IsZero() && m.PublishedAt.Before(settled)
		})
		rep := count(func(m *message.Message) bool {
			return level[m.BoardID] == l && !m.PublishedAt.IsZero() && m.PublishedAt.Before(settled) && !m.FirstReplyAt.IsZero()
		})
		near(fmt.Sprintf("reply rate at level %d", l), float64(rep)/float64(pub), want, 0.035)
	}
	good, rated := 0, 0
	var delays []int
	cal := calendar.Default()
	for _, m := range ms {
		if m.Status == lifecycle.Rated {
			r, err := s.Rating(ctx, m.ID)
			if err != nil || r == nil {
				t.Fatal(err)
			}
			rated++
			if r.Good() {
				good++
			}
		}
		if !m.FirstReplyAt.IsZero() && m.PublishedAt.Before(settled) {
			delays = append(delays, cal.WorkdaysBetween(m.PublishedAt, m.FirstReplyAt))
		}
	}
	near("好评 share", float64(good)/float64(rated), 0.90, 0.035)
	median := quantile(delays, 0.5)
	if median < 6 || median > 9 {
		t.Errorf("median reply delay %d working days, want about 7–8 (11 calendar days)", median)
	}
	if p90 := quantile(delays, 0.9); p90 < 2*median {
		t.Errorf("p90 reply delay %d working days: no long tail beside a median of %d", p90, median)
	}
	byProvince := map[string]int{}
	for _, m := range ms {
		byProvince[m.RegionCode[:2]]++
	}
	for i, p := range []string{"41", "51", "34", "11", "61"} { // 河南, 四川, 安徽, 北京, 陕西
		for q, n := range byProvince {
			if n > byProvince[p] && !slices.Contains([]string{"41", "51", "34", "11", "61"}[:i], q) {
				t.Errorf("province %s (%d messages) ranks below %s (%d)", p, byProvince[p], q, n)
			}
		}
	}
	depts := 0
	for _, b := range bs {
		if b.Kind == board.Department {
			depts++
		}
	}
	if depts < 1000 || depts > 1600 {
		t.Errorf("%d departments joined, want about 1,300", depts)
	}
}

func hasTag(m *message.Message, tag string) bool { return slices.Contains(m.Tags, tag) }

func quantile(xs []int, q float64) int {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[int(q*float64(len(s)-1))]
}
