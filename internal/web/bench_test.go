package web_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"testing"
	"time"

	"liuyan/internal/account"
	"liuyan/internal/bench"
	"liuyan/internal/calendar"
	"liuyan/internal/demo"
	"liuyan/internal/directory"
	"liuyan/internal/lifecycle"
	"liuyan/internal/message"
	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
	"liuyan/internal/web"
	"liuyan/internal/workflow"
)

// BenchmarkMessagePage serves the public page of a rated message of the
// demo (about 300 messages) to a visitor through the whole handler, from
// the kept copy (kept) and rendered (rendered: the message with its
// events, replies, follow-ups, rating, board, units and images, and the
// template). The target is under 5 ms.
//
// LIUYAN_BENCH_MESSAGES=N fills the store to N messages first (1000000
// for the target's scale): copies of the demo's messages with their whole
// histories, written through the import's bulk path, so that the tables
// and indexes the page reads have the size of a real board's.
func BenchmarkMessagePage(b *testing.B) {
	total := benchMessages(b)
	eachDemo(b, func(b *testing.B, s *store.Store, d *workflow.Desk) {
		ctx := context.Background()
		rated, err := s.Messages(ctx, store.Filter{Status: lifecycle.Rated, Limit: 1}, store.Viewer{})
		if err != nil || len(rated) == 0 {
			b.Fatalf("no rated message in the demo: %v", err)
		}
		if total > 0 {
			fillTo(b, s, total)
		}
		// kept is the page as visitors get it, from the copy kept
		// once rendered and checked against the store on each view;
		// rendered renders it on every view, as for a signed-in person.
		for _, v := range []struct {
			name  string
			bytes int
		}{{"kept", 0}, {"rendered", -1}} {
			b.Run(v.name, func(b *testing.B) {
				w, err := web.New(web.Config{Store: s, Desk: d, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), PageCacheBytes: v.bytes})
				if err != nil {
					b.Fatal(err)
				}
				mux := http.NewServeMux()
				w.Register(mux)
				target := "/messages/" + strconv.FormatInt(rated[0].ID, 10)
				b.ReportAllocs()
				// The processor time is this process's: on SQLite all the
				// work of a page, on PostgreSQL without the server's side.
				cpu := cpuTime()
				for b.Loop() {
					rec := httptest.NewRecorder()
					mux.ServeHTTP(rec, httptest.NewRequest("GET", target, nil))
					if rec.Code != http.StatusOK {
						b.Fatalf("status %d", rec.Code)
					}
				}
				b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/op")
			})
		}
	})
}

// BenchmarkBoardPage serves the public page of the demo's busiest board
// to a visitor through the whole handler, from the kept copy (kept) and
// rendered (rendered: the board, its figures from the rollups, its first
// 20 messages with their board names and flags, the filters' lists, the
// template); bare is the baseline of liuyan bench, the board's row and
// its first 20 public messages read and written out as JSON.
//
// LIUYAN_BENCH_MESSAGES=N fills the store to N messages first, as
// BenchmarkMessagePage does; the busiest board gets about a tenth of
// them (170000 gives it the 17,000 of the busiest board at a million).
func BenchmarkBoardPage(b *testing.B) {
	total := benchMessages(b)
	eachDemo(b, func(b *testing.B, s *store.Store, d *workflow.Desk) {
		ctx := context.Background()
		// The fill copies every message alike, so the busiest board of
		// the demo stays the busiest.
		all, err := s.Messages(ctx, store.Filter{Limit: 10000}, store.Viewer{})
		if err != nil || len(all) == 0 {
			b.Fatalf("no public message in the demo: %v", err)
		}
		count := map[int64]int{}
		busiest := all[0].BoardID
		for _, m := range all {
			if count[m.BoardID]++; count[m.BoardID] > count[busiest] {
				busiest = m.BoardID
			}
		}
		if total > 0 {
			fillTo(b, s, total)
		}
		n, err := s.BoardMessageCounts(ctx, []int64{busiest})
		if err != nil {
			b.Fatal(err)
		}
		b.Logf("the busiest board has %d published messages", n[busiest])
		handlers := []struct {
			name  string
			bytes int
		}{{"kept", 0}, {"rendered", -1}, {"bare", 0}}
		for _, v := range handlers {
			b.Run(v.name, func(b *testing.B) {
				var h http.Handler
				target := "/boards/" + strconv.FormatInt(busiest, 10)
				if v.name == "bare" {
					h, target = bench.Bare(s, 0), "/bare"+target
				} else {
					w, err := web.New(web.Config{Store: s, Desk: d, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), PageCacheBytes: v.bytes})
					if err != nil {
						b.Fatal(err)
					}
					mux := http.NewServeMux()
					w.Register(mux)
					h = mux
				}
				get := func() {
					rec := httptest.NewRecorder()
					h.ServeHTTP(rec, httptest.NewRequest("GET", target, nil))
					if rec.Code != http.StatusOK {
						b.Fatalf("status %d", rec.Code)
					}
				}
				// The first view folds the filled log into the rollups
				// and keeps the page: not what a view costs.
				get()
				b.ReportAllocs()
				cpu := cpuTime()
				for b.Loop() {
					get()
				}
				b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/op")
			})
		}
	})
}

// fillTo adds copies of the store's messages, each with its events,
// replies, follow-ups and rating, through the import's bulk path until
// the store holds n messages.
// benchMessages is the size LIUYAN_BENCH_MESSAGES asks the page
// benchmarks to fill the store to; 0 leaves the demo as it is.
func benchMessages(b *testing.B) int {
	v := os.Getenv("LIUYAN_BENCH_MESSAGES")
	if v == "" {
		return 0
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		b.Fatalf("LIUYAN_BENCH_MESSAGES must be a positive number, got %q", v)
	}
	return n
}

// eachDemo runs f on each store, loaded with the leader boards and the
// demo's messages, and the desk that acts on it.
func eachDemo(b *testing.B, f func(*testing.B, *store.Store, *workflow.Desk)) {
	for _, backend := range []struct {
		name string
		open func(testing.TB) *store.Store
	}{{"sqlite", storetest.SQLite}, {"postgres", storetest.Postgres}} {
		b.Run(backend.name, func(b *testing.B) {
			ctx := context.Background()
			s := backend.open(b)
			if _, err := directory.SeedLeaders(ctx, s); err != nil {
				b.Fatal(err)
			}
			d := &workflow.Desk{Store: s, Calendar: calendar.Default(), Policy: lifecycle.DefaultPolicy(), Limits: message.DefaultLimits}
			if _, err := demo.Load(ctx, d); err != nil {
				b.Fatal(err)
			}
			f(b, s, d)
		})
	}
}

func fillTo(b *testing.B, s *store.Store, n int) {
	b.Helper()
	ctx := context.Background()
	began := time.Now()
	ms, err := s.Messages(ctx, store.Filter{Limit: 1000}, store.Viewer{All: true})
	if err != nil || len(ms) == 0 {
		b.Fatalf("no messages to copy: %v", err)
	}
	type history struct {
		events    []message.Event
		replies   []message.Reply
		followups []message.Followup
		rating    *message.Rating
	}
	hs := make([]history, len(ms))
	for i, m := range ms {
		h := &hs[i]
		if h.events, err = s.Events(ctx, m.ID); err != nil {
			b.Fatal(err)
		}
		if h.replies, err = s.Replies(ctx, m.ID, true); err != nil {
			b.Fatal(err)
		}
		if h.followups, err = s.Followups(ctx, m.ID); err != nil {
			b.Fatal(err)
		}
		if h.rating, err = s.Rating(ctx, m.ID); err != nil && !errors.Is(err, store.ErrNotFound) {
			b.Fatal(err)
		}
	}
	const batch = 5000
	for i := len(ms); i < n; {
		recs := make([]*store.Record, 0, batch)
		for ; len(recs) < batch && i < n; i++ {
			k := i % len(ms)
			src, h := ms[k], hs[k]
			rec := &store.Record{Message: *src, Source: "bench", SourceID: strconv.Itoa(i), Author: account.User{ID: src.AuthorID},
				Events: h.events, Replies: h.replies, Followups: h.followups, Rating: h.rating}
			recs = append(recs, rec)
		}
		if _, err := s.ImportBatch(ctx, recs); err != nil {
			b.Fatal(err)
		}
	}
	b.Logf("filled to %d messages in %v", n, time.Since(began).Round(time.Second))
}
