package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"liuyan/internal/api"
	"liuyan/internal/board"
	"liuyan/internal/calendar"
	"liuyan/internal/directory"
	"liuyan/internal/lifecycle"
	"liuyan/internal/message"
	"liuyan/internal/ratelimit"
	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
	"liuyan/internal/web"
	"liuyan/internal/workflow"
)

// staffPassword signs in every account of the cast.
const staffPassword = storetest.Password

// site is the web board over a seeded store with staff for the boards of
// 杭州市钱塘区, served by httptest with the JSON API beside it as in
// `liuyan serve`.
type site struct {
	t      testing.TB
	srv    *httptest.Server
	store  *store.Store
	desk   *workflow.Desk
	board  board.Board // 钱塘区委书记
	bureau *board.Unit // 钱塘区住房和城乡建设局
	other  *board.Unit // 西湖区城市管理局
	cast   *storetest.Cast
	limits *ratelimit.Set
}

// seededSQLite is a SQLite store with every region's leader boards, for
// tests that need only one backend.
func seededSQLite(t testing.TB) *store.Store {
	t.Helper()
	s := storetest.SQLite(t)
	if _, err := directory.SeedLeaders(context.Background(), s); err != nil {
		t.Fatal(err)
	}
	return s
}

// newSite serves the web board over s with the shared cast of staff and
// citizens (storetest.Cast).
func newSite(t testing.TB, s *store.Store) *site {
	t.Helper()
	c := storetest.NewCast(t, s)
	st := &site{t: t, store: s, board: c.Board, bureau: c.Bureau, other: c.Other, cast: c}
	st.serve(nil)
	return st
}

// serve starts the site's server with a clock; nil is the real one.
func (st *site) serve(now func() time.Time) {
	st.t.Helper()
	st.desk = &workflow.Desk{Store: st.store, Calendar: calendar.Default(), Policy: lifecycle.DefaultPolicy(),
		Limits: message.DefaultLimits, Now: now}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	mux := http.NewServeMux()
	(&api.API{Store: st.store, Desk: st.desk, Log: log}).Register(mux)
	w, err := web.New(web.Config{Store: st.store, Desk: st.desk, Log: log, Now: now, Limits: st.limits})
	if err != nil {
		st.t.Fatal(err)
	}
	w.Register(mux)
	st.srv = httptest.NewServer(mux)
	st.t.Cleanup(st.srv.Close)
}

// newSiteAt serves the same store and accounts as base on a clock
// standing at at, for deadlines that must have passed.
func newSiteAt(t *testing.T, base *site, at time.Time) *site {
	t.Helper()
	st := &site{t: t, store: base.store, board: base.board, bureau: base.bureau, other: base.other}
	st.serve(func() time.Time { return at })
	return st
}

// browser is one person's cookie jar; redirects are not followed, so
// tests see where each answer sends them.
type browser struct {
	s *site
	c *http.Client
}

func (s *site) visitor() *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{s: s, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

// as signs in with one of the fixture's accounts.
func (s *site) as(login string) *browser {
	s.t.Helper()
	b := s.visitor()
	res := b.post("/login", url.Values{"login": {login}, "password": {staffPassword}})
	if res.status != http.StatusSeeOther {
		s.t.Fatalf("sign in as %s: status %d: %s", login, res.status, res.body)
	}
	return b
}

type answer struct {
	status   int
	body     string
	location string
	header   http.Header
}

func (b *browser) do(req *http.Request) answer {
	b.s.t.Helper()
	res, err := b.c.Do(req)
	if err != nil {
		b.s.t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	return answer{status: res.StatusCode, body: string(raw), location: res.Header.Get("Location"), header: res.Header}
}

func (b *browser) get(path string) answer {
	b.s.t.Helper()
	req, _ := http.NewRequest("GET", b.s.srv.URL+path, nil)
	return b.do(req)
}

func (b *browser) post(path string, form url.Values) answer {
	b.s.t.Helper()
	req, _ := http.NewRequest("POST", b.s.srv.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.do(req)
}

// want checks an answer's status and that its page holds each text.
func (a answer) want(t *testing.T, status int, texts ...string) {
	t.Helper()
	if a.status != status {
		t.Fatalf("status %d, want %d; page: %s", a.status, status, excerptOf(a.body))
	}
	for _, s := range texts {
		if !strings.Contains(a.body, s) {
			t.Errorf("page lacks %q: %s", s, excerptOf(a.body))
		}
	}
}

// excerptOf is the main part of a page, for failure messages.
func excerptOf(page string) string {
	if i := strings.Index(page, `<main`); i >= 0 {
		page = page[i:]
	}
	if len(page) > 3000 {
		page = page[:3000]
	}
	return page
}

var idInPath = regexp.MustCompile(`/messages/(\d+)`)

// messageID reads the message a redirect points at.
func messageID(t *testing.T, location string) int64 {
	t.Helper()
	m := idInPath.FindStringSubmatch(location)
	if m == nil {
		t.Fatalf("no message in %q", location)
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	return id
}

// draft is a good message form to change one field of.
func (s *site) draft() url.Values {
	return url.Values{
		"board_id": {strconv.FormatInt(s.board.ID, 10)}, "type": {"投诉/求助"}, "domain": {"城建"}, "public": {"1"},
		"title": {"下沙街道学林街工地夜间施工扰民"}, "channel": {"web"},
		"body": {"学林街与文泽路口的工地连续两周每晚施工到凌晨两点，噪音很大，老人孩子无法休息。我的电话13957112345，希望尽快处理。"},
	}
}

func with(v url.Values, key, value string) url.Values {
	c := url.Values{}
	for k, vs := range v {
		c[k] = append([]string(nil), vs...)
	}
	c.Set(key, value)
	return c
}

func path(id int64, rest string) string {
	return "/messages/" + strconv.FormatInt(id, 10) + rest
}

// regexpAll returns the first group of every match of pattern in s.
func regexpAll(pattern, s string) []string {
	var out []string
	for _, m := range regexp.MustCompile(pattern).FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	return out
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }
