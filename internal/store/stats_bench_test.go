package store_test

import (
	"cmp"
	"context"
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"liuyan/internal/bench"
	"liuyan/internal/calendar"
	"liuyan/internal/lifecycle"
	"liuyan/internal/region"
	"liuyan/internal/stats"
	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
)

// BenchmarkStats measures, in one run and on each store, the summary and
// the province and city rankings of a half-year from the rollups against
// the naive GROUP BY over the raw rows (and the county ranking from the
// rollups alone), on a synthetic board of
// LIUYAN_BENCH_MESSAGES messages (20,000 unless set) spread over every
// leader board of the country in 2019 and 2020. It also checks that both
// ways give the same figures. See BENCHMARKS.md.
//
//	LIUYAN_BENCH_MESSAGES=1000000 go test -run '^$' -bench BenchmarkStats -benchtime 20x -timeout 2h ./internal/store/
func BenchmarkStats(b *testing.B) {
	n := 20000
	if v := os.Getenv("LIUYAN_BENCH_MESSAGES"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 1 {
			b.Fatalf("LIUYAN_BENCH_MESSAGES=%q", v)
		}
	}
	for _, backend := range []string{"sqlite", "postgres"} {
		b.Run(backend, func(b *testing.B) {
			env := benchEnv(b, backend, n)
			p, _ := stats.ParsePeriod("2020H1")
			ctx := context.Background()
			var rolled, naive [3]any
			b.Run("summary/rollup", func(b *testing.B) {
				defer reportProcessCPU(b, processCPU())
				for b.Loop() {
					sum, err := env.svc.Summary(ctx, stats.Scope{}, p)
					if err != nil {
						b.Fatal(err)
					}
					rolled[0] = bench.SummaryCounts(sum.Figures)
				}
			})
			b.Run("summary/naive", func(b *testing.B) {
				defer reportProcessCPU(b, processCPU())
				for b.Loop() {
					v, err := bench.NaiveSummary(ctx, env.svc, p)
					if err != nil {
						b.Fatal(err)
					}
					naive[0] = v
				}
			})
			b.Run("ranking/rollup", func(b *testing.B) {
				defer reportProcessCPU(b, processCPU())
				for b.Loop() {
					r, err := env.svc.Rank(ctx, p, stats.RankOptions{Level: region.Province, Weights: stats.DefaultWeights, MinVolume: 10})
					if err != nil {
						b.Fatal(err)
					}
					rolled[1] = bench.RankingCounts(r)
				}
			})
			b.Run("ranking/naive", func(b *testing.B) {
				defer reportProcessCPU(b, processCPU())
				for b.Loop() {
					v, err := bench.NaiveRanking(ctx, env.svc, p)
					if err != nil {
						b.Fatal(err)
					}
					naive[1] = bench.Comparable(v)
				}
			})
			b.Run("ranking-city/rollup", func(b *testing.B) {
				defer reportProcessCPU(b, processCPU())
				for b.Loop() {
					r, err := env.svc.Rank(ctx, p, stats.RankOptions{Level: region.City, Weights: stats.DefaultWeights, MinVolume: 10})
					if err != nil {
						b.Fatal(err)
					}
					rolled[2] = bench.RankingCounts(r)
				}
			})
			b.Run("ranking-city/naive", func(b *testing.B) {
				defer reportProcessCPU(b, processCPU())
				for b.Loop() {
					v, err := bench.NaiveCityRanking(ctx, env.svc, p)
					if err != nil {
						b.Fatal(err)
					}
					naive[2] = bench.Comparable(v)
				}
			})
			// The county ranking has no naive side (its baseline would
			// group the raw rows as the city one does); it is timed for
			// the figures of the largest ranking the API gives.
			b.Run("ranking-county/rollup", func(b *testing.B) {
				defer reportProcessCPU(b, processCPU())
				for b.Loop() {
					if _, err := env.svc.Rank(ctx, p, stats.RankOptions{Level: region.County, Weights: stats.DefaultWeights, MinVolume: 10}); err != nil {
						b.Fatal(err)
					}
				}
			})
			if fmt.Sprint(rolled[2]) != fmt.Sprint(naive[2]) {
				b.Errorf("city ranking from rollups and naive differ:\n%v\n%v", rolled[2], naive[2])
			}
			if fmt.Sprint(rolled[0]) != fmt.Sprint(naive[0]) {
				b.Errorf("summary from rollups %v, naive %v", rolled[0], naive[0])
			}
			if fmt.Sprint(rolled[1]) != fmt.Sprint(naive[1]) {
				b.Errorf("ranking from rollups and naive differ:\n%v\n%v", rolled[1], naive[1])
			}
		})
	}
}

// reportProcessCPU reports the process's CPU time per operation since began, beside
// the wall time the benchmark reports.
func reportProcessCPU(b *testing.B, began time.Duration) {
	b.ReportMetric(float64((processCPU()-began).Microseconds())/1000/float64(b.N), "cpu-ms/op")
}

type benchStore struct {
	s     *store.Store
	svc   *stats.Service
	rules stats.Rules
}

// benchEnv fills a store of the backend with n messages and folds them.
func benchEnv(b *testing.B, backend string, n int) *benchStore {
	var s *store.Store
	if backend == "sqlite" {
		s = storetest.SQLite(b)
	} else {
		s = storetest.Postgres(b)
	}
	rules := stats.Rules{Calendar: calendar.Default(), Policy: lifecycle.DefaultPolicy()}
	var err error
	if rules.Boards, err = s.LoadVocab(context.Background(), rules.Policy); err != nil {
		b.Fatal(err)
	}
	e := &benchStore{s: s, rules: rules, svc: &stats.Service{Store: s, Rules: rules,
		Now: func() time.Time { return time.Date(2021, 1, 15, 10, 0, 0, 0, calendar.China) }}}
	began := time.Now()
	events, err := bench.Synthetic(context.Background(), s, n, rules)
	if err != nil {
		b.Fatal(err)
	}
	loaded := time.Since(began)
	began, cpuBegan := time.Now(), processCPU()
	folded, err := e.svc.Refresh(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	fold := time.Since(began)
	foldCPU := processCPU() - cpuBegan
	if folded != events {
		b.Fatalf("folded %d of %d events", folded, events)
	}
	// The steady state: a refresh with nothing new to fold moves the
	// watermark up to the present.
	if _, err := e.svc.Refresh(context.Background()); err != nil {
		b.Fatal(err)
	}
	b.Logf("%s: %d messages, %d events loaded in %v; folded in %v (%.0f events/s), %v of this process's CPU", backend, n, events,
		loaded.Round(time.Millisecond), fold.Round(time.Millisecond), float64(events)/fold.Seconds(), foldCPU.Round(time.Millisecond))
	return e
}

// BenchmarkRankings times the heat ranking of a half-year at every level,
// country-wide and under a parent, from the rollups of a store filled
// beforehand (`liuyan gen`), so that a large fill is made once and the
// rankings timed against it as often as wanted: LIUYAN_BENCH_DATABASE_URL
// names a PostgreSQL database, or LIUYAN_BENCH_DATA the directory of an
// SQLite store; LIUYAN_BENCH_PERIOD the period (2020H1 unless set). It is
// skipped without a store. See BENCHMARKS.md.
//
//	liuyan gen --data DIR --messages 200000
//	LIUYAN_BENCH_DATA=DIR go test -run '^$' -bench BenchmarkRankings -benchtime 20x ./internal/store/
func BenchmarkRankings(b *testing.B) {
	ctx := context.Background()
	_, svc := filledStore(b)
	name := cmp.Or(os.Getenv("LIUYAN_BENCH_PERIOD"), "2020H1")
	p, err := stats.ParsePeriod(name)
	if err != nil {
		b.Fatal(err)
	}
	for _, o := range []stats.RankOptions{{Level: region.Province}, {Level: region.City}, {Level: region.County},
		{Level: region.City, Parent: "330000"}, {Level: region.County, Parent: "330000"}, {Level: region.County, Parent: "330100"}} {
		o.Weights, o.MinVolume = stats.DefaultWeights, stats.DefaultMinVolume
		b.Run(string(o.Level)+"/"+cmp.Or(o.Parent, "country"), func(b *testing.B) {
			defer reportProcessCPU(b, processCPU())
			for b.Loop() {
				if _, err := svc.Rank(ctx, p, o); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// filledStore opens the store filled beforehand that
// LIUYAN_BENCH_DATABASE_URL (PostgreSQL) or LIUYAN_BENCH_DATA (the
// directory of an SQLite store) names, migrated and folded, and skips the
// benchmark without one. Use a store of your own: opening it migrates it.
func filledStore(b *testing.B) (*store.Store, *stats.Service) {
	url, dir := os.Getenv("LIUYAN_BENCH_DATABASE_URL"), os.Getenv("LIUYAN_BENCH_DATA")
	if url == "" && dir == "" {
		b.Skip("LIUYAN_BENCH_DATABASE_URL or LIUYAN_BENCH_DATA names no filled store")
	}
	ctx := context.Background()
	s, err := store.Open(ctx, url, dir)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	rules := stats.Rules{Calendar: calendar.Default(), Policy: lifecycle.DefaultPolicy()}
	svc := &stats.Service{Store: s, Rules: rules}
	if _, err := svc.Refresh(ctx); err != nil {
		b.Fatal(err)
	}
	return s, svc
}

// BenchmarkBoardFigures times the busiest board's figures since the start
// (its page's figures: stats.Service.Totals over stats.SinceStart) on a
// store filled beforehand (see filledStore) against the naive GROUP BY over
// the board's raw rows (bench.NaiveBoard), and, in the same run, the
// rollup rows under them read as they are now (the board's monthly rows
// and the day cells of this month) against the way they were read before
// migration 0025 (every day cell of the board), after checking that both
// add up to the same counts and handling-time histogram. See BENCHMARKS.md.
//
//	liuyan gen --data DIR --messages 300000
//	LIUYAN_BENCH_DATA=DIR go test -run '^$' -bench BenchmarkBoardFigures -benchtime 50x ./internal/store/
func BenchmarkBoardFigures(b *testing.B) {
	ctx := context.Background()
	s, svc := filledStore(b)
	id, err := s.BusiestBoard(ctx)
	if err != nil || id == 0 {
		b.Fatalf("no busiest board (%v)", err)
	}
	p := stats.SinceStart(svc.Clock())
	day := func(t time.Time) int {
		y, m, d := t.In(calendar.China).Date()
		return y*10000 + int(m)*100 + d
	}
	f := store.StatsFilter{From: day(p.From), To: day(p.To), BoardID: id}
	now, err := s.StatsRows(ctx, f, store.GroupNone)
	if err != nil {
		b.Fatal(err)
	}
	before, err := s.StatsCellRowsForTest(ctx, f, store.GroupNone)
	if err != nil {
		b.Fatal(err)
	}
	if a, c := sumRows(now), sumRows(before); a != c {
		b.Fatalf("board %d: the monthly rows add up to %s, its day cells to %s", id, a, c)
	}
	count := func(q string) (n int64) {
		rows, err := s.QueryForTest(ctx, q, id)
		if err != nil {
			b.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			if err := rows.Scan(&n); err != nil {
				b.Fatal(err)
			}
		}
		return n
	}
	b.Logf("board %d: %d published messages, %d untagged day cells, %d monthly rows", id,
		count("SELECT COUNT(*) FROM messages WHERE board_id = ? AND published_at IS NOT NULL"), count("SELECT COUNT(*) FROM stats_cells WHERE board_id = ? AND tag = ''"), count("SELECT COUNT(*) FROM stats_board_months WHERE board_id = ?"))
	var rolled, naive store.NaiveCounts
	b.Run("totals", func(b *testing.B) {
		defer reportProcessCPU(b, processCPU())
		for b.Loop() {
			f, err := svc.Totals(ctx, stats.Scope{BoardID: id}, p)
			if err != nil {
				b.Fatal(err)
			}
			rolled = bench.SummaryCounts(f)
		}
	})
	b.Run("totals/naive", func(b *testing.B) {
		defer reportProcessCPU(b, processCPU())
		for b.Loop() {
			if naive, err = bench.NaiveBoard(ctx, svc, id, p); err != nil {
				b.Fatal(err)
			}
		}
	})
	if rolled != naive {
		b.Errorf("board %d: from the rollups %+v, naive %+v", id, rolled, naive)
	}
	b.Run("rows/board-months", func(b *testing.B) {
		defer reportProcessCPU(b, processCPU())
		for b.Loop() {
			if _, err := s.StatsRows(ctx, f, store.GroupNone); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("rows/day-cells", func(b *testing.B) {
		defer reportProcessCPU(b, processCPU())
		for b.Loop() {
			if _, err := s.StatsCellRowsForTest(ctx, f, store.GroupNone); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// sumRows writes out the counters and the handling-time histogram that
// rollup rows add up to.
func sumRows(rows []store.StatsRow) string {
	var sum store.StatsCounts
	hist := map[int]int64{}
	for _, r := range rows {
		sum.Add(r.StatsCounts)
		if r.Days >= 0 && r.Replied != 0 {
			hist[r.Days] += r.Replied
		}
	}
	return fmt.Sprintf("%+v %v", sum, hist)
}
