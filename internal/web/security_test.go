package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
)

// TestTitleWithMarkupShowsAsText posts a message whose title and body are
// markup and checks every page that shows them escapes them.
func TestTitleWithMarkupShowsAsText(t *testing.T) {
	storetest.Seeded(t, func(t *testing.T, s *store.Store) {
		site := newSite(t, s)
		xss := `<script>alert(1)</script>`
		form := with(with(site.draft(), "title", xss), "body", `<img src=x onerror="alert(2)">请处理`)
		id := messageID(t, site.as("citizen").post("/write", form).location)
		site.as("moderator").post(path(id, "/accept"), nil)
		pages := map[string]*browser{path(id, ""): site.visitor(), "/search?q=script": site.visitor(),
			"/boards/" + itoa(site.board.ID): site.visitor(), "/mine": site.as("citizen"), "/office": site.as("office")}
		for p, b := range pages {
			a := b.get(p)
			escaped := "&lt;script&gt;alert(1)&lt;/script&gt;"
			if strings.HasPrefix(p, "/search") { // the only markup: the marks of the match
				escaped = "&lt;<mark>script</mark>&gt;alert(1)&lt;/<mark>script</mark>&gt;"
			}
			a.want(t, 200, escaped)
			if strings.Contains(a.body, xss) || strings.Contains(a.body, "<img src=x") {
				t.Errorf("%s shows the markup unescaped", p)
			}
		}
	})
}

// TestCrossOriginPostRefused sends state-changing requests as a browser
// would from another site's page: refused with a Chinese page, nothing
// stored. The same request from the site itself goes through.
func TestCrossOriginPostRefused(t *testing.T) {
	storetest.Seeded(t, func(t *testing.T, s *store.Store) {
		site := newSite(t, s)
		b := site.as("citizen")
		for _, h := range []map[string]string{
			{"Sec-Fetch-Site": "cross-site"},
			{"Sec-Fetch-Site": "same-site"},
			{"Origin": "http://evil.example"},
		} {
			req, _ := http.NewRequest("POST", site.srv.URL+"/write", strings.NewReader(site.draft().Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			for k, v := range h {
				req.Header.Set(k, v)
			}
			b.do(req).want(t, http.StatusForbidden, "请求来自其他网站，已被拒绝")
		}
		for _, p := range []string{"/logout", "/messages/1/accept", "/login"} {
			req, _ := http.NewRequest("POST", site.srv.URL+p, strings.NewReader(url.Values{"login": {"citizen"}}.Encode()))
			req.Header.Set("Sec-Fetch-Site", "cross-site")
			if got := b.do(req); got.status != http.StatusForbidden {
				t.Errorf("cross-site POST %s: %d", p, got.status)
			}
		}
		if n, _ := s.CountMessages(t.Context()); n != 0 {
			t.Fatalf("cross-origin posts stored %d messages", n)
		}
		req, _ := http.NewRequest("POST", site.srv.URL+"/write", strings.NewReader(site.draft().Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		req.Header.Set("Origin", site.srv.URL)
		if got := b.do(req); got.status != http.StatusSeeOther {
			t.Fatalf("same-origin post: %d", got.status)
		}
		// Cross-site reading stays allowed: links from elsewhere must work.
		req, _ = http.NewRequest("GET", site.srv.URL+"/", nil)
		req.Header.Set("Sec-Fetch-Site", "cross-site")
		b.do(req).want(t, 200)
	})
}
