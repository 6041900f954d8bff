package transfer

import (
	"context"
	"strings"
	"testing"

	"liuyan/internal/lifecycle"
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
