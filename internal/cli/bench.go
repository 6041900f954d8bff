package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime"
	"runtime/pprof"
	"strings"
	"time"

	"liuyan/internal/bench"
	"liuyan/internal/ratelimit"
	"liuyan/internal/stats"
	"liuyan/internal/store"
)

// benchCmd runs `liuyan bench`: it fills an empty store (or reuses one it
// filled before), then measures the board against baselines in the same
// run and prints a Markdown table for BENCHMARKS.md. It writes messages,
// so it refuses a store with messages it did not write.
func benchCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var c common
	var n, clients, rounds int
	var period string
	var duration time.Duration
	var rate float64
	var noProcess, figuresOnly, copyData bool
	var cpuProfile, phaseProfiles, only string
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.StringVar(&c.dataDir, "data", "", "directory of the embedded database (default: a new temporary one)")
	fs.IntVar(&n, "messages", 20000, "messages to fill an empty store with")
	fs.StringVar(&period, "period", "2020H1", "period of the figures")
	fs.DurationVar(&duration, "duration", 10*time.Second, "length of each timed run of requests")
	fs.IntVar(&clients, "clients", 8, "clients sending requests back to back")
	fs.Float64Var(&rate, "rate", 500, "submissions per second for the latency run")
	fs.IntVar(&rounds, "rounds", 10, "times each figure is computed from the rollups")
	fs.BoolVar(&copyData, "copy", false, "measure a copy of the store of --data, made beside it and removed at the end, so that the store is left as it was and every run starts from the same messages")
	fs.BoolVar(&noProcess, "no-process", false, "do not start `liuyan serve` for start-up time and memory")
	fs.BoolVar(&figuresOnly, "figures-only", false, "measure the figures alone (summary, rankings and the busiest board's figures against the naive queries), without the request runs")
	fs.StringVar(&only, "only", "", "measure only these parts, comma-separated ("+strings.Join(bench.Parts, ", ")+"); all when empty")
	fs.StringVar(&cpuProfile, "cpuprofile", "", "write a CPU profile of the measurements (server and clients) to this file")
	fs.StringVar(&phaseProfiles, "phase-profiles", "", "write a CPU profile of each timed run to `PREFIX`-NAME.prof (submit-bare, submit-api, submit-rate, message-page, search, …)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	p, err := stats.ParsePeriod(period)
	if err != nil {
		return err
	}
	var parts []string
	if only != "" {
		parts = strings.Split(only, ",")
	}
	if figuresOnly {
		parts = []string{"figures"}
	}
	if err := bench.CheckParts(parts); err != nil {
		return err
	}
	// The figures write no message: any store may be measured.
	readOnly := len(parts) == 1 && parts[0] == "figures"
	if copyData {
		began := time.Now()
		if c.dataDir, err = benchCopy(ctx, c.dataDir); err != nil {
			return err
		}
		defer os.RemoveAll(c.dataDir)
		fmt.Fprintf(stderr, "measuring a copy of the store, made in %v\n", time.Since(began).Round(100*time.Millisecond))
	}
	if c.dataDir == "" && os.Getenv("DATABASE_URL") == "" {
		if c.dataDir, err = os.MkdirTemp("", "liuyan-bench-"); err != nil {
			return err
		}
		defer os.RemoveAll(c.dataDir)
	}
	s, d, err := c.openDesk(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	have, err := s.CountMessages(ctx)
	if err != nil {
		return err
	}
	_, mine := s.UserByLogin(ctx, bench.SyntheticAuthor)
	handler, svc, err := site(s, d, slog.New(slog.NewTextHandler(io.Discard, nil)), ratelimit.Off())
	if err != nil {
		return err
	}
	switch {
	case have == 0:
		fmt.Fprintf(stderr, "filling the store with %d messages\n", n)
		began := time.Now()
		if err := bench.Fill(ctx, s, n, svc.Rules); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "filled in %v\n", time.Since(began).Round(time.Second))
	case errors.Is(mine, store.ErrNotFound) && readOnly:
		fmt.Fprintf(stderr, "measuring the figures of the store's %d messages\n", have)
	case errors.Is(mine, store.ErrNotFound):
		return errors.New("bench writes messages: use an empty store or one that bench or `liuyan gen` filled")
	case mine != nil:
		return mine
	default:
		fmt.Fprintf(stderr, "reusing the store's %d messages\n", have)
	}
	// Counting is a scan of the messages: seconds at ten million, so the
	// count is taken again only when the run filled the store.
	total := have
	if have == 0 {
		if total, err = s.CountMessages(ctx); err != nil {
			return err
		}
	}
	cfg := bench.Config{Store: s, Stats: svc, Handler: handler, Period: p, Duration: duration, Clients: clients,
		Rate: rate, Rounds: rounds, Log: stderr, Only: parts, Desk: d}
	if !noProcess {
		exe, err := os.Executable()
		if err != nil {
			return err
		}
		cfg.Serve = func(ctx context.Context) (*bench.Process, error) {
			return bench.StartServe(ctx, exe, []string{"--data", c.dataDir}, []string{"LIUYAN_RATE_LIMITS=off"}, io.Discard)
		}
	}
	if cpuProfile != "" && phaseProfiles != "" {
		return errors.New("bench: --cpuprofile and --phase-profiles cannot be used together: one profile runs at a time")
	}
	var pp *phaseProfiler
	if phaseProfiles != "" {
		pp = &phaseProfiler{prefix: phaseProfiles}
		defer pp.stop()
		cfg.Phase = pp.start
	}
	if cpuProfile != "" {
		f, err := os.Create(cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	// The board is measured as `liuyan serve` runs it: on PostgreSQL its
	// in-memory lists (sensitive words, vocabularies, boards) are trusted
	// only while it hears other instances' changes, and without the
	// listener every submission read them all again.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go s.Listen(ctx, slog.New(slog.NewTextHandler(stderr, nil)))
	for wait := time.Now(); !s.Listening() && time.Since(wait) < 10*time.Second; {
		time.Sleep(10 * time.Millisecond)
	}
	load0 := loadAverage()
	rep, err := bench.Run(ctx, cfg)
	if err != nil {
		return err
	}
	if pp != nil {
		pp.stop()
		if pp.err != nil {
			return fmt.Errorf("bench: unable to write a profile: %w", pp.err)
		}
	}
	fmt.Fprintf(stdout, "liuyan bench: %s, %d messages at the start, %d clients, %v runs; %s\n", s.Dialect(), total, clients, duration, machine())
	fmt.Fprintf(stdout, "load average before: %s, after: %s\n\n", load0, loadAverage())
	rep.Markdown(stdout)
	return nil
}

// machine describes the computer, for the report.
func machine() string {
	cpu := ""
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(l, "model name"); ok {
				cpu = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(v), ":"))
				break
			}
		}
	}
	return fmt.Sprintf("%s/%s, %d CPUs (%s), %s", runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), cpu, runtime.Version())
}

// loadAverage is the one-minute load average, where the system tells it.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	return strings.Fields(string(b))[0]
}

// phaseProfiler keeps a CPU profile of each timed run of the bench, in a
// file of its own.
type phaseProfiler struct {
	prefix string
	f      *os.File
	err    error // the first failure, reported once the run ends
}

// start ends the profile running, if any, and begins the profile of the
// timed run name ("" begins none).
func (p *phaseProfiler) start(name string) {
	p.stop()
	if name == "" || p.err != nil {
		return
	}
	f, err := os.Create(p.prefix + "-" + name + ".prof")
	if err == nil {
		if err = pprof.StartCPUProfile(f); err != nil {
			f.Close()
		}
	}
	if err != nil {
		p.err = err
		return
	}
	p.f = f
}

func (p *phaseProfiler) stop() {
	if p.f == nil {
		return
	}
	pprof.StopCPUProfile()
	if err := p.f.Close(); err != nil && p.err == nil {
		p.err = err
	}
	p.f = nil
}
