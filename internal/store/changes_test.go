package store_test

import (
	"context"
	"io"
	"log/slog"
	"slices"
	"testing"
	"time"

	"liuyan/internal/lifecycle"
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
		if b.Dialect() == store.Postgres {
			go b.Listen(ctx, slog.New(slog.NewTextHandler(io.Discard, nil)))
			waitFor(t, "b to listen", b.Listening)
		} else {
			b = a // one process serves SQLite: its writes and reads share one store
		}
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
		if b.Dialect() == store.Postgres {
			go b.Listen(ctx, slog.New(slog.NewTextHandler(io.Discard, nil)))
			waitFor(t, "b to listen", b.Listening)
		} else {
			b = a
		}
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

// TestCachedBoardsAcrossInstances: a board kept in memory by one instance
// follows a change made through the other, and one that rolls back
// changes nothing.
func TestCachedBoardsAcrossInstances(t *testing.T) {
	storetest.EachPair(t, func(t *testing.T, a, b *store.Store) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		if b.Dialect() == store.Postgres {
			go b.Listen(ctx, slog.New(slog.NewTextHandler(io.Discard, nil)))
			waitFor(t, "b to listen", b.Listening)
		} else {
			b = a
		}
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
