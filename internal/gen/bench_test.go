package gen_test

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"syscall"
	"testing"
	"time"

	"liuyan/internal/gen"
	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
)

// BenchmarkGen generates LIUYAN_GEN_MESSAGES messages (100,000 by default)
// into an empty store: SQLite in a temporary directory, and PostgreSQL at
// TEST_DATABASE_URL. It reports messages per second of wall time and per
// second of processor time (user + system, this process only: on a
// shared machine the first also measures the neighbours; on PostgreSQL the
// server's own processor time is not in it).
//
//	LIUYAN_GEN_MESSAGES=1000000 go test -run '^$' -bench 'Gen/sqlite' -benchtime 1x -timeout 2h ./internal/gen/
//	LIUYAN_GEN_MESSAGES=10000000 go test -run '^$' -bench 'Gen/postgres' -benchtime 1x -timeout 3h ./internal/gen/
func BenchmarkGen(b *testing.B) {
	n := messagesToGenerate(b)
	for _, name := range []string{"sqlite", "postgres"} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				var s *store.Store
				if name == "sqlite" {
					s = storetest.SQLite(b)
				} else {
					s = storetest.Postgres(b)
				}
				b.StartTimer()
				start, cpu0 := time.Now(), cpuTime()
				sum, err := gen.Run(context.Background(), s, gen.Options{Messages: n, Seed: 1})
				if err != nil {
					b.Fatal(err)
				}
				wall, cpu := time.Since(start), cpuTime()-cpu0
				b.ReportMetric(float64(n)/wall.Seconds(), "msgs/s")
				b.ReportMetric(float64(n)/cpu.Seconds(), "msgs/cpu-s")
				fmt.Fprintf(os.Stderr, "%s: %v; %v of processor time\n", b.Name(), sum, cpu.Round(time.Millisecond))
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

// messagesToGenerate is LIUYAN_GEN_MESSAGES, 100,000 by default.
func messagesToGenerate(b *testing.B) int {
	n := 100000
	if v := os.Getenv("LIUYAN_GEN_MESSAGES"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 1 {
			b.Fatalf("LIUYAN_GEN_MESSAGES=%q", v)
		}
	}
	return n
}
