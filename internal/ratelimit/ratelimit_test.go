package ratelimit

import (
	"testing"
	"time"
)

func TestAllowRefillsOverTime(t *testing.T) {
	l := New(Rule{Burst: 3, Per: time.Minute}) // one token back every 20 s
	t0 := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	for i := range 3 {
		if ok, _ := l.Allow("10.0.0.1", t0); !ok {
			t.Fatalf("request %d refused inside the burst", i+1)
		}
	}
	ok, wait := l.Allow("10.0.0.1", t0)
	if ok || wait != 20*time.Second {
		t.Fatalf("4th request: ok %v wait %v, want refused for 20s", ok, wait)
	}
	if ok, _ := l.Allow("10.0.0.2", t0); !ok {
		t.Error("another key shares the bucket")
	}
	if ok, _ := l.Allow("10.0.0.1", t0.Add(19*time.Second)); ok {
		t.Error("a token came back early")
	}
	if ok, _ := l.Allow("10.0.0.1", t0.Add(21*time.Second)); !ok {
		t.Error("no token after 21 s")
	}
}

func TestBlockedAndReset(t *testing.T) {
	l := New(Rule{Burst: 2, Per: 10 * time.Minute})
	t0 := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	for range 2 {
		if b, _ := l.Blocked("zhangsan", t0); b {
			t.Fatal("blocked before failures used up")
		}
		l.Allow("zhangsan", t0)
	}
	if b, wait := l.Blocked("zhangsan", t0); !b || wait != 5*time.Minute {
		t.Errorf("after two failures: blocked %v wait %v", b, wait)
	}
	l.Reset("zhangsan")
	if b, _ := l.Blocked("zhangsan", t0); b {
		t.Error("still blocked after reset")
	}
}

func TestNilAllowsAll(t *testing.T) {
	var l *Limiter
	if ok, _ := l.Allow("x", time.Now()); !ok {
		t.Error("nil limiter refused")
	}
	if b, _ := l.Blocked("x", time.Now()); b {
		t.Error("nil limiter blocked")
	}
}

func TestSweepForgetsIdleKeys(t *testing.T) {
	l := New(Rule{Burst: 1, Per: time.Second})
	t0 := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	for i := range 1000 {
		l.Allow(string(rune(0x4e00+i)), t0)
	}
	l.Allow("late", t0.Add(2*time.Minute))
	if n := len(l.buckets); n != 1 {
		t.Errorf("%d buckets after sweep, want 1", n)
	}
}
