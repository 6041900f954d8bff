package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"liuyan/internal/calendar"
	"liuyan/internal/catalog"
	"liuyan/internal/directory"
	"liuyan/internal/lifecycle"
	"liuyan/internal/message"
	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
	"liuyan/internal/vocab"
	"liuyan/internal/web"
	"liuyan/internal/workflow"
)

// instance is one server of a deployment: its own store handle and its own
// kept pages, on a clock the test moves.
type instance struct {
	srv  *httptest.Server
	desk *workflow.Desk
}

func newInstance(t *testing.T, s *store.Store, clock *atomic.Int64, pageCacheBytes int) *instance {
	t.Helper()
	now := func() time.Time { return time.Unix(0, clock.Load()) }
	desk := &workflow.Desk{Store: s, Calendar: calendar.Default(), Policy: lifecycle.DefaultPolicy(), Limits: message.DefaultLimits}
	w, err := web.New(web.Config{Store: s, Desk: desk, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: now,
		PageCacheBytes: pageCacheBytes})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	w.Register(mux)
	srv := httptest.NewServer(web.AnonymousReads(mux))
	t.Cleanup(srv.Close)
	return &instance{srv: srv, desk: desk}
}

// page fetches path as a visitor without a session, or with one's cookie.
func (in *instance) page(t *testing.T, path string, header http.Header) answer {
	t.Helper()
	req, _ := http.NewRequest("GET", in.srv.URL+path, nil)
	for k, v := range header {
		req.Header[k] = v
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	return answer{status: res.StatusCode, body: string(raw), header: res.Header}
}

// TestKeptMessagePageFollowsEveryChange: two instances on one database,
// each keeping visitors' message pages, show every kind of change to a
// message at the next view — each action of the lifecycle, a reply
// published at sign-off, a follow-up, the rating, an image, a term of
// the vocabulary renamed, a deadline passed — byte for byte the page an
// instance that keeps nothing renders, and a page a browser holds is
// confirmed (304) only while it is the same.
func TestKeptMessagePageFollowsEveryChange(t *testing.T) {
	storetest.EachPair(t, func(t *testing.T, a, b *store.Store) {
		ctx := context.Background()
		if _, err := directory.SeedLeaders(ctx, a); err != nil {
			t.Fatal(err)
		}
		c := storetest.NewCast(t, a)
		var clock atomic.Int64
		clock.Store(time.Now().UnixNano())
		one, two := newInstance(t, a, &clock, 0), newInstance(t, b, &clock, 0)
		fresh := newInstance(t, a, &clock, -1) // keeps nothing: the truth
		m, _, err := one.desk.Submit(ctx, c.Users["citizen"], message.Draft{BoardID: c.Board.ID, Type: "投诉/求助", Domain: "城建",
			Title: "下沙街道学林街工地夜间施工扰民", Body: "学林街与文泽路口的工地连续两周每晚施工到凌晨两点，噪音很大。我的电话13957112345。",
			Public: true, Tags: []string{"噪音扰民", "安全生产"}, Channel: "web"}, "")
		if err != nil {
			t.Fatal(err)
		}
		p := path(m.ID, "")
		etags := map[string]bool{}
		// check views the page on both instances twice (a render, then a
		// kept copy), compares it with a fresh render, and asks again
		// with the ETag it got.
		check := func(step string, want ...string) {
			t.Helper()
			truth := fresh.page(t, p, nil)
			truth.want(t, http.StatusOK, want...)
			for i, in := range []*instance{one, two, one, two} {
				got := in.page(t, p, nil)
				if got.status != http.StatusOK || got.body != truth.body {
					t.Fatalf("after %s, view %d: status %d, and the page differs from a fresh render: %s", step, i, got.status, excerptOf(got.body))
				}
				etag := got.header.Get("ETag")
				if etag == "" {
					t.Fatalf("after %s: no ETag", step)
				}
				if i == 0 && etags[etag] {
					t.Fatalf("after %s: ETag %s was given to an earlier state", step, etag)
				}
				etags[etag] = true
				if again := in.page(t, p, http.Header{"If-None-Match": {etag}}); again.status != http.StatusNotModified || again.body != "" {
					t.Fatalf("after %s: If-None-Match of the current ETag gave %d", step, again.status)
				}
			}
		}
		// A message waiting for moderation is no one's to see; nothing is kept.
		for _, in := range []*instance{one, two, one} {
			in.page(t, p, nil).want(t, http.StatusNotFound)
		}
		do := func(in *instance, login string, act workflow.Act) {
			t.Helper()
			if _, err := in.desk.Do(ctx, c.Users[login], m.ID, act); err != nil {
				t.Fatalf("%s by %s: %v", act.Action, login, err)
			}
		}
		do(one, "moderator", workflow.Act{Action: lifecycle.Accept})
		check("accept", catalog.T("state.published"), "139******45", "#噪音扰民")
		stale := one.page(t, p, nil).header.Get("ETag")

		steps := []struct {
			in    *instance
			login string
			act   workflow.Act
			want  []string
		}{
			{two, "moderator", workflow.Act{Action: lifecycle.Reclassify, Domain: "环保"}, []string{"<dd>环保</dd>"}},
			{one, "office", workflow.Act{Action: lifecycle.Assign, UnitID: c.Bureau.ID, Note: "请住建局核实处理"}, []string{c.Bureau.Name, catalog.T("state.assigned")}},
			{two, "office", workflow.Act{Action: lifecycle.Transfer, UnitID: c.Other.ID, Note: "转城管局处理"}, []string{c.Other.Name}},
			{one, "handler2", workflow.Act{Action: lifecycle.Sign}, []string{catalog.T("state.handling")}},
			{two, "handler2", workflow.Act{Action: lifecycle.RequestExtend, Days: 3, Note: "需现场夜间监测"}, []string{catalog.T("action.extend")}},
			{one, "office", workflow.Act{Action: lifecycle.ApproveExtend}, []string{catalog.T("action.extend_approve")}},
			{two, "supervisor", workflow.Act{Action: lifecycle.SuperviseUrge, Note: "请加快办理"}, []string{catalog.T("action.urge")}},
			{one, "supervisor", workflow.Act{Action: lifecycle.SuperviseFormal, Days: 2, Note: "限期办结"}, []string{catalog.T("action.supervise")}},
			{two, "handler2", workflow.Act{Action: lifecycle.InterimReply, Note: "您好！已安排执法人员夜间巡查。"}, []string{"已安排执法人员夜间巡查"}},
		}
		for _, s := range steps {
			do(s.in, s.login, s.act)
			check(string(s.act.Action), s.want...)
		}
		if got := one.page(t, p, http.Header{"If-None-Match": {stale}}); got.status != http.StatusOK {
			t.Fatalf("an ETag of an earlier state gave %d", got.status)
		}

		// A final reply waiting for the office's sign-off is not public;
		// signed off, it is.
		if err := a.InTx(ctx, func(tx *store.Tx) error { return tx.SetSignoffRequired(ctx, c.Board.ID, true) }); err != nil {
			t.Fatal(err)
		}
		do(one, "handler2", workflow.Act{Action: lifecycle.FinalReply, Note: "您好！该工地已责令22时后停止高噪音作业。"})
		check("a final reply waiting for sign-off")
		if strings.Contains(one.page(t, p, nil).body, "责令22时后停止") {
			t.Fatal("a reply waiting for sign-off is public")
		}
		do(two, "office", workflow.Act{Action: lifecycle.ApproveReply})
		check("sign-off", "责令22时后停止", catalog.T("state.replied"))

		do(one, "citizen", workflow.Act{Action: lifecycle.Followup, Note: "夜间仍有施工，电话13957112345"})
		check("follow-up", "夜间仍有施工", "139******45")
		do(two, "handler2", workflow.Act{Action: lifecycle.FinalReply, Note: "您好！已对该工地立案处罚。"})
		check("second reply, waiting for sign-off")
		do(one, "office", workflow.Act{Action: lifecycle.ApproveReply})
		check("second sign-off", "已对该工地立案处罚", catalog.T("state.replied"))
		do(two, "citizen", workflow.Act{Action: lifecycle.Rate, Rating: &message.Rating{Resolution: 5, Attitude: 5, Speed: 4, Comment: "处理及时，谢谢！"}})
		check("rating", "★★★★★", "处理及时，谢谢！", catalog.T("state.rated"))

		if err := a.InTx(ctx, func(tx *store.Tx) error {
			return tx.InsertAttachments(ctx, []*store.Attachment{{MessageID: m.ID, Name: "工地夜景.png", ContentType: "image/png",
				Width: 1, Height: 1, Data: []byte("\x89PNG\r\n\x1a\n")}})
		}); err != nil {
			t.Fatal(err)
		}
		check("an image", "工地夜景.png")

		lists, err := two.desk.Lists(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range []struct {
			kind      vocab.Kind
			old, name string
		}{{vocab.Domain, "环保", "生态环保"}, {vocab.Type, "投诉/求助", "投诉求助"}, {vocab.Tag, "安全生产", "安全生产监管"}} {
			term, ok := lists.Term(r.kind, r.old)
			if !ok {
				t.Fatalf("no %s %s", r.kind, r.old)
			}
			if _, err := two.desk.ChangeTerm(ctx, c.Users["admin"], workflow.TermChange{Op: "rename", ID: term.ID, Name: r.name}); err != nil {
				t.Fatal(err)
			}
			check("renaming "+r.old, r.name)
		}
	})
}

// TestKeptMessagePageFollowsTheClock: a page kept while a message was in
// time shows it due soon, then overdue, as the clock passes its deadline,
// with no write in between.
func TestKeptMessagePageFollowsTheClock(t *testing.T) {
	storetest.Seeded(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		c := storetest.NewCast(t, s)
		var clock atomic.Int64
		clock.Store(time.Now().UnixNano())
		in, fresh := newInstance(t, s, &clock, 0), newInstance(t, s, &clock, -1)
		m, _, err := in.desk.Submit(ctx, c.Users["citizen"], message.Draft{BoardID: c.Board.ID, Type: "咨询", Domain: "教育",
			Title: "钱塘区新建小学何时招生", Body: "请问学林街新建的小学今年秋季是否招生，学区如何划分？", Public: true, Channel: "web"}, "")
		if err != nil {
			t.Fatal(err)
		}
		if m, err = in.desk.Do(ctx, c.Users["moderator"], m.ID, workflow.Act{Action: lifecycle.Accept}); err != nil {
			t.Fatal(err)
		}
		p := path(m.ID, "")
		for _, at := range []struct {
			t    time.Time
			want string
		}{
			{time.Now(), ""},
			{m.Deadline.Add(-time.Hour), catalog.T("web.queue.due_soon")},
			{m.Deadline.Add(time.Hour), catalog.T("web.queue.overdue")},
		} {
			clock.Store(at.t.UnixNano())
			truth := fresh.page(t, p, nil)
			for range 2 {
				got := in.page(t, p, nil)
				got.want(t, http.StatusOK, at.want)
				if got.body != truth.body {
					t.Fatalf("at %v the kept page differs from a fresh render", at.t)
				}
			}
		}
	})
}

// TestKeptMessagePagesAreTheVisitors: a private message is never kept or
// served to a visitor, a signed-in person always gets their own page
// (never a kept one, and never 304 for a visitor's ETag), and what they
// see is never kept for visitors.
func TestKeptMessagePagesAreTheVisitors(t *testing.T) {
	storetest.Seeded(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		site := newSite(t, s)
		c := site.cast
		submit := func(public bool) int64 {
			m, _, err := site.desk.Submit(ctx, c.Users["citizen"], message.Draft{BoardID: c.Board.ID, Type: "投诉/求助", Domain: "城建",
				Title: "白杨街道路灯不亮", Body: "白杨街道6号大街路灯已坏一周，夜间行人不便，我的电话13957112345。", Public: public, Channel: "web"}, "")
			if err != nil {
				t.Fatal(err)
			}
			if _, err := site.desk.Do(ctx, c.Users["moderator"], m.ID, workflow.Act{Action: lifecycle.Accept}); err != nil {
				t.Fatal(err)
			}
			return m.ID
		}
		private, public := submit(false), submit(true)
		citizen := site.as("citizen")
		for range 2 {
			citizen.get(path(private, "")).want(t, http.StatusOK, "13957112345", catalog.T("web.msg.private"))
			if a := site.visitor().get(path(private, "")); a.status != http.StatusNotFound || a.header.Get("ETag") != "" {
				t.Fatalf("a visitor got a private message: %d %s", a.status, a.header.Get("ETag"))
			}
		}
		for range 2 {
			// The author's view first: unmasked, with their name; then the
			// visitor's, masked, kept; then the author's again.
			mine := citizen.get(path(public, ""))
			mine.want(t, http.StatusOK, "13957112345", "下沙居民")
			if mine.header.Get("ETag") != "" || mine.header.Get("Cache-Control") != "private, no-store" {
				t.Fatalf("a signed-in page has ETag %q, Cache-Control %q", mine.header.Get("ETag"), mine.header.Get("Cache-Control"))
			}
			seen := site.visitor().get(path(public, ""))
			seen.want(t, http.StatusOK, "139******45")
			if strings.Contains(seen.body, "13957112345") || strings.Contains(seen.body, "下沙居民") {
				t.Fatal("a visitor got the author's page")
			}
			req, _ := http.NewRequest("GET", site.srv.URL+path(public, ""), nil)
			req.Header.Set("If-None-Match", seen.header.Get("ETag"))
			if a := citizen.do(req); a.status != http.StatusOK || !strings.Contains(a.body, "13957112345") {
				t.Fatalf("the author with a visitor's ETag got %d", a.status)
			}
		}
		// Other spellings of the address and pages with a notice are
		// rendered for the request, never kept.
		site.visitor().get(path(public, "?done=rate")).want(t, http.StatusOK, catalog.T("web.done.rate"))
		if a := site.visitor().get(path(public, "")); strings.Contains(a.body, catalog.T("web.done.rate")) {
			t.Fatal("a page with a notice was kept")
		}
	})
}
