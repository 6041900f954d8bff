package web_test

import (
	"net/http"
	"net/url"
	"testing"
	"time"

	"liuyan/internal/ratelimit"
)

// TestPageLimits: the pages share the API's limits: registrations per
// address, failed logins per account, messages per account; each answered
// 429 with Retry-After and a Chinese page, and nothing stored.
func TestPageLimits(t *testing.T) {
	st := newSite(t, seededSQLite(t))
	st.limits = &ratelimit.Set{
		Register:  ratelimit.New(ratelimit.Rule{Burst: 1, Per: time.Hour}),
		LoginFail: ratelimit.New(ratelimit.Rule{Burst: 2, Per: 15 * time.Minute}),
	}
	st.serve(nil)
	v := st.visitor()
	form := url.Values{"login": {"xianxia01"}, "password": {"限流测试密码2026"}, "confirm": {"限流测试密码2026"}}
	if res := v.post("/register", form); res.status != http.StatusSeeOther {
		t.Fatalf("first registration: %d %s", res.status, res.body)
	}
	form.Set("login", "xianxia02")
	res := st.visitor().post("/register", form)
	res.want(t, http.StatusTooManyRequests, "操作过于频繁")
	if res.header.Get("Retry-After") == "" {
		t.Error("no Retry-After")
	}
	if _, err := st.store.UserByLogin(t.Context(), "xianxia02"); err == nil {
		t.Error("a refused registration was stored")
	}
	for range 2 {
		st.visitor().post("/login", url.Values{"login": {"xianxia01"}, "password": {"错误的密码12345"}}).want(t, http.StatusUnauthorized)
	}
	st.visitor().post("/login", url.Values{"login": {"xianxia01"}, "password": {"限流测试密码2026"}}).want(t, http.StatusTooManyRequests, "登录失败次数过多")
}
