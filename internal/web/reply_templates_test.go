package web_test

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
)

// assigned is a message of the fixture's citizen, accepted and assigned
// to the bureau, and signed for by its handler.
func assigned(t *testing.T, site *site) int64 {
	t.Helper()
	id := messageID(t, site.as("citizen").post("/write", site.draft()).location)
	site.as("moderator").post(path(id, "/accept"), nil).want(t, http.StatusSeeOther)
	site.as("office").post(path(id, "/assign"), url.Values{"unit_id": {itoa(site.bureau.ID)}, "note": {"请住建局核实处理"}}).want(t, http.StatusSeeOther)
	site.as("handler").post(path(id, "/sign"), nil).want(t, http.StatusSeeOther)
	return id
}

// TestReplyTemplates: a unit's handlers manage its templates and find
// them in the reply form, with and without scripts; another unit's
// handler neither sees nor changes them, and citizens and offices cannot
// reach the page.
func TestReplyTemplates(t *testing.T) {
	storetest.Seeded(t, func(t *testing.T, s *store.Store) {
		site := newSite(t, s)
		handler, other := site.as("handler"), site.as("handler2")
		handler.get("/workbench/templates").want(t, 200, "回复模板", "钱塘区住房和城乡建设局", "本单位还没有回复模板")
		body := "网友您好！经核实，该工地已办理夜间施工许可，我局已约谈施工单位，要求晚十点后停止高噪音作业。\n如仍有扰民，请拨打 12345 反映。"
		handler.post("/workbench/templates", url.Values{"title": {""}, "body": {body}}).
			want(t, http.StatusUnprocessableEntity, `id="title-err">模板名称须为 1 到 30 个字`)
		handler.post("/workbench/templates", url.Values{"title": {"夜间施工噪音答复"}, "body": {body}}).want(t, http.StatusSeeOther)
		handler.post("/workbench/templates", url.Values{"title": {"夜间施工噪音答复"}, "body": {"重复"}}).
			want(t, http.StatusUnprocessableEntity, "本单位已有同名模板")
		list, err := s.ReplyTemplates(t.Context(), site.bureau.ID)
		if err != nil || len(list) != 1 || list[0].Body != body {
			t.Fatalf("templates %+v %v", list, err)
		}
		tpl := itoa(list[0].ID)

		// Another unit's handler: 403 for the unit's page, 404 for its
		// template, and nothing changes.
		other.get("/workbench/templates?unit="+itoa(site.bureau.ID)).want(t, http.StatusForbidden)
		other.post("/workbench/templates", url.Values{"unit_id": {itoa(site.bureau.ID)}, "title": {"冒名模板"}, "body": {"冒名"}}).want(t, http.StatusForbidden)
		other.post("/workbench/templates/"+tpl, url.Values{"title": {"改掉"}, "body": {"改掉"}}).want(t, http.StatusNotFound)
		other.post("/workbench/templates/"+tpl+"/delete", nil).want(t, http.StatusNotFound)
		if page := other.get("/workbench/templates").body; strings.Contains(page, "夜间施工噪音答复") {
			t.Error("another unit's handler sees the template")
		}
		for _, login := range []string{"citizen", "office", "moderator"} {
			site.as(login).get("/workbench/templates").want(t, http.StatusForbidden)
			site.as(login).post("/workbench/templates/"+tpl+"/delete", nil).want(t, http.StatusForbidden)
		}
		site.visitor().get("/workbench/templates").want(t, http.StatusSeeOther)
		if list, _ := s.ReplyTemplates(t.Context(), site.bureau.ID); len(list) != 1 || list[0].Title != "夜间施工噪音答复" {
			t.Fatalf("refused requests changed the templates: %+v", list)
		}
		if list, _ := s.ReplyTemplates(t.Context(), site.other.ID); len(list) != 0 {
			t.Fatalf("a template was made for the other unit: %+v", list)
		}

		// The reply form offers the unit's template first; without
		// scripts, ?template= fills the reply box.
		id := assigned(t, site)
		page := handler.get("/workbench/" + itoa(id)).body
		if !regexp.MustCompile(`<optgroup label="本单位模板"><option value="u` + tpl + `"[^>]*>夜间施工噪音答复</option></optgroup><optgroup label="通用模板">`).MatchString(page) {
			t.Errorf("the reply form does not offer the unit's template: %s", excerptOf(page))
		}
		filled := handler.get("/workbench/" + itoa(id) + "?template=u" + tpl).body
		if !strings.Contains(filled, ">"+html.EscapeString(body)+"</textarea>") {
			t.Errorf("?template= does not fill the reply box: %s", excerptOf(filled))
		}

		// An admin manages any unit's templates.
		admin := withAdmin(t, site)
		admin.get("/workbench/templates?unit="+itoa(site.bureau.ID)).want(t, 200, "夜间施工噪音答复")
		admin.post("/workbench/templates/"+tpl, url.Values{"title": {"夜间施工噪音答复（2026版）"}, "body": {body}}).want(t, http.StatusSeeOther)
		handler.get("/workbench/templates").want(t, 200, "夜间施工噪音答复（2026版）")
		handler.post("/workbench/templates/"+tpl+"/delete", nil).want(t, http.StatusSeeOther)
		if list, _ := s.ReplyTemplates(t.Context(), site.bureau.ID); len(list) != 0 {
			t.Errorf("deleted template still there: %+v", list)
		}
	})
}
