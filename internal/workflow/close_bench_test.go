package workflow_test

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"syscall"
	"testing"
	"time"

	"liuyan/internal/calendar"
	"liuyan/internal/gen"
	"liuyan/internal/lifecycle"
	"liuyan/internal/message"
	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
	"liuyan/internal/workflow"
)

// BenchmarkCloseUnrated closes the unrated replied messages of a generated
// history (LIUYAN_CLOSE_MESSAGES messages, 100,000 by default; the history
// ends in 2020, so every message still waiting for a rating is past its
// window): the older half one transaction per message, as the job did
// before it worked in batches, and the newer half in batches of the
// store's default size (1,000; 100 on SQLite), in the same run. It reports
// the processor time of this process (user + system) and the wall time per
// message closed of each; on PostgreSQL the server's processor time is not
// in the first.
//
//	go test -run '^$' -bench CloseUnrated -benchtime 1x -timeout 1h ./internal/workflow/
func BenchmarkCloseUnrated(b *testing.B) {
	n := 100000
	if v := os.Getenv("LIUYAN_CLOSE_MESSAGES"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 1 {
			b.Fatalf("LIUYAN_CLOSE_MESSAGES=%q", v)
		}
	}
	for _, name := range []string{"sqlite", "postgres"} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				ctx := context.Background()
				var s *store.Store
				if name == "sqlite" {
					s = storetest.SQLite(b)
				} else {
					s = storetest.Postgres(b)
				}
				if _, err := gen.Run(ctx, s, gen.Options{Messages: n, Seed: 1}); err != nil {
					b.Fatal(err)
				}
				now := time.Now()
				policy := lifecycle.DefaultPolicy()
				keys, err := s.RepliedBefore(ctx, now, store.RepliedKey{}, n)
				if err != nil || len(keys) < 2 {
					b.Fatalf("%d messages wait for a rating (%v)", len(keys), err)
				}
				middle := keys[len(keys)/2].RepliedAt
				b.StartTimer()
				var line string
				for _, step := range []struct {
					what  string
					batch int
					now   time.Time
				}{
					{"one per transaction", 1, middle.Add(policy.RatingWindow)},
					{"in batches", 0, now},
				} {
					desk := &workflow.Desk{Store: s, Calendar: calendar.Default(), Policy: policy, Limits: message.DefaultLimits,
						Now: func() time.Time { return step.now }, CloseBatch: step.batch}
					start, cpu0 := time.Now(), cpuTime()
					closed, err := desk.CloseUnrated(ctx)
					if err != nil || closed == 0 {
						b.Fatalf("%s: closed %d (%v)", step.what, closed, err)
					}
					wall, cpu := time.Since(start), cpuTime()-cpu0
					line += fmt.Sprintf("; %s: %d closed, %.0f µs processor and %.0f µs wall a message", step.what, closed,
						float64(cpu.Microseconds())/float64(closed), float64(wall.Microseconds())/float64(closed))
				}
				fmt.Fprintf(os.Stderr, "%s: %d messages, %d waiting for a rating%s\n", b.Name(), n, len(keys), line)
			}
		})
	}
}

// cpuTime is the processor time this process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
