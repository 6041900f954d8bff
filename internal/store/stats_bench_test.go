package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"liuyan/internal/account"
	"liuyan/internal/board"
	"liuyan/internal/calendar"
	"liuyan/internal/directory"
	"liuyan/internal/lifecycle"
	"liuyan/internal/region"
	"liuyan/internal/stats"
	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
)

// BenchmarkStats measures, in one run and on each store, the summary and
// the province ranking of a half-year from the rollups against the naive
// GROUP BY over the raw rows, on a synthetic board of
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
			var rolled, naive [2]any
			b.Run("summary/rollup", func(b *testing.B) {
				for b.Loop() {
					sum, err := env.svc.Summary(ctx, stats.Scope{}, p)
					if err != nil {
						b.Fatal(err)
					}
					rolled[0] = summaryOf(sum.Figures)
				}
			})
			b.Run("summary/naive", func(b *testing.B) {
				for b.Loop() {
					naive[0] = env.naiveSummary(b, p)
				}
			})
			b.Run("ranking/rollup", func(b *testing.B) {
				for b.Loop() {
					r, err := env.svc.Rank(ctx, p, stats.RankOptions{Level: region.Province, Weights: stats.DefaultWeights, MinVolume: 10})
					if err != nil {
						b.Fatal(err)
					}
					rolled[1] = rankInputs(r)
				}
			})
			b.Run("ranking/naive", func(b *testing.B) {
				for b.Loop() {
					naive[1] = env.naiveRanking(b, p)
				}
			})
			if fmt.Sprint(rolled[0]) != fmt.Sprint(naive[0]) {
				b.Errorf("summary from rollups %v, naive %v", rolled[0], naive[0])
			}
			if fmt.Sprint(rolled[1]) != fmt.Sprint(naive[1]) {
				b.Errorf("ranking from rollups and naive differ:\n%v\n%v", rolled[1], naive[1])
			}
		})
	}
}

// summaryValues are the figures both ways compute, as values.
type summaryValues struct {
	messages, replies, cohort, ratings, good, onTime, followups int64
	median, p90                                                 int
}

func summaryOf(f stats.Figures) summaryValues {
	v := summaryValues{messages: f.Messages, replies: f.Replies, cohort: f.Cohort, ratings: f.Ratings, good: f.Good,
		onTime: f.OnTime, followups: f.Followups, median: -1, p90: -1}
	if f.MedianDays != nil {
		v.median, v.p90 = *f.MedianDays, *f.P90Days
	}
	return v
}

// provinceInputs are what the ranking is made of, per province, in a
// form both ways can produce.
type provinceInputs struct {
	messages, replies, ratings, good int64
	median                           int
}

func rankInputs(r *stats.Ranking) map[string]provinceInputs {
	out := map[string]provinceInputs{}
	for _, it := range r.Items {
		in := provinceInputs{messages: it.Inputs.Messages, replies: it.Inputs.Replies, ratings: it.Inputs.Ratings, median: -1}
		if it.Inputs.Satisfaction != nil {
			in.good = int64(*it.Inputs.Satisfaction*float64(in.ratings) + 0.5)
		}
		if it.Inputs.MedianDays != nil {
			in.median = *it.Inputs.MedianDays
		}
		if in.messages+in.replies+in.ratings > 0 {
			out[it.Code] = in
		}
	}
	return out
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
	events := e.generate(b, n)
	loaded := time.Since(began)
	began = time.Now()
	folded, err := e.svc.Refresh(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	fold := time.Since(began)
	if folded != events {
		b.Fatalf("folded %d of %d events", folded, events)
	}
	// The steady state: a refresh with nothing new to fold moves the
	// watermark up to the present.
	if _, err := e.svc.Refresh(context.Background()); err != nil {
		b.Fatal(err)
	}
	b.Logf("%s: %d messages, %d events loaded in %v; folded in %v (%.0f events/s)", backend, n, events,
		loaded.Round(time.Millisecond), fold.Round(time.Millisecond), float64(events)/fold.Seconds())
	return e
}

// generate writes n messages over every leader board with their logs:
// 85% answered within 0–15 days, 40% of those rated, a fifth tagged; the
// rest still open, and overdue when older than their deadline (among
// messages older than two months only one in fifty is left open, as on a
// board that works), and returns the number of events.
func (e *benchStore) generate(b *testing.B, n int) int {
	ctx := context.Background()
	if _, err := directory.SeedLeaders(ctx, e.s); err != nil {
		b.Fatal(err)
	}
	var boards []board.Board
	for _, r := range region.All() {
		bs, err := e.s.Boards(ctx, r.Code, board.Leader)
		if err != nil {
			b.Fatal(err)
		}
		boards = append(boards, bs...)
	}
	author := &account.User{Login: "bench_citizen", Name: "网民", PasswordHash: "unused", Role: account.Citizen}
	if err := e.s.InTx(ctx, func(tx *store.Tx) error { return tx.CreateUser(ctx, author) }); err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(2020, 331000))
	start := time.Date(2019, 1, 1, 8, 0, 0, 0, calendar.China)
	span := time.Date(2021, 1, 1, 0, 0, 0, 0, calendar.China).Sub(start)
	tags := []string{"疫情防控", "复工复产", "脱贫攻坚", "安全生产"}
	types := []string{"投诉/求助", "咨询", "建言", "感谢"}
	domains := []string{"城建", "交通", "环保", "企业", "就业", "政务", "教育", "治安", "三农", "医疗", "旅游", "文娱", "金融", "体育", "其他"}
	msgCols := []string{"id", "board_id", "region_code", "author_id", "type", "domain", "title", "body", "public_title", "public_body",
		"public", "channel", "status", "unit_id", "clock_start", "deadline", "created_at", "published_at", "first_reply_at", "replied_at", "updated_at"}
	evCols := []string{"message_id", "actor_id", "action", "from_state", "to_state", "unit_id", "at"}
	events := 0
	const perTx = 5000
	for first := 1; first <= n; first += perTx {
		var msgs, evs, rates, tagRows [][]any
		for id := first; id < first+perTx && id <= n; id++ {
			bd := boards[rng.IntN(len(boards))]
			typ, domain := types[rng.IntN(len(types))], domains[rng.IntN(len(domains))]
			created := start.Add(time.Duration(rng.Int64N(int64(span)))).Truncate(time.Second).UTC()
			published := created.Add(time.Hour)
			deadline := e.rules.Policy.Deadline(e.rules.Calendar, typ, published, 0)
			status, replied := lifecycle.Handling, time.Time{}
			ev := [][]any{
				{id, author.ID, lifecycle.Submit, "", lifecycle.Submitted, nil, created},
				{id, nil, lifecycle.Accept, lifecycle.Submitted, lifecycle.Published, nil, published},
				{id, nil, lifecycle.Assign, lifecycle.Published, lifecycle.Assigned, bd.OfficeUnitID, published.Add(time.Hour)},
				{id, nil, lifecycle.Sign, lifecycle.Assigned, lifecycle.Handling, bd.OfficeUnitID, published.Add(2 * time.Hour)},
			}
			recent := created.After(time.Date(2020, 11, 15, 0, 0, 0, 0, calendar.China))
			if (recent && rng.IntN(100) < 85) || (!recent && rng.IntN(100) < 98) {
				replied = published.Add(time.Duration(3+rng.IntN(15*24)) * time.Hour)
				status = lifecycle.Replied
				ev = append(ev, []any{id, nil, lifecycle.FinalReply, lifecycle.Handling, lifecycle.Replied, bd.OfficeUnitID, replied})
				if rng.IntN(100) < 40 {
					rated := replied.Add(20 * time.Hour)
					status = lifecycle.Rated
					ev = append(ev, []any{id, author.ID, lifecycle.Rate, lifecycle.Replied, lifecycle.Rated, bd.OfficeUnitID, rated})
					rates = append(rates, []any{id, 1 + rng.IntN(5), 1 + rng.IntN(5), 1 + rng.IntN(5), "", rated})
				}
			}
			var firstReply any
			if !replied.IsZero() {
				firstReply = replied
			}
			msgs = append(msgs, []any{id, bd.ID, bd.RegionCode, author.ID, typ, domain, "标题", "内容", "标题", "内容",
				true, "web", status, bd.OfficeUnitID, published, deadline.UTC(), created, published, firstReply, firstReply, ev[len(ev)-1][6]})
			if rng.IntN(5) == 0 {
				tagRows = append(tagRows, []any{id, tags[rng.IntN(len(tags))]})
			}
			evs = append(evs, ev...)
		}
		slices.SortStableFunc(evs, func(x, y []any) int { return x[6].(time.Time).Compare(y[6].(time.Time)) })
		events += len(evs)
		err := e.s.InTx(ctx, func(tx *store.Tx) error {
			for _, part := range []struct {
				table string
				cols  []string
				rows  [][]any
			}{
				{"messages", msgCols, msgs},
				{"events", evCols, evs},
				{"ratings", []string{"message_id", "resolution", "attitude", "speed", "comment", "created_at"}, rates},
				{"message_tags", []string{"message_id", "tag"}, tagRows},
			} {
				if err := tx.InsertBatchForTest(ctx, part.table, part.cols, part.rows); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	if e.s.Dialect() == store.Postgres {
		// Explicit ids leave the identity behind; and fresh statistics let the
		// planner see the tables as they are now.
		for _, q := range []string{"SELECT setval(pg_get_serial_sequence('messages', 'id'), (SELECT MAX(id) FROM messages))",
			"ANALYZE"} {
			rows, err := e.s.QueryForTest(ctx, q)
			if err != nil {
				b.Fatal(err)
			}
			rows.Close()
		}
	}
	return events
}

// naiveSummary computes the summary's figures for the period and the year
// before straight from the raw rows, as one would without rollups: counts
// by GROUP BY, and handling times from every replied row.
func (e *benchStore) naiveSummary(b *testing.B, p stats.Period) summaryValues {
	var cur summaryValues
	for i, q := range []stats.Period{p, p.YearBefore()} {
		g := e.naiveGroups(b, q, "''")
		if i == 0 {
			cur = g[""]
		}
	}
	ctx := context.Background()
	if _, err := e.s.StatsOverdue(ctx, store.OverdueFilter{}, e.svc.Clock()); err != nil {
		b.Fatal(err)
	}
	if _, err := e.s.CountBoardsJoinedBetween(ctx, "", p.From, p.To); err != nil {
		b.Fatal(err)
	}
	return cur
}

// naiveRanking computes the ranking's inputs per province from the raw rows.
func (e *benchStore) naiveRanking(b *testing.B, p stats.Period) map[string]provinceInputs {
	g := e.naiveGroups(b, p, "substr(m.region_code, 1, 2)")
	if _, err := e.s.BoardsPerRegion(context.Background(), "", p.To, true); err != nil {
		b.Fatal(err)
	}
	out := map[string]provinceInputs{}
	for code, v := range g {
		out[code+"0000"] = provinceInputs{messages: v.messages, replies: v.replies, ratings: v.ratings, good: v.good, median: v.median}
	}
	return out
}

// naiveGroups runs the raw GROUP BY queries of one period, grouped by expr.
func (e *benchStore) naiveGroups(b *testing.B, p stats.Period, expr string) map[string]summaryValues {
	ctx := context.Background()
	from, to := p.From.UTC(), p.To.UTC()
	out := map[string]summaryValues{}
	group := " GROUP BY " + expr
	if expr == "''" {
		group = "" // PostgreSQL refuses a constant in GROUP BY
	}
	each := func(q string, scan func(key string, rows interface{ Scan(...any) error }) error, args ...any) {
		rows, err := e.s.QueryForTest(ctx, q, args...)
		if err != nil {
			b.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var key string
			if err := scan(key, rows); err != nil {
				b.Fatal(err)
			}
		}
		if err := rows.Err(); err != nil {
			b.Fatal(err)
		}
	}
	each("SELECT "+expr+", COUNT(*), COALESCE(SUM(CASE WHEN m.first_reply_at IS NOT NULL THEN 1 ELSE 0 END), 0) FROM messages m "+
		"WHERE m.published_at >= ? AND m.published_at < ?"+group, func(_ string, r interface{ Scan(...any) error }) error {
		var key string
		var n, cohort int64
		if err := r.Scan(&key, &n, &cohort); err != nil {
			return err
		}
		v := out[key]
		v.messages, v.cohort = n, cohort
		out[key] = v
		return nil
	}, from, to)
	hists := map[string]map[int]int64{}
	each("SELECT "+expr+", m.type, m.published_at, m.first_reply_at FROM messages m WHERE m.first_reply_at >= ? AND m.first_reply_at < ?",
		func(_ string, r interface{ Scan(...any) error }) error {
			var key, typ string
			var published, replied time.Time
			if err := r.Scan(&key, &typ, &published, &replied); err != nil {
				return err
			}
			v := out[key]
			v.replies++
			if !replied.After(e.rules.Policy.Deadline(e.rules.Calendar, typ, published, 0)) {
				v.onTime++
			}
			out[key] = v
			if hists[key] == nil {
				hists[key] = map[int]int64{}
			}
			hists[key][e.rules.Calendar.WorkdaysBetween(published, replied)]++
			return nil
		}, from, to)
	each("SELECT "+expr+", COUNT(*), COALESCE(SUM(CASE WHEN r.resolution + r.attitude + r.speed > 9 THEN 1 ELSE 0 END), 0) "+
		"FROM ratings r JOIN messages m ON m.id = r.message_id WHERE r.created_at >= ? AND r.created_at < ?"+group,
		func(_ string, r interface{ Scan(...any) error }) error {
			var key string
			var n, good int64
			if err := r.Scan(&key, &n, &good); err != nil {
				return err
			}
			v := out[key]
			v.ratings, v.good = n, good
			out[key] = v
			return nil
		}, from, to)
	for key, h := range hists {
		v := out[key]
		v.median, v.p90 = nearestRank(h, 500), nearestRank(h, 900)
		out[key] = v
	}
	for key, v := range out {
		if hists[key] == nil {
			v.median, v.p90 = -1, -1
			out[key] = v
		}
	}
	return out
}

// nearestRank is the q‰ nearest-rank percentile of a histogram.
func nearestRank(h map[int]int64, q int64) int {
	var total int64
	keys := make([]int, 0, len(h))
	for d, n := range h {
		total += n
		keys = append(keys, d)
	}
	slices.Sort(keys)
	rank, seen := max((q*total+999)/1000, 1), int64(0)
	for _, d := range keys {
		if seen += h[d]; seen >= rank {
			return d
		}
	}
	return -1
}
