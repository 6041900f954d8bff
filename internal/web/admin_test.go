package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"liuyan/internal/account"
	"liuyan/internal/lifecycle"
	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
)

// withAdmin signs in the cast's admin.
func withAdmin(t *testing.T, st *site) *browser {
	t.Helper()
	return st.as("admin")
}

// auditCount is the number of entries in the audit table proper, which
// only administrative changes write.
func auditCount(t *testing.T, s *store.Store) int {
	t.Helper()
	es, err := s.AuditLog(context.Background(), 1000)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range es {
		if !strings.HasPrefix(e.Target, "message ") {
			n++
		}
	}
	return n
}

// TestAdminForbidden checks that nobody but an admin opens an admin page
// or changes anything through one: a citizen, a moderator and an office
// get the 403 page, a visitor the sign-in page.
func TestAdminForbidden(t *testing.T) {
	storetest.Seeded(t, func(t *testing.T, s *store.Store) {
		site := newSite(t, s)
		boardID := itoa(site.board.ID)
		gets := []string{"/admin", "/admin/users", "/admin/users/1", "/admin/directory?region=330114", "/admin/words", "/admin/audit"}
		posts := []struct {
			path string
			form url.Values
		}{
			{"/admin/users", url.Values{"login": {"qiantang_zjj"}, "name": {"住建局小陈"}, "password": {"办理密码2026xyz"}, "role": {"admin"}}},
			{"/admin/users/1", url.Values{"role": {"admin"}}},
			{"/admin/directory/join", url.Values{"region": {"330114"}, "name": {"钱塘区教育局"}, "joined": {"2025-03-01"}}},
			{"/admin/directory/units", url.Values{"region": {"330114"}, "name": {"钱塘区城市管理局"}}},
			{"/admin/boards/" + boardID + "/signoff", url.Values{"on": {"1"}}},
			{"/admin/words", url.Values{"word": {"法轮"}}},
			{"/admin/words/remove", url.Values{"word": {"法轮"}}},
		}
		for _, login := range []string{"citizen", "moderator", "office"} {
			b := site.as(login)
			for _, p := range gets {
				b.get(p).want(t, http.StatusForbidden, "您的账号无权访问此页面")
			}
			for _, p := range posts {
				b.post(p.path, p.form).want(t, http.StatusForbidden, "您的账号无权访问此页面")
			}
			if strings.Contains(b.get("/").body, `href="/admin"`) {
				t.Errorf("%s sees the admin link", login)
			}
		}
		visitor := site.visitor()
		for _, p := range posts {
			if a := visitor.post(p.path, p.form); a.status != http.StatusSeeOther || !strings.HasPrefix(a.location, "/login") {
				t.Errorf("visitor POST %s: %d %q", p.path, a.status, a.location)
			}
		}
		if taken, _ := s.LoginTaken(t.Context(), "qiantang_zjj"); taken {
			t.Error("a refused request made an account")
		}
		u, _ := s.UserByLogin(t.Context(), "citizen")
		if u.Role != account.Citizen {
			t.Errorf("citizen became %s", u.Role)
		}
		if b, _ := s.Board(t.Context(), site.board.ID); b.SignoffRequired {
			t.Error("a refused request turned sign-off on")
		}
		if ws, _ := s.SensitiveWords(t.Context()); len(ws) != 0 {
			t.Errorf("a refused request added words: %v", ws)
		}
		if bs, _ := s.Boards(t.Context(), "330114", ""); len(bs) != 2 {
			t.Errorf("a refused request joined a department: %d boards", len(bs))
		}
		if n := auditCount(t, s); n != 0 {
			t.Errorf("%d audit entries after refused requests", n)
		}
	})
}

// TestAdminUsers creates a handler for a unit who then signs in, refuses
// each wrong field with its sentence beside it and nothing made, changes
// a role, and finds every change in the audit log.
func TestAdminUsers(t *testing.T) {
	storetest.Seeded(t, func(t *testing.T, s *store.Store) {
		site := newSite(t, s)
		admin := withAdmin(t, site)
		if a := admin.get("/admin"); a.location != "/admin/users" {
			t.Fatalf("/admin sends to %q", a.location)
		}
		admin.get("/admin/users").want(t, 200, "用户与角色", "住建局小王", "钱塘区住房和城乡建设局", "浙江省", `href="/admin"`)
		bureau := itoa(site.bureau.ID)
		good := url.Values{"login": {"qiantang_zjj"}, "name": {"住建局小陈"}, "password": {"住建办理2026abc"},
			"email": {"xiaochen@qiantang.gov.cn"}, "role": {"handler"}, "unit_id": {bureau}}
		cases := []struct {
			name  string
			form  url.Values
			field string
			text  string
		}{
			{"login with Chinese", with(good, "login", "住建小陈"), "login", "账号须为 3 到 32 位"},
			{"login taken", with(good, "login", "handler2"), "login", "该账号已被注册"},
			{"name too long", with(good, "name", strings.Repeat("住", 21)), "name", "昵称须为 1 到 20 个字"},
			{"bad email", with(good, "email", "xiaochen@"), "email", "电子邮箱地址无效"},
			{"password too short", with(good, "password", "zj2026"), "password", "密码至少 8 位"},
			{"citizen", with(good, "role", "citizen"), "role", "此处只能创建工作人员账号"},
			{"unknown role", with(good, "role", "mayor"), "role", "角色无效"},
			{"handler without unit", with(good, "unit_id", ""), "unit_id", "该角色须指定所属办理单位"},
			{"unknown unit", with(good, "unit_id", "999999"), "unit_id", "办理单位不存在"},
			{"unit not a number", with(good, "unit_id", "住建局"), "unit_id", "办理单位不存在"},
			{"office without board", with(good, "role", "office"), "board_id", "该角色须指定所属留言对象"},
			{"supervisor of no region", with(with(good, "role", "supervisor"), "region", "339999"), "region", "行政区划不存在"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				a := admin.post("/admin/users", c.form)
				a.want(t, http.StatusUnprocessableEntity, `<p class="field-error" id="`+c.field+`-err">`+c.text)
				if c.field != "login" {
					a.want(t, http.StatusUnprocessableEntity, `value="`+c.form.Get("login")+`"`)
				}
				if strings.Contains(a.body, c.form.Get("password")) {
					t.Error("the page shows the password back")
				}
			})
		}
		if taken, _ := s.LoginTaken(t.Context(), "qiantang_zjj"); taken {
			t.Fatal("a refused form made the account")
		}
		if n := auditCount(t, s); n != 0 {
			t.Fatalf("%d audit entries after refused forms", n)
		}

		a := admin.post("/admin/users", good)
		if a.status != http.StatusSeeOther || a.location != "/admin/users?done=user_add" {
			t.Fatalf("create: %d %q %s", a.status, a.location, excerptOf(a.body))
		}
		u, err := s.UserByLogin(t.Context(), "qiantang_zjj")
		if err != nil || u.Role != account.Handler || u.UnitID != site.bureau.ID || u.Email != "xiaochen@qiantang.gov.cn" {
			t.Fatalf("created %+v %v", u, err)
		}
		admin.get("/admin/users?done=user_add&role=handler&login=zjj").want(t, 200, "账号已创建", "qiantang_zjj", "住建局小陈")
		if page := admin.get("/admin/users?role=office&login=zjj").body; strings.Contains(page, "qiantang_zjj") {
			t.Error("the office filter lists a handler")
		}
		newcomer := site.visitor()
		in := newcomer.post("/login", url.Values{"login": {"qiantang_zjj"}, "password": {"住建办理2026abc"}})
		if in.status != http.StatusSeeOther || in.location != "/workbench" {
			t.Fatalf("the new handler signs in: %d %q", in.status, in.location)
		}
		newcomer.get("/workbench").want(t, 200, "住建局小陈")

		// The handler becomes the supervisor of 杭州市; the unit is dropped.
		edit := "/admin/users/" + itoa(u.ID)
		admin.get(edit).want(t, 200, "住建局小陈", "钱塘区住房和城乡建设局", `value="`+bureau+`"`)
		admin.post(edit, url.Values{"role": {"supervisor"}, "region": {"3301"}}).
			want(t, http.StatusUnprocessableEntity, `<p class="field-error" id="region-err">行政区划不存在`)
		a = admin.post(edit, url.Values{"role": {"supervisor"}, "region": {"330100"}, "unit_id": {bureau}})
		if a.location != edit+"?done=user_role" {
			t.Fatalf("role change: %d %q %s", a.status, a.location, excerptOf(a.body))
		}
		u, _ = s.User(t.Context(), u.ID)
		if u.Role != account.Supervisor || u.RegionCode != "330100" || u.UnitID != 0 {
			t.Fatalf("after the change: %+v", u)
		}
		if a := newcomer.get("/supervision"); a.status != http.StatusOK {
			t.Errorf("the new role is not in force at the next page: %d", a.status)
		}
		me, _ := s.UserByLogin(t.Context(), "admin")
		admin.post("/admin/users/"+itoa(me.ID), url.Values{"role": {"moderator"}}).
			want(t, http.StatusUnprocessableEntity, "不能取消自己的管理员角色")
		admin.get("/admin/audit").want(t, 200, "创建账号", "qiantang_zjj", "handler unit "+bureau,
			"调整角色", "handler unit "+bureau+" → supervisor region 330100")
		if n := auditCount(t, s); n != 2 {
			t.Errorf("%d audit entries, want 2", n)
		}
	})
}

// TestAdminDirectory lets a department join a region with a date and
// shows it on the region's public page, adds a handling unit, refuses
// wrong forms unchanged, and logs each change.
func TestAdminDirectory(t *testing.T) {
	storetest.Seeded(t, func(t *testing.T, s *store.Store) {
		site := newSite(t, s)
		admin := withAdmin(t, site)
		admin.get("/admin/directory").want(t, 200, "请先选择地区", `<option value="330000">浙江省</option>`)
		admin.get("/admin/directory?province=330000&city=330100&county=330114").
			want(t, 200, "浙江省杭州市钱塘区 · 留言对象", "钱塘区委书记", "钱塘区住房和城乡建设局", `<option value="330114" selected>`)

		join := url.Values{"region": {"330114"}, "name": {"钱塘区教育局"}, "joined": {"2025-03-01"}}
		bad := []struct {
			name  string
			form  url.Values
			field string
			text  string
		}{
			{"name too short", with(join, "name", "局"), "name", "名称须为 2 到 40 个字"},
			{"date not a date", with(join, "joined", "2025年3月1日"), "joined", "入驻日期须为 2006-07-01 至今天之间的日期"},
			{"date in the future", with(join, "joined", "2099-01-01"), "joined", "入驻日期须为"},
			{"date before the board", with(join, "joined", "2001-01-01"), "joined", "入驻日期须为"},
			{"name of a leader board", with(join, "name", "钱塘区委书记"), "name", "该地区已有同名留言对象"},
		}
		for _, c := range bad {
			t.Run(c.name, func(t *testing.T) {
				a := admin.post("/admin/directory/join", c.form)
				a.want(t, http.StatusUnprocessableEntity, `<p class="field-error" id="`+c.field+`-err">`+c.text,
					`value="`+c.form.Get("name")+`"`, `value="`+c.form.Get("joined")+`"`)
			})
		}
		admin.post("/admin/directory/units", url.Values{"region": {"330114"}, "name": {" "}}).
			want(t, http.StatusUnprocessableEntity, `<p class="field-error" id="name-err">名称须为 2 到 40 个字`)
		if a := admin.post("/admin/directory/join", with(join, "region", "999999")); a.status != http.StatusBadRequest {
			t.Errorf("unknown region: %d", a.status)
		}
		if bs, _ := s.Boards(t.Context(), "330114", ""); len(bs) != 2 {
			t.Fatalf("refused forms joined a department: %d boards", len(bs))
		}
		if n := auditCount(t, s); n != 0 {
			t.Fatalf("%d audit entries after refused forms", n)
		}

		a := admin.post("/admin/directory/join", join)
		if a.location != "/admin/directory?region=330114&done=department_join" {
			t.Fatalf("join: %d %q %s", a.status, a.location, excerptOf(a.body))
		}
		a = admin.post("/admin/directory/units", url.Values{"region": {"330114"}, "name": {"钱塘区城市管理局"}})
		if a.location != "/admin/directory?region=330114&done=unit_add" {
			t.Fatalf("unit: %d %q %s", a.status, a.location, excerptOf(a.body))
		}
		admin.get("/admin/directory?region=330114&done=unit_add").want(t, 200, "办理单位已新增", "钱塘区教育局", "2025-03-01", "钱塘区城市管理局")
		site.visitor().get("/regions/330114").want(t, 200, "入驻部门", "钱塘区教育局", "2025-03-01 入驻")
		units, _ := s.Units(t.Context(), "330114")
		var names []string
		for _, u := range units {
			names = append(names, u.Name)
		}
		if got := strings.Join(names, "、"); !strings.Contains(got, "钱塘区教育局") || !strings.Contains(got, "钱塘区城市管理局") {
			t.Errorf("units of 钱塘区: %s", got)
		}
		admin.get("/admin/audit").want(t, 200, "部门入驻", "钱塘区教育局", "330114 2025-03-01", "新增办理单位", "钱塘区城市管理局")
		if n := auditCount(t, s); n != 2 {
			t.Errorf("%d audit entries, want 2", n)
		}
	})
}

// TestAdminWords adds and removes sensitive words, refuses bad ones and
// logs each change.
func TestAdminWords(t *testing.T) {
	storetest.Seeded(t, func(t *testing.T, s *store.Store) {
		site := newSite(t, s)
		admin := withAdmin(t, site)
		admin.get("/admin/words").want(t, 200, "尚未设置敏感词")
		for _, w := range []string{"", "代开发票,办证", strings.Repeat("词", 21)} {
			admin.post("/admin/words", url.Values{"word": {w}}).
				want(t, http.StatusUnprocessableEntity, `<p class="field-error" id="word-err">敏感词须为 1 到 20 个字`, `value="`+w+`"`)
		}
		for _, w := range []string{"代开发票", "办证刻章"} {
			if a := admin.post("/admin/words", url.Values{"word": {w}}); a.location != "/admin/words?done=word_add" {
				t.Fatalf("add %s: %d %q", w, a.status, a.location)
			}
		}
		admin.get("/admin/words").want(t, 200, "代开发票", "办证刻章")
		if a := admin.post("/admin/words/remove", url.Values{"word": {"代开发票"}}); a.location != "/admin/words?done=word_remove" {
			t.Fatalf("remove: %d %q", a.status, a.location)
		}
		admin.post("/admin/words/remove", url.Values{"word": {"代开发票"}}).want(t, http.StatusUnprocessableEntity, "敏感词「代开发票」不在列表中")
		if ws, _ := s.SensitiveWords(t.Context()); len(ws) != 1 || ws[0] != "办证刻章" {
			t.Errorf("words: %v", ws)
		}
		admin.get("/admin/audit").want(t, 200, "添加敏感词", "删除敏感词", "代开发票", "办证刻章")
		if n := auditCount(t, s); n != 3 {
			t.Errorf("%d audit entries, want 3", n)
		}
	})
}

// TestAdminSignoff turns a board's sign-off on: a handler's final reply
// then waits for the board's office, which sees it to approve.
func TestAdminSignoff(t *testing.T) {
	storetest.Seeded(t, func(t *testing.T, s *store.Store) {
		site := newSite(t, s)
		admin := withAdmin(t, site)
		signoff := "/admin/boards/" + itoa(site.board.ID) + "/signoff"
		if a := admin.post(signoff, url.Values{"on": {"yes"}}); a.status != http.StatusBadRequest {
			t.Errorf("on=yes: %d", a.status)
		}
		if a := admin.post(signoff, url.Values{"on": {"1"}}); a.location != "/admin/directory?region=330114&done=signoff_on" {
			t.Fatalf("sign-off on: %d %q %s", a.status, a.location, excerptOf(a.body))
		}
		admin.get("/admin/directory?region=330114").want(t, 200, "须经留言办审核", "关闭审核")

		citizen, office, handler := site.as("citizen"), site.as("office"), site.as("handler")
		id := messageID(t, citizen.post("/write", site.draft()).location)
		site.as("moderator").post(path(id, "/accept"), url.Values{"from": {"review"}})
		office.post(path(id, "/assign"), url.Values{"from": {"office"}, "unit_id": {itoa(site.bureau.ID)}})
		handler.post(path(id, "/sign"), url.Values{"from": {"workbench"}})
		handler.get("/workbench/"+itoa(id)).want(t, 200, "本版块的正式回复需经留言办审核后发布")
		a := handler.post(path(id, "/reply"), url.Values{"from": {"workbench"}, "kind": {"final"}, "note": {"您好！已责令工地停止夜间施工。"}})
		if a.status != http.StatusSeeOther {
			t.Fatalf("reply: %d %s", a.status, excerptOf(a.body))
		}
		m, err := s.Message(t.Context(), id, store.Viewer{All: true})
		if err != nil || m.Status != lifecycle.Handling || !m.ReplyPending {
			t.Fatalf("after a final reply with sign-off: %+v %v", m, err)
		}
		office.get("/office").want(t, 200, "待审核回复", "您好！已责令工地停止夜间施工。")
		if strings.Contains(site.visitor().get(path(id, "")).body, "已责令工地停止夜间施工") {
			t.Error("the public sees a reply the office has not approved")
		}

		if a := admin.post(signoff, url.Values{"on": {"0"}}); a.location != "/admin/directory?region=330114&done=signoff_off" {
			t.Fatalf("sign-off off: %d %q", a.status, a.location)
		}
		admin.get("/admin/audit").want(t, 200, "开启回复审核", "关闭回复审核", "钱塘区委书记")
		if n := auditCount(t, s); n != 2 {
			t.Errorf("%d audit entries, want 2", n)
		}
	})
}
