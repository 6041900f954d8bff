package transfer

import (
	"context"
	"slices"
	"strings"
	"testing"
	"unicode"

	"liuyan/internal/lifecycle"
	"liuyan/internal/search"
	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
	"liuyan/internal/textmine/classify"
	"liuyan/internal/textmine/dedupe"
)

// TestImportReadsText: imported messages get what submissions get from
// their text — the classifier's domain and the near-duplicate fingerprint
// — computed on several workers; the suggestions of the labelled TipDM
// sample mostly agree with its labels, and importing again adds nothing.
func TestImportReadsText(t *testing.T) {
	path := sharedData(t, "tipdm/sample_raw.csv")
	storetest.Seeded(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		lists, err := s.LoadVocab(ctx, lifecycle.DefaultPolicy())
		if err != nil {
			t.Fatal(err)
		}
		labels := map[string]string{} // title → the file's label, as a domain
		for _, r := range readCSV(t, path) {
			if d, ok := lists.DomainFor(r["一级分类"]); ok {
				labels[strings.TrimSpace(r["留言主题"])] = d
			}
		}
		o := options("430000", true)
		o.Suggest, o.Workers, o.BatchSize = classify.Suggest, 3, 50
		sum, err := Import(ctx, s, path, o)
		if err != nil {
			t.Fatal(err)
		}
		if sum.Added == 0 || sum.Rejected != 0 {
			t.Fatalf("%+v", sum)
		}
		ms := storetest.AllMessages(t, s)
		if len(ms) != sum.Added {
			t.Fatalf("%d messages stored, %d added", len(ms), sum.Added)
		}
		agree, labelled := 0, 0
		for _, m := range ms {
			if m.SuggestedDomain == "" || m.Confidence <= 0 {
				t.Fatalf("message %d (%s) has no suggestion", m.ID, m.Title)
			}
			if m.Fingerprint != uint64(dedupe.Of(m.Title, m.Body)) {
				t.Fatalf("message %d: fingerprint %x, its text's is %x", m.ID, m.Fingerprint, dedupe.Of(m.Title, m.Body))
			}
			if d, ok := labels[m.Title]; ok {
				labelled++
				if d == m.SuggestedDomain {
					agree++
				}
			}
		}
		if labelled < sum.Added/2 || float64(agree) < 0.8*float64(labelled) {
			t.Errorf("suggestions agree with %d of %d labels", agree, labelled)
		}
		again, err := Import(ctx, s, path, o)
		if err != nil || again.Added != 0 || again.Skipped != again.Rows {
			t.Fatalf("second import: %+v, %v", again, err)
		}
	})
}

// TestImportIsSearchable: when Import returns, every message it added is
// in the search index under the tokens of its own public text (cut on the
// import's workers): a phrase from each message's title, searched among
// its author's messages, finds it; and the index lacks nothing.
func TestImportIsSearchable(t *testing.T) {
	path := sharedData(t, "tipdm/sample_raw.csv")
	storetest.Seeded(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		o := options("430000", true)
		o.Workers, o.BatchSize = 3, 50
		sum, err := Import(ctx, s, path, o)
		if err != nil {
			t.Fatal(err)
		}
		if sum.Added < 400 {
			t.Fatalf("%+v", sum)
		}
		if n, err := s.Reindex(ctx); err != nil || n != 0 {
			t.Fatalf("the index lacked %d imported messages (%v)", n, err)
		}
		found, tried := 0, 0
		for _, m := range storetest.AllMessages(t, s) {
			phrase := hanRun(m.PublicTitle, 3)
			if phrase == "" {
				continue
			}
			tried++
			q, err := search.Parse(phrase)
			if err != nil {
				t.Fatal(err)
			}
			hits, err := s.SearchMessages(ctx, q, store.Filter{AuthorID: m.AuthorID, Limit: 100}, 0, store.Viewer{All: true})
			if err != nil {
				t.Fatal(err)
			}
			if slices.ContainsFunc(hits, func(h store.Hit) bool { return h.Message.ID == m.ID }) {
				found++
			} else {
				t.Errorf("message %d not found by %q among its author's messages", m.ID, phrase)
			}
		}
		if tried < sum.Added*9/10 {
			t.Errorf("only %d of %d titles had a phrase to search", tried, sum.Added)
		}
	})
}

// hanRun returns the first n consecutive Han characters of s, or "".
func hanRun(s string, n int) string {
	var run []rune
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) {
			run = run[:0]
			continue
		}
		if run = append(run, r); len(run) == n {
			return string(run)
		}
	}
	return ""
}
