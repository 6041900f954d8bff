package workflow_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"liuyan/internal/account"
	"liuyan/internal/board"
	"liuyan/internal/calendar"
	"liuyan/internal/lifecycle"
	"liuyan/internal/message"
	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
	"liuyan/internal/workflow"
)

// bench is a desk over a small world in 长沙市岳麓区: a board that requires
// sign-off, its office, two bureaus, and one account per role.
type bench struct {
	desk                          *workflow.Desk
	clock                         time.Time
	board                         board.Board
	bureau, other                 board.Unit
	author, mod, office, handler  *account.User
	handler2, supervisor, outside *account.User
}

func newBench(t *testing.T, s *store.Store) *bench {
	t.Helper()
	ctx := context.Background()
	b := &bench{clock: time.Date(2024, 9, 27, 2, 0, 0, 0, time.UTC)} // Friday 10:00 in China, before National Day
	b.desk = &workflow.Desk{Store: s, Calendar: calendar.Default(), Policy: lifecycle.DefaultPolicy(),
		Limits: message.DefaultLimits, Now: func() time.Time { return b.clock }}
	office := board.Unit{Name: "长沙市岳麓区网民留言办理办公室", RegionCode: "430104", Kind: board.OfficeUnit}
	b.bureau = board.Unit{Name: "岳麓区住房和城乡建设局", RegionCode: "430104", Kind: board.DepartmentUnit}
	b.other = board.Unit{Name: "岳麓区教育局", RegionCode: "430104", Kind: board.DepartmentUnit}
	users := []**account.User{&b.author, &b.mod, &b.office, &b.handler, &b.handler2, &b.supervisor, &b.outside}
	err := s.InTx(ctx, func(tx *store.Tx) error {
		for _, u := range []*board.Unit{&office, &b.bureau, &b.other} {
			if err := tx.CreateUnit(ctx, u); err != nil {
				return err
			}
		}
		b.board = board.Board{Name: "岳麓区委书记", RegionCode: "430104", Kind: board.Leader, Title: board.Secretary,
			OfficeUnitID: office.ID, JoinedAt: time.Date(2019, 3, 1, 0, 0, 0, 0, time.UTC), SignoffRequired: true}
		if err := tx.CreateBoard(ctx, &b.board); err != nil {
			return err
		}
		accounts := []account.User{
			{Login: "meixihu", Role: account.Citizen},
			{Login: "shenhe", Role: account.Moderator},
			{Login: "liuyanban", Role: account.Office, BoardID: b.board.ID},
			{Login: "zhujianju", Role: account.Handler, UnitID: b.bureau.ID},
			{Login: "jiaoyuju", Role: account.Handler, UnitID: b.other.ID},
			{Login: "hunan_ducha", Role: account.Supervisor, RegionCode: "430000"},
			{Login: "zhejiang_ducha", Role: account.Supervisor, RegionCode: "330000"},
		}
		for i := range accounts {
			u := accounts[i]
			u.Name, u.PasswordHash = u.Login, "unused"
			if err := tx.CreateUser(ctx, &u); err != nil {
				return err
			}
			*users[i] = &u
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func (b *bench) submit(t *testing.T, key string) *message.Message {
	t.Helper()
	m, _, err := b.desk.Submit(context.Background(), b.author, message.Draft{BoardID: b.board.ID, Type: "投诉/求助", Domain: "城建",
		Title: "梅溪湖街道小区电梯频繁故障", Body: "小区3栋电梯一个月坏了四次，物业一直拖延维修，老人上下楼非常困难。", Public: false}, key)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func (b *bench) do(t *testing.T, u *account.User, id int64, act workflow.Act) *message.Message {
	t.Helper()
	b.clock = b.clock.Add(time.Hour)
	m, err := b.desk.Do(context.Background(), u, id, act)
	if err != nil {
		t.Fatalf("%s by %s: %v", act.Action, u.Login, err)
	}
	return m
}

func TestDeadlineExtensionAndSignoff(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		b := newBench(t, s)
		m := b.submit(t, "")
		m = b.do(t, b.mod, m.ID, workflow.Act{Action: lifecycle.Accept})
		// Accepted Friday 2024-09-27 11:00 China time. 7 working days for a
		// complaint: 9-29 (Sunday, worked), 9-30, then National Day 10-01..07
		// is off, 10-08, 10-09, 10-10, 10-11, 10-12 (Saturday, worked) → end of 10-12.
		want := time.Date(2024, 10, 12, 23, 59, 59, 0, calendar.China)
		if !m.Deadline.Equal(want) {
			t.Fatalf("deadline %v, want %v", m.Deadline.In(calendar.China), want)
		}
		b.do(t, b.office, m.ID, workflow.Act{Action: lifecycle.Assign, UnitID: b.bureau.ID})
		b.do(t, b.handler, m.ID, workflow.Act{Action: lifecycle.Sign})
		m = b.do(t, b.handler, m.ID, workflow.Act{Action: lifecycle.RequestExtend, Days: 3, Note: "需联系电梯维保单位检测"})
		if m.PendingExtension != 3 || !m.Deadline.Equal(want) {
			t.Errorf("a request alone must not move the deadline: %+v", m)
		}
		m = b.do(t, b.office, m.ID, workflow.Act{Action: lifecycle.ApproveExtend})
		// Ten working days from the same start: 10-14, 10-15, 10-16 after 10-12.
		if want := time.Date(2024, 10, 16, 23, 59, 59, 0, calendar.China); !m.Deadline.Equal(want) || m.ExtensionDays != 3 {
			t.Errorf("extended deadline %v (%d days), want %v", m.Deadline.In(calendar.China), m.ExtensionDays, want)
		}
		// The board requires sign-off: the final reply waits, unseen.
		m = b.do(t, b.handler, m.ID, workflow.Act{Action: lifecycle.FinalReply, Note: "您好！我局已督促物业更换曳引机，电梯已恢复运行。"})
		if m.Status != lifecycle.Handling || !m.ReplyPending || !m.FirstReplyAt.IsZero() {
			t.Fatalf("held reply: status %s pending %v", m.Status, m.ReplyPending)
		}
		public, _ := s.Replies(context.Background(), m.ID, false)
		if len(public) != 0 {
			t.Errorf("a reply waiting for sign-off is public: %+v", public)
		}
		if _, err := b.desk.Do(context.Background(), b.handler, m.ID, workflow.Act{Action: lifecycle.ApproveReply}); !isCode(err, lifecycle.CodeForbidden) {
			t.Errorf("handler approving own reply: %v", err)
		}
		m = b.do(t, b.office, m.ID, workflow.Act{Action: lifecycle.ApproveReply})
		if m.Status != lifecycle.Replied || m.ReplyPending || m.FirstReplyAt.IsZero() {
			t.Errorf("after sign-off: %+v", m)
		}
		public, _ = s.Replies(context.Background(), m.ID, false)
		if len(public) != 1 || public[0].UnitName != "岳麓区住房和城乡建设局" {
			t.Errorf("published replies %+v", public)
		}
	})
}

func TestReturnTransferAndVisibility(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		b := newBench(t, s)
		m := b.submit(t, "")
		b.do(t, b.mod, m.ID, workflow.Act{Action: lifecycle.Accept})
		b.do(t, b.supervisor, m.ID, workflow.Act{Action: lifecycle.Assign, UnitID: b.other.ID})
		// Handlers of the bureau cannot see this private message yet.
		if _, err := b.desk.Do(ctx, b.handler, m.ID, workflow.Act{Action: lifecycle.Sign}); !errors.Is(err, workflow.ErrNotFound) {
			t.Errorf("handler of an uninvolved unit: %v, want not found", err)
		}
		m = b.do(t, b.handler2, m.ID, workflow.Act{Action: lifecycle.Transfer, UnitID: b.bureau.ID, Note: "电梯维修属住建部门职责"})
		if m.Status != lifecycle.Assigned || m.UnitID != b.bureau.ID {
			t.Fatalf("after transfer: %s unit %d", m.Status, m.UnitID)
		}
		m = b.do(t, b.handler, m.ID, workflow.Act{Action: lifecycle.Return, Note: "请先核实具体小区名称"})
		if m.Status != lifecycle.Published || m.UnitID != 0 {
			t.Fatalf("after return: %s unit %d", m.Status, m.UnitID)
		}
		// Both units that held it still see it; a supervisor elsewhere does not.
		for _, u := range []*account.User{b.handler, b.handler2, b.supervisor, b.office, b.author} {
			if _, err := s.Message(ctx, m.ID, workflow.ViewerOf(u)); err != nil {
				t.Errorf("%s cannot see the message: %v", u.Login, err)
			}
		}
		if _, err := s.Message(ctx, m.ID, workflow.ViewerOf(b.outside)); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("supervisor of another province sees a private message: %v", err)
		}
		if _, err := s.Message(ctx, m.ID, workflow.ViewerOf(nil)); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("anonymous sees a private message: %v", err)
		}
		es, _ := s.Events(ctx, m.ID)
		if len(es) != 5 || es[3].Note != "电梯维修属住建部门职责" || es[3].UnitID != b.bureau.ID {
			t.Errorf("events %+v", es)
		}
	})
}

func TestCloseUnrated(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		b := newBench(t, s)
		b.board.SignoffRequired = false
		rated, unrated := b.submit(t, ""), b.submit(t, "")
		for _, m := range []*message.Message{rated, unrated} {
			b.do(t, b.mod, m.ID, workflow.Act{Action: lifecycle.Accept})
			b.do(t, b.office, m.ID, workflow.Act{Action: lifecycle.Assign, UnitID: b.bureau.ID})
			b.do(t, b.handler, m.ID, workflow.Act{Action: lifecycle.Sign})
			b.do(t, b.handler, m.ID, workflow.Act{Action: lifecycle.FinalReply, Note: "您好！已责成物业限期维修。"})
			b.do(t, b.office, m.ID, workflow.Act{Action: lifecycle.ApproveReply})
		}
		b.do(t, b.author, rated.ID, workflow.Act{Action: lifecycle.Rate, Rating: &message.Rating{Resolution: 4, Attitude: 5, Speed: 3}})
		b.clock = b.clock.Add(29 * 24 * time.Hour)
		if n, err := b.desk.CloseUnrated(ctx); n != 0 || err != nil {
			t.Fatalf("closed %d inside the window (%v)", n, err)
		}
		b.clock = b.clock.Add(2 * 24 * time.Hour)
		if n, err := b.desk.CloseUnrated(ctx); n != 1 || err != nil {
			t.Fatalf("closed %d after the window, want 1 (%v)", n, err)
		}
		got, _ := s.Message(ctx, unrated.ID, store.Viewer{All: true})
		if got.Status != lifecycle.Closed {
			t.Errorf("unrated message is %s", got.Status)
		}
		got, _ = s.Message(ctx, rated.ID, store.Viewer{All: true})
		if got.Status != lifecycle.Rated {
			t.Errorf("rated message is %s", got.Status)
		}
		if _, err := b.desk.Do(ctx, b.author, rated.ID, workflow.Act{Action: lifecycle.Rate, Rating: &message.Rating{Resolution: 1, Attitude: 1, Speed: 1}}); !isCode(err, lifecycle.CodeWrongState) {
			t.Errorf("second rating: %v", err)
		}
	})
}

// TestCloseUnratedInBatches closes more messages than one batch holds,
// several replied at the same moment so a batch ends between equal reply
// times, with two runs at once (as two instances would without the job
// lease): every unrated message is closed and logged exactly once, the
// rated one and the one still inside its window stay as they are.
func TestCloseUnratedInBatches(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		b := newBench(t, s)
		var heard atomic.Int64
		b.desk.CloseBatch = 3
		b.desk.OnEvent = func(a lifecycle.Action) {
			if a == lifecycle.Close {
				heard.Add(1)
			}
		}
		var unrated []*message.Message
		for range 11 {
			m := b.submit(t, "")
			b.do(t, b.mod, m.ID, workflow.Act{Action: lifecycle.Accept})
			b.do(t, b.office, m.ID, workflow.Act{Action: lifecycle.Assign, UnitID: b.bureau.ID})
			b.do(t, b.handler, m.ID, workflow.Act{Action: lifecycle.Sign})
			b.do(t, b.handler, m.ID, workflow.Act{Action: lifecycle.FinalReply, Note: "您好！经核查，已责成物业公司更换电梯主板并每月检修。"})
			unrated = append(unrated, m)
		}
		// Replies published four at a time, at the same moment.
		for i, m := range unrated {
			if i%4 == 0 {
				b.clock = b.clock.Add(time.Hour)
			}
			if _, err := b.desk.Do(ctx, b.office, m.ID, workflow.Act{Action: lifecycle.ApproveReply}); err != nil {
				t.Fatal(err)
			}
		}
		rated := unrated[5]
		unrated = append(unrated[:5], unrated[6:]...)
		b.do(t, b.author, rated.ID, workflow.Act{Action: lifecycle.Rate, Rating: &message.Rating{Resolution: 5, Attitude: 5, Speed: 4}})
		b.clock = b.clock.Add(lifecycle.DefaultPolicy().RatingWindow + time.Minute)

		// One more replied now: still inside its window.
		recent := b.submit(t, "")
		b.do(t, b.mod, recent.ID, workflow.Act{Action: lifecycle.Accept})
		b.do(t, b.office, recent.ID, workflow.Act{Action: lifecycle.Assign, UnitID: b.bureau.ID})
		b.do(t, b.handler, recent.ID, workflow.Act{Action: lifecycle.Sign})
		b.do(t, b.handler, recent.ID, workflow.Act{Action: lifecycle.FinalReply, Note: "您好！维修单位已进场。"})
		b.do(t, b.office, recent.ID, workflow.Act{Action: lifecycle.ApproveReply})

		var wg sync.WaitGroup
		counts := make([]int, 2)
		errs := make([]error, 2)
		for i := range counts {
			wg.Go(func() { counts[i], errs[i] = b.desk.CloseUnrated(ctx) })
		}
		wg.Wait()
		if errs[0] != nil || errs[1] != nil {
			t.Fatalf("close: %v, %v", errs[0], errs[1])
		}
		if counts[0]+counts[1] != len(unrated) || heard.Load() != int64(len(unrated)) {
			t.Fatalf("closed %d + %d, heard %d, want %d", counts[0], counts[1], heard.Load(), len(unrated))
		}
		if n, err := b.desk.CloseUnrated(ctx); n != 0 || err != nil {
			t.Errorf("a third run closed %d (%v)", n, err)
		}
		for _, m := range unrated {
			got, _ := s.Message(ctx, m.ID, store.Viewer{All: true})
			if got.Status != lifecycle.Closed {
				t.Errorf("message %d is %s", m.ID, got.Status)
			}
			es, _ := s.Events(ctx, m.ID)
			closes := 0
			for _, e := range es {
				if e.Action == lifecycle.Close {
					closes++
					if e.ActorID != 0 || e.From != lifecycle.Replied || e.To != lifecycle.Closed {
						t.Errorf("message %d close event %+v", m.ID, e)
					}
				}
			}
			if closes != 1 || es[len(es)-1].Action != lifecycle.Close {
				t.Errorf("message %d has %d close events, last %s", m.ID, closes, es[len(es)-1].Action)
			}
		}
		for want, m := range map[lifecycle.State]*message.Message{lifecycle.Rated: rated, lifecycle.Replied: recent} {
			if got, _ := s.Message(ctx, m.ID, store.Viewer{All: true}); got.Status != want {
				t.Errorf("message %d is %s, want %s", m.ID, got.Status, want)
			}
		}
	})
}

// TestIdempotentSubmitUnderConcurrency sends one request twenty times at
// once with the same key: exactly one message and one submit event exist.
func TestIdempotentSubmitUnderConcurrency(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		b := newBench(t, s)
		b.desk.Now = nil
		var wg sync.WaitGroup
		ids := make([]int64, 20)
		errs := make([]error, 20)
		for i := range ids {
			wg.Go(func() {
				m, _, err := b.desk.Submit(ctx, b.author, message.Draft{BoardID: b.board.ID, Type: "咨询", Domain: "教育",
					Title: "岳麓区公办幼儿园报名时间", Body: "请问今年公办幼儿园什么时候开始网上报名？"}, "same-key-岳麓")
				ids[i], errs[i] = m.ID, err
				if err != nil {
					ids[i] = 0
				}
			})
		}
		wg.Wait()
		for i := range ids {
			if errs[i] != nil || ids[i] != ids[0] {
				t.Fatalf("request %d: id %d (first %d), %v", i, ids[i], ids[0], errs[i])
			}
		}
		if n, _ := s.CountMessages(ctx); n != 1 {
			t.Errorf("%d messages, want 1", n)
		}
		if es, _ := s.Events(ctx, ids[0]); len(es) != 1 {
			t.Errorf("%d events, want 1", len(es))
		}
		// The same key with different content is refused, not merged.
		_, _, err := b.desk.Submit(ctx, b.author, message.Draft{BoardID: b.board.ID, Type: "咨询", Domain: "教育",
			Title: "另一个问题", Body: "完全不同的内容"}, "same-key-岳麓")
		var ie *message.InputError
		if !errors.As(err, &ie) || ie.Key != "error.idempotency_reuse" {
			t.Errorf("reused key with other content: %v", err)
		}
	})
}

func isCode(err error, c lifecycle.Code) bool {
	var le *lifecycle.Error
	return errors.As(err, &le) && le.Code == c
}

// TestSubmitWithIsAllOrNothing stores a message with something of its own
// (the web form's images) in one transaction: when storing that fails, no
// message, event or image is left behind, and the same idempotency key then
// stores the message with its images once.
func TestSubmitWithIsAllOrNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		b := newBench(t, s)
		draft := message.Draft{BoardID: b.board.ID, Type: "投诉/求助", Domain: "城建",
			Title: "岳麓区桃花岭路段人行道塌陷", Body: "桃花岭路公交站旁人行道塌陷一个大坑，已有行人摔伤，附现场照片两张。"}
		photo := func() *store.Attachment {
			return &store.Attachment{Name: "现场.png", ContentType: "image/png", Size: 3, Width: 1, Height: 1, Data: []byte{1, 2, 3}}
		}
		broken := errors.New("disk full")
		_, _, err := b.desk.SubmitWith(ctx, b.author, draft, "桃花岭-1", func(tx *store.Tx, m *message.Message) error {
			a := photo()
			a.MessageID = m.ID
			if err := tx.InsertAttachments(ctx, []*store.Attachment{a}); err != nil {
				return err
			}
			return broken
		})
		if !errors.Is(err, broken) {
			t.Fatalf("SubmitWith: %v, want the attachment's failure", err)
		}
		if n, _ := s.CountMessages(ctx); n != 0 {
			t.Fatalf("%d messages after a failed submission, want 0", n)
		}
		calls := 0
		attach := func(tx *store.Tx, m *message.Message) error {
			calls++
			a := photo()
			a.MessageID = m.ID
			second := photo()
			second.MessageID = m.ID
			return tx.InsertAttachments(ctx, []*store.Attachment{a, second})
		}
		for range 2 { // a retry of the same request adds nothing
			m, _, err := b.desk.SubmitWith(ctx, b.author, draft, "桃花岭-1", func(tx *store.Tx, m *message.Message) error {
				return attach(tx, m)
			})
			if err != nil {
				t.Fatal(err)
			}
			if n, _ := s.CountAttachments(ctx, m.ID); n != 2 {
				t.Errorf("message %d has %d images, want 2", m.ID, n)
			}
		}
		if n, _ := s.CountMessages(ctx); n != 1 || calls != 1 {
			t.Errorf("%d messages and %d attachment calls, want 1 and 1", n, calls)
		}
	})
}
