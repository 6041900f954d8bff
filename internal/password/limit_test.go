package password

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// limitForTest sets the concurrency and a hold hook for one test and
// restores both afterwards. Such tests must not run in parallel.
func limitForTest(t *testing.T, n int, hook func()) {
	t.Helper()
	prev := cap(*slots.Load())
	SetConcurrency(n)
	holdHook = hook
	t.Cleanup(func() {
		holdHook = nil
		SetConcurrency(prev)
	})
}

func TestConcurrencyIsBounded(t *testing.T) {
	const limit, callers = 2, 7
	var inside, most atomic.Int32
	entered := make(chan struct{}, callers)
	release := make(chan struct{})
	limitForTest(t, limit, func() {
		n := inside.Add(1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		entered <- struct{}{}
		<-release
		inside.Add(-1)
	})

	ctx := context.Background()
	errs := make(chan error, callers)
	var wg sync.WaitGroup
	for range callers {
		wg.Go(func() {
			_, err := HashWith(ctx, "并发登录的密码", cheap)
			errs <- err
		})
	}
	for range limit {
		<-entered
	}
	select {
	case <-entered:
		t.Errorf("a caller got in while %d slots were held", limit)
	case <-time.After(100 * time.Millisecond):
	}
	close(release)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	if got := most.Load(); got != limit {
		t.Errorf("at most %d callers were inside at once, want %d", got, limit)
	}
}

func TestCancelWhileWaiting(t *testing.T) {
	encoded, err := HashWith(context.Background(), "排队等待的密码", cheap)
	if err != nil {
		t.Fatal(err)
	}
	entered := make(chan struct{}, 1)
	release := make(chan struct{})
	limitForTest(t, 1, func() {
		select {
		case entered <- struct{}{}:
			<-release // only the first holder is kept inside
		default:
		}
	})

	holder := make(chan error, 1)
	go func() {
		_, err := HashWith(context.Background(), "占着名额的密码", cheap)
		holder <- err
	}()
	<-entered

	canceled, cancel := context.WithCancel(context.Background())
	waiter := make(chan error, 1)
	go func() {
		_, err := Verify(canceled, "排队等待的密码", encoded)
		waiter <- err
	}()
	time.Sleep(20 * time.Millisecond) // let it reach the semaphore
	cancel()
	if err := <-waiter; !errors.Is(err, context.Canceled) {
		t.Errorf("Verify with a canceled context = %v, want context.Canceled", err)
	}

	short, cancelShort := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancelShort()
	if _, err := Hash(short, "排队等待的密码"); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Hash past its deadline = %v, want context.DeadlineExceeded", err)
	}

	close(release)
	if err := <-holder; err != nil {
		t.Fatal(err)
	}
	// The canceled waiters must not have kept a slot: with one slot, this
	// would block forever.
	if ok, err := Verify(context.Background(), "排队等待的密码", encoded); err != nil || !ok {
		t.Errorf("Verify after cancellations = %v, %v; want true, nil", ok, err)
	}
}

func TestCanceledBeforeStart(t *testing.T) {
	var held atomic.Int32
	limitForTest(t, 4, func() { held.Add(1) })
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := HashWith(ctx, "已经取消的密码", cheap); !errors.Is(err, context.Canceled) {
		t.Errorf("HashWith with a canceled context = %v, want context.Canceled", err)
	}
	if held.Load() != 0 {
		t.Errorf("a canceled call computed a hash")
	}
}

func TestSetConcurrencyAtLeastOne(t *testing.T) {
	for _, n := range []int{-3, 0, 1, 5} {
		limitForTest(t, n, nil)
		if got, want := cap(*slots.Load()), max(1, n); got != want {
			t.Errorf("SetConcurrency(%d): %d slots, want %d", n, got, want)
		}
	}
}
