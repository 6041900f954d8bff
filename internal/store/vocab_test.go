package store_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"liuyan/internal/lifecycle"
	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
	"liuyan/internal/vocab"
)

func TestVocab(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := setup(t, s)
		load := func() *vocab.Set {
			t.Helper()
			set, err := s.LoadVocab(ctx, lifecycle.DefaultPolicy())
			if err != nil {
				t.Fatal(err)
			}
			return set
		}
		set := load()
		// The migration seeds DESIGN §2's lists and §3's handling days.
		if got := set.Types(); !slices.Equal(got, []string{"投诉/求助", "咨询", "建言", "感谢"}) {
			t.Errorf("types %v", got)
		}
		if len(set.Domains()) != 15 || set.Domains()[0] != "城建" || !slices.Contains(set.Tags(), "疫情防控") {
			t.Errorf("domains %v, tags %v", set.Domains(), set.Tags())
		}
		if p := set.Policy(f.board.ID); p.HandlingDays("投诉/求助") != 7 || p.HandlingDays("咨询") != 5 || p.MaxExtension != 10 {
			t.Errorf("default policy %+v", p)
		}

		m := newMessage(f, true, "")
		m.Tags = []string{"疫情防控", "夜间施工"}
		if err := s.InTx(ctx, func(tx *store.Tx) error { _, err := tx.InsertMessage(ctx, m); return err }); err != nil {
			t.Fatal(err)
		}
		complaint, _ := set.Term(vocab.Type, "投诉/求助")
		urban, _ := set.Term(vocab.Domain, "城建")
		epidemic, _ := set.Term(vocab.Tag, "疫情防控")
		tx := func(fn func(tx *store.Tx) error) error { return s.InTx(ctx, fn) }

		// Terms that messages carry cannot be deleted, only retired.
		for _, term := range []vocab.Term{complaint, urban, epidemic} {
			if err := tx(func(tx *store.Tx) error { _, err := tx.DeleteTerm(ctx, term.ID); return err }); !errors.Is(err, store.ErrInUse) {
				t.Errorf("delete %s in use: %v", term.Name, err)
			}
		}
		// A rename carries to the messages that have the term.
		err := tx(func(tx *store.Tx) error {
			for id, name := range map[int64]string{complaint.ID: "投诉求助", urban.ID: "城乡建设", epidemic.ID: "疫情防控工作"} {
				if _, err := tx.RenameTerm(ctx, id, name); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.Message(ctx, m.ID, store.Viewer{All: true})
		if err != nil {
			t.Fatal(err)
		}
		if got.Type != "投诉求助" || got.Domain != "城乡建设" || !slices.Contains(got.Tags, "疫情防控工作") {
			t.Errorf("after renames: %s %s %v", got.Type, got.Domain, got.Tags)
		}
		// A name the list has, or a free tag messages carry, is refused.
		for _, c := range []struct {
			id   int64
			name string
		}{{complaint.ID, "咨询"}, {epidemic.ID, "夜间施工"}} {
			if err := tx(func(tx *store.Tx) error { _, err := tx.RenameTerm(ctx, c.id, c.name); return err }); !errors.Is(err, store.ErrConflict) {
				t.Errorf("rename to %s: %v, want a conflict", c.name, err)
			}
		}

		// A new term goes to the end; unused, it can be deleted.
		added := vocab.Term{Kind: vocab.Domain, Code: "housing", Name: "住房"}
		if err := tx(func(tx *store.Tx) error { return tx.AddTerm(ctx, &added) }); err != nil {
			t.Fatal(err)
		}
		if d := load().Domains(); d[len(d)-1] != "住房" {
			t.Errorf("added domain not last: %v", d)
		}
		dup := vocab.Term{Kind: vocab.Domain, Code: "housing2", Name: "住房"}
		if err := tx(func(tx *store.Tx) error { return tx.AddTerm(ctx, &dup) }); !errors.Is(err, store.ErrConflict) {
			t.Errorf("duplicate name: %v", err)
		}
		if err := tx(func(tx *store.Tx) error { _, err := tx.DeleteTerm(ctx, added.ID); return err }); err != nil {
			t.Errorf("delete unused: %v", err)
		}
		// Retired, a term names old messages but takes no new ones.
		if err := tx(func(tx *store.Tx) error { return tx.SetTermRetired(ctx, urban.ID, true) }); err != nil {
			t.Fatal(err)
		}
		set = load()
		if set.Allowed(vocab.Domain, "城乡建设") || !set.Known(vocab.Domain, "城乡建设") || slices.Contains(set.Domains(), "城乡建设") {
			t.Error("a retired domain must be known but not allowed")
		}

		// A board's own deadlines override the type's days; clearing them
		// restores the defaults.
		rules := vocab.BoardRules{BoardID: f.board.ID, TypeDays: map[int64]int{complaint.ID: 3}, MaxExtension: 5, MaxFollowups: 1}
		if err := tx(func(tx *store.Tx) error { return tx.SetBoardRules(ctx, rules) }); err != nil {
			t.Fatal(err)
		}
		if p := load().Policy(f.board.ID); p.HandlingDays("投诉求助") != 3 || p.HandlingDays("咨询") != 5 || p.MaxExtension != 5 || p.MaxFollowups != 1 {
			t.Errorf("board policy %+v", p)
		}
		if err := tx(func(tx *store.Tx) error { _, err := tx.DeleteTerm(ctx, complaint.ID); return err }); !errors.Is(err, store.ErrInUse) {
			t.Errorf("delete a type a board's rules name: %v", err)
		}
		if err := tx(func(tx *store.Tx) error { return tx.ClearBoardRules(ctx, f.board.ID) }); err != nil {
			t.Fatal(err)
		}
		if p := load().Policy(f.board.ID); p.HandlingDays("投诉求助") != 7 || p.MaxExtension != 10 {
			t.Errorf("cleared board policy %+v", p)
		}
		if err := tx(func(tx *store.Tx) error { return tx.SetBoardRules(ctx, vocab.BoardRules{BoardID: 999999}) }); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("rules of an unknown board: %v", err)
		}
	})
}
