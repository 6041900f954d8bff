package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
)

// TestRegister checks that each wrong field is refused with its sentence
// beside it and what was typed kept, and that a good form signs in.
func TestRegister(t *testing.T) {
	storetest.Seeded(t, func(t *testing.T, s *store.Store) {
		site := newSite(t, s)
		good := url.Values{"login": {"xiasha_2026"}, "name": {"下沙新居民"}, "password": {"我家住下沙2026"}, "confirm": {"我家住下沙2026"}}
		cases := []struct {
			name  string
			form  url.Values
			field string
			text  string
		}{
			{"login too short", with(good, "login", "ab"), "login", "账号须为 3 到 32 位"},
			{"login with Chinese", with(good, "login", "下沙居民"), "login", "账号须为 3 到 32 位"},
			{"login taken", with(good, "login", "citizen"), "login", "该账号已被注册"},
			{"name too long", with(good, "name", strings.Repeat("长", 21)), "name", "昵称须为 1 到 20 个字"},
			{"password too short", with(with(good, "password", "abc12"), "confirm", "abc12"), "password", "密码至少 8 位"},
			{"passwords differ", with(good, "confirm", "我家住下沙2025"), "confirm", "两次输入的密码不一致"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				a := site.visitor().post("/register", c.form)
				a.want(t, http.StatusUnprocessableEntity, `<p class="field-error" id="`+c.field+`-err">`+c.text)
				if c.field != "name" {
					a.want(t, http.StatusUnprocessableEntity, `value="`+c.form.Get("name")+`"`)
				}
				if strings.Contains(a.body, c.form.Get("password")) {
					t.Error("the page shows the password back")
				}
			})
		}
		if taken, _ := s.LoginTaken(t.Context(), "xiasha_2026"); taken {
			t.Fatal("a refused registration made the account")
		}
		b := site.visitor()
		a := b.post("/register", with(good, "next", "/write"))
		if a.status != http.StatusSeeOther || a.location != "/write?done=register" {
			t.Fatalf("register: %d %q %s", a.status, a.location, excerptOf(a.body))
		}
		b.get("/write").want(t, 200, "第一步：选择地区", "下沙新居民")
	})
}

// TestLogin checks wrong credentials, the way back after signing in and
// that ?next cannot lead to another site.
func TestLogin(t *testing.T) {
	storetest.Seeded(t, func(t *testing.T, s *store.Store) {
		site := newSite(t, s)
		for _, f := range []url.Values{
			{"login": {"citizen"}, "password": {"wrong-password-1"}},
			{"login": {"nobody_here"}, "password": {staffPassword}},
		} {
			a := site.visitor().post("/login", f)
			a.want(t, http.StatusUnauthorized, "账号或密码错误", `value="`+f.Get("login")+`"`)
		}
		landings := map[string]string{"citizen": "/mine", "moderator": "/review", "office": "/office",
			"handler": "/workbench", "supervisor": "/supervision"}
		for login, want := range landings {
			a := site.visitor().post("/login", url.Values{"login": {login}, "password": {staffPassword}})
			if a.status != http.StatusSeeOther || a.location != want {
				t.Errorf("%s lands on %q, want %s", login, a.location, want)
			}
		}
		for next, want := range map[string]string{"/boards/1?type=咨询": "/boards/1?type=咨询", "//evil.example/": "/mine",
			"https://evil.example/": "/mine", `/\evil.example`: "/mine"} {
			a := site.visitor().post("/login", url.Values{"login": {"citizen"}, "password": {staffPassword}, "next": {next}})
			if got, _ := url.PathUnescape(a.location); got != want {
				t.Errorf("next=%q sends to %q, want %q", next, a.location, want)
			}
		}
		// A visitor opening a page that needs an account is sent to sign in and back.
		a := site.visitor().get("/write?board=7")
		if a.status != http.StatusSeeOther || a.location != "/login?next=%2Fwrite%3Fboard%3D7" {
			t.Errorf("visitor at /write: %d %q", a.status, a.location)
		}
	})
}
