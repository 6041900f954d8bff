package store_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"liuyan/internal/account"
	"liuyan/internal/board"
	"liuyan/internal/lifecycle"
	"liuyan/internal/message"
	"liuyan/internal/region"
	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
)

// fixture is a small world: a district office with two leader boards, a
// department unit, a citizen and another citizen.
type fixture struct {
	office, bureau board.Unit
	board          board.Board
	author, other  account.User
}

func setup(t testing.TB, s *store.Store) *fixture {
	t.Helper()
	ctx := context.Background()
	f := &fixture{
		office: board.Unit{Name: "杭州市钱塘区网民留言办理办公室", RegionCode: "330114", Kind: board.OfficeUnit},
		bureau: board.Unit{Name: "钱塘区住房和城乡建设局", RegionCode: "330114", Kind: board.DepartmentUnit},
		author: account.User{Login: "qiantang01", Name: "钱塘居民", Role: account.Citizen, PasswordHash: "x"},
		other:  account.User{Login: "xihu02", Name: "西湖居民", Role: account.Citizen, PasswordHash: "x"},
	}
	err := s.InTx(ctx, func(tx *store.Tx) error {
		for _, u := range []*board.Unit{&f.office, &f.bureau} {
			if err := tx.CreateUnit(ctx, u); err != nil {
				return err
			}
		}
		f.board = board.Board{Name: "钱塘区委书记", RegionCode: "330114", Kind: board.Leader, Title: board.Secretary,
			OfficeUnitID: f.office.ID, JoinedAt: time.Date(2021, 4, 9, 0, 0, 0, 0, time.UTC)}
		if err := tx.CreateBoard(ctx, &f.board); err != nil {
			return err
		}
		for _, u := range []*account.User{&f.author, &f.other} {
			if err := tx.CreateUser(ctx, u); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func newMessage(f *fixture, public bool, key string) *message.Message {
	at := time.Date(2026, 6, 1, 8, 30, 0, 123456000, time.UTC)
	return &message.Message{
		BoardID: f.board.ID, RegionCode: "330114", AuthorID: f.author.ID, Type: "投诉/求助", Domain: "城建",
		Tags: []string{"噪音扰民", "夜间施工"}, Title: "下沙街道工地夜间施工噪音扰民",
		Body:        "工地每晚十一点后仍在施工，联系电话13812345678，请相关部门尽快处理。",
		PublicTitle: "下沙街道工地夜间施工噪音扰民", PublicBody: "工地每晚十一点后仍在施工，联系电话138******78，请相关部门尽快处理。",
		Public: public, Channel: "app", Status: lifecycle.Submitted, CreatedAt: at, UpdatedAt: at, IdempotencyKey: key,
	}
}

func TestMessageRoundTrip(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := setup(t, s)
		m := newMessage(f, true, "k-1")
		err := s.InTx(ctx, func(tx *store.Tx) error {
			created, err := tx.InsertMessage(ctx, m)
			if !created {
				t.Error("first insert must create")
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.Message(ctx, m.ID, store.Viewer{UserID: f.author.ID})
		if err != nil {
			t.Fatal(err)
		}
		if got.Title != m.Title || got.Body != m.Body || got.PublicBody != m.PublicBody || got.AuthorName != "钱塘居民" {
			t.Errorf("text changed on the way: %+v", got)
		}
		if !got.CreatedAt.Equal(m.CreatedAt) {
			t.Errorf("created_at %v, want %v", got.CreatedAt, m.CreatedAt)
		}
		if len(got.Tags) != 2 || got.Tags[0] != "噪音扰民" && got.Tags[1] != "噪音扰民" {
			t.Errorf("tags %v", got.Tags)
		}
		if !got.Deadline.IsZero() || got.UnitID != 0 {
			t.Errorf("unset fields must read back as zero: %v %d", got.Deadline, got.UnitID)
		}

		// The same key from the same author creates nothing.
		again := newMessage(f, true, "k-1")
		err = s.InTx(ctx, func(tx *store.Tx) error {
			created, err := tx.InsertMessage(ctx, again)
			if created {
				t.Error("repeated key must not create")
			}
			return err
		})
		if err != nil || again.ID != m.ID {
			t.Fatalf("repeat: id %d want %d, %v", again.ID, m.ID, err)
		}
		n, _ := s.CountMessages(ctx)
		if n != 1 {
			t.Errorf("%d messages after a repeated key, want 1", n)
		}

		// Update and read back the lifecycle fields.
		deadline := time.Date(2026, 6, 10, 15, 59, 59, 0, time.UTC)
		err = s.InTx(ctx, func(tx *store.Tx) error {
			mm, err := tx.MessageForUpdate(ctx, m.ID)
			if err != nil {
				return err
			}
			mm.Status, mm.UnitID, mm.Deadline, mm.PublishedAt = lifecycle.Assigned, f.bureau.ID, deadline, mm.CreatedAt
			mm.ReplyPending, mm.ExtensionDays = true, 3
			return tx.UpdateMessage(ctx, mm)
		})
		if err != nil {
			t.Fatal(err)
		}
		got, _ = s.Message(ctx, m.ID, store.Viewer{All: true})
		if got.Status != lifecycle.Assigned || got.UnitID != f.bureau.ID || !got.Deadline.Equal(deadline) || !got.ReplyPending || got.ExtensionDays != 3 {
			t.Errorf("update lost: %+v", got)
		}
	})
}

func TestVisibility(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := setup(t, s)
		pub, priv := newMessage(f, true, ""), newMessage(f, false, "")
		err := s.InTx(ctx, func(tx *store.Tx) error {
			for _, m := range []*message.Message{pub, priv} {
				if _, err := tx.InsertMessage(ctx, m); err != nil {
					return err
				}
				m.Status, m.UnitID = lifecycle.Assigned, f.bureau.ID
				if err := tx.UpdateMessage(ctx, m); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		viewers := []struct {
			name     string
			v        store.Viewer
			pub, prv bool
		}{
			{"anonymous", store.Viewer{}, true, false},
			{"author", store.Viewer{UserID: f.author.ID}, true, true},
			{"other citizen", store.Viewer{UserID: f.other.ID}, true, false},
			{"handling unit", store.Viewer{UnitID: f.bureau.ID}, true, true},
			{"other unit", store.Viewer{UnitID: f.office.ID}, true, false},
			{"board office", store.Viewer{BoardID: f.board.ID}, true, true},
			{"other board office", store.Viewer{BoardID: f.board.ID + 1000}, true, false},
			{"supervisor of Zhejiang", store.Viewer{RegionPrefix: region.Prefix("330000")}, true, true},
			{"supervisor of Hunan", store.Viewer{RegionPrefix: region.Prefix("430000")}, true, false},
			{"admin", store.Viewer{All: true}, true, true},
		}
		for _, c := range viewers {
			_, errPub := s.Message(ctx, pub.ID, c.v)
			_, errPrv := s.Message(ctx, priv.ID, c.v)
			if (errPub == nil) != c.pub || (errPrv == nil) != c.prv {
				t.Errorf("%s: public seen %v (want %v), private seen %v (want %v)", c.name, errPub == nil, c.pub, errPrv == nil, c.prv)
			}
			if errPrv != nil && !errors.Is(errPrv, store.ErrNotFound) {
				t.Errorf("%s: hidden message must be not found, got %v", c.name, errPrv)
			}
			list, err := s.Messages(ctx, store.Filter{Limit: 10}, c.v)
			if err != nil {
				t.Fatal(err)
			}
			want := 1
			if c.prv {
				want = 2
			}
			if len(list) != want {
				t.Errorf("%s: list has %d, want %d", c.name, len(list), want)
			}
		}
	})
}

func TestEventsAreAppendOnly(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := setup(t, s)
		m := newMessage(f, true, "")
		err := s.InTx(ctx, func(tx *store.Tx) error {
			if _, err := tx.InsertMessage(ctx, m); err != nil {
				return err
			}
			return tx.AppendEvent(ctx, &message.Event{MessageID: m.ID, ActorID: f.author.ID, Action: lifecycle.Submit,
				To: lifecycle.Submitted, Note: "首次提交", At: m.CreatedAt})
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{"UPDATE events SET note = 'x'", "DELETE FROM events"} {
			if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.ExecForTest(ctx, q) }); err == nil {
				t.Errorf("%q succeeded on the append-only log", q)
			}
		}
		es, err := s.Events(ctx, m.ID)
		if err != nil || len(es) != 1 || es[0].Note != "首次提交" {
			t.Errorf("events after refused changes: %+v %v", es, err)
		}
	})
}

func TestUniqueLoginAndMigrateTwice(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := setup(t, s)
		dup := account.User{Login: f.author.Login, Name: "重复", Role: account.Citizen, PasswordHash: "x"}
		err := s.InTx(ctx, func(tx *store.Tx) error { return tx.CreateUser(ctx, &dup) })
		if !errors.Is(err, store.ErrConflict) {
			t.Errorf("duplicate login: %v, want ErrConflict", err)
		}
		if err := s.Migrate(ctx); err != nil {
			t.Errorf("second migrate: %v", err)
		}
		if v, err := s.SchemaVersion(ctx); err != nil || v < 1 {
			t.Errorf("schema version %d, %v", v, err)
		}
	})
}

// TestMessagesInSeveralStates: a list filtered by several states (Open311's
// open and closed) is read one state at a time and merged; it must be the
// newest messages in any of the states, newest first, within the limit and
// the viewer's visibility, each once, paging on with Before.
func TestMessagesInSeveralStates(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := setup(t, s)
		states := []lifecycle.State{lifecycle.Published, lifecycle.Replied, lifecycle.Handling, lifecycle.Rated,
			lifecycle.Replied, lifecycle.Closed, lifecycle.Rated, lifecycle.Assigned, lifecycle.Replied}
		var ids []int64
		err := s.InTx(ctx, func(tx *store.Tx) error {
			for i, st := range states {
				m := newMessage(f, i != 4, "")
				if _, err := tx.InsertMessage(ctx, m); err != nil {
					return err
				}
				m.Status = st
				if err := tx.UpdateMessage(ctx, m); err != nil {
					return err
				}
				ids = append(ids, m.ID)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		// want lists, newest first, the messages in the given states that
		// the viewer sees (the fifth is private).
		want := func(v store.Viewer, before int64, limit int, in ...lifecycle.State) []int64 {
			var out []int64
			for i := len(states) - 1; i >= 0 && len(out) < limit; i-- {
				if (i != 4 || v.All) && slices.Contains(in, states[i]) && (before == 0 || ids[i] < before) {
					out = append(out, ids[i])
				}
			}
			return out
		}
		for _, c := range []struct {
			v      store.Viewer
			before int64
			limit  int
			in     []lifecycle.State
		}{
			{store.Viewer{}, 0, 3, []lifecycle.State{lifecycle.Replied, lifecycle.Rated, lifecycle.Closed}},
			{store.Viewer{}, 0, 20, []lifecycle.State{lifecycle.Replied, lifecycle.Rated, lifecycle.Closed}},
			{store.Viewer{All: true}, 0, 20, []lifecycle.State{lifecycle.Rated, lifecycle.Replied, lifecycle.Replied}},
			{store.Viewer{}, ids[6], 2, []lifecycle.State{lifecycle.Published, lifecycle.Assigned, lifecycle.Handling, lifecycle.Replied}},
		} {
			got, err := s.Messages(ctx, store.Filter{Statuses: c.in, Before: c.before, Limit: c.limit}, c.v)
			if err != nil {
				t.Fatal(err)
			}
			var gotIDs []int64
			for _, m := range got {
				gotIDs = append(gotIDs, m.ID)
				if len(m.Tags) != 2 {
					t.Errorf("message %d listed without its tags: %v", m.ID, m.Tags)
				}
			}
			if w := want(c.v, c.before, c.limit, c.in...); !slices.Equal(gotIDs, w) {
				t.Errorf("states %v, before %d, limit %d: %v, want %v", c.in, c.before, c.limit, gotIDs, w)
			}
		}
	})
}
