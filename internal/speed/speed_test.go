package speed_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"liuyan/internal/account"
	"liuyan/internal/calendar"
	"liuyan/internal/demo"
	"liuyan/internal/directory"
	"liuyan/internal/lifecycle"
	"liuyan/internal/message"
	"liuyan/internal/stats"
	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
	"liuyan/internal/web"
	"liuyan/internal/workflow"
)

// pair is one measurement of the check: liuyan's way and the baseline.
type pair struct {
	name       string
	liuyan     func(i int) error
	baseline   func(i int) error
	limit      float64 // the ratio that fails the check: twice today's
	liuyanDoes string
}

// The limits are twice the highest ratio measured on 2026-11-27 (six runs
// on SQLite, seven on PostgreSQL; BENCHMARKS.md, "Speed regression
// check"), per store, since the stores spend their time differently. The
// SQLite message page was measured again (11.02, 11.27) once the store
// kept its read statements prepared: the bare read it is compared with
// went from about 50 to 25 µs, the page stayed near 270 µs; that is the
// limit of the rendered page still. The page as visitors get it, kept
// once rendered, was measured five times on each store when it was kept
// (SQLite 0.54–0.55, PostgreSQL 0.51–0.55). The board page, kept and
// rendered, was measured when it was kept (branch boardcache): kept
// SQLite 0.08 in five runs, PostgreSQL 0.17–0.19 in three; rendered
// SQLite 5.47–6.55 in five, PostgreSQL 5.05–7.34 in four.
var limits = map[string]map[string]float64{
	"sqlite": {"message page": 2 * 0.55, "message page rendered": 2 * 11.27, "board page": 2 * 0.08, "board page rendered": 2 * 6.55,
		"submit": 2 * 3.09, "summary": 2 * 5.14},
	"postgres": {"message page": 2 * 0.55, "message page rendered": 2 * 8.24, "board page": 2 * 0.19, "board page rendered": 2 * 7.34,
		"submit": 2 * 6.14, "summary": 2 * 5.72},
}

// batches is how many ratios each pair is measured as; the median batch
// is compared with the limit, and every batch is shown.
const batches = 5

// batchTime is how long one batch samples a pair, and minRuns the fewest
// runs of each side it takes, however long they are.
const (
	batchTime = 250 * time.Millisecond
	minRuns   = 20
)

// TestSpeedRatios measures each pair on both stores and fails when a
// ratio passes its limit. It runs when LIUYAN_SPEED_CHECK=1, as
// scripts/test sets for its own run without the race detector, which
// slows liuyan's code and the baselines by different factors.
func TestSpeedRatios(t *testing.T) {
	if os.Getenv("LIUYAN_SPEED_CHECK") != "1" {
		t.Skip("the speed check runs with LIUYAN_SPEED_CHECK=1 (scripts/test sets it, without -race)")
	}
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		backend := "sqlite"
		if s.Dialect() == store.Postgres {
			backend = "postgres"
		}
		for _, p := range pairs(t, s) {
			x, all := ratio(t, p)
			limit := limits[backend][p.name]
			t.Logf("%-8s %-21s ratio %5.2f (limit %5.2f); batches: %s", backend, p.name, x, limit, strings.Join(all, ", "))
			if x > limit {
				t.Errorf("%s on %s: %s is %.2f× its baseline, over the limit of %.2f× (twice the ratio when the check was set)",
					p.name, backend, p.liuyanDoes, x, limit)
			}
		}
	})
}

// ratio measures a pair. A batch times single runs of the two sides in
// turn, the order switching every time, and divides the fast runs of one
// (see fast) by those of the other; the answer is the median of the
// batches' ratios.
func ratio(t *testing.T, p pair) (float64, []string) {
	t.Helper()
	n := 0
	once := func(f func(int) error) time.Duration {
		n++
		start := time.Now()
		if err := f(n); err != nil {
			t.Fatalf("%s: %v", p.name, err)
		}
		return time.Since(start)
	}
	// Warm both sides: caches, prepared statements, the rollups' fold.
	for range 5 {
		once(p.liuyan)
		once(p.baseline)
	}
	var rs []float64
	var shown []string
	for range batches {
		var as, bs []time.Duration
		for end := time.Now().Add(batchTime); len(as) < minRuns || time.Now().Before(end); {
			if len(as)%2 == 0 {
				as, bs = append(as, once(p.liuyan)), append(bs, once(p.baseline))
			} else {
				bs, as = append(bs, once(p.baseline)), append(as, once(p.liuyan))
			}
		}
		x := float64(fast(as)) / float64(fast(bs))
		rs = append(rs, x)
		shown = append(shown, fmt.Sprintf("%.2f (%d runs, %v vs %v)", x, len(as), fast(as).Round(time.Microsecond), fast(bs).Round(time.Microsecond)))
	}
	slices.Sort(rs)
	return rs[len(rs)/2], shown
}

// fast is a side's typical undisturbed run: the tenth percentile. On a
// machine shared with busy neighbours most runs wait for a processor
// some of the time, the longer ones more often; the fastest tenth are
// the runs that did not, of either side.
func fast(ds []time.Duration) time.Duration { return quantile(ds, 0.1) }

func quantile(ds []time.Duration, q float64) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[int(q*float64(len(s)-1))]
}

// pairs builds the demo board on s and returns the pairs to measure on it.
func pairs(t *testing.T, s *store.Store) []pair {
	t.Helper()
	ctx := context.Background()
	start0 := time.Now()
	if _, err := directory.SeedLeaders(ctx, s); err != nil {
		t.Fatal(err)
	}
	t.Logf("leaders seeded in %v", time.Since(start0).Round(time.Millisecond))
	desk := &workflow.Desk{Store: s, Calendar: calendar.Default(), Policy: lifecycle.DefaultPolicy(), Limits: message.DefaultLimits}
	start := time.Now()
	if _, err := demo.Load(ctx, desk); err != nil {
		t.Fatal(err)
	}
	t.Logf("demo loaded in %v", time.Since(start).Round(time.Millisecond))
	return []pair{messagePage(t, s, desk, "message page", 0), messagePage(t, s, desk, "message page rendered", -1),
		boardPage(t, s, desk, "board page", 0), boardPage(t, s, desk, "board page rendered", -1),
		submit(t, s, desk), summary(t, s, desk)}
}

// messagePage: the public page of a rated message through the whole site
// against a bare handler that reads the same row and writes its public
// title and body. With the site's kept pages (pageCacheBytes 0, the
// default) that is the check of the kept copy against the store's key
// (store.PageKey); without (-1), the page rendered on every view: the
// message with its events, replies, follow-ups, rating, board, units and
// images, and the template.
func messagePage(t *testing.T, s *store.Store, desk *workflow.Desk, name string, pageCacheBytes int) pair {
	ctx := context.Background()
	rated, err := s.Messages(ctx, store.Filter{Status: lifecycle.Rated, Limit: 1}, store.Viewer{})
	if err != nil || len(rated) == 0 {
		t.Fatalf("no rated message in the demo: %v", err)
	}
	id := rated[0].ID
	site, err := web.New(web.Config{Store: s, Desk: desk, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), PageCacheBytes: pageCacheBytes})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	site.Register(mux)
	bare := http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		m, err := s.Message(r.Context(), id, store.Viewer{})
		if err != nil {
			http.Error(rw, err.Error(), http.StatusInternalServerError)
			return
		}
		rw.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(rw, "<h1>"+m.PublicTitle+"</h1><p>"+m.PublicBody+"</p>")
	})
	serve := func(h http.Handler) func(int) error {
		target := "/messages/" + strconv.FormatInt(id, 10)
		return func(int) error {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest("GET", target, nil))
			if rec.Code != http.StatusOK {
				return fmt.Errorf("status %d", rec.Code)
			}
			return nil
		}
	}
	return pair{name: name, liuyan: serve(mux), baseline: serve(bare), liuyanDoes: "serving a message's page"}
}

// boardPage: the public page of the demo's busiest board through the
// whole site as a visitor gets it, against a bare handler that reads the
// board's row and its first 20 public messages and writes their titles.
// With the site's kept pages (pageCacheBytes 0) that is the check of the
// kept copy against the store's key (store.BoardPageKey); without (-1),
// the page rendered on every view: the board, its figures from the
// rollups, its 20 messages with their board names and flags, the lists
// of the filters, and the template.
func boardPage(t *testing.T, s *store.Store, desk *workflow.Desk, name string, pageCacheBytes int) pair {
	ctx := context.Background()
	all, err := s.Messages(ctx, store.Filter{Limit: 10000}, store.Viewer{})
	if err != nil || len(all) == 0 {
		t.Fatalf("no public message in the demo: %v", err)
	}
	count := map[int64]int{}
	busiest := all[0].BoardID
	for _, m := range all {
		if count[m.BoardID]++; count[m.BoardID] > count[busiest] {
			busiest = m.BoardID
		}
	}
	site, err := web.New(web.Config{Store: s, Desk: desk, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), PageCacheBytes: pageCacheBytes})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	site.Register(mux)
	bare := http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		b, err := s.Board(r.Context(), busiest)
		if err != nil {
			http.Error(rw, err.Error(), http.StatusInternalServerError)
			return
		}
		ms, err := s.Messages(r.Context(), store.Filter{BoardID: busiest, Limit: 20}, store.Viewer{})
		if err != nil {
			http.Error(rw, err.Error(), http.StatusInternalServerError)
			return
		}
		rw.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(rw, "<h1>"+b.Name+"</h1><ol>")
		for _, m := range ms {
			io.WriteString(rw, "<li>"+m.PublicTitle+"</li>")
		}
		io.WriteString(rw, "</ol>")
	})
	serve := func(h http.Handler) func(int) error {
		target := "/boards/" + strconv.FormatInt(busiest, 10)
		return func(int) error {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest("GET", target, nil))
			if rec.Code != http.StatusOK {
				return fmt.Errorf("status %d", rec.Code)
			}
			return nil
		}
	}
	return pair{name: name, liuyan: serve(mux), baseline: serve(bare), liuyanDoes: "serving a board's page"}
}

// submit: a new message through the Desk (validation, masking, sensitive
// words, the duplicate check, the message and its first event)
// against inserting the same prepared message row in a transaction.
func submit(t *testing.T, s *store.Store, desk *workflow.Desk) pair {
	ctx := context.Background()
	author := &account.User{Login: "speed_citizen", Name: "下沙居民", Role: account.Citizen, PasswordHash: "!"}
	if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.CreateUser(ctx, author) }); err != nil {
		t.Fatal(err)
	}
	boards, err := s.Boards(ctx, "330114", "")
	if err != nil || len(boards) == 0 {
		t.Fatalf("boards of 钱塘区: %v", err)
	}
	b := boards[0]
	// Real messages to 钱塘区's boards; the number keeps each one new, so
	// that neither side meets a duplicate.
	draft := func(i int) message.Draft {
		return message.Draft{BoardID: b.ID, Type: "投诉/求助", Domain: "城建", Public: true,
			Title: "开发商占全体业主公共区域用于出租（" + strconv.Itoa(i) + "）",
			Body: "钱塘区大江东宝龙广场开发商在公共用地擅自出租摊位开设露天烧烤，每天晚7点到12点油烟未经处理直接排放，" +
				"明火和噪声严重影响楼上居民。第" + strconv.Itoa(i) + "次反映，联系电话13957112345。"}
	}
	viaDesk := func(i int) error {
		_, _, err := desk.Submit(ctx, author, draft(i), "")
		return err
	}
	bare := func(i int) error {
		d := draft(i)
		now := time.Now()
		m := &message.Message{BoardID: b.ID, RegionCode: b.RegionCode, AuthorID: author.ID, AuthorName: author.Name,
			Type: d.Type, Domain: d.Domain, Title: d.Title, Body: d.Body, PublicTitle: d.Title, PublicBody: d.Body,
			Public: true, Channel: "web", Status: lifecycle.Submitted, CreatedAt: now, UpdatedAt: now}
		return s.InTx(ctx, func(tx *store.Tx) error { _, err := tx.InsertMessage(ctx, m); return err })
	}
	return pair{name: "submit", liuyan: viaDesk, baseline: bare, liuyanDoes: "submitting a message through the workflow"}
}

// summary: every figure of the whole country for the demo's half-year
// from the rollups (with the year before, overdue now and joined units)
// against the naive count of the same period's messages, replies and
// ratings straight from their tables (store.Tally, kept for this comparison).
func summary(t *testing.T, s *store.Store, desk *workflow.Desk) pair {
	ctx := context.Background()
	svc := stats.ForDesk(desk)
	p, err := stats.ParsePeriod("2026H1")
	if err != nil {
		t.Fatal(err)
	}
	return pair{name: "summary", liuyanDoes: "the figures' summary",
		liuyan: func(int) error { _, err := svc.Summary(ctx, stats.Scope{}, p); return err },
		baseline: func(int) error {
			_, err := s.Tally(ctx, store.TallyScope{}, p.From, p.To)
			return err
		}}
}
