package jobs_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"liuyan/internal/jobs"
	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
)

// TestOnceAcrossInstances runs one job from two runners on one database,
// as two `liuyan serve` processes would: it runs once per period between
// them, and on PostgreSQL never on both at once.
func TestOnceAcrossInstances(t *testing.T) {
	storetest.EachPair(t, func(t *testing.T, sa, sb *store.Store) {
		ctx := context.Background()
		t0 := time.Date(2026, 6, 1, 8, 0, 0, 0, time.UTC)
		now := t0
		clock := func() time.Time { return now }
		a := &jobs.Runner{Store: sa, Now: clock, Instance: "a"}
		b := &jobs.Runner{Store: sb, Now: clock, Instance: "b"}
		var runs atomic.Int32
		task := func(context.Context) error { runs.Add(1); return nil }
		const every = 10 * time.Minute

		once := func(r *jobs.Runner) bool {
			t.Helper()
			ran, err := r.Once(ctx, "close-unrated", every, task)
			if err != nil {
				t.Fatal(err)
			}
			return ran
		}
		if !once(a) {
			t.Fatal("the first run of a new job did not run")
		}
		now = t0.Add(time.Minute)
		if once(b) || once(a) {
			t.Fatal("a job ran again within its period")
		}
		now = t0.Add(every)
		if !once(b) {
			t.Fatal("the job did not run on the other instance once its period was over")
		}
		if once(a) {
			t.Fatal("both instances ran the job in one period")
		}
		if got := runs.Load(); got != 2 {
			t.Fatalf("task ran %d times, want 2", got)
		}
		leases, err := sa.JobLeases(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(leases) != 1 || leases[0].Holder != "b" || !leases[0].RanAt.Equal(t0.Add(every)) {
			t.Fatalf("leases = %+v, want close-unrated last run by b at %s", leases, t0.Add(every))
		}
		if sa.Dialect() != store.Postgres {
			return // one process serves SQLite: there is no second instance to keep out
		}
		// While a slow run holds the job, the other instance skips it at
		// once, however overdue the job is, rather than waiting or running it too.
		now = t0.Add(24 * time.Hour)
		started, release := make(chan struct{}), make(chan struct{})
		done := make(chan bool)
		go func() {
			ran, err := a.Once(ctx, "close-unrated", every, func(context.Context) error {
				close(started)
				<-release
				return nil
			})
			if err != nil {
				t.Error(err)
			}
			done <- ran
		}()
		<-started
		if once(b) {
			t.Fatal("the job ran on two instances at once")
		}
		close(release)
		if !<-done {
			t.Fatal("the slow run did not count as a run")
		}
		if once(b) {
			t.Fatal("the job ran again right after the slow run")
		}
	})
}

// TestFlushRunsWhatIsNotDue checks that the last pass at shutdown runs the
// outbox and the mail even right after their periodic run, and records it.
func TestFlushRunsWhatIsNotDue(t *testing.T) {
	storetest.EachPair(t, func(t *testing.T, sa, _ *store.Store) {
		ctx := context.Background()
		now := time.Date(2026, 6, 1, 8, 0, 0, 0, time.UTC)
		r := &jobs.Runner{Store: sa, Now: func() time.Time { return now }, Instance: "a"}
		if ran, err := r.Once(ctx, "notifications", 5*time.Second, func(context.Context) error { return nil }); !ran || err != nil {
			t.Fatalf("first run: %v %v", ran, err)
		}
		now = now.Add(time.Second)
		if err := r.Flush(ctx); err != nil {
			t.Fatal(err)
		}
		leases, err := sa.JobLeases(ctx)
		if err != nil {
			t.Fatal(err)
		}
		ran := map[string]time.Time{}
		for _, l := range leases {
			ran[l.Name] = l.RanAt
		}
		if !ran["notifications"].Equal(now) || !ran["webhooks"].Equal(now) {
			t.Errorf("flush at %s recorded %v", now, ran)
		}
	})
}
