package store_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"sync"
	"testing"
	"time"

	"liuyan/internal/lifecycle"
	"liuyan/internal/message"
	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
	"liuyan/internal/vocab"
)

// TestCachedWordsAcrossInstances changes the sensitive words through one
// store and checks the other one's cached copy follows: at once in the same
// process, and on PostgreSQL as soon as the NOTIFY arrives.
func TestCachedWordsAcrossInstances(t *testing.T) {
	storetest.EachPair(t, func(t *testing.T, a, b *store.Store) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		b = listening(ctx, t, a, b)
		if ws, err := b.WordsToFlag(ctx); err != nil || len(ws) != 0 {
			t.Fatalf("words before = %v, %v", ws, err)
		}
		add := func(w string) {
			if err := a.InTx(ctx, func(tx *store.Tx) error { return tx.AddSensitiveWord(ctx, w) }); err != nil {
				t.Fatal(err)
			}
		}
		has := func(s *store.Store, w string) func() bool {
			return func() bool {
				ws, err := s.WordsToFlag(ctx)
				if err != nil {
					t.Fatal(err)
				}
				return slices.Contains(ws, w)
			}
		}
		add("代办证件")
		if !has(a, "代办证件")() {
			t.Fatal("the writing store does not see its own change")
		}
		waitFor(t, "the other instance to flag the new word", has(b, "代办证件"))

		// A change that rolls back is not announced and changes nothing.
		_ = a.InTx(ctx, func(tx *store.Tx) error {
			if err := tx.RemoveSensitiveWord(ctx, "代办证件"); err != nil {
				t.Fatal(err)
			}
			return context.Canceled
		})
		if !has(b, "代办证件")() {
			t.Fatal("a rolled-back removal took the word off")
		}
		if err := a.InTx(ctx, func(tx *store.Tx) error { return tx.RemoveSensitiveWord(ctx, "代办证件") }); err != nil {
			t.Fatal(err)
		}
		waitFor(t, "the other instance to drop the word", func() bool { return !has(b, "代办证件")() })
	})
}

// listening makes b the other instance of a pair: on PostgreSQL it hears
// a's changes (Listen, until ctx ends) before it is returned; on SQLite,
// where one process serves the store and its writes and reads share one
// Store, it is a itself.
func listening(ctx context.Context, t *testing.T, a, b *store.Store) *store.Store {
	t.Helper()
	if b.Dialect() != store.Postgres {
		return a
	}
	go b.Listen(ctx, slog.New(slog.NewTextHandler(io.Discard, nil)))
	waitFor(t, "b to listen", b.Listening)
	return b
}

// waitFor polls cond for up to five seconds.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for end := time.Now().Add(5 * time.Second); time.Now().Before(end); time.Sleep(5 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("timed out waiting for %s", what)
}

// TestCachedListsAcrossInstances renames a domain and adds a topic tag
// through one store and checks the other one's cached lists follow.
func TestCachedListsAcrossInstances(t *testing.T) {
	storetest.EachPair(t, func(t *testing.T, a, b *store.Store) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		b = listening(ctx, t, a, b)
		base := lifecycle.DefaultPolicy()
		lists, err := b.Vocab(ctx, base)
		if err != nil {
			t.Fatal(err)
		}
		term, ok := lists.Term(vocab.Domain, "三农")
		if !ok {
			t.Fatalf("no 三农 among %v", lists.Domains())
		}
		if err := a.InTx(ctx, func(tx *store.Tx) error {
			if _, err := tx.RenameTerm(ctx, term.ID, "农业农村"); err != nil {
				return err
			}
			return tx.AddTerm(ctx, &vocab.Term{Kind: vocab.Tag, Code: "drought", Name: "抗旱保供"})
		}); err != nil {
			t.Fatal(err)
		}
		waitFor(t, "the other instance to read the renamed domain and the new tag", func() bool {
			l, err := b.Vocab(ctx, base)
			if err != nil {
				t.Fatal(err)
			}
			return slices.Contains(l.Domains(), "农业农村") && !slices.Contains(l.Domains(), "三农") && slices.Contains(l.Tags(), "抗旱保供")
		})
	})
}

// TestCachedWebhooksAcrossInstances: every event reads the webhooks from
// memory, so a webhook added through one instance must reach the other
// one's events as soon as the change is heard, and events before it queue
// nothing for it.
func TestCachedWebhooksAcrossInstances(t *testing.T) {
	storetest.EachPair(t, func(t *testing.T, a, b *store.Store) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		b = listening(ctx, t, a, b)
		f := setup(t, a)
		// event submits a message through b and queues its event.
		n := 0
		event := func() {
			n++
			if err := b.InTx(ctx, func(tx *store.Tx) error {
				return submitted(ctx, tx, f, fmt.Sprintf("hook-%d", n))
			}); err != nil {
				t.Fatal(err)
			}
		}
		pending := func() int {
			got, err := a.OutboxPending(ctx)
			if err != nil {
				t.Fatal(err)
			}
			return got
		}
		event() // b now keeps the empty list of webhooks in memory
		if got := pending(); got != 0 {
			t.Fatalf("%d deliveries queued with no webhook", got)
		}
		hook := &store.Webhook{RegionCode: "330100", URL: "https://example.org/杭州", Secret: "s"}
		if err := a.InTx(ctx, func(tx *store.Tx) error { return tx.CreateWebhook(ctx, hook) }); err != nil {
			t.Fatal(err)
		}
		waitFor(t, "the other instance's events to reach the new webhook", func() bool {
			before := pending()
			event()
			return pending() == before+1
		})
	})
}

// TestEventsWithEveryConnectionHeld: when every connection the store
// writes with is held by a transaction queuing an event, each of them
// still gets the webhooks. They once read them through the pool, so on
// PostgreSQL before the cache was trusted 32 submissions at once waited
// for each other until their clients gave up (the crash test).
func TestEventsWithEveryConnectionHeld(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		f := setup(t, s)
		hook := &store.Webhook{RegionCode: "330100", URL: "https://example.org/杭州", Secret: "s"}
		if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.CreateWebhook(ctx, hook) }); err != nil {
			t.Fatal(err)
		}
		n := store.WritersForTest(s)
		var inside sync.WaitGroup
		inside.Add(n)
		errs := make(chan error, n)
		for i := range n {
			go func() {
				errs <- s.InTx(ctx, func(tx *store.Tx) error {
					inside.Done()
					inside.Wait() // every connection is now in a transaction
					return submitted(ctx, tx, f, fmt.Sprintf("held-%d", i))
				})
			}()
		}
		for range n {
			if err := <-errs; err != nil {
				t.Fatalf("an event with every connection held: %v", err)
			}
		}
		if got, err := s.OutboxPending(ctx); err != nil || got != n {
			t.Fatalf("deliveries queued = %d, %v; want %d", got, err, n)
		}
	})
}

// TestWebhookRolledBackQueuesNothing: a webhook created and used in a
// transaction that rolls back is not kept for later events.
func TestWebhookRolledBackQueuesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := setup(t, s)
		undo := errors.New("undo")
		err := s.InTx(ctx, func(tx *store.Tx) error {
			hook := &store.Webhook{RegionCode: "330100", URL: "https://example.org/回滚", Secret: "s"}
			if err := tx.CreateWebhook(ctx, hook); err != nil {
				return err
			}
			if err := submitted(ctx, tx, f, "rolled-back"); err != nil {
				return err
			}
			return undo
		})
		if !errors.Is(err, undo) {
			t.Fatal(err)
		}
		if err := s.InTx(ctx, func(tx *store.Tx) error { return submitted(ctx, tx, f, "after") }); err != nil {
			t.Fatal(err)
		}
		if got, err := s.OutboxPending(ctx); err != nil || got != 0 {
			t.Fatalf("deliveries queued for a rolled-back webhook = %d, %v", got, err)
		}
	})
}

// submitted stores a message in tx with its submit event, and queues the
// event's deliveries, as a submission does.
func submitted(ctx context.Context, tx *store.Tx, f *fixture, key string) error {
	m := newMessage(f, true, key)
	if _, err := tx.InsertMessage(ctx, m); err != nil {
		return err
	}
	ev := &message.Event{MessageID: m.ID, ActorID: f.author.ID, Action: lifecycle.Submit, To: lifecycle.Submitted, At: m.CreatedAt}
	if err := tx.AppendEvent(ctx, ev); err != nil {
		return err
	}
	return tx.Enqueue(ctx, ev, m, nil)
}

// TestCachedBoardsAcrossInstances: a board kept in memory by one instance
// follows a change made through the other, and one that rolls back
// changes nothing.
func TestCachedBoardsAcrossInstances(t *testing.T) {
	storetest.EachPair(t, func(t *testing.T, a, b *store.Store) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		b = listening(ctx, t, a, b)
		f := setup(t, a)
		signoff := func(s *store.Store) func() bool {
			return func() bool {
				got, err := s.Board(ctx, f.board.ID)
				if err != nil {
					t.Fatal(err)
				}
				return got.SignoffRequired
			}
		}
		if signoff(b)() {
			t.Fatal("a new board requires sign-off")
		}
		set := func(on bool, commit error) {
			_ = a.InTx(ctx, func(tx *store.Tx) error {
				if err := tx.SetSignoffRequired(ctx, f.board.ID, on); err != nil {
					t.Fatal(err)
				}
				return commit
			})
		}
		set(true, nil)
		waitFor(t, "the other instance to see the sign-off", signoff(b))
		set(false, context.Canceled)
		if !signoff(b)() {
			t.Fatal("a rolled-back change reached the cache")
		}
		set(false, nil)
		waitFor(t, "the other instance to see the sign-off lifted", func() bool { return !signoff(b)() })
	})
}
