package web_test

import (
	"context"
	"net/url"
	"testing"
	"time"

	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
)

// TestWorkPages takes a message through the rest of the handling
// actions from the work pages: return and reassignment, transfer, an
// extension approved by the office, a final reply held for the office's
// sign-off, a follow-up, and a supervisor's urging from the overdue list.
func TestWorkPages(t *testing.T) {
	storetest.Seeded(t, func(t *testing.T, s *store.Store) {
		site := newSite(t, s)
		ctx := context.Background()
		citizen, office, handler, other := site.as("citizen"), site.as("office"), site.as("handler"), site.as("handler2")
		id := messageID(t, citizen.post("/write", site.draft()).location)
		site.as("moderator").post(path(id, "/accept"), url.Values{"from": {"review"}})
		bureau, west := itoa(site.bureau.ID), itoa(site.other.ID)

		steps := []struct {
			who    *browser
			action string
			form   url.Values
			back   string
		}{
			{office, "assign", url.Values{"from": {"office"}, "unit_id": {west}}, "/office"},
			{other, "return", url.Values{"from": {"workbench"}, "note": {"该工地位于钱塘区，不属我局辖区"}}, "/workbench/" + itoa(id)},
			{office, "assign", url.Values{"from": {"office"}, "unit_id": {west}}, "/office"},
			{other, "transfer", url.Values{"from": {"workbench"}, "unit_id": {bureau}, "note": {"请钱塘区住建局办理"}}, "/workbench/" + itoa(id)},
			{handler, "sign", url.Values{"from": {"workbench"}}, "/workbench/" + itoa(id)},
			{handler, "extend", url.Values{"from": {"workbench"}, "days": {"5"}, "note": {"需会同城管部门联合检查"}}, "/workbench/" + itoa(id)},
		}
		for _, st := range steps {
			a := st.who.post(path(id, "/"+st.action), st.form)
			if a.location != st.back+"?done="+st.action {
				t.Fatalf("%s went to %q (%d): %s", st.action, a.location, a.status, excerptOf(a.body))
			}
		}
		office.get("/office").want(t, 200, "待批延期", "承办单位申请延期 5 个工作日")
		office.post(path(id, "/extend_approve"), url.Values{"from": {"office"}})
		handler.get("/workbench/"+itoa(id)).want(t, 200, "已延期 5 个工作日", "请钱塘区住建局办理", "该工地位于钱塘区，不属我局辖区")

		// A supervisor sees it once it is overdue: move the clock past the deadline.
		m, _ := s.Message(ctx, id, store.Viewer{All: true})
		late := newSiteAt(t, site, m.Deadline.Add(time.Hour))
		sv := late.as("supervisor")
		sv.get("/supervision").want(t, 200, "已超期", "下沙街道学林街工地夜间施工扰民")
		a := sv.post(path(id, "/urge"), url.Values{"from": {"supervision"}, "note": {"请于明日前答复群众"}})
		if a.location != "/supervision?done=urge" {
			t.Fatalf("urge went to %q (%d): %s", a.location, a.status, excerptOf(a.body))
		}
		late.as("handler").get("/workbench").want(t, 200, "超期", "其中超期 1 件")

		handler.post(path(id, "/reply"), url.Values{"from": {"workbench"}, "kind": {"final"}, "note": {"您好！经联合检查，已责令停止夜间施工。"}})
		citizen.post(path(id, "/followup"), url.Values{"note": {"昨晚十二点仍在施工，请再次核查。"}})
		page := site.visitor().get(path(id, ""))
		page.want(t, 200, "网民追问", "昨晚十二点仍在施工", "办理中", "催办", "转办", "退回", "批准延期")
	})
}
