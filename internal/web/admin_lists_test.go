package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"liuyan/internal/calendar"
	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
	"liuyan/internal/vocab"
)

// termID finds a term of the seeded lists by kind and name.
func termID(t *testing.T, site *site, kind vocab.Kind, name string) string {
	t.Helper()
	lists, err := site.desk.Lists(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	term, ok := lists.Term(kind, name)
	if !ok {
		t.Fatalf("no %s %s", kind, name)
	}
	return itoa(term.ID)
}

// TestAdminListsForbidden: only admins see or change the lists and a
// board's deadlines; the others get the 403 page and nothing changes.
func TestAdminListsForbidden(t *testing.T) {
	storetest.Seeded(t, func(t *testing.T, s *store.Store) {
		site := newSite(t, s)
		urban := termID(t, site, vocab.Domain, "城建")
		rules := "/admin/boards/" + itoa(site.board.ID) + "/rules"
		for _, login := range []string{"citizen", "office", "handler", "supervisor"} {
			b := site.as(login)
			b.get("/admin/lists").want(t, http.StatusForbidden, "您的账号无权访问此页面")
			b.get(rules).want(t, http.StatusForbidden)
			b.post("/admin/lists", url.Values{"kind": {"domain"}, "name": {"住房"}, "code": {"housing"}}).want(t, http.StatusForbidden)
			b.post("/admin/lists/"+urban+"/rename", url.Values{"name": {"城乡建设"}}).want(t, http.StatusForbidden)
			b.post("/admin/lists/"+urban+"/retire", nil).want(t, http.StatusForbidden)
			b.post(rules, url.Values{"max_extension": {"1"}, "max_followups": {"1"}}).want(t, http.StatusForbidden)
		}
		lists, err := s.LoadVocab(t.Context(), site.desk.Policy)
		if err != nil {
			t.Fatal(err)
		}
		if !lists.Allowed(vocab.Domain, "城建") || lists.Known(vocab.Domain, "住房") {
			t.Error("a refused request changed the lists")
		}
		if _, own := lists.Rules(site.board.ID); own {
			t.Error("a refused request set the board's rules")
		}
		if n := auditCount(t, s); n != 0 {
			t.Errorf("%d audit entries after refused requests", n)
		}
	})
}

// TestAdminLists adds, renames, retires and deletes terms through the
// admin pages, and sets a board's deadlines; the write form, validation,
// the board page's filters and new deadlines follow at once.
func TestAdminLists(t *testing.T) {
	storetest.Seeded(t, func(t *testing.T, s *store.Store) {
		site := newSite(t, s)
		admin := withAdmin(t, site)
		citizen := site.as("citizen")
		admin.get("/admin/lists").want(t, 200, "类型、领域与标签", "投诉/求助", "城建", "疫情防控", `value="7"`)

		// A bad code or a taken name is refused beside its field.
		admin.post("/admin/lists", url.Values{"kind": {"domain"}, "name": {"住房保障"}, "code": {"Housing!"}}).
			want(t, http.StatusUnprocessableEntity, `id="code-err">代码须为`)
		admin.post("/admin/lists", url.Values{"kind": {"domain"}, "name": {"交通"}, "code": {"traffic2"}}).
			want(t, http.StatusUnprocessableEntity, `id="name-err">名称或代码已被使用`)
		a := admin.post("/admin/lists", url.Values{"kind": {"domain"}, "name": {"住房保障"}, "code": {"housing"}})
		if a.status != http.StatusSeeOther {
			t.Fatalf("add: %d %s", a.status, excerptOf(a.body))
		}
		admin.post("/admin/lists", url.Values{"kind": {"tag"}, "name": {"老旧小区改造"}, "code": {"old_estates"}}).want(t, http.StatusSeeOther)
		citizen.get("/write").want(t, 200, `<option>住房保障</option>`, "#老旧小区改造")

		// A domain messages carry cannot be deleted; renamed, they carry
		// the new name.
		id := messageID(t, citizen.post("/write", site.draft()).location)
		urban := termID(t, site, vocab.Domain, "城建")
		admin.post("/admin/lists/"+urban+"/delete", nil).want(t, http.StatusUnprocessableEntity, "「城建」：已有留言或留言对象的办理时限使用该项")
		admin.post("/admin/lists/"+urban+"/rename", url.Values{"name": {"城乡 建设"}}).want(t, http.StatusUnprocessableEntity, "名称须为")
		admin.post("/admin/lists/"+urban+"/rename", url.Values{"name": {"城乡建设"}}).want(t, http.StatusSeeOther)
		citizen.get(path(id, "")).want(t, 200, "城乡建设")
		if m, err := s.Message(t.Context(), id, store.Viewer{All: true}); err != nil || m.Domain != "城乡建设" {
			t.Fatalf("the message's domain after the rename: %v %v", m, err)
		}

		// Retired, the domain is offered and accepted no more, but still
		// filters the board's old messages.
		admin.post("/admin/lists/"+urban+"/retire", nil).want(t, http.StatusSeeOther)
		if page := citizen.get("/write").body; strings.Contains(page, `<option>城乡建设</option>`) {
			t.Error("the write form offers a retired domain")
		}
		citizen.post("/write", with(site.draft(), "domain", "城乡建设")).want(t, http.StatusUnprocessableEntity, "领域无效")
		site.as("moderator").post(path(id, "/accept"), nil)
		site.visitor().get("/boards/"+itoa(site.board.ID)+"?domain="+url.QueryEscape("城乡建设")).want(t, 200, "下沙街道学林街工地夜间施工扰民")
		admin.post("/admin/lists/"+urban+"/restore", nil).want(t, http.StatusSeeOther)

		// An unused term can be deleted.
		housing := termID(t, site, vocab.Domain, "住房保障")
		admin.post("/admin/lists/"+housing+"/delete", nil).want(t, http.StatusSeeOther)
		admin.post("/admin/lists/"+housing+"/delete", nil).want(t, http.StatusNotFound)

		// The board gets three working days for complaints; a message
		// accepted afterwards is due three working days after.
		rules := "/admin/boards/" + itoa(site.board.ID) + "/rules"
		complaint := "days_" + termID(t, site, vocab.Type, "投诉/求助")
		admin.get(rules).want(t, 200, "钱塘区委书记", "默认办理时限", `name="`+complaint+`" type="number" min="1" max="60" value="7"`)
		form := url.Values{complaint: {"0"}, "max_extension": {"5"}, "max_followups": {"2"}}
		for _, typ := range []string{"咨询", "建言", "感谢"} {
			form.Set("days_"+termID(t, site, vocab.Type, typ), "5")
		}
		admin.post(rules, form).want(t, http.StatusUnprocessableEntity, `id="`+complaint+`-err">请填写 1 到 60 之间的整数`)
		form.Set(complaint, "3")
		admin.post(rules, form).want(t, http.StatusSeeOther)
		admin.get(rules).want(t, 200, "该留言对象使用自己的办理时限", `value="3"`)
		next := messageID(t, citizen.post("/write", with(site.draft(), "domain", "城乡建设")).location)
		site.as("moderator").post(path(next, "/accept"), nil)
		m, err := s.Message(t.Context(), next, store.Viewer{All: true})
		if err != nil {
			t.Fatal(err)
		}
		if want := calendar.Default().AddWorkdays(m.PublishedAt, 3).Truncate(1e9); !m.Deadline.Equal(want) {
			t.Errorf("deadline %v, want %v (three working days)", m.Deadline, want)
		}
		admin.post(rules+"/reset", nil).want(t, http.StatusSeeOther)
		admin.get(rules).want(t, 200, "目前使用默认办理时限", `value="7"`)

		admin.get("/admin/audit").want(t, 200, "新增分类项", "领域：住房保障", "分类项改名", "城建 → 城乡建设", "停用分类项",
			"删除分类项", "设置留言对象办理时限", "投诉/求助 3 个工作日", "恢复默认办理时限")
	})
}
