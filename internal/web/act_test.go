package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
)

// TestCitizenToRatingThroughForms is the story through the pages
// alone: a citizen writes, sees it waiting; the moderator accepts from the
// queue; the office assigns; the handler signs and replies from the
// workbench; the citizen rates; the public sees the masked text, the
// timeline and the rating.
func TestCitizenToRatingThroughForms(t *testing.T) {
	storetest.Seeded(t, func(t *testing.T, s *store.Store) {
		site := newSite(t, s)
		citizen := site.as("citizen")
		a := citizen.post("/write", with(site.draft(), "tags", "噪音扰民，夜间施工"))
		if a.status != http.StatusSeeOther {
			t.Fatalf("write: %d %s", a.status, excerptOf(a.body))
		}
		id := messageID(t, a.location)
		citizen.get("/mine").want(t, 200, "下沙街道学林街工地夜间施工扰民", "待审核")
		site.visitor().get(path(id, "")).want(t, 404)

		moderator := site.as("moderator")
		moderator.get("/review").want(t, 200, "下沙街道学林街工地夜间施工扰民", "13957112345", "139******45", "下沙居民")
		a = moderator.post(path(id, "/accept"), url.Values{"from": {"review"}})
		if a.location != "/review?done=accept" {
			t.Fatalf("accept went to %q (%d) %s", a.location, a.status, excerptOf(a.body))
		}
		moderator.get("/review?done=accept").want(t, 200, "已审核通过", "没有待审核的留言")

		office := site.as("office")
		office.get("/office").want(t, 200, "待交办", "下沙街道学林街工地夜间施工扰民", "钱塘区住房和城乡建设局")
		a = office.post(path(id, "/assign"), url.Values{"from": {"office"}, "unit_id": {strconv.FormatInt(site.bureau.ID, 10)}, "note": {"请住建局核实处理"}})
		if a.location != "/office?done=assign" {
			t.Fatalf("assign went to %q (%d) %s", a.location, a.status, excerptOf(a.body))
		}

		handler := site.as("handler")
		handler.get("/workbench").want(t, 200, "待办 1 件", "下沙街道学林街工地夜间施工扰民", "已交办")
		bench := "/workbench/" + strconv.FormatInt(id, 10)
		handler.get(bench).want(t, 200, "13957112345", "请住建局核实处理", `action="/messages/`+strconv.FormatInt(id, 10)+`/sign"`)
		for _, step := range []struct {
			action string
			form   url.Values
		}{
			{"sign", url.Values{"from": {"workbench"}}},
			{"reply", url.Values{"from": {"workbench"}, "kind": {"interim"}, "note": {"您好！已安排执法人员夜间巡查，核实后答复您。"}}},
			{"reply", url.Values{"from": {"workbench"}, "kind": {"final"}, "note": {"您好！经核查，该工地已责令22时后停止高噪音作业，并安排夜间巡查。感谢您的监督。"}}},
		} {
			a = handler.post(path(id, "/"+step.action), step.form)
			if a.location != bench+"?done="+step.action {
				t.Fatalf("%s went to %q (%d) %s", step.action, a.location, a.status, excerptOf(a.body))
			}
		}
		handler.get("/workbench").want(t, 200, "没有待办留言")

		citizen.get(path(id, "")).want(t, 200, "已办理", "正式回复", "阶段性回复", "评价本次办理", "追问")
		a = citizen.post(path(id, "/rate"), url.Values{"resolution": {"5"}, "attitude": {"5"}, "speed": {"4"}, "comment": {"处理及时，谢谢！我的电话13957112345"}})
		if a.location != path(id, "?done=rate") {
			t.Fatalf("rate went to %q (%d) %s", a.location, a.status, excerptOf(a.body))
		}

		public := site.visitor().get(path(id, ""))
		public.want(t, 200, "已评价", "下沙街道学林街工地夜间施工扰民", "139******45", "钱塘区住房和城乡建设局",
			"提交留言", "审核通过", "交办", "签收", "正式回复", "评价", "很满意", "★★★★★", "#噪音扰民", "#夜间施工")
		for _, hidden := range []string{"13957112345", "请住建局核实处理", "下沙居民", "办理操作"} {
			if strings.Contains(public.body, hidden) {
				t.Errorf("the public page shows %q", hidden)
			}
		}
	})
}

// TestActionRefusals checks refused actions: the error beside the field
// with the text kept, the right status, and nothing changed.
func TestActionRefusals(t *testing.T) {
	storetest.Seeded(t, func(t *testing.T, s *store.Store) {
		site := newSite(t, s)
		citizen := site.as("citizen")
		// Not public: only its author and the staff it concerns see it.
		id := messageID(t, citizen.post("/write", with(site.draft(), "public", "0")).location)
		moderator, office, handler := site.as("moderator"), site.as("office"), site.as("handler")

		moderator.post(path(id, "/reject"), url.Values{"from": {"review"}}).
			want(t, 422, `id="note-err">请填写不予受理的理由`)
		moderator.post(path(id, "/accept"), nil)
		site.as("neighbour").post(path(id, "/accept"), nil).want(t, 404)
		office.post(path(id, "/assign"), url.Values{"note": {"请核实"}}).
			want(t, 422, `id="unit_id-err">请选择办理单位`, ">请核实</textarea>")
		office.post(path(id, "/assign"), url.Values{"unit_id": {strconv.FormatInt(site.bureau.ID, 10)}})
		// A handler of another unit cannot see it at all, let alone act.
		other := site.as("handler2")
		other.post(path(id, "/sign"), nil).want(t, 404)
		other.get("/workbench/"+strconv.FormatInt(id, 10)).want(t, 404)
		handler.post(path(id, "/sign"), url.Values{"from": {"workbench"}})
		handler.post(path(id, "/reply"), url.Values{"from": {"workbench"}, "kind": {"final"}, "note": {"  "}}).
			want(t, 422, `id="note-err">请填写回复内容`, "办理工作台")
		handler.post(path(id, "/extend"), url.Values{"days": {"30"}, "note": {"需要协调多个部门联合执法"}}).
			want(t, 422, `id="days-err">延期天数须为 1 到 10 个工作日`, `value="30"`, "需要协调多个部门联合执法")
		handler.post(path(id, "/transfer"), url.Values{"unit_id": {strconv.FormatInt(site.bureau.ID, 10)}, "note": {"转给自己"}}).
			want(t, 422, `id="unit_id-err">不能转办给当前办理单位`)
		citizen.post(path(id, "/rate"), url.Values{"resolution": {"5"}, "attitude": {"5"}, "speed": {"5"}}).
			want(t, 422, "不能评价")
		handler.post(path(id, "/no_such_action"), nil).want(t, 404)
		// The author may see the message but not moderate it.
		citizen.post(path(id, "/urge"), url.Values{"note": {"请快点办"}}).want(t, 403, "您无权进行此操作")

		m, err := s.Message(t.Context(), id, store.Viewer{All: true})
		if err != nil || m.Status != "handling" || m.PendingExtension != 0 || m.UnitID != site.bureau.ID {
			t.Fatalf("refusals changed the message: %+v %v", m, err)
		}
	})
}

// TestRolesSeeOnlyTheirPages opens each work page with each account.
func TestRolesSeeOnlyTheirPages(t *testing.T) {
	storetest.Seeded(t, func(t *testing.T, s *store.Store) {
		site := newSite(t, s)
		pages := map[string]map[string]int{
			"/review":      {"moderator": 200, "citizen": 403, "handler": 403, "office": 403, "supervisor": 403},
			"/office":      {"office": 200, "citizen": 403, "handler": 403, "moderator": 403, "supervisor": 403},
			"/workbench":   {"handler": 200, "citizen": 403, "office": 403, "moderator": 403, "supervisor": 403},
			"/supervision": {"supervisor": 200, "citizen": 403, "handler": 403, "office": 403, "moderator": 403},
			"/mine":        {"citizen": 200, "handler": 200},
		}
		browsers := map[string]*browser{}
		for page, roles := range pages {
			for login, want := range roles {
				if browsers[login] == nil {
					browsers[login] = site.as(login)
				}
				if got := browsers[login].get(page); got.status != want {
					t.Errorf("%s opens %s: %d, want %d", login, page, got.status, want)
				}
			}
			if got := site.visitor().get(page); got.status != http.StatusSeeOther || !strings.HasPrefix(got.location, "/login?next=") {
				t.Errorf("a visitor at %s: %d %q", page, got.status, got.location)
			}
		}
	})
}
