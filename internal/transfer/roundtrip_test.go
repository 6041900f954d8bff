package transfer

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"liuyan/internal/calendar"
	"liuyan/internal/demo"
	"liuyan/internal/directory"
	"liuyan/internal/lifecycle"
	"liuyan/internal/mask"
	"liuyan/internal/message"
	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
	"liuyan/internal/workflow"
)

// exportLines exports a store as JSON lines, each without the fields that
// differ between stores by nature: the message's ID here and the login
// of its author (a board's own citizens become imported authors).
func exportLines(t *testing.T, s *store.Store, f store.ExportFilter) []string {
	t.Helper()
	var buf bytes.Buffer
	if _, err := Export(context.Background(), s, &buf, JSONL, f); err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		var obj map[string]json.RawMessage
		if err := json.Unmarshal([]byte(l), &obj); err != nil {
			t.Fatal(err)
		}
		delete(obj, "id")
		delete(obj, "author_login")
		b, _ := json.Marshal(obj)
		lines = append(lines, string(b))
	}
	return lines
}

// A store with the demo's messages, written through the workflow in every
// state, and imported history: every fourth message of the Zhejiang board
// (all its boards, states and grades are among them), and the TipDM
// replies with the longest answers (thousands of characters, which a
// spreadsheet cell must hold).
func fullStore(t *testing.T, s *store.Store) {
	t.Helper()
	ctx := context.Background()
	d := &workflow.Desk{Store: s, Calendar: calendar.Default(), Policy: lifecycle.DefaultPolicy(), Limits: message.DefaultLimits,
		Now: func() time.Time { return time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC) }}
	if _, err := demo.Load(ctx, d); err != nil {
		t.Fatal(err)
	}
	zhejiang := sample(t, sharedData(t, "liuyan/zhejiang_messages.csv"), func(rows [][]string) [][]string {
		var every4 [][]string
		for i := 0; i < len(rows); i += 4 {
			every4 = append(every4, rows[i])
		}
		return every4
	})
	replies := sample(t, sharedData(t, "tipdm/replies.csv"), func(rows [][]string) [][]string {
		slices.SortStableFunc(rows, func(a, b []string) int { return len(b[5]) - len(a[5]) }) // 答复意见
		return rows[:100]
	})
	for _, f := range []struct{ path, region string }{{zhejiang, "330000"}, {replies, "430000"}} {
		if _, err := Import(ctx, s, f.path, options(f.region, true)); err != nil {
			t.Fatal(err)
		}
	}
}

// sample writes the rows pick chooses from a CSV file to a file of its own.
func sample(t *testing.T, path string, pick func([][]string) [][]string) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), filepath.Base(path))
	w, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	cw := csv.NewWriter(w)
	cw.WriteAll(append([][]string{recs[0]}, pick(recs[1:])...))
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return out
}

// Export, then import into an empty store, gives the same messages back:
// the same counts per state, type and domain, and field for field the same
// export — replies, follow-ups, ratings, logs and times included.
func TestExportImportRoundTrip(t *testing.T) {
	storetest.Seeded(t, func(t *testing.T, a *store.Store) {
		ctx := context.Background()
		fullStore(t, a)
		want := exportLines(t, a, store.ExportFilter{})
		wantCounts := storeCounts(t, a)
		t.Run("public", func(t *testing.T) { checkPublicExport(t, a, len(want)) })
		for _, format := range Formats {
			t.Run(format, func(t *testing.T) {
				path := filepath.Join(t.TempDir(), "messages."+format)
				out, err := os.Create(path)
				if err != nil {
					t.Fatal(err)
				}
				n, err := Export(ctx, a, out, format, store.ExportFilter{})
				if cerr := out.Close(); err != nil || cerr != nil || n != len(want) {
					t.Fatalf("export: %d messages, %v %v; want %d", n, err, cerr, len(want))
				}
				b := storetest.Postgres(t)
				if a.Dialect() == store.SQLite {
					b = storetest.SQLite(t)
				}
				if _, err := seed(b); err != nil {
					t.Fatal(err)
				}
				o := options("", true)
				sum, err := Import(ctx, b, path, o)
				if err != nil {
					t.Fatal(err)
				}
				if sum.Format != Native || sum.Added != n || sum.Rejected != 0 {
					t.Fatalf("%+v %v", sum, sum.Problems)
				}
				sameCounts(t, format, storeCounts(t, b), wantCounts)
				got := exportLines(t, b, store.ExportFilter{})
				for i := range want {
					if i >= len(got) || got[i] != want[i] {
						t.Fatalf("message %d differs after the round trip:\n got %s\nwant %s", i, at(got, i), want[i])
					}
				}
				again, err := Import(ctx, b, path, o)
				if err != nil || again.Added != 0 || again.Skipped != n {
					t.Fatalf("second import: %+v %v", again, err)
				}
			})
		}
	})
}

func at(lines []string, i int) string {
	if i < len(lines) {
		return lines[i]
	}
	return "(none)"
}

// checkPublicExport checks that a public export holds what everyone may
// see: public messages once accepted, masked text, no staff notes, no
// logins.
func checkPublicExport(t *testing.T, s *store.Store, all int) {
	t.Helper()
	ctx := context.Background()
	var private int
	err := s.Export(ctx, store.ExportFilter{}, func(r *store.Record) error {
		if !r.Message.Public || r.Message.Status == lifecycle.Submitted || r.Message.Status == lifecycle.Rejected {
			private++
		}
		return nil
	})
	if err != nil || private == 0 {
		t.Fatalf("the demo must have messages the public may not see: %d, %v", private, err)
	}
	var buf bytes.Buffer
	n, err := Export(ctx, s, &buf, JSONL, store.ExportFilter{Public: true})
	if err != nil || n != all-private {
		t.Fatalf("%d public messages (%v), want %d", n, err, all-private)
	}
	for _, l := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		var row struct {
			Login  string      `json:"author_login"`
			Body   string      `json:"body"`
			Public bool        `json:"public"`
			Status string      `json:"status"`
			Events []eventJSON `json:"events"`
		}
		if err := json.Unmarshal([]byte(l), &row); err != nil {
			t.Fatal(err)
		}
		if row.Login != "" || !row.Public || row.Status == "submitted" || row.Status == "rejected" {
			t.Fatalf("not for the public: %s", l)
		}
		if spans := mask.Find(row.Body); len(spans) > 0 {
			t.Fatalf("personal data in a public export: %v in %s", spans, row.Body)
		}
		for _, e := range row.Events {
			if e.Note != "" {
				t.Fatalf("a staff note in a public export: %s", l)
			}
		}
	}
}

func seed(s *store.Store) (int, error) { return directory.SeedLeaders(context.Background(), s) }
