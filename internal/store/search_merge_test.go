package store_test

import (
	"bufio"
	"context"
	"os"
	"slices"
	"strings"
	"testing"

	"liuyan/internal/search"
	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
)

// TestSearchIndexStaysMerged: with FTS5's own merging off (migration
// 0029), the writer's merge steps keep the search index's segments few, as
// FTS5 would: a level is merged once it holds four. Without them, a level
// fills to fifteen segments before FTS5 merges them all at once.
func TestSearchIndexStaysMerged(t *testing.T) {
	s := storetest.SQLite(t)
	ctx := context.Background()
	f := setup(t, s)
	if v := count(t, s, "SELECT v FROM message_search_config WHERE k = 'automerge'"); v != 0 {
		t.Fatalf("FTS5's own merging is on: automerge %d", v)
	}
	texts := tipdmTexts(t)
	most, levels, noise := 0, 0, 0
	for i := range 240 {
		m := newMessage(f, true, "")
		tx := texts[i%len(texts)]
		m.Title, m.PublicTitle, m.Body, m.PublicBody = tx[0], tx[0], tx[1], tx[1]
		if strings.Contains(tx[0]+tx[1], "噪音") {
			noise++
		}
		if err := s.InTx(ctx, func(tx *store.Tx) error { _, err := tx.InsertMessage(ctx, m); return err }); err != nil {
			t.Fatal(err)
		}
		segs, err := s.SearchSegmentsForTest(ctx)
		if err != nil {
			t.Fatal(err)
		}
		most, levels = max(most, slices.Max(segs)), len(segs)
	}
	if most > 6 {
		t.Errorf("a level of the search index held %d segments: merges fell behind", most)
	}
	if levels < 3 {
		t.Errorf("the index has %d levels after 240 commits: nothing was merged", levels)
	}
	// Every message is still found.
	q, err := search.Parse("噪音")
	if err != nil {
		t.Fatal(err)
	}
	if got := count(t, s, "SELECT COUNT(*) FROM message_search WHERE message_search MATCH ?", q.FTS5(search.Scope{})); got != int64(noise) || noise == 0 {
		t.Errorf("the index finds 噪音 in %d messages, want %d", got, noise)
	}
}

// count runs a query of one integer on a reader.
func count(t *testing.T, s *store.Store, q string, args ...any) int64 {
	t.Helper()
	rows, err := s.QueryForTest(context.Background(), q, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var n int64
	if !rows.Next() {
		t.Fatalf("%s: no row", q)
	}
	if err := rows.Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// tipdmTexts reads the titles and bodies of the search fixture.
func tipdmTexts(t *testing.T) [][2]string {
	t.Helper()
	f, err := os.Open("testdata/search_tipdm.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	sc.Scan() // header
	var out [][2]string
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		out = append(out, [2]string{cols[1], cols[2]})
	}
	if err := sc.Err(); err != nil || len(out) == 0 {
		t.Fatalf("fixture: %d texts, %v", len(out), err)
	}
	return out
}
