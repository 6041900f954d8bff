package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"liuyan/internal/api"
	"liuyan/internal/api/openapi"
	"liuyan/internal/demo"
	"liuyan/internal/feed"
	"liuyan/internal/jobs"
	"liuyan/internal/metrics"
	"liuyan/internal/notify"
	"liuyan/internal/open311"
	"liuyan/internal/participation"
	"liuyan/internal/ratelimit"
	"liuyan/internal/report"
	"liuyan/internal/stats"
	"liuyan/internal/store"
	"liuyan/internal/web"
	"liuyan/internal/workflow"
)

func serve(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var c common
	var withDemo bool
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	c.register(fs)
	fs.BoolVar(&withDemo, "demo", false, "load demo data into an empty store")
	readURL := fs.String("read-database-url", os.Getenv("READ_DATABASE_URL"), "a read replica of DATABASE_URL for public pages and figures (READ_DATABASE_URL)")
	maxLag := store.DefaultReplicaMaxLag
	if v := os.Getenv("LIUYAN_REPLICA_MAX_LAG"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return fmt.Errorf("LIUYAN_REPLICA_MAX_LAG=%q: want a duration such as 10s", v)
		}
		maxLag = d
	}
	fs.DurationVar(&maxLag, "replica-max-lag", maxLag, "how far the read replica may lag before public reads go to the primary (LIUYAN_REPLICA_MAX_LAG)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if maxLag <= 0 {
		return fmt.Errorf("--replica-max-lag %v: want a positive duration such as 10s", maxLag)
	}
	addr := os.Getenv("LISTEN_ADDR")
	if addr == "" {
		addr = "127.0.0.1:8080"
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: logLevel()}))
	began := time.Now()
	phase := func(what string, since time.Time) {
		log.Debug("start-up", slog.String("phase", what), slog.Duration("took", time.Since(since)), slog.Duration("total", time.Since(began)))
	}
	// The templates and static files need no database: prepare them while
	// the store opens.
	go web.Prepare()
	t := time.Now()
	s, err := c.open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	phase("store opened, migrated, leader boards seeded", t)
	if *readURL != "" {
		if err := s.AttachReplica(ctx, *readURL); err != nil {
			return err
		}
		log.Info("public pages and figures read from the read replica")
	}
	t = time.Now()
	d, err := desk(s)
	if err != nil {
		return err
	}
	phase("desk built", t)
	if withDemo {
		if err := loadDemo(ctx, d, stdout); err != nil {
			return err
		}
	}
	limits := ratelimit.FromEnv()
	if s.Dialect() == store.Postgres {
		limits.Share(s) // several instances may serve this database: one limit between them
	}
	t = time.Now()
	handler, svc, err := site(s, d, log, limits)
	if err != nil {
		return err
	}
	phase("handlers built (templates, assets)", t)
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "liuyan %s listening on http://%s (%s)\n", version(), ln.Addr(), s.Dialect())

	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	runner := &jobs.Runner{Store: s, Desk: d, Sender: notify.SenderFromEnv(log), Client: &http.Client{Timeout: 15 * time.Second}, Log: log}
	go runner.Run(ctx)
	go s.Listen(ctx, log)
	go s.WatchReplica(ctx, maxLag, log)
	go svc.Run(ctx, time.Minute, log)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	// Finish the requests in flight so nothing a user was told is saved is lost.
	log.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return err
	}
	if err := runner.Flush(shutdownCtx); err != nil {
		log.Warn("outbox not flushed; it stays queued for the next start", slog.Any("err", err))
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// site is every handler `liuyan serve` serves over one store and desk,
// with the metrics around them, and the figures service they share; `liuyan
// bench` measures the same handler.
func site(s *store.Store, d *workflow.Desk, log *slog.Logger, limits *ratelimit.Set) (http.Handler, *stats.Service, error) {
	m := metrics.New(s, s.PoolStats)
	d.OnEvent = m.Event
	mux := http.NewServeMux()
	svc := stats.ForDesk(d)
	a := &api.API{Store: s, Desk: d, Log: log, Limits: limits}
	a.Register(mux)
	a.RegisterStats(mux, svc)
	part := &participation.Service{Store: s, Desk: d, Stats: svc}
	a.RegisterParticipation(mux, part)
	(&report.Handler{Stats: svc, Log: log}).Register(mux)
	openapi.Register(mux)
	(&feed.Feeds{Store: s, BaseURL: os.Getenv("LIUYAN_BASE_URL"), Lists: d.Lists}).Register(mux)
	mux.Handle("GET /metrics", m.Handler())
	kept, err := pageCacheBytes()
	if err != nil {
		return nil, nil, err
	}
	w, err := web.New(web.Config{Store: s, Desk: d, Log: log, Limits: limits, Stats: svc, Participation: part,
		SecureCookies: strings.HasPrefix(os.Getenv("LIUYAN_BASE_URL"), "https://"), PageCacheBytes: kept})
	if err != nil {
		return nil, nil, err
	}
	w.Register(mux)
	(&open311.Server{Store: s, Desk: d, Log: log, BaseURL: os.Getenv("LIUYAN_BASE_URL")}).Register(mux)
	return m.Middleware(web.AnonymousReads(mux)), svc, nil
}

// loadDemo fills an empty store with the demo and prints the logins; a
// store that already has messages is left as it is.
func loadDemo(ctx context.Context, d *workflow.Desk, stdout io.Writer) error {
	res, err := demo.Load(ctx, d)
	if errors.Is(err, demo.ErrNotEmpty) {
		fmt.Fprintln(stdout, "demo: the store already has messages; nothing loaded")
		return nil
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "demo: %d messages, %d departments; accounts (password %s):\n", res.Messages, res.Departments, res.Password)
	for _, l := range res.Logins {
		fmt.Fprintf(stdout, "  %-12s %-10s %s\n", l.Login, l.Role, l.Scope)
	}
	return nil
}

func demoCmd(ctx context.Context, args []string, stdout io.Writer) error {
	var c common
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	c.register(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	s, d, err := c.openDesk(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	return loadDemo(ctx, d, stdout)
}

// pageCacheBytes is LIUYAN_PAGE_CACHE_MB, the memory for message and
// board pages kept rendered for visitors, in bytes: unset is the site's default, 0
// keeps none.
func pageCacheBytes() (int, error) {
	v := os.Getenv("LIUYAN_PAGE_CACHE_MB")
	if v == "" {
		return 0, nil
	}
	mb, err := strconv.Atoi(v)
	if err != nil || mb < 0 || mb > 1<<20 {
		return 0, fmt.Errorf("LIUYAN_PAGE_CACHE_MB must be a whole number of megabytes (0 keeps no pages), not %q", v)
	}
	if mb == 0 {
		return -1, nil
	}
	return mb << 20, nil
}

// logLevel is the server log's level from LIUYAN_LOG_LEVEL (debug, info,
// warn, error); debug adds the start-up phases and their times.
func logLevel() slog.Level {
	var l slog.Level
	if err := l.UnmarshalText([]byte(os.Getenv("LIUYAN_LOG_LEVEL"))); err != nil {
		return slog.LevelInfo
	}
	return l
}
