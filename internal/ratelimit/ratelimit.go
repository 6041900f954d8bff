package ratelimit

import (
	"context"
	"math"
	"sync"
	"time"
)

// Rule allows Burst events at once and refills to Burst over Per.
type Rule struct {
	Burst int
	Per   time.Duration
}

// Limiter holds one bucket per key: in memory, or in a Shared store once
// Share is called.
type Limiter struct {
	rule    Rule
	mu      sync.Mutex
	buckets map[string]*bucket
	sweep   time.Time

	shared Shared
	scope  string
}

// Shared keeps buckets where every instance of the server sees them (the
// database), so that a limit holds for the whole board and not per process.
type Shared interface {
	// Bucket runs fn on the bucket of key in scope under a lock that holds
	// across instances, and keeps what fn returns; a bucket never seen
	// comes with found false.
	Bucket(ctx context.Context, scope, key string, fn func(tokens float64, at time.Time, found bool) (float64, time.Time)) error
	// ForgetBucket drops the bucket of key in scope.
	ForgetBucket(ctx context.Context, scope, key string) error
}

// sharedTimeout bounds a shared bucket's round trip; past it, or when the
// store fails, the limiter counts in memory: a limit must not take the
// board down with the database, and requests fail then anyway.
const sharedTimeout = 2 * time.Second

// Share keeps the limiter's buckets in s under scope from now on.
func (l *Limiter) Share(s Shared, scope string) {
	if l != nil {
		l.shared, l.scope = s, scope
	}
}

// update brings key's bucket up to now and runs fn on it, where the
// buckets are kept.
func (l *Limiter) update(key string, now time.Time, fn func(b *bucket)) {
	if l.shared != nil {
		ctx, cancel := context.WithTimeout(context.Background(), sharedTimeout)
		defer cancel()
		err := l.shared.Bucket(ctx, l.scope, key, func(tokens float64, at time.Time, found bool) (float64, time.Time) {
			b := &bucket{tokens: float64(l.rule.Burst), at: now}
			if found {
				b = &bucket{tokens: tokens, at: at}
				l.refillBucket(b, now)
			}
			fn(b)
			return b.tokens, b.at
		})
		if err == nil {
			return
		}
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.maybeSweep(now)
	fn(l.refill(key, now))
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
	l.refillBucket(b, now)
	return b
}

// refillBucket adds the tokens earned since the bucket was last touched.
func (l *Limiter) refillBucket(b *bucket, now time.Time) {
	if el := now.Sub(b.at).Seconds(); el > 0 {
		b.tokens = math.Min(float64(l.rule.Burst), b.tokens+el*l.rate())
		b.at = now
	}
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
	ok, wait := false, time.Duration(0)
	l.update(key, now, func(b *bucket) {
		if b.tokens >= 1 {
			b.tokens--
			ok = true
			return
		}
		wait = l.wait(b)
	})
	return ok, wait
}

// Blocked says, without taking a token, whether key has none left; used
// for lockouts where tokens are taken only by failures.
func (l *Limiter) Blocked(key string, now time.Time) (bool, time.Duration) {
	if l == nil {
		return false, 0
	}
	blocked, wait := false, time.Duration(0)
	l.update(key, now, func(b *bucket) {
		if b.tokens < 1 {
			blocked, wait = true, l.wait(b)
		}
	})
	return blocked, wait
}

// Reset forgets key, e.g. after a successful login.
func (l *Limiter) Reset(key string) {
	if l == nil {
		return
	}
	if l.shared != nil {
		ctx, cancel := context.WithTimeout(context.Background(), sharedTimeout)
		_ = l.shared.ForgetBucket(ctx, l.scope, key)
		cancel()
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
