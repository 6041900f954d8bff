package web_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"liuyan/internal/lifecycle"
	"liuyan/internal/message"
	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
	"liuyan/internal/workflow"
)

// queryPages are the pages that read their address's query, each with the
// account that may open it ("" for a visitor).
var queryPages = []struct{ path, login string }{
	{"/", ""}, {"/boards/{board}", ""}, {"/search", ""}, {"/regions/330114", ""}, {"/messages/{message}", ""},
	{"/login", ""}, {"/register", ""}, {"/mine", "citizen"}, {"/write", "citizen"}, {"/review", "moderator"},
	{"/office", "office"}, {"/workbench", "handler"}, {"/workbench/{message}", "handler"}, {"/supervision", "supervisor"},
	{"/admin/users", "admin"}, {"/admin/directory", "admin"}, {"/admin/words", "admin"}, {"/admin/audit", "admin"},
}

// queryServer is the site with a public message being handled, and a
// signed-in browser for each account of queryPages.
type queryServer struct {
	site     *site
	browsers map[string]*browser
	board    string
	message  string
}

func newQueryServer(tb testing.TB, s *store.Store) *queryServer {
	site := newSite(tb, s)
	ctx := context.Background()
	m, _, err := site.desk.Submit(ctx, site.cast.Users["citizen"], message.Draft{BoardID: site.board.ID, Type: "投诉/求助", Domain: "城建",
		Title: "开发商占全体业主公共区域用于出租", Public: true,
		Body: "钱塘区大江东宝龙广场开发商在钱塘区核心区域宝龙广场公共用地擅自出租摊位开设露天烧烤。"}, "")
	if err != nil {
		tb.Fatal(err)
	}
	for _, step := range []struct {
		who string
		act workflow.Act
	}{{"moderator", workflow.Act{Action: lifecycle.Accept}}, {"office", workflow.Act{Action: lifecycle.Assign, UnitID: site.bureau.ID}}} {
		if _, err := site.desk.Do(ctx, site.cast.Users[step.who], m.ID, step.act); err != nil {
			tb.Fatal(err)
		}
	}
	qs := &queryServer{site: site, browsers: map[string]*browser{"": site.visitor()}, board: itoa(site.board.ID), message: itoa(m.ID)}
	for _, p := range queryPages {
		if _, ok := qs.browsers[p.login]; !ok {
			qs.browsers[p.login] = site.as(p.login)
		}
	}
	return qs
}

// check opens page i with query and holds the answer to what every page
// owes an edited address: a page, a redirect on this site, a 404 or a
// refusal of the query (400, 422) — never a server error — and nothing
// of the query written back unescaped.
func (qs *queryServer) check(t *testing.T, i int, query string) {
	// As a browser sends it: what cannot be a query is not sent (the
	// server's own request parser answers a bare space with 400).
	q, err := url.ParseQuery(query)
	if err != nil {
		return
	}
	query = q.Encode()
	p := queryPages[i%len(queryPages)]
	path := strings.NewReplacer("{board}", qs.board, "{message}", qs.message).Replace(p.path)
	res, err := qs.browsers[p.login].c.Get(qs.site.srv.URL + path + "?" + query)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(res.Body)
	res.Body.Close()
	body := string(raw)
	switch res.StatusCode {
	case http.StatusOK, http.StatusNotFound, http.StatusBadRequest, http.StatusUnprocessableEntity:
	case http.StatusSeeOther:
		if loc := res.Header.Get("Location"); !strings.HasPrefix(loc, "/") || strings.HasPrefix(loc, "//") || strings.HasPrefix(loc, `/\`) {
			t.Fatalf("%s?%s sends the browser to %q", path, query, loc)
		}
	default:
		t.Errorf("%s?%s: status %d", path, query, res.StatusCode)
		return
	}
	// A value with markup in it is written back unescaped when the page
	// holds it more often than the same page asked without a query (the
	// page's own <script> holds "<scr").
	var plain string
	for _, vs := range q {
		for _, v := range vs {
			if len(v) < 3 || !strings.ContainsAny(v, `<>"`) || !strings.Contains(body, v) {
				continue
			}
			if plain == "" {
				plain = qs.plain(t, p.login, path)
			}
			if strings.Count(body, v) > strings.Count(plain, v) {
				t.Fatalf("%s?%s writes %q back unescaped", path, query, v)
			}
		}
	}
}

// plain is the page at path without a query, as login sees it.
func (qs *queryServer) plain(t *testing.T, login, path string) string {
	res, err := qs.browsers[login].c.Get(qs.site.srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	return string(raw)
}

// FuzzPageQuery opens the pages that read their query with any query, as
// the account that may see each, on the embedded store.
func FuzzPageQuery(f *testing.F) {
	for i, q := range []string{"", "status=replied&type=咨询&domain=城建&before=20", "q=宝龙广场&before=-1", "", "done=accept",
		"next=//evil.example/x", "next=%2Fmine", "before=9223372036854775807", "province=330000&city=330100&county=330114&board=1",
		"done=<script>", "", "", "", "", "role=handler&login=%25_", "region=330114&province=999999", "", ""} {
		f.Add(uint8(i), q)
	}
	f.Add(uint8(2), "q=%00%ff%fe<b>")
	f.Add(uint8(14), "login=%00%ff")
	qs := newQueryServer(f, seededSQLite(f))
	f.Fuzz(func(t *testing.T, page uint8, query string) {
		qs.check(t, int(page), query)
	})
}

// TestPageQueryJunk sends every page the queries that only a database
// with strict text refuses — a NUL, bytes that are not UTF-8 — on both
// stores: the fuzz target runs on the embedded one only.
func TestPageQueryJunk(t *testing.T) {
	storetest.Seeded(t, func(t *testing.T, s *store.Store) {
		qs := newQueryServer(t, s)
		for i := range queryPages {
			for _, junk := range []string{"%00", "%ff%fe", "%e5%ae", "a%00b", strings.Repeat("宝", 2000)} {
				var q []string
				for _, k := range []string{"q", "login", "role", "status", "type", "domain", "before", "region", "province", "city", "county", "board", "next", "done"} {
					q = append(q, k+"="+junk)
				}
				qs.check(t, i, strings.Join(q, "&"))
			}
		}
	})
}

// TestFormNUL sends a NUL, which no text column of PostgreSQL can hold,
// in each free-text field of the forms people fill in: each is refused
// with the form shown again, on both stores, and nothing is stored.
func TestFormNUL(t *testing.T) {
	storetest.Seeded(t, func(t *testing.T, s *store.Store) {
		site := newSite(t, s)
		citizen := site.as("citizen")
		before, err := s.CountMessages(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, field := range []string{"title", "body", "tags"} {
			a := citizen.post("/write", with(site.draft(), field, "学林街工地\x00夜间施工"))
			a.want(t, http.StatusUnprocessableEntity, "空字符")
		}
		if after, _ := s.CountMessages(context.Background()); after != before {
			t.Errorf("%d messages stored from refused forms", after-before)
		}
		id := messageID(t, citizen.post("/write", site.draft()).location)
		site.as("moderator").post(path(id, "/reject"), url.Values{"note": {"重复\x00留言"}}).want(t, http.StatusUnprocessableEntity, "空字符")
		site.visitor().post("/register", url.Values{"login": {"xiasha2026"}, "name": {"下沙\x00居民"},
			"password": {"我家住下沙2026"}, "confirm": {"我家住下沙2026"}}).want(t, http.StatusUnprocessableEntity)
	})
}
