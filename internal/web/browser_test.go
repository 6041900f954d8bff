package web_test

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// chromiumPath finds Debian's Chromium: LIUYAN_CHROMIUM, or chromium on
// the PATH. scripts/test installs it and sets LIUYAN_REQUIRE_BROWSER=1,
// so that a missing browser fails the run there instead of skipping.
func chromiumPath(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("LIUYAN_CHROMIUM"); p != "" {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("LIUYAN_REQUIRE_BROWSER") == "1" {
		t.Fatal("LIUYAN_REQUIRE_BROWSER=1 but no Chromium found (set LIUYAN_CHROMIUM or install Debian's chromium)")
	}
	t.Skip("Chromium not installed: bash scripts/test installs Debian's chromium")
	return ""
}

// artifacts is where screenshots go: LIUYAN_ARTIFACTS when set (CI keeps
// it), else a temporary folder of the test.
func artifacts(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("LIUYAN_ARTIFACTS")
	if dir == "" {
		return t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// headless starts Debian's Chromium headless with a fresh profile and
// nothing that reaches the network on its own.
func headless(t *testing.T) context.Context {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath(t)),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("lang", "zh-CN"),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		// Two tabs work in turn; neither may be slowed as a background tab.
		chromedp.Flag("disable-background-timer-throttling", true),
		chromedp.Flag("disable-backgrounding-occluded-windows", true),
		chromedp.Flag("disable-renderer-backgrounding", true),
		chromedp.Flag("disable-features", "Translate,OptimizationHints,MediaRouter"),
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// tab runs browser steps with a time limit and fails the test with the
// step's name on error.
type tab struct {
	t      *testing.T
	ctx    context.Context
	base   string
	dir    string
	opened bool // a page was opened before
}

func (b *tab) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		b.t.Fatalf("%s: %v (%s)", what, err, b.failure())
	}
}

// failure saves what the tab shows when a step fails, and says where.
func (b *tab) failure() string {
	ctx, cancel := context.WithTimeout(b.ctx, 10*time.Second)
	defer cancel()
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	if png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot()); err == nil {
		_ = os.WriteFile(filepath.Join(b.dir, "failure.png"), png, 0o644)
	}
	return "at " + loc + ", screenshot failure.png"
}

func (b *tab) text(sel string) string {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		b.t.Fatalf("read %s: %v", sel, err)
	}
	return s
}

// value reads a form field's current value.
func (b *tab) value(sel string) string {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[string](fmt.Sprintf(`document.querySelector(%q).value`, sel)))
	if err != nil {
		b.t.Fatalf("read the value of %s: %v", sel, err)
	}
	return v
}

// open goes to a page once the one before has finished loading, since a
// navigation started during a load is aborted.
func (b *tab) open(path string, ready string) {
	b.t.Helper()
	if b.opened {
		b.until(`document.readyState === "complete"`)
	}
	b.opened = true
	b.do("open "+path, chromedp.Navigate(b.base+path))
	b.do("wait for "+path, chromedp.WaitVisible(chromedp.CSS(ready)))
}

// until waits for a condition in the page, checking every 50 ms.
func (b *tab) until(cond string) {
	b.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		ctx, cancel := context.WithTimeout(b.ctx, 5*time.Second)
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](cond))
		cancel()
		if err == nil && ok {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	b.t.Fatalf("waited in vain for %s (%s)", cond, b.failure())
}

// choose picks an option of a select and tells the page, as a person's
// choice does, once htmx has finished with the last swap (it wires up new
// content as the swap settles).
func (b *tab) choose(sel, value string) {
	b.t.Helper()
	b.until(`!document.querySelector(".htmx-request, .htmx-swapping, .htmx-settling, .htmx-added")`)
	js := fmt.Sprintf(`(() => { const s = document.querySelector(%q); s.value = %q; s.dispatchEvent(new Event("change", {bubbles: true})); return true; })()`, sel, value)
	b.do("choose "+value+" in "+sel, chromedp.WaitVisible(chromedp.CSS(sel)), discard(chromedp.Evaluate[bool](js)))
}

// discard runs an action for its effect only.
func discard[T any](a chromedp.Action[T]) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := a(ctx, t)
		return err
	})
}

func (b *tab) screenshot(name string) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, discard(chromedp.Evaluate[bool](`window.scrollTo(0, 0), true`))); err != nil {
		b.t.Fatalf("scroll up for %s: %v", name, err)
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Fatalf("screenshot %s: %v", name, err)
	}
	if len(png) < 1000 {
		b.t.Fatalf("screenshot %s is empty", name)
	}
	if err := os.WriteFile(filepath.Join(b.dir, name+".png"), png, 0o644); err != nil {
		b.t.Fatal(err)
	}
}

func (b *tab) signIn(login, password, lands string) {
	b.t.Helper()
	b.open("/login", "#login")
	b.do("sign in as "+login,
		chromedp.SendKeys(chromedp.ID("login"), login),
		chromedp.SendKeys(chromedp.ID("password"), password),
		chromedp.Click(chromedp.CSS(`main button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(lands)),
	)
}

func (b *tab) signOut() {
	b.t.Helper()
	b.do("sign out", chromedp.Click(chromedp.CSS(`form[action="/logout"] button`)))
	// The page before may show a notice too: wait for the home page's.
	b.until(`location.search === "?done=logout" && document.readyState === "complete"`)
}

// TestBrowserScenario is the story in a real Chromium: on a phone
// a citizen registers, writes a message titled with markup and sees it
// waiting; a moderator accepts; the office assigns; at a desk a handler
// signs and replies from the workbench; the citizen rates; the public page
// shows the timeline, the rating and the title as text. Then a page on
// another site posts to the board and is refused. Screenshots of the home
// page, the posting form, the workbench and the message are saved.
func TestBrowserScenario(t *testing.T) {
	ctx := headless(t)
	site := newSite(t, seededSQLite(t))
	b := &tab{t: t, ctx: ctx, base: site.srv.URL, dir: artifacts(t)}
	// The viewport changes between a phone's and a desk's; only its size,
	// as switching Chromium's mobile mode reloads the page.
	phone := func() { b.do("phone viewport", chromedp.EmulateViewport(390, 844)) }
	desk := func() { b.do("desk viewport", chromedp.EmulateViewport(1366, 768)) }
	phone()
	var dialogs atomic.Int32
	go func() {
		for _, err := range chromedp.Events(ctx, page.JavascriptDialogOpening) {
			if err != nil {
				return
			}
			dialogs.Add(1)
		}
	}()

	title := `<script>alert(1)</script>学林街工地夜间施工`
	// A phone.
	b.open("/", ".hero")
	b.screenshot("home-phone")
	b.open("/register", "#login")
	b.do("register",
		chromedp.SendKeys(chromedp.ID("login"), "xiasha_mobile"),
		chromedp.SendKeys(chromedp.ID("name"), "下沙手机用户"),
		chromedp.SendKeys(chromedp.ID("password"), "我家住下沙2026"),
		chromedp.SendKeys(chromedp.ID("confirm"), "我家住下沙2026"),
		chromedp.Click(chromedp.CSS(`main button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(".notice")),
	)
	b.open("/write", "#pick-province")
	b.choose("#pick-province", "330000")
	b.choose("#pick-city", "330100")
	b.choose("#pick-county", "330114")
	boardRadio := fmt.Sprintf(`input[name=board_id][value="%d"]`, site.board.ID)
	b.do("fill the message",
		chromedp.WaitVisible(chromedp.CSS(boardRadio)),
		chromedp.Click(chromedp.CSS(boardRadio)),
		chromedp.Click(chromedp.CSS(`input[name=type][value="投诉/求助"]`)),
	)
	b.choose("#domain", "城建")
	b.do("type the text",
		chromedp.SendKeys(chromedp.ID("title"), title),
		chromedp.SendKeys(chromedp.ID("body"), "学林街与文泽路口的工地每晚施工到凌晨两点，噪音很大。我的电话13957112345。"),
	)
	b.screenshot("write-phone")
	b.do("submit", chromedp.Click(chromedp.CSS(`form[action="/write"] .form-actions button`)), chromedp.WaitVisible(chromedp.CSS(".record-head h1")))
	if got := b.text(".record-status .badge"); got != "待审核" {
		t.Fatalf("the new message shows %q, want 待审核", got)
	}
	msgURL, err := chromedp.Run(b.ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	msgPath := strings.TrimPrefix(msgURL, site.srv.URL)
	msgPath = msgPath[:strings.IndexByte(msgPath, '?')]
	b.signOut()

	// At a desk.
	desk()
	b.signIn("moderator", staffPassword, ".queue-item")
	b.do("accept", chromedp.Click(chromedp.CSS(`form[action$="/accept"] button`)), chromedp.WaitVisible(chromedp.CSS(".notice")))
	b.signOut()
	b.signIn("office", staffPassword, "#assign-h")
	// The routing suggestion names the bureau, with its reasons, and the
	// assign form has it chosen already: the office only confirms.
	if got := b.text(".route-list li.is-best strong"); got != "钱塘区住房和城乡建设局" {
		t.Errorf("the best suggestion is %q", got)
	}
	if why := b.text(".route-list li.is-best .route-why"); !strings.Contains(why, "城建") {
		t.Errorf("the suggestion's reasons: %q", why)
	}
	if chosen := b.value(`form[action$="/assign"] select`); chosen != fmt.Sprint(site.bureau.ID) {
		t.Errorf("the assign form has unit %q chosen, want the suggested %d", chosen, site.bureau.ID)
	}
	b.screenshot("office-suggestion")
	b.do("assign", chromedp.Click(chromedp.CSS(`form[action$="/assign"] button`)), chromedp.WaitVisible(chromedp.CSS(".notice")))
	b.signOut()
	b.signIn("handler", staffPassword, ".bench-queue .msg-title")
	b.do("open from the queue", chromedp.Click(chromedp.CSS(".bench-queue .msg-title")), chromedp.WaitVisible(chromedp.CSS(`form[action$="/sign"]`)))
	b.do("sign", chromedp.Click(chromedp.CSS(`form[action$="/sign"] button`)), chromedp.WaitVisible(chromedp.CSS(`form[action$="/reply"]`)))
	if got := b.text(".bell .count"); got != "1" {
		t.Errorf("the handler's unread count shows %q, want 1 (the assignment)", got)
	}
	// A template fills the empty reply box; the handler then writes their own.
	b.do("pick a reply template", discard(chromedp.Evaluate[bool](`(() => {
		const s = document.querySelector("select[data-fill]"); s.selectedIndex = 1;
		s.dispatchEvent(new Event("change", {bubbles: true})); return true; })()`)))
	if got := b.value(`form[action$="/reply"] textarea[name=note]`); !strings.HasPrefix(got, "网友您好") {
		t.Errorf("the template did not fill the reply box: %q", got)
	}
	b.do("clear the reply box", discard(chromedp.Evaluate[bool](`(document.querySelector('form[action$="/reply"] textarea').value = "", true)`)))
	b.do("reply",
		chromedp.SendKeys(chromedp.CSS(`form[action$="/reply"] textarea[name=note]`), "您好！经核查，已责令该工地22时后停止高噪音作业，并安排夜间巡查。感谢您的监督。"),
	)
	b.screenshot("workbench-desk")
	b.do("send the reply", chromedp.Click(chromedp.CSS(`form[action$="/reply"] button[type=submit]`)), chromedp.WaitVisible(chromedp.CSS(".post-final")))
	b.signOut()

	// The citizen rates, on the phone again.
	phone()
	b.signIn("xiasha_mobile", "我家住下沙2026", ".msgs")
	b.open(msgPath, `form[action$="/rate"]`)
	b.do("rate",
		chromedp.Click(chromedp.CSS(`label[for="resolution-5"]`)),
		chromedp.Click(chromedp.CSS(`label[for="attitude-5"]`)),
		chromedp.Click(chromedp.CSS(`label[for="speed-4"]`)),
		chromedp.SendKeys(chromedp.ID(strings.Replace(msgPath, "/messages/", "rate-comment-", 1)), "处理及时，谢谢！"),
		chromedp.Click(chromedp.CSS(`form[action$="/rate"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(".rating")),
	)
	b.signOut()

	// The public.
	desk()
	b.open(msgPath, ".timeline")
	if got := b.text(".record-head h1"); got != title {
		t.Errorf("the title shows as %q, want the text %q", got, title)
	}
	timeline := b.text(".timeline")
	for _, step := range []string{"提交留言", "审核通过", "交办", "签收", "正式回复", "评价"} {
		if !strings.Contains(timeline, step) {
			t.Errorf("the timeline lacks %s: %s", step, timeline)
		}
	}
	if got := b.text(".rating"); !strings.Contains(got, "很满意") || !strings.Contains(got, "★★★★☆") {
		t.Errorf("the rating shows %q", got)
	}
	if body := b.text(".record-body"); strings.Contains(body, "13957112345") {
		t.Errorf("the public page shows the phone number: %s", body)
	}
	b.screenshot("message-desk")
	b.open("/", ".hero")
	b.screenshot("home-desk")

	// The accountability sheet on a phone; the units' performance at a
	// desk for the supervisor, a unit's months opened without script.
	phone()
	b.open("/accountability/330114?min_volume=1", "#overdue-h")
	if got := b.text("main"); !strings.Contains(got, "零回复") || !strings.Contains(got, "回复率偏低") || strings.Contains(got, "学林街") {
		t.Errorf("the accountability sheet reads %q", got)
	}
	b.screenshot("accountability-phone")
	desk()
	b.signIn("supervisor", staffPassword, "#overdue-h")
	b.open("/supervision/units?region=330114", ".unit-perf summary")
	b.do("open the unit's months", chromedp.Click(chromedp.CSS(".unit-perf summary")), chromedp.WaitVisible(chromedp.CSS(".unit-perf table")))
	if got := b.text(".unit-perf"); !strings.Contains(got, "钱塘区住房和城乡建设局") || !strings.Contains(got, "合计") || !strings.Contains(got, "100.0%") {
		t.Errorf("the unit's performance reads %q", got)
	}
	b.screenshot("performance-desk")
	b.signOut()
	if n := dialogs.Load(); n != 0 {
		t.Errorf("%d script dialogs opened: markup in a title ran", n)
	}

	// Another site's page posts to the board; the browser marks it
	// cross-site and the board refuses.
	evil := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `<!doctype html><form method="post" action="%s/logout"><button id="go">领奖</button></form>`, site.srv.URL)
	}))
	ln, err := net.Listen("tcp", "localhost:0")
	if err != nil {
		t.Fatal(err)
	}
	evil.Listener = ln
	evil.Start()
	defer evil.Close()
	b.signIn("citizen", staffPassword, ".msgs")
	b.do("the other site's form",
		chromedp.Navigate(strings.Replace(evil.URL, "127.0.0.1", "localhost", 1)),
		chromedp.Click(chromedp.ID("go")),
		chromedp.WaitVisible(chromedp.CSS(".error-page")),
	)
	if got := b.text(".error-page"); !strings.Contains(got, "403") || !strings.Contains(got, "请求来自其他网站") {
		t.Errorf("the cross-site post answered %q", got)
	}
	// The session survived: the forged logout did nothing.
	b.open("/mine", ".msgs")
}
