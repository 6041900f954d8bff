package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"liuyan/internal/account"
	"liuyan/internal/board"
	"liuyan/internal/gen"
	"liuyan/internal/lifecycle"
	"liuyan/internal/message"
	"liuyan/internal/region"
	"liuyan/internal/stats"
	"liuyan/internal/store"
	"liuyan/internal/workflow"
)

// Config is one run of the benchmark.
type Config struct {
	Store   *store.Store
	Stats   *stats.Service
	Handler http.Handler // the board's server, as `liuyan serve` builds it, with rate limits off
	Period  stats.Period // of the figures
	// Duration is how long each timed run of requests lasts.
	Duration time.Duration
	// Clients is how many clients send requests back to back.
	Clients int
	// Rate is the fixed rate of submissions for the latency run, per second.
	Rate float64
	// Rounds is how many times each figure is computed from the rollups
	// (the naive way runs a fifth as often, at least once).
	Rounds int
	// Serve starts `liuyan serve` on the same store, for start-up time and
	// memory; nil leaves them out.
	Serve func(context.Context) (*Process, error)
	// Log hears of progress.
	Log io.Writer
	// Desk accepts the run's submissions after they are timed, as a
	// moderator would (see acceptSubmissions); nil leaves them waiting.
	Desk *workflow.Desk
	// Only names the parts to measure (see Parts); none measures them all.
	// On a store of ten million messages the whole run takes hours, and a
	// change to one path needs only its own part measured again.
	Only []string
	// Phase, when set, hears the name of each timed run of the
	// submissions, pages and searches as it begins (submit-bare,
	// submit-api, …; see Config.timed), and "" when it ends, so that a
	// profile can be kept for each: a profile of the whole run mixes the
	// bare insert with the API it is the baseline of.
	Phase func(name string)
}

// timed runs the timed run name, telling c.Phase as it begins and ends.
func (c Config) timed(name string, run func() (Result, error)) (Result, error) {
	if c.Phase == nil {
		return run()
	}
	c.Phase(name)
	defer c.Phase("")
	return run()
}

// Parts are the parts of a run, in the order they run: submissions
// (through the API against the bare insert, then at a fixed rate),
// public pages, search, the figures against the naive queries, and the
// `liuyan serve` process (start-up and memory).
var Parts = []string{"submit", "pages", "search", "figures", "process"}

// wants says whether the run measures part.
func (c Config) wants(part string) bool {
	return len(c.Only) == 0 || slices.Contains(c.Only, part)
}

// CheckParts reports a part name that Parts lacks.
func CheckParts(only []string) error {
	for _, p := range only {
		if !slices.Contains(Parts, p) {
			return fmt.Errorf("bench: no part %q (parts: %s)", p, strings.Join(Parts, ", "))
		}
	}
	return nil
}

// Row is one line of the report: a measurement beside its baseline and
// its target.
type Row struct {
	What, Value, Baseline, Ratio, Target string
	Met                                  *bool
}

// Report is a run's results.
type Report struct{ Rows []Row }

func (r *Report) add(row Row) { r.Rows = append(r.Rows, row) }

// Markdown writes the report as a table.
func (r *Report) Markdown(w io.Writer) {
	fmt.Fprintln(w, "| measurement | value | baseline | ratio | target | met |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---|---|")
	for _, row := range r.Rows {
		met := ""
		if row.Met != nil {
			met = map[bool]string{true: "yes", false: "**no**"}[*row.Met]
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s |\n", row.What, row.Value, row.Baseline, row.Ratio, row.Target, met)
	}
}

func met(ok bool) *bool { return &ok }

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }

func perSec(x float64) string { return fmt.Sprintf("%.0f/s", x) }

// listen serves h on a loopback port until ctx ends.
func listen(ctx context.Context, h http.Handler) (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(l)
	go func() { <-ctx.Done(); srv.Close() }()
	return "http://" + l.Addr().String(), nil
}

// Run measures everything the Config asks for and returns the report.
func Run(ctx context.Context, c Config) (*Report, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	logf := func(format string, args ...any) {
		if c.Log != nil {
			fmt.Fprintf(c.Log, format+"\n", args...)
		}
	}
	rep := &Report{}
	if !c.wants("submit") && !c.wants("pages") && !c.wants("search") && !c.wants("process") {
		return rep, figures(ctx, c, rep, logf)
	}
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: c.Clients + 64}}

	real, err := listen(ctx, c.Handler)
	if err != nil {
		return nil, err
	}
	var reg struct {
		Token string
		User  struct{ ID int64 }
	}
	login := fmt.Sprintf("bench%d", time.Now().UnixNano()%1e9)
	if err := postJSON(client, real+"/api/v1/auth/register", "", map[string]string{"login": login, "password": "压力测试口令2026"}, http.StatusCreated, &reg); err != nil {
		return nil, fmt.Errorf("bench: register: %w", err)
	}
	bare, err := listen(ctx, Bare(c.Store, reg.User.ID))
	if err != nil {
		return nil, err
	}
	boards, err := c.Store.Boards(ctx, "330106", board.Leader)
	if err != nil || len(boards) == 0 {
		return nil, fmt.Errorf("bench: no leader board of 西湖区 to write to: %v", err)
	}
	b := boards[0]
	lists, err := c.Store.LoadVocab(ctx, lifecycle.DefaultPolicy())
	if err != nil {
		return nil, err
	}
	domains, types := lists.Domains(), lists.Types()

	// Submissions: the board's whole path against the bare insert. Places,
	// subjects and sentences vary, as real messages do, written as `liuyan
	// gen` writes its messages (a third with the author's phone number for
	// masking to find), so that the duplicate search finds what it would on
	// a real board rather than a flood of near-copies, and what the run
	// adds to a generated store reads like the rest of it: searches after
	// the run find their words among the newest messages as among the old.
	regions := region.All()
	draft := func(i int) map[string]any {
		domain := domains[i%len(domains)]
		typ := types[i%len(types)]
		title, body := gen.Text(uint64(time.Now().UnixNano())^uint64(i), domain, typ, region.FullName(regions[(i*7919)%len(regions)].Code), i%3 == 0)
		return map[string]any{"board_id": b.ID, "type": typ, "domain": domain, "title": title, "body": body}
	}
	// submit makes the requests of one run. Each submission through the
	// API carries an idempotency key of its own, as the board's form and
	// its apps send one, so that a retried request stores nothing twice.
	submit := func(base, path, token string) Request {
		run := time.Now().UnixNano()
		return func(i int) (*http.Request, error) {
			d := draft(i)
			if token == "" {
				d["region_code"] = b.RegionCode // the bare handler looks nothing up
			}
			body, _ := json.Marshal(d)
			req, err := http.NewRequest("POST", base+path, bytes.NewReader(body))
			if err != nil {
				return nil, err
			}
			req.Header.Set("Content-Type", "application/json")
			if token != "" {
				req.Header.Set("Authorization", "Bearer "+token)
				req.Header.Set("Idempotency-Key", fmt.Sprintf("bench-%d-%d", run, i))
			}
			return req, nil
		}
	}
	if c.wants("submit") {
		logf("submissions: bare insert, %d clients, %v", c.Clients, c.Duration)
		base, err := c.timed("submit-bare", func() (Result, error) {
			return Closed(ctx, client, c.Clients, c.Duration, submit(bare, "/bare/messages", ""), http.StatusCreated)
		})
		if err != nil {
			return nil, err
		}
		logf("submissions: through the API, %d clients, %v", c.Clients, c.Duration)
		api, err := c.timed("submit-api", func() (Result, error) {
			return Closed(ctx, client, c.Clients, c.Duration, submit(real, "/api/v1/messages", reg.Token), http.StatusCreated)
		})
		if err != nil {
			return nil, err
		}
		if err := failed(api, base); err != nil {
			return nil, err
		}
		ratio := api.PerSecond() / base.PerSecond()
		rep.add(Row{What: "submit through the API (validate, mask, classify, dedupe, store, log) vs bare insert",
			Value: perSec(api.PerSecond()), Baseline: perSec(base.PerSecond()), Ratio: fmt.Sprintf("%.2f", ratio), Target: "≥ 0.5", Met: met(ratio >= 0.5)})

		logf("submissions: %.0f/s for %v", c.Rate, c.Duration)
		fixed, err := c.timed("submit-rate", func() (Result, error) {
			return Open(ctx, client, c.Rate, c.Duration, submit(real, "/api/v1/messages", reg.Token), http.StatusCreated)
		})
		if err != nil {
			return nil, err
		}
		if fixed.Done == 0 {
			return nil, fmt.Errorf("bench: no submission at %.0f/s was answered: %s", c.Rate, fixed.First)
		}
		// An overloaded server is a result here, not a failure of the run:
		// requests that timed out are counted beside the latencies of the rest.
		what := fmt.Sprintf("submit latency at %.0f msg/s, p50 / p99", c.Rate)
		if fixed.Errors > 0 {
			what += fmt.Sprintf(" of the %d answered; %d failed (%s)", fixed.Done, fixed.Errors, fixed.First)
		}
		rep.add(Row{What: what, Value: ms(fixed.Quantile(0.5)) + " / " + ms(fixed.Quantile(0.99)),
			Target: "p99 < 50 ms", Met: met(fixed.Errors == 0 && fixed.Quantile(0.99) < 50*time.Millisecond)})

		if c.Desk != nil {
			logf("submissions: accepting them, as a moderator would")
			n, err := acceptSubmissions(ctx, c.Store, c.Desk, reg.User.ID, c.Clients)
			if err != nil {
				return nil, err
			}
			logf("submissions: accepted %d", n)
		}

		// The submissions' events are folded before the pages are timed, as
		// the server's refresh every minute would have folded them: a page
		// shows the rollups, and the first one to ask would otherwise pay for
		// the whole fold (minutes on a cold store of ten million messages).
		logf("figures: folding the submissions into the rollups")
		began := time.Now()
		if _, err := c.Stats.Refresh(ctx); err != nil {
			return nil, err
		}
		logf("figures: folded in %v", time.Since(began).Round(time.Millisecond))
	}

	// Public pages against a bare read of the same rows; the server process
	// serves the same pages.
	var shown []*message.Message
	if c.wants("pages") || (c.Serve != nil && c.wants("process")) {
		if shown, err = answered(ctx, c.Store, 500); err != nil {
			return nil, err
		}
	}
	if c.wants("pages") {
		pages := func(base, path string, id func(*message.Message) int64) Request {
			return func(i int) (*http.Request, error) {
				return http.NewRequest("GET", base+path+strconv.FormatInt(id(shown[i%len(shown)]), 10), nil)
			}
		}
		msgID := func(m *message.Message) int64 { return m.ID }
		boardID := func(m *message.Message) int64 { return m.BoardID }
		for _, p := range []struct {
			name, what, page, bare string
			id                     func(*message.Message) int64
		}{
			{"message-page", "public message page vs bare read of the message", "/messages/", "/bare/messages/", msgID},
			{"board-page", "board page vs bare read of the board and its first 20 messages", "/boards/", "/bare/boards/", boardID},
		} {
			logf("%s, %d clients, %v each", p.what, c.Clients, c.Duration)
			base, err := c.timed(p.name+"-bare", func() (Result, error) {
				return Closed(ctx, client, c.Clients, c.Duration, pages(bare, p.bare, p.id), http.StatusOK)
			})
			if err != nil {
				return nil, err
			}
			got, err := c.timed(p.name, func() (Result, error) {
				return Closed(ctx, client, c.Clients, c.Duration, pages(real, p.page, p.id), http.StatusOK)
			})
			if err != nil {
				return nil, err
			}
			if err := failed(got, base); err != nil {
				return nil, err
			}
			ratio := got.PerSecond() / base.PerSecond()
			rep.add(Row{What: p.what + " (p50 " + ms(got.Quantile(0.5)) + ")", Value: perSec(got.PerSecond()), Baseline: perSec(base.PerSecond()),
				Ratio: fmt.Sprintf("%.2f", ratio), Target: "≥ 0.3", Met: met(ratio >= 0.3)})
		}
	}

	// Search, with the words `liuyan gen` writes the messages with (Fill is
	// gen): each domain's three most used words alone and its two most used
	// together, as a visitor types them. A phrase gen never writes would
	// find only the bench's own submissions, which the public may not see:
	// it would measure searches that find nothing.
	if c.wants("search") {
		var words []string
		for _, d := range domains {
			ws := gen.Words(d)
			if len(ws) < 3 {
				continue
			}
			for _, w := range []string{ws[0], ws[1], ws[2], ws[0] + " " + ws[1]} {
				if !slices.Contains(words, w) {
					words = append(words, w)
				}
			}
		}
		if len(words) == 0 {
			return nil, errors.New("bench: no domain of the store has words to search for")
		}
		searches := func(i int) (*http.Request, error) {
			return http.NewRequest("GET", real+"/search?q="+url.QueryEscape(words[i%len(words)]), nil)
		}
		// One search at a time gives the latency a visitor waits for; the
		// clients side by side give the throughput, their latencies swollen by
		// the queue for the processors.
		logf("search, one client, %v", c.Duration)
		alone, err := c.timed("search", func() (Result, error) { return Closed(ctx, client, 1, c.Duration, searches, http.StatusOK) })
		if err != nil {
			return nil, err
		}
		logf("search, %d clients, %v", c.Clients, c.Duration)
		search, err := c.timed("search-clients", func() (Result, error) {
			return Closed(ctx, client, c.Clients, c.Duration, searches, http.StatusOK)
		})
		if err != nil {
			return nil, err
		}
		if err := failed(alone, search); err != nil {
			return nil, err
		}
		rep.add(Row{What: fmt.Sprintf("search page (/search?q=), one search at a time, p50 / p95 of %d", alone.Done),
			Value: ms(alone.Quantile(0.5)) + " / " + ms(alone.Quantile(0.95)), Target: "p95 < 50 ms", Met: met(alone.Quantile(0.95) < 50*time.Millisecond)})
		rep.add(Row{What: fmt.Sprintf("search page (/search?q=), %d clients, p50 / p95, at %s", c.Clients, perSec(search.PerSecond())),
			Value: ms(search.Quantile(0.5)) + " / " + ms(search.Quantile(0.95))})

		// The same words within a scope, as the search boxes of a board's
		// and a region's pages send them: within the boards of answered
		// messages, and within each of their regions from the district up
		// to the province. A large scope and a word of middling frequency
		// were where PostgreSQL's index was slowest (BENCHMARKS.md,
		// "Session 7").
		scopes, err := searchScopes(ctx, c.Store)
		if err != nil {
			return nil, err
		}
		scoped := func(i int) (*http.Request, error) {
			w, sc := words[i%len(words)], scopes[(i/len(words))%len(scopes)]
			return http.NewRequest("GET", real+"/search?q="+url.QueryEscape(w)+"&"+sc, nil)
		}
		logf("search within boards and regions, one client, %v", c.Duration)
		within, err := c.timed("search-scoped", func() (Result, error) { return Closed(ctx, client, 1, c.Duration, scoped, http.StatusOK) })
		if err != nil {
			return nil, err
		}
		if err := failed(within); err != nil {
			return nil, err
		}
		rep.add(Row{What: fmt.Sprintf("search page within a board or region (%d scopes), one search at a time, p50 / p95 of %d", len(scopes), within.Done),
			Value: ms(within.Quantile(0.5)) + " / " + ms(within.Quantile(0.95)), Target: "p95 < 50 ms", Met: met(within.Quantile(0.95) < 50*time.Millisecond)})
	}

	if c.wants("figures") {
		if err := figures(ctx, c, rep, logf); err != nil {
			return nil, err
		}
	}

	if c.Serve != nil && c.wants("process") {
		logf("server process: start, serve pages and figures for %v, measure memory", c.Duration)
		p, err := c.Serve(ctx)
		if err != nil {
			return nil, err
		}
		defer p.Stop()
		rep.add(Row{What: "start of `liuyan serve` until /readyz answers (processor time used by then)", Value: ms(p.Ready) + " (" + ms(p.ReadyCPU) + ")",
			Target: "< 2 s", Met: met(p.Ready < 2*time.Second)})
		paths := []string{"/", "/api/v1/stats/summary?period=" + c.Period.Name, "/api/v1/stats/ranking?period=" + c.Period.Name + "&level=province"}
		for _, m := range shown {
			paths = append(paths, fmt.Sprintf("/messages/%d", m.ID), fmt.Sprintf("/boards/%d", m.BoardID))
		}
		served, err := Closed(ctx, client, c.Clients, c.Duration, func(i int) (*http.Request, error) {
			return http.NewRequest("GET", p.Base+paths[i%len(paths)], nil)
		}, http.StatusOK)
		if err != nil {
			return nil, err
		}
		if err := failed(served); err != nil {
			return nil, err
		}
		rss, err := p.RSS()
		if err != nil {
			return nil, err
		}
		rep.add(Row{What: fmt.Sprintf("server memory (RSS) after %d requests of pages and figures", served.Done),
			Value: fmt.Sprintf("%.0f MiB", float64(rss)/(1<<20))})
	}
	return rep, nil
}

// failed reports a run with failed requests.
func failed(rs ...Result) error {
	for _, r := range rs {
		if r.Errors > 0 {
			return fmt.Errorf("bench: %d of %d requests failed, first: %s", r.Errors, r.Errors+r.Done, r.First)
		}
		if r.Done == 0 {
			return errors.New("bench: no request was answered")
		}
	}
	return nil
}

// figures times the half-year summary, the province and city rankings and
// the busiest board's figures from the rollups against the naive GROUP BY,
// and checks they agree.
func figures(ctx context.Context, c Config, rep *Report, logf func(string, ...any)) error {
	logf("figures: folding the log into the rollups")
	began := time.Now()
	n, err := c.Stats.Refresh(ctx)
	if err != nil {
		return err
	}
	logf("figures: folded %d events in %v", n, time.Since(began).Round(time.Millisecond))
	naiveRounds := max(1, c.Rounds/5)
	time1 := func(rounds int, f func() error) (time.Duration, error) {
		var ts []time.Duration
		for range rounds {
			t0 := time.Now()
			if err := f(); err != nil {
				return 0, err
			}
			ts = append(ts, time.Since(t0))
		}
		slices.Sort(ts)
		return ts[len(ts)/2], nil
	}
	var rolled, naive any
	sum, err := time1(c.Rounds, func() error {
		s, err := c.Stats.Summary(ctx, stats.Scope{}, c.Period)
		if err == nil {
			rolled = SummaryCounts(s.Figures)
		}
		return err
	})
	if err != nil {
		return err
	}
	logf("figures: naive summary, %d rounds", naiveRounds)
	sumNaive, err := time1(naiveRounds, func() error {
		v, err := NaiveSummary(ctx, c.Stats, c.Period)
		naive = v
		return err
	})
	if err != nil {
		return err
	}
	if !reflect.DeepEqual(rolled, naive) {
		return fmt.Errorf("bench: the summary from rollups %+v differs from the naive one %+v", rolled, naive)
	}
	type timed struct {
		what       string
		fast, slow time.Duration
	}
	rows := []timed{{"half-year summary " + c.Period.Name + ", whole country", sum, sumNaive}}
	for _, r := range []struct {
		level region.Level
		naive func(context.Context, *stats.Service, stats.Period) (map[string]store.NaiveCounts, error)
	}{{region.Province, NaiveRanking}, {region.City, NaiveCityRanking}} {
		opts := stats.RankOptions{Level: r.level, Weights: stats.DefaultWeights, MinVolume: 10}
		rank, err := time1(c.Rounds, func() error {
			ranking, err := c.Stats.Rank(ctx, c.Period, opts)
			if err == nil {
				rolled = RankingCounts(ranking)
			}
			return err
		})
		if err != nil {
			return err
		}
		logf("figures: naive %s ranking, %d rounds", r.level, naiveRounds)
		rankNaive, err := time1(naiveRounds, func() error {
			v, err := r.naive(ctx, c.Stats, c.Period)
			naive = Comparable(v)
			return err
		})
		if err != nil {
			return err
		}
		if !reflect.DeepEqual(rolled, naive) {
			return fmt.Errorf("bench: the %s ranking from rollups differs from the naive one", r.level)
		}
		rows = append(rows, timed{string(r.level) + " ranking " + c.Period.Name, rank, rankNaive})
	}
	for _, f := range rows {
		x := float64(f.slow) / float64(f.fast)
		rep.add(Row{What: f.what + ": rollups vs naive GROUP BY (median)", Value: ms(f.fast), Baseline: ms(f.slow), Ratio: fmt.Sprintf("%.0f×", x),
			Target: "< 100 ms, ≥ 100×", Met: met(f.fast < 100*time.Millisecond && x >= 100)})
	}
	return boardFigures(ctx, c, rep, logf, time1)
}

// boardFigures times the busiest board's figures since the start (its
// page's figures) from the rollups against the naive GROUP BY over the
// board's raw rows, and checks they agree. The 100× is set for the
// country's summary and ranking; a board's raw rows are few and found by
// index, so only the time is a target here.
func boardFigures(ctx context.Context, c Config, rep *Report, logf func(string, ...any), time1 func(int, func() error) (time.Duration, error)) error {
	id, err := c.Store.BusiestBoard(ctx)
	if err != nil || id == 0 {
		return err
	}
	since := stats.SinceStart(c.Stats.Clock())
	var rolled, naive store.NaiveCounts
	fast, err := time1(c.Rounds, func() error {
		f, err := c.Stats.Totals(ctx, stats.Scope{BoardID: id}, since)
		rolled = SummaryCounts(f)
		return err
	})
	if err != nil {
		return err
	}
	logf("figures: naive figures of board %d, %d rounds", id, max(1, c.Rounds/5))
	slow, err := time1(max(1, c.Rounds/5), func() error {
		var err error
		naive, err = NaiveBoard(ctx, c.Stats, id, since)
		return err
	})
	if err != nil {
		return err
	}
	if rolled != naive {
		return fmt.Errorf("bench: the figures of board %d from rollups %+v differ from the naive ones %+v", id, rolled, naive)
	}
	rep.add(Row{What: fmt.Sprintf("busiest board's figures since the start (board %d, %d messages): rollups vs naive GROUP BY (median)", id, rolled.Messages),
		Value: ms(fast), Baseline: ms(slow), Ratio: fmt.Sprintf("%.0f×", float64(slow)/float64(fast)), Target: "< 100 ms", Met: met(fast < 100*time.Millisecond)})
	return nil
}

// postJSON posts body and decodes the answer into out.
func postJSON(client *http.Client, url, token string, body any, want int, out any) error {
	b, _ := json.Marshal(body)
	req, err := http.NewRequest("POST", url, bytes.NewReader(b))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := client.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	if res.StatusCode != want {
		return fmt.Errorf("status %d: %s", res.StatusCode, raw)
	}
	return json.Unmarshal(raw, out)
}

// acceptSubmissions accepts every message author submitted, through the
// board's own lifecycle (an accept event each), with a moderator's account
// made for it, from clients goroutines side by side, and returns how many.
// A board accepts what it is sent within a day or two; left waiting, the
// run's tens of thousands of submissions would be the newest messages of
// the store and ones the public may not see, and every later search (this
// run's and the next runs' on a store reused) would wade through them
// before finding anything to show.
func acceptSubmissions(ctx context.Context, s *store.Store, d *workflow.Desk, author int64, clients int) (int, error) {
	mod := &account.User{Login: fmt.Sprintf("bench_mod%d", time.Now().UnixNano()%1e9), Name: "压力测试审核员", PasswordHash: "unused", Role: account.Moderator}
	if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.CreateUser(ctx, mod) }); err != nil {
		return 0, err
	}
	var ids []int64
	for before := int64(0); ; {
		ms, err := s.Messages(ctx, store.Filter{AuthorID: author, Statuses: []lifecycle.State{lifecycle.Submitted}, Before: before, Limit: 1000}, store.Viewer{All: true})
		if err != nil {
			return 0, err
		}
		for _, m := range ms {
			ids = append(ids, m.ID)
		}
		if len(ms) < 1000 {
			break
		}
		before = ms[len(ms)-1].ID
	}
	work := make(chan int64)
	errs := make(chan error, clients)
	for range clients {
		go func() {
			for id := range work {
				if _, err := d.Do(ctx, mod, id, workflow.Act{Action: lifecycle.Accept}); err != nil {
					errs <- fmt.Errorf("bench: accept message %d: %w", id, err)
					for range work {
					}
					return
				}
			}
			errs <- nil
		}()
	}
	for _, id := range ids {
		work <- id
	}
	close(work)
	var first error
	for range clients {
		if err := <-errs; err != nil && first == nil {
			first = err
		}
	}
	return len(ids), first
}

// scopeMessages is how many answered messages lend their board and
// regions to the scoped searches.
const scopeMessages = 8

// searchScopes lists the scopes of the scoped searches as query
// parameters: the board and every region up from the district of each of
// the newest answered public messages, each once.
func searchScopes(ctx context.Context, s *store.Store) ([]string, error) {
	newest, err := answered(ctx, s, scopeMessages)
	if err != nil {
		return nil, err
	}
	var scopes []string
	add := func(sc string) {
		if !slices.Contains(scopes, sc) {
			scopes = append(scopes, sc)
		}
	}
	for _, m := range newest {
		add("board=" + strconv.FormatInt(m.BoardID, 10))
		for _, r := range region.Path(m.RegionCode) {
			add("region=" + r.Code)
		}
	}
	return scopes, nil
}

// answered reads the newest n answered messages the public may see, which
// the page and search runs take their messages and scopes from.
func answered(ctx context.Context, s *store.Store, n int) ([]*message.Message, error) {
	ms, err := s.Messages(ctx, store.Filter{Statuses: []lifecycle.State{lifecycle.Replied, lifecycle.Rated}, Limit: n}, store.Viewer{})
	if err != nil {
		return nil, err
	}
	if len(ms) == 0 {
		return nil, errors.New("bench: no answered public message to show or to take search scopes from")
	}
	return ms, nil
}
