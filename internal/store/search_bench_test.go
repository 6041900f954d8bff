package store_test

import (
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"liuyan/internal/account"
	"liuyan/internal/board"
	"liuyan/internal/directory"
	"liuyan/internal/lifecycle"
	"liuyan/internal/region"
	"liuyan/internal/search"
	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
	"liuyan/internal/textmine/corpus"
	"liuyan/internal/textmine/tipdmtest"
)

// searchBenchQueries are what people look for on a provincial board, by
// kind: two-character words from common to rare, longer words, two words,
// and one character (the costliest: every pair it starts).
var searchBenchQueries = map[string][]string{
	"2chars": {"小区", "物业", "噪音", "学校", "停车", "公交", "拆迁", "油烟", "社保", "补贴", "医保", "扰民", "渣土", "网约"},
	"3+chars": {"垃圾站", "停车场", "幼儿园", "公积金", "出租车", "噪音扰民", "违章建筑", "物业公司", "安置小区", "农民工工资",
		"不动产证", "广场舞"},
	"2terms": {"噪音 施工", "物业 收费", "学校 食堂", "拆迁 补偿", "停车 收费", "垃圾站 臭"},
	"1char":  {"噪", "桥", "鸡", "琴"},
}

// BenchmarkSearch fills a store of each backend (LIUYAN_BENCH_BACKENDS,
// "sqlite,postgres" unless set) with LIUYAN_BENCH_MESSAGES messages
// (20,000 unless set) made from the TipDM messages, indexes them with
// Reindex, and times searches by kind of query as the public sees them:
// half alone, a quarter narrowed to a province, an eighth to a city and an
// eighth to a board. It reports the latency percentiles of each kind; see
// BENCHMARKS.md.
//
//	LIUYAN_BENCH_BACKENDS=sqlite LIUYAN_BENCH_MESSAGES=1000000 go test -run '^$' -bench BenchmarkSearch -benchtime 3x -timeout 3h ./internal/store/
func BenchmarkSearch(b *testing.B) {
	n := 20000
	if v := os.Getenv("LIUYAN_BENCH_MESSAGES"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 1 {
			b.Fatalf("LIUYAN_BENCH_MESSAGES=%q", v)
		}
	}
	texts := benchTexts(b)
	backends := []string{"sqlite", "postgres"}
	if v := os.Getenv("LIUYAN_BENCH_BACKENDS"); v != "" {
		backends = strings.Split(v, ",")
	}
	for _, backend := range backends {
		b.Run(backend, func(b *testing.B) {
			s := searchBenchStore(b, backend)
			boards := fillSearchBench(b, s, n, texts)
			ctx := context.Background()
			rng := rand.New(rand.NewPCG(5, 6))
			for _, kind := range slices.Sorted(maps.Keys(searchBenchQueries)) {
				// Each query four times alone, twice in a province, once
				// in a city and once on a board: the same searches every
				// iteration.
				type run struct {
					q search.Query
					f store.Filter
				}
				var runs []run
				for _, text := range searchBenchQueries[kind] {
					q, err := search.Parse(text)
					if err != nil {
						b.Fatal(err)
					}
					for i := range 8 {
						f := store.Filter{Limit: 20}
						bd := boards[rng.IntN(len(boards))]
						switch i {
						case 4, 5:
							f.RegionPrefix = bd.RegionCode[:2]
						case 6:
							f.RegionPrefix = bd.RegionCode[:4]
						case 7:
							f.BoardID = bd.ID
						}
						runs = append(runs, run{q, f})
					}
				}
				b.Run(kind, func(b *testing.B) {
					// The thread's CPU time leaves out the time the search
					// waited for a processor, which a shared machine adds
					// to the wall clock; it counts SQLite's work, done in
					// this process, and only the client's for PostgreSQL.
					// On PostgreSQL the work is the server's: the
					// processor time of the database's backends (on this
					// machine) is added to the client's.
					runtime.LockOSThread()
					defer runtime.UnlockOSThread()
					if _, err := s.SearchMessages(ctx, runs[0].q, runs[0].f, 0, store.Viewer{}); err != nil {
						b.Fatal(err) // warms the pool, whose backends are counted
					}
					backends := postgresBackends(b, s)
					work := func() time.Duration {
						d := threadCPU()
						for _, pid := range backends {
							d += backendCPU(pid)
						}
						return d
					}
					var wall, cpu []time.Duration
					hits := 0
					for b.Loop() {
						for _, r := range runs {
							began, cpuBegan := time.Now(), work()
							hs, err := s.SearchMessages(ctx, r.q, r.f, 0, store.Viewer{})
							if err != nil {
								b.Fatal(err)
							}
							wall = append(wall, time.Since(began))
							cpu = append(cpu, work()-cpuBegan)
							hits += len(hs)
						}
					}
					b.ReportMetric(percentile(wall, 0.50), "p50-ms")
					b.ReportMetric(percentile(wall, 0.95), "p95-ms")
					b.ReportMetric(percentile(wall, 0.99), "p99-ms")
					b.ReportMetric(percentile(cpu, 0.50), "cpu-p50-ms")
					b.ReportMetric(percentile(cpu, 0.95), "cpu-p95-ms")
					b.ReportMetric(percentile(cpu, 0.99), "cpu-p99-ms")
					b.ReportMetric(float64(hits)/float64(len(wall)), "hits/search")
					b.ReportMetric(0, "ns/op")
				})
			}
		})
	}
}

// searchBenchStore opens the benchmark's store. With LIUYAN_BENCH_KEEP=DIR
// the store outlives the run, so that a million messages are filled once
// and searched by later runs: SQLite in DIR, PostgreSQL in the whole
// database TEST_DATABASE_URL names (one of your own: it is not emptied).
// Otherwise each run gets an empty store, as the tests do.
func searchBenchStore(b *testing.B, backend string) *store.Store {
	keep := os.Getenv("LIUYAN_BENCH_KEEP")
	if keep == "" {
		if backend == "sqlite" {
			return storetest.SQLite(b)
		}
		return storetest.Postgres(b)
	}
	url, dir := "", keep
	if backend != "sqlite" {
		url, dir = os.Getenv("TEST_DATABASE_URL"), ""
		if url == "" {
			b.Fatal("LIUYAN_BENCH_KEEP on postgres needs TEST_DATABASE_URL")
		}
	}
	s, err := store.Open(context.Background(), url, dir)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// postgresBackends lists the server processes serving the benchmark's
// database (after a warm-up search, the pool's connections), or none on
// SQLite, whose work runs in the searching thread.
func postgresBackends(b *testing.B, s *store.Store) []int {
	if s.Dialect() != store.Postgres {
		return nil
	}
	rows, err := s.QueryForTest(context.Background(),
		"SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend'")
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	var pids []int
	for rows.Next() {
		var pid int
		if err := rows.Scan(&pid); err != nil {
			b.Fatal(err)
		}
		pids = append(pids, pid)
	}
	return pids
}

// percentile is the p-quantile of ds (nearest rank), in milliseconds.
func percentile(ds []time.Duration, p float64) float64 {
	s := slices.Clone(ds)
	slices.Sort(s)
	return float64(s[min(len(s)-1, int(p*float64(len(s))))].Microseconds()) / 1000
}

// benchTexts reads the TipDM messages as title and sentences.
func benchTexts(b *testing.B) [][]string {
	var out [][]string
	seen := map[string]bool{}
	for _, name := range []string{"hotspot_messages.csv", "replies.csv", "unlabeled.csv", "sample_raw.csv"} {
		ms, err := corpus.ReadMessagesFile(tipdmtest.File(b, name))
		if err != nil {
			b.Fatal(err)
		}
		for _, m := range ms {
			if m.Title == "" || m.Body == "" || seen[m.Title+m.Body] {
				continue
			}
			seen[m.Title+m.Body] = true
			sentences := strings.SplitAfter(m.Body, "。")
			if sentences[len(sentences)-1] == "" {
				sentences = sentences[:len(sentences)-1]
			}
			out = append(out, append([]string{m.Title}, sentences...))
		}
	}
	if len(out) < 5000 {
		b.Fatalf("only %d TipDM messages", len(out))
	}
	return out
}

// fillSearchBench fills a store with n messages over every leader board:
// message i is TipDM message i mod the corpus, its sentences rotated by
// the round and joined by a sentence of another message, so that no two
// are alike; one in twenty is private. The rows go in around
// InsertMessage, in batches, and Reindex indexes them, as after an import.
func fillSearchBench(b *testing.B, s *store.Store, n int, texts [][]string) []board.Board {
	ctx := context.Background()
	stored := countRows(b, s, "messages")
	if stored == 0 {
		if _, err := directory.SeedLeaders(ctx, s); err != nil {
			b.Fatal(err)
		}
	}
	var boards []board.Board
	for _, r := range region.All() {
		bs, err := s.Boards(ctx, r.Code, board.Leader)
		if err != nil {
			b.Fatal(err)
		}
		boards = append(boards, bs...)
	}
	if stored == int64(n) && countRows(b, s, "message_search") == stored {
		b.Logf("%s: %d messages kept from an earlier run", s.Dialect(), n)
		return boards
	} else if stored > int64(n) {
		b.Fatalf("the kept store holds %d messages, more than %d: remove it", stored, n)
	}
	author := &account.User{Login: "bench_citizen", Name: "网民", PasswordHash: "unused", Role: account.Citizen}
	if stored == 0 {
		if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.CreateUser(ctx, author) }); err != nil {
			b.Fatal(err)
		}
	} else if u, err := s.UserByLogin(ctx, author.Login); err != nil {
		b.Fatal(err)
	} else {
		author = u
	}
	rng := rand.New(rand.NewPCG(2020, 6))
	start := time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC)
	cols := []string{"board_id", "region_code", "author_id", "type", "domain", "title", "body", "public_title", "public_body",
		"public", "channel", "status", "created_at", "updated_at"}
	began := time.Now()
	chars := 0
	const perTx = 2000
	// A kept store whose fill was stopped goes on where it stopped.
	for first := int(stored); first < n; first += perTx {
		var rows [][]any
		for i := first; i < min(first+perTx, n); i++ {
			t := texts[i%len(texts)]
			round := i / len(texts)
			sentences := t[1:]
			k := round % len(sentences)
			body := strings.Join(sentences[k:], "") + strings.Join(sentences[:k], "")
			if round > 0 {
				other := texts[(i*31+round)%len(texts)]
				body += other[1+round%(len(other)-1)]
			}
			chars += len([]rune(body))
			bd := boards[rng.IntN(len(boards))]
			at := start.Add(time.Duration(i) * time.Minute)
			rows = append(rows, []any{bd.ID, bd.RegionCode, author.ID, "投诉/求助", "城建", t[0], body, t[0], body,
				rng.IntN(20) != 0, "web", lifecycle.Published, at, at})
		}
		if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.InsertBatchForTest(ctx, "messages", cols, rows) }); err != nil {
			b.Fatal(err)
		}
	}
	loaded := time.Since(began)
	before := searchIndexBytes(b, s)
	began = time.Now()
	// On PostgreSQL the GIN index is built once after the rows are in,
	// as after a bulk load, instead of row by row: at a million messages
	// that is minutes instead of hours. The searches are the same.
	if s.Dialect() == store.Postgres {
		if err := s.ExecForTest(ctx, "DROP INDEX IF EXISTS message_search_doc"); err != nil {
			b.Fatal(err)
		}
	}
	if _, err := s.Reindex(ctx); err != nil {
		b.Fatal(err)
	}
	if indexed := countRows(b, s, "message_search"); indexed != int64(n) {
		b.Fatalf("%d of %d messages indexed", indexed, n)
	}
	if s.Dialect() == store.Postgres {
		if err := s.ExecForTest(ctx, store.SearchGINIndex); err != nil {
			b.Fatal(err)
		}
	}
	took := time.Since(began)
	if s.Dialect() == store.Postgres {
		analyze(b, s)
	}
	b.Logf("%s: %d messages (%.0f characters of body on average) loaded in %v, indexed in %v (%.0f messages/s); index %s",
		s.Dialect(), n, float64(chars)/float64(n), loaded.Round(time.Second), took.Round(time.Second), float64(n)/took.Seconds(),
		mib(searchIndexBytes(b, s)-before))
	return boards
}

// countRows counts a table's rows.
func countRows(b *testing.B, s *store.Store, table string) int64 {
	rows, err := s.QueryForTest(context.Background(), "SELECT COUNT(*) FROM "+table)
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	var n int64
	for rows.Next() {
		if err := rows.Scan(&n); err != nil {
			b.Fatal(err)
		}
	}
	return n
}

// searchIndexBytes is the disk size of the search index: the FTS5 table's
// pages on SQLite, the table, its TOAST and its indexes on PostgreSQL.
func searchIndexBytes(b *testing.B, s *store.Store) int64 {
	q := "SELECT COALESCE(SUM(pgsize), 0) FROM dbstat WHERE name LIKE 'message_search%'"
	if s.Dialect() == store.Postgres {
		q = "SELECT pg_total_relation_size('message_search')"
	}
	rows, err := s.QueryForTest(context.Background(), q)
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	var size int64
	for rows.Next() {
		if err := rows.Scan(&size); err != nil {
			b.Fatal(err)
		}
	}
	return size
}

func analyze(b *testing.B, s *store.Store) {
	rows, err := s.QueryForTest(context.Background(), "ANALYZE")
	if err != nil {
		b.Fatal(err)
	}
	rows.Close()
}

func mib(n int64) string { return fmt.Sprintf("%.0f MiB", float64(n)/(1<<20)) }
