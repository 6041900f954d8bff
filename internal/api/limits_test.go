package api_test

import (
	"net/http"
	"strconv"
	"testing"
	"time"

	"liuyan/internal/ratelimit"
	"liuyan/internal/store/storetest"
)

func TestRateLimitsAndLockout(t *testing.T) {
	s := storetest.SQLite(t)
	limits := &ratelimit.Set{
		Register:  ratelimit.New(ratelimit.Rule{Burst: 2, Per: time.Hour}),
		LoginFail: ratelimit.New(ratelimit.Rule{Burst: 3, Per: 15 * time.Minute}),
		Post:      ratelimit.New(ratelimit.Rule{Burst: 2, Per: time.Hour}),
	}
	w := newWorldWith(t, seeded(t, s), limits)
	var reg struct{ Token string }
	w.call("", "POST", "/api/v1/auth/register", map[string]string{"login": "liming", "password": "黎明前的黑暗2026"}, 201, &reg)
	w.call("", "POST", "/api/v1/auth/register", map[string]string{"login": "liming2", "password": "黎明前的黑暗2026"}, 201, nil)
	res := w.raw("", "POST", "/api/v1/auth/register", map[string]string{"login": "liming3", "password": "黎明前的黑暗2026"})
	if res.StatusCode != 429 || res.Header.Get("Retry-After") == "" {
		t.Fatalf("third registration from one address: %d, Retry-After %q", res.StatusCode, res.Header.Get("Retry-After"))
	}
	if e := decodeErr(t, res); e.Error.Code != "rate_limited" || !hasHan(e.Error.Message) {
		t.Errorf("429 body %+v", e)
	}

	// Three wrong passwords lock the account, even for the right one.
	for range 3 {
		w.call("", "POST", "/api/v1/auth/login", map[string]string{"login": "liming", "password": "猜错的密码1234"}, 401, nil)
	}
	res = w.raw("", "POST", "/api/v1/auth/login", map[string]string{"login": "liming", "password": "黎明前的黑暗2026"})
	if e := decodeErr(t, res); res.StatusCode != 429 || e.Error.Code != "account_locked" {
		t.Fatalf("locked account: %d %+v", res.StatusCode, e)
	}
	if secs, _ := strconv.Atoi(res.Header.Get("Retry-After")); secs < 60 {
		t.Errorf("lockout Retry-After %d s", secs)
	}
	// Another account is not affected.
	w.call("", "POST", "/api/v1/auth/login", map[string]string{"login": "liming2", "password": "黎明前的黑暗2026"}, 200, nil)

	post := map[string]any{"board_id": w.board.ID, "type": "咨询", "domain": "就业", "title": "灵活就业人员社保补贴如何申请",
		"body": "请问钱塘区灵活就业人员社保补贴在哪里申请，需要哪些材料？"}
	w.call(reg.Token, "POST", "/api/v1/messages", post, 201, nil)
	w.call(reg.Token, "POST", "/api/v1/messages", post, 201, nil)
	res = w.raw(reg.Token, "POST", "/api/v1/messages", post)
	if res.StatusCode != 429 {
		t.Fatalf("third post in an hour: %d", res.StatusCode)
	}
	res.Body.Close()
	if n, _ := s.CountMessages(t.Context()); n != 2 {
		t.Errorf("%d messages stored, want 2", n)
	}
}

func TestLimitsOff(t *testing.T) {
	t.Setenv("LIUYAN_RATE_LIMITS", "off")
	w := newWorldWith(t, seeded(t, storetest.SQLite(t)), ratelimit.FromEnv())
	for i := range 15 {
		w.call("", "POST", "/api/v1/auth/register", map[string]string{"login": "user" + strconv.Itoa(i), "password": "黎明前的黑暗2026"}, http.StatusCreated, nil)
	}
}
