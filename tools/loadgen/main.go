// Command loadgen drives a running liuyan server with a realistic mix of
// traffic and reports latency percentiles and errors per kind of request:
// 90% reads of public pages and the API, 9% new messages and follow-ups,
// 1% staff actions. It needs a server with demo data and rate limits off:
//
//	LIUYAN_RATE_LIMITS=off liuyan serve --demo --data /tmp/load &
//	go run ./tools/loadgen -url http://127.0.0.1:8080 -c 500 -d 60s
//
// It exits non-zero when any response is a 5xx.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	base := flag.String("url", "http://127.0.0.1:8080", "server address")
	clients := flag.Int("c", 500, "concurrent clients")
	dur := flag.Duration("d", 60*time.Second, "duration")
	pages := flag.String("pages", "/", "comma-separated public page paths to read besides the API (message pages are added from the data)")
	password := flag.String("password", "liuyan-demo-2026", "password of the demo accounts")
	flag.Parse()
	r, err := run(*base, *clients, *dur, strings.Split(*pages, ","), *password)
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
	r.print(os.Stdout)
	if r.server5xx > 0 {
		os.Exit(1)
	}
}

// stats collects latencies of one kind of request.
type stats struct {
	mu        sync.Mutex
	latencies []time.Duration
	errors    int
}

func (s *stats) add(d time.Duration, ok bool) {
	s.mu.Lock()
	s.latencies = append(s.latencies, d)
	if !ok {
		s.errors++
	}
	s.mu.Unlock()
}

func (s *stats) pct(p float64) time.Duration {
	if len(s.latencies) == 0 {
		return 0
	}
	i := int(float64(len(s.latencies)-1) * p)
	return s.latencies[i]
}

type report struct {
	kinds     map[string]*stats
	order     []string
	server5xx int64
	duration  time.Duration
	clients   int
}

func (r *report) print(w io.Writer) {
	total := 0
	fmt.Fprintf(w, "%d clients for %s\n", r.clients, r.duration)
	fmt.Fprintf(w, "%-12s %9s %8s %8s %8s %8s\n", "kind", "requests", "errors", "p50", "p99", "max")
	for _, k := range r.order {
		s := r.kinds[k]
		slices.Sort(s.latencies)
		total += len(s.latencies)
		fmt.Fprintf(w, "%-12s %9d %8d %8s %8s %8s\n", k, len(s.latencies), s.errors,
			s.pct(0.5).Round(100*time.Microsecond), s.pct(0.99).Round(100*time.Microsecond), s.pct(1).Round(100*time.Microsecond))
	}
	fmt.Fprintf(w, "total %d requests, %.0f/s, 5xx responses: %d\n", total, float64(total)/r.duration.Seconds(), r.server5xx)
}

type client struct {
	http *http.Client
	base string
}

func (c *client) do(method, path, token string, body any, out any) (int, error) {
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, c.base+path, rd)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := c.http.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	if out != nil && res.StatusCode < 300 {
		return res.StatusCode, json.NewDecoder(res.Body).Decode(out)
	}
	_, _ = io.Copy(io.Discard, res.Body)
	return res.StatusCode, nil
}

func (c *client) login(login, password string) (string, error) {
	var out struct{ Token string }
	st, err := c.do("POST", "/api/v1/auth/login", "", map[string]string{"login": login, "password": password}, &out)
	if err != nil || st != 200 {
		return "", fmt.Errorf("login %s: %d %v", login, st, err)
	}
	return out.Token, nil
}

func run(base string, clients int, dur time.Duration, pages []string, password string) (*report, error) {
	c := &client{base: base, http: &http.Client{Timeout: 30 * time.Second,
		Transport: &http.Transport{MaxIdleConns: clients, MaxIdleConnsPerHost: clients}}}

	// What there is to read and act on, from the demo data.
	var list struct {
		Items []struct {
			ID      int64 `json:"id"`
			BoardID int64 `json:"board_id"`
		}
	}
	if st, err := c.do("GET", "/api/v1/messages?limit=100", "", nil, &list); err != nil || st != 200 || len(list.Items) == 0 {
		return nil, fmt.Errorf("no public messages to read (%d, %v): start the server with --demo", st, err)
	}
	var reads []string
	for _, p := range pages {
		if p = strings.TrimSpace(p); p != "" {
			reads = append(reads, p)
		}
	}
	reads = append(reads, "/api/v1/messages?limit=20", "/api/v1/regions", "/api/v1/regions?parent=330000",
		"/api/v1/boards?region=330100")
	for _, m := range list.Items {
		reads = append(reads, fmt.Sprintf("/api/v1/messages/%d", m.ID))
	}
	citizens := make([]string, 0, 20)
	for i := 1; i <= 20; i++ {
		tok, err := c.login(fmt.Sprintf("citizen%02d", i), password)
		if err != nil {
			return nil, err
		}
		citizens = append(citizens, tok)
	}
	supervisor, err := c.login("supervisor", password)
	if err != nil {
		return nil, err
	}
	boardID := list.Items[0].BoardID

	r := &report{kinds: map[string]*stats{}, order: []string{"read", "post", "followup", "staff"}, duration: dur, clients: clients}
	for _, k := range r.order {
		r.kinds[k] = &stats{}
	}
	var seq atomic.Int64
	stop := time.Now().Add(dur)
	var wg sync.WaitGroup
	for w := range clients {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(w), 7))
			for time.Now().Before(stop) {
				roll := rng.IntN(100)
				var kind string
				var st int
				var err error
				t0 := time.Now()
				switch {
				case roll < 90:
					kind = "read"
					st, err = c.do("GET", reads[rng.IntN(len(reads))], "", nil, nil)
				case roll < 96:
					kind = "post"
					n := seq.Add(1)
					st, err = c.do("POST", "/api/v1/messages", citizens[rng.IntN(len(citizens))], map[string]any{
						"board_id": boardID, "type": "投诉/求助", "domain": "交通",
						"title": fmt.Sprintf("压力测试第%d件：公交站台缺少遮雨棚", n),
						"body":  "公交站台没有遮雨棚，雨天候车的老人和学生淋雨，希望尽快加装。"}, nil)
				case roll < 99:
					// A follow-up is only allowed after a final reply; most
					// attempts are refused with 4xx, which is the realistic
					// load of a citizen trying.
					kind = "followup"
					st, err = c.do("POST", fmt.Sprintf("/api/v1/messages/%d/followups", list.Items[rng.IntN(len(list.Items))].ID),
						citizens[rng.IntN(len(citizens))], map[string]string{"body": "请问目前进展如何？"}, nil)
				default:
					kind = "staff"
					st, err = c.do("POST", fmt.Sprintf("/api/v1/messages/%d/urge", list.Items[rng.IntN(len(list.Items))].ID),
						supervisor, map[string]string{"note": "请加快办理进度"}, nil)
				}
				ok := err == nil && st < 500
				if st >= 500 {
					atomic.AddInt64(&r.server5xx, 1)
				}
				r.kinds[kind].add(time.Since(t0), ok)
			}
		})
	}
	wg.Wait()
	return r, nil
}
