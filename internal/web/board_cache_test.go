package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"liuyan/internal/account"
	"liuyan/internal/catalog"
	"liuyan/internal/directory"
	"liuyan/internal/lifecycle"
	"liuyan/internal/message"
	"liuyan/internal/stats"
	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
	"liuyan/internal/vocab"
	"liuyan/internal/workflow"
)

func boardPath(id int64, query string) string {
	p := "/boards/" + strconv.FormatInt(id, 10)
	if query != "" {
		p += "?" + query
	}
	return p
}

// TestKeptBoardPageFollowsEveryChange: two instances on one database,
// each keeping visitors' board pages, show every kind of change that a
// board page shows at the next view — a message published, each state it
// passes, its domain corrected, the reply and the rating in the figures,
// a fold of the rollups, a message imported, the board's own row, terms
// of the vocabulary renamed and added — byte for byte the page an
// instance that keeps nothing renders, under every filter and spelling
// of one, and a page a browser holds is confirmed (304) only while it is
// the same. A private message never shows.
func TestKeptBoardPageFollowsEveryChange(t *testing.T) {
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
		id := c.Board.ID
		// The addresses a visitor may read: the board, filtered by state
		// or domain, the filter form's spelling of "all" (the same page
		// as the plain address), and a domain that is not in the lists
		// until the end (filtering nothing until then).
		paths := []string{boardPath(id, ""), boardPath(id, "status=handling"), boardPath(id, "domain="+url.QueryEscape("城建")),
			boardPath(id, "status=&type=&domain="), boardPath(id, "domain="+url.QueryEscape("水务"))}
		etags := map[string]bool{}
		check := func(step string, want ...string) {
			t.Helper()
			for n, p := range paths {

				truth := fresh.page(t, p, nil)
				if n == 0 {
					truth.want(t, http.StatusOK, want...)
				} else {
					truth.want(t, http.StatusOK)
				}
				for i, in := range []*instance{one, two, one, two} {
					got := in.page(t, p, nil)
					if got.status != http.StatusOK || got.body != truth.body {
						t.Fatalf("after %s, %s, view %d: status %d, and the page differs from a fresh render: %s", step, p, i, got.status, excerptOf(got.body))
					}
					etag := got.header.Get("ETag")
					if etag == "" {
						t.Fatalf("after %s, %s: no ETag", step, p)
					}
					if i == 0 && etags[p+" "+etag] {
						t.Fatalf("after %s, %s: ETag %s was given to an earlier state", step, p, etag)
					}
					etags[p+" "+etag] = true
					if again := in.page(t, p, http.Header{"If-None-Match": {etag}}); again.status != http.StatusNotModified || again.body != "" {
						t.Fatalf("after %s, %s: If-None-Match of the current ETag gave %d", step, p, again.status)
					}
				}
			}
		}
		check("nothing yet", catalog.T("web.list.empty"))
		stale := one.page(t, paths[0], nil).header.Get("ETag")

		submit := func(public bool, title, body string) *message.Message {
			t.Helper()
			m, _, err := one.desk.Submit(ctx, c.Users["citizen"], message.Draft{BoardID: id, Type: "投诉/求助", Domain: "城建",
				Title: title, Body: body, Public: public, Channel: "web"}, "")
			if err != nil {
				t.Fatal(err)
			}
			return m
		}
		m := submit(true, "下沙街道学林街工地夜间施工扰民", "学林街与文泽路口的工地连续两周每晚施工到凌晨两点，噪音很大。我的电话13957112345。")
		// A message waiting for moderation is no one's to see: the page,
		// its key and its ETag stay as they were.
		if got := two.page(t, paths[0], nil); got.header.Get("ETag") != stale || got.body != fresh.page(t, paths[0], nil).body ||
			strings.Contains(got.body, m.Title) {
			t.Fatalf("a message waiting for moderation changed the board's page (ETag %s, was %s)", got.header.Get("ETag"), stale)
		}
		do := func(in *instance, login string, act workflow.Act) {
			t.Helper()
			if _, err := in.desk.Do(ctx, c.Users[login], m.ID, act); err != nil {
				t.Fatalf("%s by %s: %v", act.Action, login, err)
			}
		}
		do(two, "moderator", workflow.Act{Action: lifecycle.Accept})
		check("accept", m.Title, catalog.T("state.published"), "139******45")
		if got := one.page(t, paths[0], http.Header{"If-None-Match": {stale}}); got.status != http.StatusOK {
			t.Fatalf("an ETag of an earlier state gave %d", got.status)
		}
		steps := []struct {
			in    *instance
			login string
			act   workflow.Act
			want  []string
		}{
			{one, "office", workflow.Act{Action: lifecycle.Assign, UnitID: c.Bureau.ID, Note: "请住建局核实处理"}, []string{catalog.T("state.assigned")}},
			{two, "handler", workflow.Act{Action: lifecycle.Sign}, []string{catalog.T("state.handling")}},
			{one, "moderator", workflow.Act{Action: lifecycle.Reclassify, Domain: "环保"}, []string{"<span>环保</span>"}},
			{two, "supervisor", workflow.Act{Action: lifecycle.SuperviseFormal, Days: 2, Note: "限期办结"}, nil},
			{one, "handler", workflow.Act{Action: lifecycle.FinalReply, Note: "您好！该工地已责令22时后停止高噪音作业。"}, []string{catalog.T("state.replied")}},
			{two, "citizen", workflow.Act{Action: lifecycle.Rate, Rating: &message.Rating{Resolution: 5, Attitude: 5, Speed: 4, Comment: "处理及时"}},
				[]string{catalog.T("state.rated")}},
		}
		for _, s := range steps {
			do(s.in, s.login, s.act)
			check(string(s.act.Action), s.want...)
		}

		// A private message counts in the figures but never shows.
		private := submit(false, "我家门口的窨井盖松动", "白杨街道6号大街我家门口的窨井盖松动，夜间行人容易踩空。")
		if _, err := two.desk.Do(ctx, c.Users["moderator"], private.ID, workflow.Act{Action: lifecycle.Accept}); err != nil {
			t.Fatal(err)
		}
		check("a private message accepted")
		for _, in := range []*instance{one, two} {
			if strings.Contains(in.page(t, paths[0], nil).body, private.Title) {
				t.Fatal("a private message is on a visitor's board page")
			}
		}

		// The fold of the rollups changes the board's figures, and with
		// them its page's key, in the fold's transaction.
		m2 := submit(true, "学林街公交站台缺少遮雨棚", "学林街地铁站旁的公交站台没有遮雨棚，下雨天候车的乘客只能淋雨，请尽快加装。")
		if _, err := one.desk.Do(ctx, c.Users["moderator"], m2.ID, workflow.Act{Action: lifecycle.Accept}); err != nil {
			t.Fatal(err)
		}
		before, err := a.BoardPageKey(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if n, err := stats.ForDesk(one.desk).Refresh(ctx); err != nil || n == 0 {
			t.Fatalf("the fold folded %d events: %v", n, err)
		}
		after, err := b.BoardPageKey(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if after.Version == before.Version {
			t.Fatal("a fold that changed the board's figures left its page's key as it was")
		}
		if n, err := stats.ForDesk(one.desk).Refresh(ctx); err != nil || n != 0 {
			t.Fatalf("a second fold folded %d events: %v", n, err)
		}
		if again, _ := a.BoardPageKey(ctx, id); again.Version != after.Version {
			t.Fatal("a fold with nothing to fold changed the board's page key")
		}
		check("the fold", m2.Title)

		// A message imported onto the board.
		at := time.Now().Add(-time.Hour).UTC()
		rec := &store.Record{Source: "test", SourceID: "1", Author: account.User{ID: c.Users["neighbour"].ID},
			Message: message.Message{BoardID: id, RegionCode: c.Board.RegionCode, Type: "咨询", Domain: "教育",
				Title: "钱塘区新建小学何时招生", Body: "请问学林街新建的小学今年秋季是否招生？", PublicTitle: "钱塘区新建小学何时招生",
				PublicBody: "请问学林街新建的小学今年秋季是否招生？", Public: true, Channel: "web", Status: lifecycle.Published,
				CreatedAt: at, UpdatedAt: at, PublishedAt: at},
			Events: []message.Event{{Action: lifecycle.Submit, To: lifecycle.Submitted, At: at},
				{Action: lifecycle.Accept, From: lifecycle.Submitted, To: lifecycle.Published, At: at}}}
		if n, err := b.ImportBatch(ctx, []*store.Record{rec}); err != nil || n != 1 {
			t.Fatalf("import: %d, %v", n, err)
		}
		check("an import", "钱塘区新建小学何时招生")

		// The board's own row.
		before, _ = a.BoardPageKey(ctx, id)
		if err := b.BackdateBoard(ctx, id, before.Board.JoinedAt.Add(-24*time.Hour)); err != nil {
			t.Fatal(err)
		}
		if after, _ := a.BoardPageKey(ctx, id); after.Version == before.Version || !after.Board.JoinedAt.Before(before.Board.JoinedAt) {
			t.Fatal("the board's joined date moved and its page's key did not")
		}
		check("the board's joined date")

		// The vocabulary: a domain renamed (the messages carry the new
		// name, the filters list it), a domain added (the filters list it).
		lists, err := one.desk.Lists(ctx)
		if err != nil {
			t.Fatal(err)
		}
		term, ok := lists.Term(vocab.Domain, "环保")
		if !ok {
			t.Fatal("no domain 环保")
		}
		if _, err := one.desk.ChangeTerm(ctx, c.Users["admin"], workflow.TermChange{Op: "rename", ID: term.ID, Name: "生态环保"}); err != nil {
			t.Fatal(err)
		}
		check("renaming 环保", "<span>生态环保</span>")
		if !strings.Contains(one.page(t, paths[4], nil).body, m2.Title) {
			t.Fatal("a domain not in the lists filtered the list")
		}
		if _, err := one.desk.ChangeTerm(ctx, c.Users["admin"], workflow.TermChange{Op: "add", Kind: vocab.Domain, Code: "water", Name: "水务"}); err != nil {
			t.Fatal(err)
		}
		check("adding 水务", "<option>水务</option>")
		if a := two.page(t, paths[4], nil); !strings.Contains(a.body, catalog.T("web.list.empty")) || strings.Contains(a.body, m2.Title) {
			t.Fatal("the list is not filtered by a domain just added")
		}
	})
}

// TestKeptBoardPageFollowsTheClock: a board page kept while its message
// was in time shows it due soon, then overdue, as the clock passes its
// deadline, with no write in between.
func TestKeptBoardPageFollowsTheClock(t *testing.T) {
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
		p := boardPath(c.Board.ID, "")
		for _, at := range []struct {
			t          time.Time
			want, none string
		}{
			{time.Now(), m.Title, catalog.T("web.queue.overdue")},
			{m.Deadline.Add(-time.Hour), catalog.T("web.queue.due_soon"), catalog.T("web.queue.overdue")},
			{m.Deadline, catalog.T("web.queue.due_soon"), catalog.T("web.queue.overdue")},
			{m.Deadline.Add(time.Second), catalog.T("web.queue.overdue"), catalog.T("web.queue.due_soon")},
		} {
			clock.Store(at.t.UnixNano())
			truth := fresh.page(t, p, nil)
			for range 2 {
				got := in.page(t, p, nil)
				got.want(t, http.StatusOK, at.want)
				if strings.Contains(got.body, at.none) || got.body != truth.body {
					t.Fatalf("at %v the kept page differs from a fresh render", at.t)
				}
			}
		}
	})
}

// TestKeptBoardPagesAreTheVisitors: a signed-in person's board page is
// their own (with their private message, never kept, never 304 for a
// visitor's ETag), and what they see is never kept for visitors.
func TestKeptBoardPagesAreTheVisitors(t *testing.T) {
	storetest.Seeded(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		site := newSite(t, s)
		c := site.cast
		m, _, err := site.desk.Submit(ctx, c.Users["citizen"], message.Draft{BoardID: c.Board.ID, Type: "投诉/求助", Domain: "城建",
			Title: "白杨街道路灯不亮", Body: "白杨街道6号大街路灯已坏一周，夜间行人不便，我的电话13957112345。", Public: false, Channel: "web"}, "")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := site.desk.Do(ctx, c.Users["moderator"], m.ID, workflow.Act{Action: lifecycle.Accept}); err != nil {
			t.Fatal(err)
		}
		citizen := site.as("citizen")
		p := boardPath(c.Board.ID, "")
		for range 2 {
			seen := site.visitor().get(p)
			seen.want(t, http.StatusOK, catalog.T("web.list.empty"))
			if strings.Contains(seen.body, m.Title) || seen.header.Get("ETag") == "" {
				t.Fatalf("a visitor's board page: private message shown %v, ETag %q", strings.Contains(seen.body, m.Title), seen.header.Get("ETag"))
			}
			mine := citizen.get(p)
			mine.want(t, http.StatusOK, m.Title, catalog.T("web.msg.private"))
			if mine.header.Get("ETag") != "" || mine.header.Get("Cache-Control") != "private, no-store" {
				t.Fatalf("a signed-in board page has ETag %q, Cache-Control %q", mine.header.Get("ETag"), mine.header.Get("Cache-Control"))
			}
			req, _ := http.NewRequest("GET", site.srv.URL+p, nil)
			req.Header.Set("If-None-Match", seen.header.Get("ETag"))
			if a := citizen.do(req); a.status != http.StatusOK || !strings.Contains(a.body, m.Title) {
				t.Fatalf("the author with a visitor's ETag got %d", a.status)
			}
		}
		// An address with more than the filters is rendered for the
		// request, never kept.
		site.visitor().get(p+"?done=rate").want(t, http.StatusOK, catalog.T("web.done.rate"))
		if a := site.visitor().get(p); strings.Contains(a.body, catalog.T("web.done.rate")) {
			t.Fatal("a page with a notice was kept")
		}
	})
}
