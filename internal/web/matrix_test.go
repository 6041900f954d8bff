package web_test

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"liuyan/internal/account"
	"liuyan/internal/lifecycle"
	"liuyan/internal/message"
	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
	"liuyan/internal/workflow"
)

// pageRoles are the columns of the pages' matrices: the same people as
// the API's.
var pageRoles = storetest.People

// What a cell of the matrix expects, beside plain statuses (200, 403,
// 404, 422): the sign-in page, or the action done and the person sent on.
const (
	cellSignIn = 1 // 303 to /login: a visitor must sign in first
	cellDone   = 2 // 303 anywhere else: the page or action did its work
)

// Short names keep the tables' rows on one line each.
const (
	L  = cellSignIn
	D  = cellDone
	ok = http.StatusOK
	no = http.StatusForbidden
	nf = http.StatusNotFound
)

// The states a message is brought to before a row's request.
const (
	stateSubmitted    = "submitted"
	statePublished    = "published"
	stateAssigned     = "assigned"
	stateHandling     = "handling"
	stateExtAsked     = "extension asked"
	stateReplyWaiting = "reply waiting"
	stateReplied      = "replied"
)

// TestPagesAuthorizationMatrix opens every message page and sends every
// action form, as every kind of person, on a public and on a private
// message each in the state the action belongs to, and checks the answer
// written out by hand for each cell. A refusal changes nothing, and a 404
// for a private message is the very page a missing message gets.
func TestPagesAuthorizationMatrix(t *testing.T) {
	storetest.Seeded(t, func(t *testing.T, s *store.Store) {
		site := newSite(t, s)
		ctx := context.Background()
		// Final replies of the board wait for its office's sign-off, so
		// that approving one is an action the matrix can try.
		if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.SetSignoffRequired(ctx, site.board.ID, true) }); err != nil {
			t.Fatal(err)
		}
		browsers := make([]*browser, len(pageRoles))
		for i, r := range pageRoles {
			if r.Login == "" {
				browsers[i] = site.visitor()
			} else {
				browsers[i] = site.as(r.Login)
			}
		}
		mk := messageMaker(t, site)
		bureau, other := itoa(site.bureau.ID), itoa(site.other.ID)
		note := url.Values{"note": {"请核实后尽快办理"}}

		type row struct {
			state  string
			method string
			path   string // after /messages/{id}, or a page with {id}
			form   url.Values
			pub    [11]int // per pageRoles, on a public message
			priv   [11]int // on a private one
		}
		//                                                          anon author other  mod  hdl  hdl2  off  off2  sup  out  admin
		rows := []row{
			{stateAssigned, "GET", "/messages/{id}", nil, [11]int{ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok}, [11]int{nf, ok, nf, ok, ok, nf, ok, nf, ok, nf, ok}},
			{stateSubmitted, "GET", "/messages/{id}", nil, [11]int{nf, ok, nf, ok, nf, nf, nf, nf, nf, nf, ok}, [11]int{nf, ok, nf, ok, nf, nf, nf, nf, nf, nf, ok}},
			{stateAssigned, "GET", "/workbench/{id}", nil, [11]int{L, no, no, no, ok, ok, no, no, no, no, no}, [11]int{L, no, no, no, ok, nf, no, no, no, no, no}},
			{stateAssigned, "GET", "/attachments/{att}", nil, [11]int{ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok}, [11]int{nf, ok, nf, ok, ok, nf, ok, nf, ok, nf, ok}},
			{stateSubmitted, "POST", "/accept", nil, [11]int{L, no, nf, D, nf, nf, nf, nf, nf, nf, D}, [11]int{L, no, nf, D, nf, nf, nf, nf, nf, nf, D}},
			{stateSubmitted, "POST", "/reject", url.Values{"reason": {"内容重复"}}, [11]int{L, no, nf, D, nf, nf, nf, nf, nf, nf, D}, [11]int{L, no, nf, D, nf, nf, nf, nf, nf, nf, D}},
			{statePublished, "POST", "/assign", url.Values{"unit_id": {bureau}}, [11]int{L, no, no, no, no, no, D, no, D, no, D}, [11]int{L, no, nf, no, nf, nf, D, nf, D, nf, D}},
			{stateAssigned, "POST", "/sign", nil, [11]int{L, no, no, no, D, no, no, no, no, no, no}, [11]int{L, no, nf, no, D, nf, no, nf, no, nf, no}},
			{stateAssigned, "POST", "/return", note, [11]int{L, no, no, no, D, no, no, no, no, no, no}, [11]int{L, no, nf, no, D, nf, no, nf, no, nf, no}},
			{stateAssigned, "POST", "/transfer", url.Values{"unit_id": {other}, "note": {"属城管职责"}}, [11]int{L, no, no, no, D, no, D, no, D, no, D}, [11]int{L, no, nf, no, D, nf, D, nf, D, nf, D}},
			{stateHandling, "POST", "/extend", url.Values{"days": {"3"}, "note": {"需现场勘查"}}, [11]int{L, no, no, no, D, no, no, no, no, no, no}, [11]int{L, no, nf, no, D, nf, no, nf, no, nf, no}},
			{stateExtAsked, "POST", "/extend_approve", nil, [11]int{L, no, no, no, no, no, D, no, no, no, D}, [11]int{L, no, nf, no, no, nf, D, nf, no, nf, D}},
			{stateHandling, "POST", "/reply", url.Values{"kind": {"final"}, "note": {"您好！经核查，已责令开发商整改。"}}, [11]int{L, no, no, no, D, no, no, no, no, no, no}, [11]int{L, no, nf, no, D, nf, no, nf, no, nf, no}},
			{stateHandling, "POST", "/reply", url.Values{"kind": {"interim"}, "note": {"您好！已安排人员现场核实。"}}, [11]int{L, no, no, no, D, no, no, no, no, no, no}, [11]int{L, no, nf, no, D, nf, no, nf, no, nf, no}},
			{stateReplyWaiting, "POST", "/reply_approve", nil, [11]int{L, no, no, no, no, no, D, no, no, no, D}, [11]int{L, no, nf, no, no, nf, D, nf, no, nf, D}},
			{stateReplied, "POST", "/followup", note, [11]int{L, D, no, no, no, no, no, no, no, no, no}, [11]int{L, D, nf, no, no, nf, no, nf, no, nf, no}},
			{stateReplied, "POST", "/rate", url.Values{"resolution": {"4"}, "attitude": {"5"}, "speed": {"4"}}, [11]int{L, D, no, no, no, no, no, no, no, no, no}, [11]int{L, D, nf, no, no, nf, no, nf, no, nf, no}},
			{stateAssigned, "POST", "/urge", note, [11]int{L, no, no, no, no, no, no, no, D, no, D}, [11]int{L, no, nf, no, no, nf, no, nf, D, nf, D}},
			{stateAssigned, "POST", "/supervise", url.Values{"note": {"超期未办结，现予督办，请于3个工作日内办结"}, "days": {"3"}}, [11]int{L, no, no, no, no, no, no, no, D, no, D}, [11]int{L, no, nf, no, no, nf, no, nf, D, nf, D}},
			{stateAssigned, "POST", "/no_such_action", note, [11]int{L, nf, nf, nf, nf, nf, nf, nf, nf, nf, nf}, [11]int{L, nf, nf, nf, nf, nf, nf, nf, nf, nf, nf}},
		}
		for _, public := range []bool{true, false} {
			for _, r := range rows {
				want := r.pub
				if !public {
					want = r.priv
				}
				m := mk(public, r.state)
				for i, role := range pageRoles {
					b := browsers[i]
					target := m.path(r.method, r.path)
					before := m.snapshot()
					var a answer
					if r.method == "GET" {
						a = b.get(target)
					} else {
						a = b.post(target, r.form)
					}
					cell := strings.Join([]string{r.method, r.path, r.state, role.Who, map[bool]string{true: "public", false: "private"}[public]}, " ")
					if got := outcome(a); got != want[i] {
						t.Errorf("%s: %s, want %s", cell, describe(a), name(want[i]))
						continue
					}
					if want[i] == nf && strings.Contains(a.body, m.title) {
						t.Errorf("%s: the 404 page shows the message's title", cell)
					}
					if want[i] == ok && r.path == "/messages/{id}" && !strings.Contains(a.body, m.title) {
						t.Errorf("%s: the page lacks the message's title", cell)
					}
					if want[i] != cellDone {
						if after := m.snapshot(); after != before {
							t.Errorf("%s: a refused request changed the message: %s → %s", cell, before, after)
						}
					} else {
						m = mk(public, r.state) // the next cell gets a fresh message
					}
					if want[i] == nf && !public {
						// Indistinguishable from a message that does not exist.
						// The pages differ only by the address asked for,
						// which the sign-in link carries back.
						gone := m.missingPath(r.method, r.path)
						missing := b.do(mustRequest(t, r.method, site.srv.URL+gone, r.form))
						if missing.status != a.status || missing.body != replacePath(a.body, target, gone) {
							t.Errorf("%s: the 404 differs from a missing message's (%d)", cell, missing.status)
						}
					}
				}
			}
		}
	})
}

// TestPagesMatrixOfPages opens every work and administration page and
// sends every form that is not about one message, as every kind of
// person, and checks the answer written out by hand for each cell.
func TestPagesMatrixOfPages(t *testing.T) {
	storetest.Seeded(t, func(t *testing.T, s *store.Store) {
		site := newSite(t, s)
		ctx := context.Background()
		bystander := &account.User{Login: "xiasha_bystander", Name: "下沙路人", Role: account.Citizen, PasswordHash: "!"}
		if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.CreateUser(ctx, bystander) }); err != nil {
			t.Fatal(err)
		}
		boardID, by := itoa(site.board.ID), "/admin/users/"+itoa(bystander.ID)
		rows := []struct {
			method, path string
			form         url.Values
			want         [11]int
		}{ //                                                     anon author other  mod  hdl  hdl2  off  off2  sup  out  admin
			{"GET", "/", nil, [11]int{ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok}},
			{"GET", "/boards/" + boardID, nil, [11]int{ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok}},
			{"GET", "/search?q=宝龙广场", nil, [11]int{ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok}},
			{"GET", "/write", nil, [11]int{L, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok}},
			{"GET", "/mine", nil, [11]int{L, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok}},
			{"GET", "/review", nil, [11]int{L, no, no, ok, no, no, no, no, no, no, ok}},
			{"GET", "/office", nil, [11]int{L, no, no, no, no, no, ok, ok, no, no, no}},
			{"GET", "/workbench", nil, [11]int{L, no, no, no, ok, ok, no, no, no, no, no}},
			{"GET", "/supervision", nil, [11]int{L, no, no, no, no, no, no, no, ok, ok, ok}},
			{"GET", "/admin", nil, [11]int{L, no, no, no, no, no, no, no, no, no, D}},
			{"GET", "/admin/users", nil, [11]int{L, no, no, no, no, no, no, no, no, no, ok}},
			{"GET", by, nil, [11]int{L, no, no, no, no, no, no, no, no, no, ok}},
			{"GET", "/admin/directory?region=330114", nil, [11]int{L, no, no, no, no, no, no, no, no, no, ok}},
			{"GET", "/admin/words", nil, [11]int{L, no, no, no, no, no, no, no, no, no, ok}},
			{"GET", "/admin/audit", nil, [11]int{L, no, no, no, no, no, no, no, no, no, ok}},
			{"POST", "/write", site.draft(), [11]int{L, D, D, D, D, D, D, D, D, D, D}},
			{"POST", "/admin/users", url.Values{"login": {"qiantang_zjj"}, "name": {"住建局小陈"}, "password": {"办理密码2026xyz"}, "role": {"moderator"}},
				[11]int{L, no, no, no, no, no, no, no, no, no, D}},
			{"POST", by, url.Values{"role": {"moderator"}}, [11]int{L, no, no, no, no, no, no, no, no, no, D}},
			{"POST", "/admin/directory/join", url.Values{"region": {"330114"}, "name": {"钱塘区教育局"}, "joined": {"2025-03-01"}},
				[11]int{L, no, no, no, no, no, no, no, no, no, D}},
			{"POST", "/admin/directory/units", url.Values{"region": {"330114"}, "name": {"钱塘区城市管理局"}}, [11]int{L, no, no, no, no, no, no, no, no, no, D}},
			{"POST", "/admin/boards/" + boardID + "/signoff", url.Values{"on": {"1"}}, [11]int{L, no, no, no, no, no, no, no, no, no, D}},
			{"POST", "/admin/words", url.Values{"word": {"代开发票"}}, [11]int{L, no, no, no, no, no, no, no, no, no, D}},
			{"POST", "/admin/words/remove", url.Values{"word": {"代开发票"}}, [11]int{L, no, no, no, no, no, no, no, no, no, D}},
		}
		for i, role := range pageRoles {
			b := site.visitor()
			if role.Login != "" {
				b = site.as(role.Login)
			}
			for _, r := range rows {
				audit := auditCount(t, s)
				var a answer
				if r.method == "GET" {
					a = b.get(r.path)
				} else {
					a = b.post(r.path, r.form)
				}
				if got := outcome(a); got != r.want[i] {
					t.Errorf("%s %s by %s: %s, want %s", r.method, r.path, role.Who, describe(a), name(r.want[i]))
				}
				if r.want[i] != cellDone && auditCount(t, s) != audit {
					t.Errorf("%s %s by %s: a refused request was logged as a change", r.method, r.path, role.Who)
				}
			}
		}
	})
}

// TestPrivateMessageInNoList makes two private messages, one assigned and
// then long overdue, one answered, and checks that their titles appear on
// no page of those who may not see them — home with its latest replies,
// region, board, search, their own work lists — while each person who may
// see the assigned one finds it in their own list.
func TestPrivateMessageInNoList(t *testing.T) {
	storetest.Seeded(t, func(t *testing.T, s *store.Store) {
		site := newSite(t, s)
		mk := messageMaker(t, site)
		open, answered := mk(false, stateAssigned), mk(false, stateReplied)
		// A month later the open message is overdue and on the supervision list.
		late := newSiteAt(t, site, time.Now().AddDate(0, 1, 0))
		lists := []string{"/", "/boards/" + itoa(site.board.ID), "/regions/330114", "/search?q=宝龙广场", "/mine",
			"/review", "/office", "/workbench", "/supervision", "/admin/audit"}
		// Where each person who may see the open message finds it.
		finds := map[string]string{"citizen": "/mine", "handler": "/workbench", "office": "/office",
			"supervisor": "/supervision", "admin": "/supervision"}
		for _, role := range pageRoles {
			b := late.visitor()
			if role.Login != "" {
				b = late.as(role.Login)
			}
			for _, p := range lists {
				a := b.get(p)
				for _, m := range []*madeMessage{open, answered} {
					if storetest.HiddenFromPrivate[role.Who] && strings.Contains(a.body, m.title) {
						t.Errorf("%s sees the private message %q on %s", role.Who, m.title, p)
					}
				}
				if finds[role.Login] == p && !strings.Contains(a.body, open.title) {
					t.Errorf("%s does not find the private message on %s (%d)", role.Who, p, a.status)
				}
			}
		}
	})
}

// outcome reads an answer as a cell of the matrix.
func outcome(a answer) int {
	if a.status == http.StatusSeeOther {
		if strings.HasPrefix(a.location, "/login") {
			return cellSignIn
		}
		return cellDone
	}
	return a.status
}

func name(cell int) string {
	switch cell {
	case cellSignIn:
		return "the sign-in page"
	case cellDone:
		return "done (303)"
	}
	return strconv.Itoa(cell)
}

func describe(a answer) string {
	s := name(outcome(a))
	if a.status == http.StatusSeeOther {
		s += " to " + a.location
	} else if a.status != http.StatusOK {
		s += ": " + excerptOf(a.body)
	}
	return s
}

// replacePath replaces in page the address from, as written or escaped
// in a link, with to.
func replacePath(page, from, to string) string {
	page = strings.ReplaceAll(page, from, to)
	esc := func(s string) string { return strings.ReplaceAll(s, "/", "%2f") }
	return regexp.MustCompile("(?i)"+regexp.QuoteMeta(esc(from))).ReplaceAllLiteralString(page, esc(to))
}

func mustRequest(t *testing.T, method, target string, form url.Values) *http.Request {
	t.Helper()
	var body *strings.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	} else {
		body = strings.NewReader("")
	}
	req, err := http.NewRequest(method, target, body)
	if err != nil {
		t.Fatal(err)
	}
	if method == "POST" {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	return req
}

// madeMessage is a message of the matrix with its one image.
type madeMessage struct {
	s     *store.Store
	id    int64
	att   int64
	title string
}

// path fills a row's path for this message.
func (m *madeMessage) path(method, p string) string {
	if method == "POST" {
		return "/messages/" + itoa(m.id) + p
	}
	return strings.NewReplacer("{id}", itoa(m.id), "{att}", itoa(m.att)).Replace(p)
}

// missingPath is the same request for a message and image that do not exist.
func (m *madeMessage) missingPath(method, p string) string {
	const none = "987654321"
	if method == "POST" {
		return "/messages/" + none + p
	}
	return strings.NewReplacer("{id}", none, "{att}", none).Replace(p)
}

// snapshot is what a refused request must leave as it was: the state,
// the unit, and how many events the log holds.
func (m *madeMessage) snapshot() string {
	ctx := context.Background()
	msg, err := m.s.Message(ctx, m.id, store.Viewer{All: true})
	if err != nil {
		return "unreadable: " + err.Error()
	}
	es, err := m.s.Events(ctx, m.id)
	if err != nil {
		return "unreadable: " + err.Error()
	}
	return string(msg.Status) + " unit " + itoa(msg.UnitID) + " pending " + strconv.Itoa(msg.PendingExtension) +
		" events " + strconv.Itoa(len(es))
}

// messageMaker returns a function that makes a fresh message by the
// cast's citizen to 钱塘区委书记, with an image, and brings it through
// the Desk to a state. Titles and texts are real messages to that board.
func messageMaker(t *testing.T, site *site) func(public bool, state string) *madeMessage {
	c := site.cast
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 2, 2))); err != nil {
		t.Fatal(err)
	}
	steps := map[string][]struct {
		who string
		act workflow.Act
	}{
		stateSubmitted: nil,
		statePublished: {{"moderator", workflow.Act{Action: lifecycle.Accept}}},
		stateAssigned:  {{"office", workflow.Act{Action: lifecycle.Assign, UnitID: c.Bureau.ID}}},
		stateHandling:  {{"handler", workflow.Act{Action: lifecycle.Sign}}},
		stateExtAsked:  {{"handler", workflow.Act{Action: lifecycle.RequestExtend, Days: 3, Note: "需协调市场监管部门联合检查"}}},
		stateReplyWaiting: {{"handler", workflow.Act{Action: lifecycle.FinalReply,
			Note: "您好！经核查，区综合行政执法局已责令停止露天烧烤，并将持续巡查。"}}},
		stateReplied: {{"office", workflow.Act{Action: lifecycle.ApproveReply}}},
	}
	order := []string{stateSubmitted, statePublished, stateAssigned, stateHandling, stateReplyWaiting, stateReplied}
	n := 0
	return func(public bool, state string) *madeMessage {
		t.Helper()
		ctx := context.Background()
		n++
		title := "宝龙广场公共区域露天烧烤油烟扰民（第" + strconv.Itoa(n) + "件）"
		m, _, err := site.desk.Submit(ctx, c.Users["citizen"], message.Draft{BoardID: c.Board.ID, Type: "投诉/求助", Domain: "城建",
			Title: title, Public: public,
			Body: "钱塘区大江东宝龙广场开发商在公共用地擅自出租摊位开设露天烧烤，每天晚7点到12点油烟未经处理直接排放，明火和噪声严重影响楼上居民。"}, "")
		if err != nil {
			t.Fatal(err)
		}
		made := &madeMessage{s: site.store, id: m.ID, title: title}
		att := []*store.Attachment{{MessageID: m.ID, Name: "现场照片.png", ContentType: "image/png", Width: 2, Height: 2, Data: buf.Bytes()}}
		if err := site.store.InTx(ctx, func(tx *store.Tx) error { return tx.InsertAttachments(ctx, att) }); err != nil {
			t.Fatal(err)
		}
		made.att = att[0].ID
		path := order
		if state == stateExtAsked {
			path = []string{stateSubmitted, statePublished, stateAssigned, stateHandling, stateExtAsked}
		}
		for _, st := range path {
			for _, step := range steps[st] {
				if step.act.Action == lifecycle.ApproveReply && !signoff(t, site) {
					continue // the final reply was published at once
				}
				if _, err := site.desk.Do(ctx, c.Users[step.who], m.ID, step.act); err != nil {
					t.Fatalf("bringing message %d to %s: %s: %v", m.ID, state, step.act.Action, err)
				}
			}
			if st == state {
				break
			}
		}
		return made
	}
}

// signoff says whether the fixture's board holds final replies for its
// office's sign-off now.
func signoff(t *testing.T, site *site) bool {
	t.Helper()
	b, err := site.store.Board(context.Background(), site.board.ID)
	if err != nil {
		t.Fatal(err)
	}
	return b.SignoffRequired
}
