package web_test

import (
	"bytes"
	"encoding/json"
	"image/png"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
)

// TestPublicPages opens every public page as a visitor and checks what it
// must show and the headers every page carries.
func TestPublicPages(t *testing.T) {
	storetest.Seeded(t, func(t *testing.T, s *store.Store) {
		site := newSite(t, s)
		v := site.visitor()
		board := strconv.FormatInt(site.board.ID, 10)
		pages := []struct {
			path   string
			status int
			texts  []string
		}{
			{"/", 200, []string{`<html lang="zh-CN">`, "领导留言板", "留言量", "回复率", "满意度", "最新回复", "浙江", "我要留言", `href="/reports/000000/20`}},
			{"/regions", 200, []string{"浙江省", "湖南省", "新疆维吾尔自治区"}},
			{"/regions/330100", 200, []string{"杭州市委书记", "杭州市长", "钱塘区"}},
			{"/regions/330114", 200, []string{"钱塘区委书记", "钱塘区长", "浙江省", "杭州市"}},
			{"/boards/" + board, 200, []string{"钱塘区委书记", "浙江省杭州市钱塘区", "给TA留言", "暂无留言", `href="/feeds/boards/` + board + `"`, `<input type="hidden" name="board" value="` + board + `">`}},
			{"/boards/" + board + "?status=no-such&type=表扬", 200, []string{"钱塘区委书记"}},
			{"/search?q=学区", 200, []string{"含“学区”的留言", "暂无留言"}},
			{"/search?q=学区&board=" + board, 200, []string{"只在“钱塘区委书记”中搜索", `name="board" value="` + board + `"`}},
			{"/search?q=" + strings.Repeat("学", 51), 422, []string{"搜索词不能超过 50 个字"}},
			{"/search?q=！？", 422, []string{"请输入要搜索的字词"}},
			{"/login", 200, []string{`<label for="login">账号</label>`, `autocomplete="current-password"`}},
			{"/register", 200, []string{"确认密码", `autocomplete="new-password"`}},
			{"/offline", 200, []string{"网络未连接"}},
			{"/regions/999999", 404, []string{"页面不存在"}},
			{"/boards/99999999", 404, []string{"页面不存在"}},
			{"/messages/99999999", 404, []string{"页面不存在"}},
			{"/no/such/page", 404, []string{"页面不存在"}},
		}
		for _, p := range pages {
			t.Run(p.path, func(t *testing.T) {
				a := v.get(p.path)
				a.want(t, p.status, p.texts...)
				for h, want := range map[string]string{
					"Content-Security-Policy": "script-src 'self'; style-src 'self'",
					"X-Content-Type-Options":  "nosniff",
					"X-Frame-Options":         "DENY",
					"Content-Type":            "text/html; charset=utf-8",
				} {
					if got := a.header.Get(h); !strings.Contains(got, want) {
						t.Errorf("%s: %q, want %q", h, got, want)
					}
				}
				if strings.Contains(a.body, "<script>") || strings.Contains(a.body, " style=") || strings.Contains(a.body, "<style") {
					t.Error("a page carries inline script or style, which the CSP forbids")
				}
			})
		}
	})
}

// TestStaticFilesAndApp checks the checksummed static files, the icons,
// the manifest and the service worker.
func TestStaticFilesAndApp(t *testing.T) {
	site := newSite(t, seededSQLite(t))
	v := site.visitor()
	home := v.get("/").body
	css := regexp.MustCompile(`href="(/static/[0-9a-f]{12}/app\.css)"`).FindStringSubmatch(home)
	if css == nil {
		t.Fatal("the home page links no checksummed stylesheet")
	}
	a := v.get(css[1])
	if a.status != 200 || !strings.Contains(a.header.Get("Cache-Control"), "immutable") || !strings.Contains(a.body, "--red") {
		t.Errorf("stylesheet: %d %q", a.status, a.header.Get("Cache-Control"))
	}
	stale := regexp.MustCompile(`/static/[0-9a-f]+/`).ReplaceAllString(css[1], "/static/000000000000/")
	v.get(stale).want(t, 404)

	var m struct {
		Name, Lang, Display string
		StartURL            string `json:"start_url"`
		Icons               []struct{ Src, Sizes, Purpose string }
	}
	a = v.get("/manifest.webmanifest")
	if err := json.Unmarshal([]byte(a.body), &m); err != nil {
		t.Fatalf("manifest: %v: %s", err, a.body)
	}
	if m.Name != "领导留言板" || m.Lang != "zh-CN" || m.Display != "standalone" || m.StartURL == "" || len(m.Icons) != 3 {
		t.Errorf("manifest %+v", m)
	}
	sizes := map[string]int{"192x192": 192, "512x512": 512}
	for _, ic := range m.Icons {
		res := v.get(ic.Src)
		img, err := png.Decode(bytes.NewReader([]byte(res.body)))
		if err != nil {
			t.Fatalf("icon %s: %v", ic.Src, err)
		}
		if want := sizes[ic.Sizes]; img.Bounds().Dx() != want || img.Bounds().Dy() != want {
			t.Errorf("icon %s is %v, want %s", ic.Src, img.Bounds(), ic.Sizes)
		}
	}
	sw := v.get("/sw.js")
	if sw.status != 200 || !strings.Contains(sw.header.Get("Content-Type"), "javascript") ||
		!strings.Contains(sw.body, css[1]) || !strings.Contains(sw.body, `"/offline"`) || strings.Contains(sw.body, "{{") {
		t.Errorf("service worker: %d %s", sw.status, sw.body)
	}
}

// TestEveryCatalogueKeyExists renders nothing: it reads the templates and
// checks each {{t "key"}} they use is in the catalogue, so no page ever
// shows a key instead of Chinese.
func TestEveryCatalogueKeyExists(t *testing.T) {
	site := newSite(t, seededSQLite(t))
	v := site.visitor()
	// A key missing from the catalogue is printed as the key itself.
	for _, p := range []string{"/", "/regions", "/regions/330114", "/login", "/register", "/search?q=x", "/offline"} {
		if k := regexp.MustCompile(`\bweb\.[a-z_]+\.[a-z_0-9.]+`).FindString(v.get(p).body); k != "" {
			t.Errorf("%s shows the key %q", p, k)
		}
	}
}

// TestSessionCookie checks the session cookie's flags and that logging
// out ends the session on the server too.
func TestSessionCookie(t *testing.T) {
	site := newSite(t, seededSQLite(t))
	b := site.visitor()
	a := b.post("/login", map[string][]string{"login": {"citizen"}, "password": {staffPassword}})
	if a.status != http.StatusSeeOther || a.location != "/mine" {
		t.Fatalf("login: %d %q", a.status, a.location)
	}
	c := a.header.Get("Set-Cookie")
	for _, flag := range []string{"liuyan_session=", "HttpOnly", "SameSite=Lax", "Path=/"} {
		if !strings.Contains(c, flag) {
			t.Errorf("cookie %q lacks %s", c, flag)
		}
	}
	if strings.Contains(c, "Secure") {
		t.Errorf("cookie %q is Secure over plain HTTP", c)
	}
	token := strings.TrimPrefix(strings.Split(c, ";")[0], "liuyan_session=")
	b.get("/mine").want(t, 200, "我的留言", "下沙居民")
	b.post("/logout", nil)
	b.get("/mine").want(t, http.StatusSeeOther)
	// The old token is revoked, not merely forgotten by the browser.
	replay := site.visitor()
	req, _ := http.NewRequest("GET", site.srv.URL+"/mine", nil)
	req.AddCookie(&http.Cookie{Name: "liuyan_session", Value: token})
	if got := replay.do(req); got.status != http.StatusSeeOther {
		t.Errorf("a revoked session still opens /mine: %d", got.status)
	}
}

// TestHomeShowsHotIssues checks that the hot issues the text-mining job
// computed for the whole country appear on the home page, linked to their
// first message, and that the panel is absent while there are none.
func TestHomeShowsHotIssues(t *testing.T) {
	site := newSite(t, seededSQLite(t))
	v := site.visitor()
	if strings.Contains(v.get("/").body, "热点问题") {
		t.Fatal("the home page shows a hot-issue panel with no hot issues")
	}
	now := time.Now()
	err := site.store.ReplaceHotIssues(t.Context(), "", []store.HotIssue{
		{Rank: 1, Heat: 9.5, Place: "钱塘区下沙街道", Description: "学林街工地夜间施工扰民", Start: now.AddDate(0, 0, -10), End: now,
			Messages: 12, Authors: 9, MessageIDs: []int64{41, 42}, ComputedAt: now},
	})
	if err != nil {
		t.Fatal(err)
	}
	v.get("/").want(t, 200, "热点问题", `<a href="/messages/41">学林街工地夜间施工扰民</a>`, "钱塘区下沙街道 · 12 条留言 · 9 位网民")
}
