package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
	"liuyan/internal/textmine/dedupe"
)

// TestDuplicateSearchAcrossTheTransaction: a search begun before the write
// transaction finds the oldest near-duplicate whether it was written
// before the search began or between the search and the transaction.
func TestDuplicateSearchAcrossTheTransaction(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := setup(t, s)
		fp := uint64(dedupe.Of("下沙街道工地夜间施工噪音扰民", "工地每晚十一点后仍在施工，请相关部门尽快处理。"))
		since := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		insert := func(key string) int64 {
			m := newMessage(f, true, key)
			m.Fingerprint = fp
			if err := s.InTx(ctx, func(tx *store.Tx) error { _, err := tx.InsertMessage(ctx, m); return err }); err != nil {
				t.Fatal(err)
			}
			return m.ID
		}
		find := func(d *store.DuplicateSearch) int64 {
			var got int64
			if err := s.InTx(ctx, func(tx *store.Tx) (err error) { got, err = tx.NearDuplicate(ctx, d); return err }); err != nil {
				t.Fatal(err)
			}
			return got
		}
		begin := func() *store.DuplicateSearch {
			d, err := s.BeginDuplicateSearch(ctx, fp, dedupe.MaxDistance, since)
			if err != nil {
				t.Fatal(err)
			}
			return d
		}

		d := begin()
		first := insert("dup-1") // written after the search began
		if got := find(d); got != first {
			t.Errorf("a duplicate written between the search and the transaction: found %d, want %d", got, first)
		}
		insert("dup-2")
		d = begin()
		insert("dup-3")
		if got := find(d); got != first {
			t.Errorf("the oldest of three: found %d, want %d", got, first)
		}
		if got := find(begin()); got != first {
			t.Errorf("a search with everything written before it: found %d, want %d", got, first)
		}
		other, err := s.BeginDuplicateSearch(ctx, ^fp, dedupe.MaxDistance, since)
		if err != nil {
			t.Fatal(err)
		}
		if got := find(other); got != 0 {
			t.Errorf("an unrelated fingerprint found %d", got)
		}
	})
}

// TestNearDuplicatePlan: on SQLite the lookup reads each fingerprint
// block's index with the window, from the index alone (0028), and never
// walks the messages by ID (an OR of the four blocks did, once the
// indexes became partial: a second a submission at a million messages).
func TestNearDuplicatePlan(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		plan, err := s.PlanNearDuplicateForTest(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if s.Dialect() != store.SQLite {
			return
		}
		for i := range 4 {
			if want := fmt.Sprintf("USING COVERING INDEX messages_fp%d_window (fp%d=? AND created_at>?)", i, i); !strings.Contains(plan, want) {
				t.Errorf("plan lacks %q:\n%s", want, plan)
			}
		}
		if strings.Contains(plan, "PRIMARY KEY") || strings.Contains(plan, "SCAN messages") {
			t.Errorf("plan walks the messages:\n%s", plan)
		}
	})
}

// TestDuplicateSearchOfRecentMessages: a search begun on a store with
// other messages finds, in its transaction, a near-duplicate written
// since, whether a few messages were written meanwhile (read by ID) or
// more than the transaction reads so (the fingerprint indexes answer); it
// follows that message's own link to its original, and passes over one
// dated before the window.
func TestDuplicateSearchOfRecentMessages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := setup(t, s)
		fp := uint64(dedupe.Of("下沙街道工地夜间施工噪音扰民", "工地每晚十一点后仍在施工，请相关部门尽快处理。"))
		other := uint64(dedupe.Of("文一西路公交站台破损", "站台顶棚破损漏雨，雨天候车的市民无处躲雨。"))
		since := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		insert := func(fp uint64, dupOf int64, at time.Time) int64 {
			m := newMessage(f, true, "")
			m.Fingerprint, m.DuplicateOf, m.CreatedAt, m.UpdatedAt = fp, dupOf, at, at
			if err := s.InTx(ctx, func(tx *store.Tx) error { _, err := tx.InsertMessage(ctx, m); return err }); err != nil {
				t.Fatal(err)
			}
			return m.ID
		}
		inWindow := time.Date(2026, 6, 1, 8, 30, 0, 0, time.UTC)
		before := time.Date(2025, 12, 1, 8, 30, 0, 0, time.UTC)
		insert(other, 0, inWindow)
		search := func(fp uint64, write func()) int64 {
			t.Helper()
			d, err := s.BeginDuplicateSearch(ctx, fp, dedupe.MaxDistance, since)
			if err != nil {
				t.Fatal(err)
			}
			write()
			var got int64
			if err := s.InTx(ctx, func(tx *store.Tx) (err error) { got, err = tx.NearDuplicate(ctx, d); return err }); err != nil {
				t.Fatal(err)
			}
			return got
		}
		// Before the window: not an original.
		if got := search(fp, func() { insert(fp, 0, before) }); got != 0 {
			t.Errorf("a message dated before the window was found: %d", got)
		}
		// A few written meanwhile, one of them a duplicate of an older
		// message: its original is the answer.
		var original int64
		got := search(fp, func() {
			insert(other, 0, inWindow)
			original = insert(other, 0, inWindow) // stands for an original of another subject
			insert(fp, original, inWindow)
			insert(other, 0, inWindow)
		})
		if got != original {
			t.Errorf("a duplicate written meanwhile: found %d, want its original %d", got, original)
		}

		// More written meanwhile than the transaction reads by ID, about a
		// subject not written before.
		third := uint64(dedupe.Of("城西银泰城地下车库收费过高", "地下车库停车每小时十元，周边居民希望物价部门核查收费标准。"))
		var want int64
		got = search(third, func() {
			for i := range 100 {
				if i == 70 {
					want = insert(third, 0, inWindow)
					continue
				}
				insert(other, 0, inWindow)
			}
		})
		if got != want {
			t.Errorf("a duplicate among 100 written meanwhile: found %d, want %d", got, want)
		}
	})
}
