package password

import (
	"context"
	"runtime"
	"sync/atomic"
)

// slots is the semaphore bounding concurrent argon2id computations: a
// caller holds a slot by sending into the channel.
var slots atomic.Pointer[chan struct{}]

func init() {
	SetConcurrency(runtime.NumCPU())
}

// SetConcurrency sets how many hashes may be computed at once; n < 1 means
// 1. The default is runtime.NumCPU(). Each computation with DefaultParams
// holds 64 MiB, so n × 64 MiB is the memory that hashing may take. Call it
// at start-up: computations already running when it is called keep their
// old slots, so for a moment both limits may be in use.
func SetConcurrency(n int) {
	ch := make(chan struct{}, max(1, n))
	slots.Store(&ch)
}

// acquire waits for a slot, or for ctx to end. The returned function gives
// the slot back.
func acquire(ctx context.Context) (release func(), err error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ch := *slots.Load()
	select {
	case ch <- struct{}{}:
		return func() { <-ch }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// holdHook, when set by a test, is called while a slot is held, so the test
// can count the holders and keep them inside.
var holdHook func()
