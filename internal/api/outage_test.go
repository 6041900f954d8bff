package api_test

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/url"
	"sync"
	"testing"
	"time"

	"liuyan/internal/directory"
	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
)

// proxy stands between the server and PostgreSQL so a test can take the
// database away and bring it back, as a restart or failover would.
type proxy struct {
	ln       net.Listener
	upstream string
	mu       sync.Mutex
	down     bool
	conns    []net.Conn
}

func newProxy(t *testing.T, upstream string) *proxy {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &proxy{ln: ln, upstream: upstream}
	t.Cleanup(func() { ln.Close(); p.setDown(true) })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			p.mu.Lock()
			if p.down {
				p.mu.Unlock()
				c.Close()
				continue
			}
			u, err := net.Dial("tcp", upstream)
			if err != nil {
				p.mu.Unlock()
				c.Close()
				continue
			}
			p.conns = append(p.conns, c, u)
			p.mu.Unlock()
			go func() { io.Copy(u, c); u.Close() }()
			go func() { io.Copy(c, u); c.Close() }()
		}
	}()
	return p
}

// setDown cuts every connection and refuses new ones, or lets them through again.
func (p *proxy) setDown(down bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.down = down
	if down {
		for _, c := range p.conns {
			c.Close()
		}
		p.conns = nil
	}
}

// TestDatabaseOutage takes PostgreSQL away under the running API: requests
// fail with 503 and Retry-After, nothing half-done is stored, and the
// server recovers by itself when the database returns.
func TestDatabaseOutage(t *testing.T) {
	u, err := url.Parse(storetest.PostgresURL(t))
	if err != nil {
		t.Fatal(err)
	}
	p := newProxy(t, u.Host)
	u.Host = p.ln.Addr().String()
	ctx := context.Background()
	s, err := store.Open(ctx, u.String(), "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := directory.SeedLeaders(ctx, s); err != nil {
		t.Fatal(err)
	}
	w := newWorld(t, s)
	var reg struct{ Token string }
	w.call("", "POST", "/api/v1/auth/register", map[string]string{"login": "outage", "password": "数据库重启2026"}, 201, &reg)
	post := map[string]any{"board_id": w.board.ID, "type": "咨询", "domain": "政务", "title": "社保卡补办需要多久",
		"body": "请问在钱塘区市民中心补办社保卡需要几个工作日？"}
	w.call(reg.Token, "POST", "/api/v1/messages", post, 201, nil)

	p.setDown(true)
	for _, c := range []struct {
		method, path string
		body         any
	}{{"GET", "/api/v1/messages", nil}, {"POST", "/api/v1/messages", post}, {"GET", "/readyz", nil}} {
		res := w.raw(reg.Token, c.method, c.path, c.body)
		res.Body.Close()
		if res.StatusCode != http.StatusServiceUnavailable || res.Header.Get("Retry-After") == "" {
			t.Errorf("%s %s during the outage: %d, Retry-After %q", c.method, c.path, res.StatusCode, res.Header.Get("Retry-After"))
		}
	}

	p.setDown(false)
	deadline := time.Now().Add(10 * time.Second)
	for {
		res := w.raw(reg.Token, "GET", "/api/v1/messages?mine=1", nil)
		res.Body.Close()
		if res.StatusCode == 200 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("not recovered 10 s after the database came back: %d", res.StatusCode)
		}
		time.Sleep(100 * time.Millisecond)
	}
	w.call(reg.Token, "POST", "/api/v1/messages", post, 201, nil)
	if n, _ := s.CountMessages(ctx); n != 2 {
		t.Errorf("%d messages, want 2: the one refused during the outage must not exist", n)
	}
}
