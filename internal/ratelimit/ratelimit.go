package ratelimit

import (
	"math"
	"sync"
	"time"
)

// Rule allows Burst events at once and refills to Burst over Per.
type Rule struct {
	Burst int
	Per   time.Duration
}

// Limiter holds one bucket per key.
type Limiter struct {
	rule    Rule
	mu      sync.Mutex
	buckets map[string]*bucket
	sweep   time.Time
}

type bucket struct {
	tokens float64
	at     time.Time
}

// New returns a limiter for rule. A nil *Limiter allows everything, which
// is how limits are turned off.
func New(rule Rule) *Limiter {
	return &Limiter{rule: rule, buckets: map[string]*bucket{}}
}

func (l *Limiter) rate() float64 { return float64(l.rule.Burst) / l.rule.Per.Seconds() }

// refill brings key's bucket up to now and returns it.
func (l *Limiter) refill(key string, now time.Time) *bucket {
	b, ok := l.buckets[key]
	if !ok {
		b = &bucket{tokens: float64(l.rule.Burst), at: now}
		l.buckets[key] = b
		return b
	}
	if el := now.Sub(b.at).Seconds(); el > 0 {
		b.tokens = math.Min(float64(l.rule.Burst), b.tokens+el*l.rate())
		b.at = now
	}
	return b
}

// wait is how long until one token is back.
func (l *Limiter) wait(b *bucket) time.Duration {
	need := 1 - b.tokens
	return time.Duration(math.Ceil(need/l.rate())) * time.Second
}

// Allow takes one token for key if there is one. When there is none it
// says how long to wait, for a Retry-After header.
func (l *Limiter) Allow(key string, now time.Time) (bool, time.Duration) {
	if l == nil {
		return true, 0
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.maybeSweep(now)
	b := l.refill(key, now)
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	return false, l.wait(b)
}

// Blocked says, without taking a token, whether key has none left; used
// for lockouts where tokens are taken only by failures.
func (l *Limiter) Blocked(key string, now time.Time) (bool, time.Duration) {
	if l == nil {
		return false, 0
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.refill(key, now)
	if b.tokens >= 1 {
		return false, 0
	}
	return true, l.wait(b)
}

// Reset forgets key, e.g. after a successful login.
func (l *Limiter) Reset(key string) {
	if l == nil {
		return
	}
	l.mu.Lock()
	delete(l.buckets, key)
	l.mu.Unlock()
}

// maybeSweep drops full buckets once a minute so that memory follows the
// number of active keys, not of all keys ever seen.
func (l *Limiter) maybeSweep(now time.Time) {
	if now.Sub(l.sweep) < time.Minute {
		return
	}
	l.sweep = now
	for k, b := range l.buckets {
		if b.tokens+now.Sub(b.at).Seconds()*l.rate() >= float64(l.rule.Burst) {
			delete(l.buckets, k)
		}
	}
}
