package store_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"liuyan/internal/search"
	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
)

// grouped runs fns as calls of InTx, with the contexts ctxs (or none),
// that SQLite's writer takes into one group: a call ahead of them holds
// the writer until they all wait for it, and whileQueued (if any) runs
// then. It returns each call's error, and what each panicked with.
func grouped(t *testing.T, s *store.Store, ctxs []context.Context, whileQueued func(), fns ...func(*store.Tx) error) ([]error, []any) {
	t.Helper()
	running, release := make(chan struct{}), make(chan struct{})
	held := make(chan error)
	go func() {
		held <- s.InTx(context.Background(), func(*store.Tx) error {
			close(running)
			<-release
			return nil
		})
	}()
	<-running
	errs, panics := make([]error, len(fns)), make([]any, len(fns))
	done := make(chan int)
	for i, fn := range fns {
		ctx := context.Background()
		if ctxs != nil {
			ctx = ctxs[i]
		}
		go func() {
			defer func() {
				panics[i] = recover()
				done <- i
			}()
			errs[i] = s.InTx(ctx, fn)
		}()
	}
	if !store.AwaitQueuedForTest(s, len(fns)) {
		t.Fatal("the calls never queued for the writer")
	}
	if whileQueued != nil {
		whileQueued()
	}
	close(release)
	if err := <-held; err != nil {
		t.Fatal(err)
	}
	for range fns {
		<-done
	}
	return errs, panics
}

// TestGroupedWritesStandAlone: calls of InTx that SQLite's writer commits
// together each keep their own outcome. A call that fails or panics
// leaves nothing behind and takes nothing from the others, whose messages
// are stored, and found by search, once InTx returns.
func TestGroupedWritesStandAlone(t *testing.T) {
	s := storetest.SQLite(t)
	ctx := context.Background()
	f := setup(t, s)
	refused := errors.New("退回：内容不完整")
	write := func(key, title string, then func() error) func(*store.Tx) error {
		return func(tx *store.Tx) error {
			m := newMessage(f, true, key)
			m.Title, m.PublicTitle = title, title
			if _, err := tx.InsertMessage(ctx, m); err != nil {
				return err
			}
			return then()
		}
	}
	ok := func() error { return nil }
	errs, panics := grouped(t, s, nil, nil,
		write("g1", "钱塘区下沙街道路灯不亮", ok),
		write("g2", "白杨街道菜市场油烟扰民", func() error { return refused }),
		write("g3", "江干区公交站台破损", ok),
		write("g4", "九堡镇小区电梯困人", func() error { panic("处理出错") }),
		write("g5", "临平区河道垃圾漂浮", ok),
	)
	for i, want := range []error{nil, refused, nil, nil, nil} {
		if !errors.Is(errs[i], want) {
			t.Errorf("call %d: error %v, want %v", i+1, errs[i], want)
		}
	}
	if panics[3] != "处理出错" {
		t.Errorf("the panicking call raised %v in its caller", panics[3])
	}
	for i, p := range panics {
		if i != 3 && p != nil {
			t.Errorf("call %d panicked: %v", i+1, p)
		}
	}
	stored := map[string]bool{"g1": true, "g2": false, "g3": true, "g4": false, "g5": true}
	for key, want := range stored {
		_, err := s.MessageIDByKey(ctx, f.author.ID, key)
		if got := err == nil; got != want {
			t.Errorf("message %s stored = %v (%v), want %v", key, got, err, want)
		}
	}
	for word, want := range map[string]int{"路灯": 1, "油烟": 0, "站台": 1, "电梯": 0, "河道": 1} {
		q, err := search.Parse(word)
		if err != nil {
			t.Fatal(err)
		}
		hits, err := s.SearchMessages(ctx, q, store.Filter{Limit: 10}, 0, store.Viewer{All: true})
		if err != nil || len(hits) != want {
			t.Errorf("search %s: %d hits (%v), want %d", word, len(hits), err, want)
		}
	}
}

// TestGroupFailingCommitSavesNothing: when the group's commit fails, every
// call in it is told so, and none of their writes is kept. The commit is
// made to fail by a foreign key checked only at commit.
func TestGroupFailingCommitSavesNothing(t *testing.T) {
	s := storetest.SQLite(t)
	ctx := context.Background()
	f := setup(t, s)
	write := func(key string, dangling bool) func(*store.Tx) error {
		return func(tx *store.Tx) error {
			m := newMessage(f, true, key)
			if dangling {
				if err := tx.ExecForTest(ctx, "PRAGMA defer_foreign_keys = ON"); err != nil {
					return err
				}
				m.DuplicateOf = 987654321 // no such message
			}
			_, err := tx.InsertMessage(ctx, m)
			return err
		}
	}
	errs, _ := grouped(t, s, nil, nil, write("c1", false), write("c2", true), write("c3", false))
	for i, err := range errs {
		if err == nil || !errors.Is(err, errs[0]) && err.Error() != errs[0].Error() {
			t.Errorf("call %d: error %v, want the commit's failure", i+1, err)
		}
	}
	for _, key := range []string{"c1", "c2", "c3"} {
		if _, err := s.MessageIDByKey(ctx, f.author.ID, key); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("message %s after a failed commit: %v", key, err)
		}
	}
	// The writer goes on.
	if err := s.InTx(ctx, write("c4", false)); err != nil {
		t.Fatal(err)
	}
}

// TestGroupedCallCancelledWhileQueued: a call whose context ends while it
// waits for the writer runs nothing and says why; the calls beside it run.
func TestGroupedCallCancelledWhileQueued(t *testing.T) {
	s := storetest.SQLite(t)
	gone, cancel := context.WithCancel(context.Background())
	ran := make([]bool, 3)
	mark := func(i int) func(*store.Tx) error {
		return func(*store.Tx) error { ran[i] = true; return nil }
	}
	bg := context.Background()
	errs, _ := grouped(t, s, []context.Context{bg, gone, bg}, cancel, mark(0), mark(1), mark(2))
	if errs[0] != nil || errs[2] != nil || !ran[0] || !ran[2] {
		t.Fatalf("the calls beside the cancelled one: %v, ran %v", errs, ran)
	}
	if !errors.Is(errs[1], context.Canceled) || ran[1] {
		t.Errorf("the cancelled call: %v, ran %v", errs[1], ran[1])
	}
}

// TestCheckpointCopiesTheLog: the checkpointer copies every page the
// writer's commits left in SQLite's log into the database, since the
// writer itself never does.
func TestCheckpointCopiesTheLog(t *testing.T) {
	s := storetest.SQLite(t)
	ctx := context.Background()
	f := setup(t, s)
	for i := range 20 {
		err := s.InTx(ctx, func(tx *store.Tx) error {
			_, err := tx.InsertMessage(ctx, newMessage(f, true, fmt.Sprintf("ck-%d", i)))
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	frames, copied, err := store.CheckpointForTest(ctx, s)
	if err != nil || frames == 0 || copied != frames {
		t.Fatalf("checkpoint: %d pages in the log, %d copied, %v", frames, copied, err)
	}
}
