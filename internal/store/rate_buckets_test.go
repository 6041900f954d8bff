package store_test

import (
	"context"
	"testing"
	"time"

	"liuyan/internal/ratelimit"
	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
)

// TestSharedLockout locks an account after five failed logins counted by
// two instances between them, as two servers behind one load balancer
// would; a success on either forgets the failures, and the sweep drops
// idle buckets.
func TestSharedLockout(t *testing.T) {
	storetest.EachPair(t, func(t *testing.T, sa, sb *store.Store) {
		ctx := context.Background()
		a, b := ratelimit.DefaultSet(), ratelimit.DefaultSet()
		a.Share(sa)
		b.Share(sb)
		t0 := time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)
		for i := range 5 {
			s := a
			if i%2 == 1 {
				s = b
			}
			if locked, _ := s.LoginFail.Blocked("hangzhou01", t0); locked {
				t.Fatalf("locked after %d failures", i)
			}
			s.LoginFail.Allow("hangzhou01", t0)
		}
		for name, s := range map[string]*ratelimit.Set{"a": a, "b": b} {
			if locked, wait := s.LoginFail.Blocked("hangzhou01", t0.Add(time.Minute)); !locked || wait <= 0 || wait > 3*time.Minute {
				t.Errorf("instance %s: locked %v for %v after five failures between the instances, want locked for under 3 minutes", name, locked, wait)
			}
		}
		if locked, _ := b.LoginFail.Blocked("hangzhou02", t0); locked {
			t.Error("another account is locked too")
		}
		a.LoginFail.Reset("hangzhou01")
		if locked, _ := b.LoginFail.Blocked("hangzhou01", t0.Add(time.Minute)); locked {
			t.Error("a reset on one instance did not unlock the account on the other")
		}
		if n, err := sa.SweepBuckets(ctx, t0.Add(25*time.Hour)); err != nil || n == 0 {
			t.Errorf("sweep dropped %d buckets (%v), want the idle ones", n, err)
		}
	})
}
