package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"liuyan/internal/account"
	"liuyan/internal/demo"
	"liuyan/internal/directory"
	"liuyan/internal/lifecycle"
	"liuyan/internal/message"
	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
	"liuyan/internal/workflow"
)

// TestMain lets a test start the command line as a real process: the test
// binary runs Main when LIUYAN_TEST_MAIN=1, so no separate build is needed.
func TestMain(m *testing.M) {
	if os.Getenv("LIUYAN_TEST_MAIN") == "1" {
		os.Exit(Main(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// instance is one `liuyan serve` process of the test.
type instance struct {
	cmd  *exec.Cmd
	base string
	log  string // its standard error
}

// startInstance starts `liuyan serve` on databaseURL; ready waits for it.
func startInstance(t *testing.T, name, databaseURL string, env ...string) *instance {
	t.Helper()
	addr, err := freeAddr()
	if err != nil {
		t.Fatal(err)
	}
	logPath := filepath.Join(t.TempDir(), name+".log")
	logFile, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "serve", "--data", t.TempDir())
	cmd.Env = append(os.Environ(), append([]string{"LIUYAN_TEST_MAIN=1", "LISTEN_ADDR=" + addr, "DATABASE_URL=" + databaseURL}, env...)...)
	cmd.Stdout, cmd.Stderr = io.Discard, logFile
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	in := &instance{cmd: cmd, base: "http://" + addr, log: logPath}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		_ = cmd.Wait()
		logFile.Close()
	})
	return in
}

func (in *instance) ready(t *testing.T) {
	t.Helper()
	for end := time.Now().Add(60 * time.Second); time.Now().Before(end); time.Sleep(50 * time.Millisecond) {
		if res, err := http.Get(in.base + "/readyz"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return
			}
		}
	}
	log, _ := os.ReadFile(in.log)
	t.Fatalf("%s not ready within 60 s:\n%s", in.base, log)
}

// call sends a JSON request and decodes a JSON answer; it fails the test
// unless the status is want.
func (in *instance) call(t *testing.T, token, method, path string, body any, want int, out any) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, in.base+path, rd)
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	if res.StatusCode != want {
		t.Fatalf("%s %s on %s: %d, want %d: %s", method, path, in.base, res.StatusCode, want, raw)
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			t.Fatalf("%s %s: %v: %s", method, path, err, raw)
		}
	}
}

func (in *instance) login(t *testing.T, login, pass string) string {
	t.Helper()
	var a struct{ Token string }
	in.call(t, "", "POST", "/api/v1/auth/login", map[string]string{"login": login, "password": pass}, http.StatusOK, &a)
	return a.Token
}

// hookReceiver counts every webhook delivery by the event it carries.
type hookReceiver struct {
	mu     sync.Mutex
	events map[float64]int
	total  int
}

func (h *hookReceiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var p struct {
		Event struct{ ID float64 } `json:"event"`
	}
	_ = json.NewDecoder(r.Body).Decode(&p)
	h.mu.Lock()
	defer h.mu.Unlock()
	h.events[p.Event.ID]++
	h.total++
}

func (h *hookReceiver) count() (int, map[float64]int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	c := map[float64]int{}
	for k, v := range h.events {
		c[k] = v
	}
	return h.total, c
}

// TestTwoInstancesBehaveAsOne starts two real `liuyan serve` processes on
// one PostgreSQL database, as behind a load balancer, and checks that they
// behave as one server: background jobs run once between them (a message
// closed for want of a rating, its notifications mailed, webhooks
// delivered once each), what is written through one is read through the
// other at once (a login, a message, the sensitive words), and failed
// logins through both lock the account on both.
func TestTwoInstancesBehaveAsOne(t *testing.T) {
	dbURL := storetest.PostgresURL(t)
	ctx := context.Background()
	t.Setenv("DATABASE_URL", dbURL)
	c := common{dataDir: t.TempDir()}
	s, d, err := c.openDesk(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	demoRes, err := demo.Load(ctx, d)
	if err != nil {
		t.Fatal(err)
	}

	// The demo's notifications count as sent, so the ones below stand out.
	for {
		ids, _, err := s.UnsentMail(ctx, 200)
		if err != nil {
			t.Fatal(err)
		}
		if len(ids) == 0 {
			break
		}
		if err := s.MarkSent(ctx, ids, time.Now()); err != nil {
			t.Fatal(err)
		}
	}

	// A message answered 40 days ago and never rated: the first
	// close-unrated run of either instance closes it, and its
	// notifications to the handler wait to be mailed.
	b, err := directory.Join(ctx, s, "330106", "西湖区城市管理局", time.Date(2020, 3, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	bureau, err := directory.AddUnit(ctx, s, "330106", "西湖区市场监督管理局")
	if err != nil {
		t.Fatal(err)
	}
	office := &account.User{Login: "xihu_office", Name: "西湖区城管局留言办", Role: account.Office, BoardID: b.ID, PasswordHash: "unused"}
	handler := &account.User{Login: "xihu_scjgj", Name: "西湖区市场监管局", Role: account.Handler, UnitID: bureau.ID,
		Email: "scjgj@xihu.example.gov.cn", PasswordHash: "unused"}
	if err := s.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.CreateUser(ctx, office); err != nil {
			return err
		}
		return tx.CreateUser(ctx, handler)
	}); err != nil {
		t.Fatal(err)
	}
	citizen, err := s.UserByLogin(ctx, "citizen01")
	if err != nil {
		t.Fatal(err)
	}
	mod, err := s.UserByLogin(ctx, "moderator")
	if err != nil {
		t.Fatal(err)
	}
	clock := time.Now().Add(-40 * 24 * time.Hour)
	d.Now = func() time.Time { return clock }
	old, _, err := d.Submit(ctx, citizen, message.Draft{BoardID: b.ID, Type: "投诉/求助", Domain: "城建",
		Title: "文三路共享单车乱停放", Body: "文三路地铁站口共享单车堆满人行道，轮椅和婴儿车无法通过。", Public: true}, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, step := range []struct {
		who *account.User
		act workflow.Act
	}{
		{mod, workflow.Act{Action: lifecycle.Accept}},
		{office, workflow.Act{Action: lifecycle.Assign, UnitID: bureau.ID}},
		{handler, workflow.Act{Action: lifecycle.Sign}},
		{handler, workflow.Act{Action: lifecycle.FinalReply, Note: "您好！已协调运营企业清理并增设停放区。"}},
	} {
		clock = clock.Add(time.Hour)
		if _, err := d.Do(ctx, step.who, old.ID, step.act); err != nil {
			t.Fatal(err)
		}
	}
	_, pending, err := s.UnsentMail(ctx, 200)
	if err != nil {
		t.Fatal(err)
	}
	toHandler := 0
	for _, m := range pending {
		if m.To == handler.Email {
			toHandler++
		}
	}
	if toHandler == 0 {
		t.Fatal("no notification waits for the handler")
	}

	// Both instances start together, so their jobs race from the first tick.
	a, bb := startInstance(t, "a", dbURL), startInstance(t, "b", dbURL)
	a.ready(t)
	bb.ready(t)

	// A session made on one instance works on the other.
	pass := demoRes.Password
	var res *http.Response
	admin := a.login(t, "admin", pass)
	var me struct{ Login string }
	bb.call(t, admin, "GET", "/api/v1/me", nil, http.StatusOK, &me)
	if me.Login != "admin" {
		t.Fatalf("token from a is %q on b", me.Login)
	}
	citizenTok := bb.login(t, "citizen01", pass)

	// So does a web session: the cookie from a's login page opens b's pages.
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	form := url.Values{"login": {"citizen01"}, "password": {pass}}
	res, err = noFollow.Post(a.base+"/login", "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther || len(res.Cookies()) == 0 {
		t.Fatalf("web login on a: %d, cookies %v", res.StatusCode, res.Cookies())
	}
	for _, cookies := range [][]*http.Cookie{res.Cookies(), nil} {
		req, _ := http.NewRequest("GET", bb.base+"/mine", nil)
		for _, c := range cookies {
			req.AddCookie(c)
		}
		got, err := noFollow.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		got.Body.Close()
		if signedIn := cookies != nil; (got.StatusCode == http.StatusOK) != signedIn {
			t.Fatalf("my messages on b, signed in %v: %d", signedIn, got.StatusCode)
		}
	}

	// Five failed logins between the two lock the account on both.
	for i := range 5 {
		in := a
		if i%2 == 1 {
			in = bb
		}
		in.call(t, "", "POST", "/api/v1/auth/login", map[string]string{"login": "citizen02", "password": "错误的口令"}, http.StatusUnauthorized, nil)
	}
	for _, in := range []*instance{a, bb} {
		in.call(t, "", "POST", "/api/v1/auth/login", map[string]string{"login": "citizen02", "password": pass}, http.StatusTooManyRequests, nil)
	}
	modTok := a.login(t, "moderator", pass)

	// Webhooks of the board, delivered by whichever instance claims them.
	rc := &hookReceiver{events: map[float64]int{}}
	hooks := httptest.NewServer(rc)
	defer hooks.Close()
	a.call(t, admin, "POST", "/api/v1/webhooks", map[string]any{"board_id": b.ID, "url": hooks.URL}, http.StatusCreated, nil)

	// A message written through a is read through b at once, by its author
	// and after acceptance on b by the public on a.
	var m struct {
		ID      int64
		Title   string
		Status  string
		Flagged []string `json:"flagged_words"`
	}
	a.call(t, citizenTok, "POST", "/api/v1/messages", map[string]any{"board_id": b.ID, "type": "咨询", "domain": "交通",
		"title": "保俶路公交站台何时恢复", "body": "保俶路公交站台因施工拆除已三个月，请问何时恢复？"}, http.StatusCreated, &m)
	var got struct{ Title, Status string }
	bb.call(t, citizenTok, "GET", fmt.Sprintf("/api/v1/messages/%d", m.ID), nil, http.StatusOK, &got)
	if got.Title != "保俶路公交站台何时恢复" || got.Status != "submitted" {
		t.Fatalf("b reads %+v", got)
	}
	a.call(t, "", "GET", fmt.Sprintf("/api/v1/messages/%d", m.ID), nil, http.StatusNotFound, nil)
	bb.call(t, modTok, "POST", fmt.Sprintf("/api/v1/messages/%d/accept", m.ID), nil, http.StatusOK, nil)
	a.call(t, "", "GET", fmt.Sprintf("/api/v1/messages/%d", m.ID), nil, http.StatusOK, &got)
	if got.Status != "published" {
		t.Fatalf("a reads status %q after b accepted", got.Status)
	}

	// A sensitive word added on a is listed by b at once, and b's cached
	// list for flagging follows as soon as the NOTIFY arrives.
	a.call(t, admin, "POST", "/api/v1/admin/sensitive-words", map[string]string{"word": "群体上访"}, http.StatusCreated, nil)
	var words struct{ Items []string }
	bb.call(t, admin, "GET", "/api/v1/admin/sensitive-words", nil, http.StatusOK, &words)
	if len(words.Items) != 1 || words.Items[0] != "群体上访" {
		t.Fatalf("b lists %v", words.Items)
	}
	time.Sleep(100 * time.Millisecond)
	bb.call(t, citizenTok, "POST", "/api/v1/messages", map[string]any{"board_id": b.ID, "type": "投诉/求助", "domain": "城建",
		"title": "拆迁补偿迟迟不到位", "body": "村民商量要群体上访，希望政府尽快公布补偿方案。"}, http.StatusCreated, &m)
	bb.call(t, modTok, "GET", fmt.Sprintf("/api/v1/messages/%d", m.ID), nil, http.StatusOK, &m)
	if len(m.Flagged) != 1 || m.Flagged[0] != "群体上访" {
		t.Fatalf("b flagged %v in a message after a added the word", m.Flagged)
	}

	// Jobs: wait until the outbox is empty and the notifications are sent,
	// then count what happened.
	for end := time.Now().Add(30 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		n, err := s.OutboxPending(ctx)
		if err != nil {
			t.Fatal(err)
		}
		ids, _, err := s.UnsentMail(ctx, 200)
		if err != nil {
			t.Fatal(err)
		}
		total, _ := rc.count()
		if n == 0 && len(ids) == 0 && total > 0 {
			break
		}
		if time.Now().After(end) {
			t.Fatalf("after 30 s: %d deliveries and %d notifications pending, %d delivered", n, len(ids), total)
		}
	}
	total, byEvent := rc.count()
	if total != 3 || len(byEvent) != 3 {
		// submit, accept and the second submit of the board's messages
		t.Errorf("receiver got %d deliveries for %d events, want 3 for 3: %v", total, len(byEvent), byEvent)
	}
	for ev, n := range byEvent {
		if n != 1 {
			t.Errorf("event %v delivered %d times", ev, n)
		}
	}

	closed, err := s.Message(ctx, old.ID, store.Viewer{All: true})
	if err != nil {
		t.Fatal(err)
	}
	events, err := s.Events(ctx, old.ID)
	if err != nil {
		t.Fatal(err)
	}
	closes := 0
	for _, e := range events {
		if e.Action == lifecycle.Close {
			closes++
		}
	}
	if closed.Status != lifecycle.Closed || closes != 1 {
		t.Errorf("unrated message is %s with %d close events, want closed once", closed.Status, closes)
	}

	var logs string
	for _, in := range []*instance{a, bb} {
		b, _ := os.ReadFile(in.log)
		logs += string(b)
	}
	if n := strings.Count(logs, "to="+handler.Email); n != toHandler {
		t.Errorf("the handler was mailed %d times, want %d", n, toHandler)
	}
	leases, err := s.JobLeases(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range leases {
		if l.Name == "close-unrated" && l.Holder == "" {
			t.Errorf("close-unrated has no holder: %+v", l)
		}
	}
}

func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}
