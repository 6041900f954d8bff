package store_test

import (
	"context"
	"database/sql"
	"errors"
	"io"
	"log/slog"
	"net/url"
	"os"
	"testing"
	"time"

	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
)

// TestReplicaLagBound runs against a real streaming standby of the test
// server (bash scripts/test starts one): it pauses the standby's replay,
// so the replica falls behind for real, and checks that public reads stay
// on the replica within the bound and leave it past the bound, then come
// back once replay resumes. Each step is seen from what a public read
// returns: a message written on the primary is missing from the paused
// replica and present on the primary.
func TestReplicaLagBound(t *testing.T) {
	standbyURL := os.Getenv("TEST_REPLICA_DATABASE_URL")
	if standbyURL == "" {
		if os.Getenv("LIUYAN_REQUIRE_REPLICA") == "1" {
			t.Fatal("LIUYAN_REQUIRE_REPLICA=1 but TEST_REPLICA_DATABASE_URL is not set")
		}
		t.Skip("no streaming standby: set TEST_REPLICA_DATABASE_URL (bash scripts/test starts one)")
	}
	ctx := context.Background()
	primaryURL := storetest.PostgresURL(t)
	s, err := store.Open(ctx, primaryURL, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	f := setup(t, s)

	// The test's schema, on the standby.
	pu, err := url.Parse(primaryURL)
	if err != nil {
		t.Fatal(err)
	}
	su, err := url.Parse(standbyURL)
	if err != nil {
		t.Fatal(err)
	}
	pu.Host = su.Host
	standby, err := sql.Open("pgx", standbyURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_, _ = standby.ExecContext(context.Background(), "SELECT pg_wal_replay_resume()")
		standby.Close()
	})
	// The standby has the schema once it has replayed the migrations.
	eventually(t, 30*time.Second, "the standby to replay the test's schema", func() bool {
		return s.AttachReplica(ctx, pu.String()) == nil
	})

	const maxLag = 2 * time.Second
	watchReplica(t, s, maxLag)

	// Each read is a request of its own, which decides where it reads at
	// its first public read.
	seenIn := func(req context.Context, id int64) bool {
		_, err := s.Message(req, id, store.Viewer{All: true})
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			t.Fatal(err)
		}
		return err == nil
	}
	seen := func(id int64) bool { return seenIn(store.FromReplica(ctx), id) }
	write := func(key string) int64 {
		m := newMessage(f, true, key)
		if err := s.InTx(ctx, func(tx *store.Tx) error {
			_, err := tx.InsertMessage(ctx, m)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		return m.ID
	}
	pause := func() {
		if _, err := standby.ExecContext(ctx, "SELECT pg_wal_replay_pause()"); err != nil {
			t.Fatal(err)
		}
		eventually(t, 10*time.Second, "the standby's replay to pause", func() bool {
			var state string
			if err := standby.QueryRowContext(ctx, "SELECT pg_get_wal_replay_pause_state()").Scan(&state); err != nil {
				t.Fatal(err)
			}
			return state == "paused"
		})
	}

	// A message written on the primary reaches the replica's readers.
	a := write("replica-lag-a")
	eventually(t, 10*time.Second, "message a on the replica", func() bool { return seen(a) })
	if !s.ReplicaUsable() {
		t.Fatal("the replica is left out while it keeps up")
	}

	// Replay paused: within the bound, public reads stay on the replica,
	// which does not have the new message yet.
	pause()
	// A request that begins now keeps reading the replica to its end.
	long := store.FromReplica(ctx)
	if !seenIn(long, a) {
		t.Fatal("message a is gone from the replica")
	}
	b := write("replica-lag-b")
	if seen(b) {
		t.Fatal("a public read found message b at once: it did not come from the paused replica")
	}
	if !s.ReplicaUsable() {
		t.Fatal("the replica was left out before it lagged past the bound")
	}

	// Past the bound, public reads go to the primary and find it.
	began := time.Now()
	eventually(t, 10*maxLag, "public reads to leave the lagging replica", func() bool { return !s.ReplicaUsable() })
	if waited := time.Since(began); waited < maxLag/2 {
		t.Fatalf("the replica was left out after %v, well within the bound of %v", waited, maxLag)
	}
	if !seen(b) {
		t.Fatal("with the replica left out, a public read still misses message b")
	}
	if seenIn(long, b) {
		t.Fatal("a request that began on the replica moved to the primary half way")
	}

	// Replay resumed: the replica catches up and is used again, and reads
	// really go to it (a message written while it is paused again is missing).
	if _, err := standby.ExecContext(ctx, "SELECT pg_wal_replay_resume()"); err != nil {
		t.Fatal(err)
	}
	eventually(t, 10*maxLag, "public reads to come back to the replica", s.ReplicaUsable)
	pause()
	c := write("replica-lag-c")
	if seen(c) {
		t.Fatal("after catching up, public reads did not go back to the replica")
	}
	if _, err := standby.ExecContext(ctx, "SELECT pg_wal_replay_resume()"); err != nil {
		t.Fatal(err)
	}
	eventually(t, 10*time.Second, "message c on the replica", func() bool { return seen(c) })
}

// TestReplicaLagNotAnswering checks that a replica that stops answering
// is left out rather than failing the public pages: its pool is closed
// under the watcher, which sends the reads to the primary.
func TestReplicaLagNotAnswering(t *testing.T) {
	ctx := context.Background()
	s := storetest.Postgres(t)
	f := setup(t, s)
	// A second schema of the test server stands in for the replica: it is
	// not a standby, so its lag is not measured, only whether it answers.
	replicaURL := storetest.PostgresURL(t)
	r, err := store.Open(ctx, replicaURL, "")
	if err != nil {
		t.Fatal(err)
	}
	r.Close()
	if err := s.AttachReplica(ctx, replicaURL); err != nil {
		t.Fatal(err)
	}
	m := newMessage(f, true, "replica-down")
	if err := s.InTx(ctx, func(tx *store.Tx) error { _, err := tx.InsertMessage(ctx, m); return err }); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Message(store.FromReplica(ctx), m.ID, store.Viewer{All: true}); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("the stand-in replica should not hold the primary's message: %v", err)
	}
	watchReplica(t, s, time.Second)
	time.Sleep(300 * time.Millisecond)
	if !s.ReplicaUsable() {
		t.Fatal("an answering replica that is not a standby is left out")
	}
	store.CloseReplicaForTest(s)
	eventually(t, 10*time.Second, "public reads to leave the replica that does not answer", func() bool { return !s.ReplicaUsable() })
	if _, err := s.Message(store.FromReplica(ctx), m.ID, store.Viewer{All: true}); err != nil {
		t.Fatalf("with the replica gone, a public read fails: %v", err)
	}
	if err := s.Ping(ctx); err != nil {
		t.Fatalf("the instance is not ready while only its replica is gone: %v", err)
	}
}

// watchReplica runs s.WatchReplica with the bound maxLag until the test
// ends.
func watchReplica(t *testing.T, s *store.Store, maxLag time.Duration) {
	ctx, stop := context.WithCancel(context.Background())
	watched := make(chan struct{})
	go func() {
		defer close(watched)
		s.WatchReplica(ctx, maxLag, slog.New(slog.NewTextHandler(io.Discard, nil)))
	}()
	t.Cleanup(func() { stop(); <-watched })
}

// eventually polls cond until it holds or wait passes.
func eventually(t *testing.T, wait time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(wait)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("waited %v for %s", wait, what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
