// Command crashtest proves that nothing a client was told is saved is lost
// and nothing is saved twice when the server dies mid-write.
//
// It starts `liuyan serve`, sends N submissions from many goroutines with
// idempotency keys, kills the server with SIGKILL while they are in
// flight, restarts it on the same store, retries every request that got
// no answer (and some that did), and then checks that every acknowledged
// message exists exactly once with the ID it was acknowledged with, and
// that the author has exactly N messages.
//
//	go run ./tools/crashtest -n 10000                  # embedded SQLite
//	go run ./tools/crashtest -n 10000 -database-url postgres://…
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

func main() {
	n := flag.Int("n", 10000, "submissions")
	workers := flag.Int("c", 64, "concurrent clients")
	killAt := flag.Float64("kill-at", 0.4, "kill the server when this share of submissions is acknowledged")
	dbURL := flag.String("database-url", "", "PostgreSQL URL; empty for the embedded SQLite")
	bin := flag.String("bin", "", "liuyan binary; empty to build one")
	flag.Parse()
	if err := run(*n, *workers, *killAt, *dbURL, *bin); err != nil {
		fmt.Fprintln(os.Stderr, "crashtest: FAIL:", err)
		os.Exit(1)
	}
	fmt.Println("crashtest: PASS")
}

// server is one run of `liuyan serve`.
type server struct {
	cmd  *exec.Cmd
	base string
}

func start(bin, dataDir, dbURL, addr string) (*server, error) {
	cmd := exec.Command(bin, "serve", "--data", dataDir)
	cmd.Env = append(os.Environ(), "LISTEN_ADDR="+addr, "DATABASE_URL="+dbURL, "LIUYAN_RATE_LIMITS=off")
	cmd.Stdout, cmd.Stderr = io.Discard, os.Stderr
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &server{cmd: cmd, base: "http://" + addr}
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if res, err := http.Get(s.base + "/readyz"); err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return s, nil
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	cmd.Process.Kill()
	return nil, errors.New("server not ready within 60 s")
}

func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}

func call(client *http.Client, method, url, token, key string, body any, out any) (int, error) {
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest(method, url, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if key != "" {
		req.Header.Set("Idempotency-Key", key)
	}
	res, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		return res.StatusCode, err
	}
	if out != nil && res.StatusCode < 300 {
		if err := json.Unmarshal(raw, out); err != nil {
			return res.StatusCode, err
		}
	}
	return res.StatusCode, nil
}

func run(n, workers int, killAt float64, dbURL, bin string) error {
	tmp, err := os.MkdirTemp("", "liuyan-crash-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if bin == "" {
		bin = filepath.Join(tmp, "liuyan")
		build := exec.Command("go", "build", "-o", bin, "liuyan/cmd/liuyan")
		build.Stdout, build.Stderr = os.Stdout, os.Stderr
		if err := build.Run(); err != nil {
			return fmt.Errorf("build: %w (run inside the repository)", err)
		}
	}
	addr, err := freeAddr()
	if err != nil {
		return err
	}
	data := filepath.Join(tmp, "data")
	srv, err := start(bin, data, dbURL, addr)
	if err != nil {
		return err
	}
	defer func() { srv.cmd.Process.Kill(); srv.cmd.Wait() }()
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: workers}}

	login := fmt.Sprintf("crash%d", time.Now().UnixNano()%1e9)
	var auth struct{ Token string }
	if st, err := call(client, "POST", srv.base+"/api/v1/auth/register", "", "", map[string]string{"login": login, "password": "崩溃测试密码2026"}, &auth); err != nil || st != 201 {
		return fmt.Errorf("register: %d %v", st, err)
	}
	var boards struct{ Items []struct{ ID int64 } }
	if st, err := call(client, "GET", srv.base+"/api/v1/boards?region=330100&kind=leader", "", "", nil, &boards); err != nil || st != 200 || len(boards.Items) == 0 {
		return fmt.Errorf("boards: %d %v", st, err)
	}
	boardID := boards.Items[0].ID

	acked := make([]int64, n) // message ID acknowledged for submission i; 0 when none
	submit := func(base string, i int) (int64, error) {
		var m struct{ ID int64 }
		st, err := call(client, "POST", base+"/api/v1/messages", auth.Token, fmt.Sprintf("%s-%d", login, i),
			map[string]any{"board_id": boardID, "type": "投诉/求助", "domain": "城建", "title": fmt.Sprintf("崩溃测试第%d件", i),
				"body": fmt.Sprintf("第%d件留言：小区路灯损坏多日，夜间出行不便，请尽快维修。", i)}, &m)
		if err != nil {
			return 0, err
		}
		if st != 201 && st != 200 {
			return 0, fmt.Errorf("status %d", st)
		}
		return m.ID, nil
	}

	// Phase 1: submit until killAt of them are acknowledged, then SIGKILL.
	var done atomic.Int64
	var killed atomic.Bool
	var wg sync.WaitGroup
	next := make(chan int)
	go func() {
		for i := range n {
			next <- i
		}
		close(next)
	}()
	killMark := int64(float64(n) * killAt)
	for range workers {
		wg.Go(func() {
			for i := range next {
				if id, err := submit(srv.base, i); err == nil {
					acked[i] = id
					if done.Add(1) == killMark && killed.CompareAndSwap(false, true) {
						srv.cmd.Process.Signal(syscall.SIGKILL)
					}
				}
			}
		})
	}
	wg.Wait()
	srv.cmd.Wait()
	ackedBefore := done.Load()
	fmt.Printf("phase 1: %d of %d acknowledged before and during the kill\n", ackedBefore, n)
	if !killed.Load() {
		return errors.New("the server was never killed; raise -n or lower -kill-at")
	}

	// Phase 2: restart on the same store and retry what got no answer,
	// plus every tenth acknowledged one, which must come back unchanged.
	srv, err = start(bin, data, dbURL, addr)
	if err != nil {
		return fmt.Errorf("restart: %w", err)
	}
	var mismatch []string
	var mu sync.Mutex
	retry := make(chan int)
	go func() {
		for i := range n {
			if acked[i] == 0 || i%10 == 0 {
				retry <- i
			}
		}
		close(retry)
	}()
	for range workers {
		wg.Go(func() {
			for i := range retry {
				id, err := submit(srv.base, i)
				mu.Lock()
				switch {
				case err != nil:
					mismatch = append(mismatch, fmt.Sprintf("retry %d: %v", i, err))
				case acked[i] != 0 && acked[i] != id:
					mismatch = append(mismatch, fmt.Sprintf("submission %d acknowledged as %d, retried as %d", i, acked[i], id))
				default:
					acked[i] = id
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if len(mismatch) > 0 {
		return fmt.Errorf("%d problems, first: %s", len(mismatch), mismatch[0])
	}

	// Phase 3: the author's messages are exactly the N acknowledged IDs.
	seen := map[int64]bool{}
	cursor := ""
	for {
		var page struct {
			Items []struct {
				ID    int64
				Title string
			}
			NextCursor *string `json:"next_cursor"`
		}
		st, err := call(client, "GET", srv.base+"/api/v1/messages?mine=1&limit=100"+cursor, auth.Token, "", nil, &page)
		if err != nil || st != 200 {
			return fmt.Errorf("list: %d %v", st, err)
		}
		for _, it := range page.Items {
			if seen[it.ID] {
				return fmt.Errorf("message %d listed twice", it.ID)
			}
			seen[it.ID] = true
		}
		if page.NextCursor == nil {
			break
		}
		cursor = "&cursor=" + *page.NextCursor
	}
	want := map[int64]bool{}
	for i, id := range acked {
		if id == 0 {
			return fmt.Errorf("submission %d never acknowledged", i)
		}
		if want[id] {
			return fmt.Errorf("two submissions share message %d", id)
		}
		want[id] = true
		if !seen[id] {
			return fmt.Errorf("acknowledged message %d (submission %d) is missing", id, i)
		}
	}
	if len(seen) != n {
		return fmt.Errorf("the author has %d messages, want exactly %d", len(seen), n)
	}
	fmt.Printf("phase 3: %d messages, each acknowledged once, none lost, none doubled\n", len(seen))
	if err := srv.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		return err
	}
	if err := srv.cmd.Wait(); err != nil && !strings.Contains(err.Error(), "signal") {
		return fmt.Errorf("graceful stop: %w", err)
	}
	return nil
}
