package store_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"liuyan/internal/lifecycle"
	"liuyan/internal/message"
	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
)

// put stores a message in the given state with the given title; the
// others fields come from newMessage.
func put(t *testing.T, s *store.Store, f *fixture, title string, state lifecycle.State, change func(m *message.Message)) *message.Message {
	t.Helper()
	ctx := context.Background()
	m := newMessage(f, true, "")
	m.Title, m.PublicTitle, m.Status = title, title, state
	err := s.InTx(ctx, func(tx *store.Tx) error {
		if _, err := tx.InsertMessage(ctx, m); err != nil {
			return err
		}
		if change != nil {
			change(m)
		}
		return tx.UpdateMessage(ctx, m)
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func titles(ms []*message.Message) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Title)
	}
	return out
}

func joinTitles(ms []*message.Message) string { return strings.Join(titles(ms), " ") }

func TestQueue(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := setup(t, s)
		day := func(d int) time.Time { return time.Date(2026, 6, d, 15, 59, 59, 0, time.UTC) }
		assigned := func(deadline time.Time) func(*message.Message) {
			return func(m *message.Message) { m.UnitID, m.Deadline, m.PublishedAt = f.bureau.ID, deadline, day(1) }
		}
		put(t, s, f, "晚到期", lifecycle.Handling, assigned(day(20)))
		put(t, s, f, "早到期", lifecycle.Assigned, assigned(day(5)))
		put(t, s, f, "待延期", lifecycle.Handling, func(m *message.Message) { assigned(day(9))(m); m.PendingExtension = 5 })
		put(t, s, f, "已办理", lifecycle.Replied, assigned(day(3)))
		put(t, s, f, "待审核", lifecycle.Submitted, nil)
		open := []lifecycle.State{lifecycle.Assigned, lifecycle.Handling}
		cases := []struct {
			name string
			q    store.Queue
			v    store.Viewer
			want string
		}{
			{"a unit's queue by deadline", store.Queue{UnitID: f.bureau.ID, States: open}, store.Viewer{UnitID: f.bureau.ID}, "早到期 待延期 晚到期"},
			{"due before a day", store.Queue{UnitID: f.bureau.ID, States: open, DueBefore: day(10)}, store.Viewer{UnitID: f.bureau.ID}, "早到期 待延期"},
			{"extensions waiting", store.Queue{BoardID: f.board.ID, PendingExtension: true}, store.Viewer{BoardID: f.board.ID}, "待延期"},
			{"review queue", store.Queue{States: []lifecycle.State{lifecycle.Submitted}}, store.Viewer{All: true}, "待审核"},
			{"a region's supervisor", store.Queue{RegionPrefix: "3301", States: open}, store.Viewer{RegionPrefix: "3301"}, "早到期 待延期 晚到期"},
			// The viewer still decides: another region's supervisor sees
			// only what is public, and never what waits for review.
			{"review queue for the public", store.Queue{States: []lifecycle.State{lifecycle.Submitted}}, store.Viewer{RegionPrefix: "43"}, ""},
		}
		for _, c := range cases {
			ms, err := s.Queue(ctx, c.q, c.v)
			if err != nil {
				t.Fatal(err)
			}
			if got := joinTitles(ms); got != c.want {
				t.Errorf("%s: %q, want %q", c.name, got, c.want)
			}
		}
	})
}

func TestTally(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := setup(t, s)
		in := time.Date(2026, 8, 3, 2, 0, 0, 0, time.UTC)
		before := time.Date(2026, 5, 20, 2, 0, 0, 0, time.UTC)
		published := func(at, replied time.Time) func(*message.Message) {
			return func(m *message.Message) { m.PublishedAt, m.FirstReplyAt = at, replied }
		}
		a := put(t, s, f, "半年内公开并回复", lifecycle.Rated, published(in, in.Add(48*time.Hour)))
		b := put(t, s, f, "半年前公开、半年内回复", lifecycle.Rated, published(before, in))
		put(t, s, f, "半年内公开未回复", lifecycle.Published, published(in, time.Time{}))
		put(t, s, f, "待审核", lifecycle.Submitted, nil)
		err := s.InTx(ctx, func(tx *store.Tx) error {
			if err := tx.InsertRating(ctx, &message.Rating{MessageID: a.ID, Resolution: 5, Attitude: 5, Speed: 4, CreatedAt: in.Add(72 * time.Hour)}); err != nil {
				return err
			}
			// Overall exactly 3 is not 好评 (DESIGN §4: > 3).
			return tx.InsertRating(ctx, &message.Rating{MessageID: b.ID, Resolution: 3, Attitude: 3, Speed: 3, CreatedAt: in.Add(time.Hour)})
		})
		if err != nil {
			t.Fatal(err)
		}
		from, to := time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC), time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
		got, err := s.Tally(ctx, store.TallyScope{}, from, to)
		if err != nil {
			t.Fatal(err)
		}
		if want := (store.Tally{Messages: 2, Replied: 2, Ratings: 2, Good: 1}); got != want {
			t.Errorf("tally %+v, want %+v", got, want)
		}
		other, err := s.Tally(ctx, store.TallyScope{RegionPrefix: "43"}, from, to)
		if err != nil || other != (store.Tally{}) {
			t.Errorf("another province's tally %+v %v", other, err)
		}
	})
}

func TestAttachments(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := setup(t, s)
		m := put(t, s, f, "工地照片", lifecycle.Submitted, nil)
		data := []byte("\x89PNG\r\n\x1a\n 假装的图片字节")
		as := []*store.Attachment{{MessageID: m.ID, Name: "工地.png", ContentType: "image/png", Width: 64, Height: 48, Data: data}}
		if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.InsertAttachments(ctx, as) }); err != nil {
			t.Fatal(err)
		}
		list, err := s.Attachments(ctx, m.ID)
		if err != nil || len(list) != 1 || list[0].Name != "工地.png" || list[0].Size != len(data) || list[0].Data != nil {
			t.Fatalf("list %+v %v", list, err)
		}
		got, err := s.Attachment(ctx, as[0].ID)
		if err != nil || !bytes.Equal(got.Data, data) || got.Width != 64 || got.MessageID != m.ID {
			t.Fatalf("attachment %+v %v", got, err)
		}
		if n, _ := s.CountAttachments(ctx, m.ID); n != 1 {
			t.Errorf("count %d", n)
		}
		if _, err := s.Attachment(ctx, as[0].ID+100); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("missing attachment: %v", err)
		}
	})
}
