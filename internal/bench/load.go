package bench

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// Request makes the i-th request of a run.
type Request func(i int) (*http.Request, error)

// Result is what a run of requests came to.
type Result struct {
	Done    int             // answered with the wanted status
	Errors  int             // failed, or answered otherwise
	Elapsed time.Duration   // wall time of the run
	Lat     []time.Duration // of the answered requests, sorted
	First   string          // the first error, to report
}

// PerSecond is the rate of answered requests.
func (r Result) PerSecond() float64 { return float64(r.Done) / r.Elapsed.Seconds() }

// Quantile is the q-quantile of the latencies (nearest rank).
func (r Result) Quantile(q float64) time.Duration {
	if len(r.Lat) == 0 {
		return 0
	}
	i := int(q*float64(len(r.Lat))+0.999999) - 1
	return r.Lat[min(max(i, 0), len(r.Lat)-1)]
}

// recorder gathers a run's outcomes from many goroutines.
type recorder struct {
	mu    sync.Mutex
	res   Result
	count atomic.Int64
}

func (rc *recorder) do(client *http.Client, req *http.Request, want int, since time.Time) {
	res, err := client.Do(req)
	if err == nil {
		_, err = io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if err == nil && res.StatusCode != want {
			err = fmt.Errorf("%s %s: status %d, want %d", req.Method, req.URL.Path, res.StatusCode, want)
		}
	}
	lat := time.Since(since)
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if err != nil {
		rc.res.Errors++
		if rc.res.First == "" {
			rc.res.First = err.Error()
		}
		return
	}
	rc.res.Done++
	rc.res.Lat = append(rc.res.Lat, lat)
}

func (rc *recorder) result(began time.Time) Result {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	r := rc.res
	r.Elapsed = time.Since(began)
	slices.Sort(r.Lat)
	return r
}

// Closed runs clients that each send the next request as soon as the last
// is answered, for d: the most the server can take.
func Closed(ctx context.Context, client *http.Client, clients int, d time.Duration, next Request, want int) (Result, error) {
	rc := &recorder{}
	began := time.Now()
	end := began.Add(d)
	var wg sync.WaitGroup
	var failed atomic.Pointer[error]
	for range clients {
		wg.Go(func() {
			for ctx.Err() == nil && time.Now().Before(end) {
				req, err := next(int(rc.count.Add(1)))
				if err != nil {
					failed.Store(&err)
					return
				}
				rc.do(client, req.WithContext(ctx), want, time.Now())
			}
		})
	}
	wg.Wait()
	if err := failed.Load(); err != nil {
		return Result{}, *err
	}
	return rc.result(began), ctx.Err()
}

// Open sends requests at a fixed rate for d, each on its own goroutine,
// and times each from when it was due rather than when it was sent, so a
// stalled server shows in the latencies instead of slowing the sender.
func Open(ctx context.Context, client *http.Client, rate float64, d time.Duration, next Request, want int) (Result, error) {
	rc := &recorder{}
	began := time.Now()
	n := int(rate * d.Seconds())
	interval := time.Duration(float64(time.Second) / rate)
	var wg sync.WaitGroup
	for i := range n {
		due := began.Add(time.Duration(i) * interval)
		if wait := time.Until(due); wait > 0 {
			select {
			case <-ctx.Done():
				wg.Wait()
				return rc.result(began), ctx.Err()
			case <-time.After(wait):
			}
		}
		req, err := next(i)
		if err != nil {
			wg.Wait()
			return Result{}, err
		}
		wg.Go(func() { rc.do(client, req.WithContext(ctx), want, due) })
	}
	wg.Wait()
	return rc.result(began), ctx.Err()
}
