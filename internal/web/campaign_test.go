package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"liuyan/internal/calendar"
	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
)

// noKeys checks that a page shows no catalogue key in place of words.
func noKeys(t *testing.T, path string, a answer) {
	t.Helper()
	if k := regexp.MustCompile(`\b(web|error|questionnaire)\.[a-z_]+(\.[a-z_0-9]+)*\b`).FindString(a.body); k != "" {
		t.Errorf("%s shows the key %q", path, k)
	}
}

var idIn = regexp.MustCompile(`/(?:campaigns|questionnaires)/(\d+)`)

// TestCampaignPages runs a campaign and its questionnaire through the
// pages, without scripts: launch, suggest, moderate, support, adopt,
// answer, and the summary and results after both close.
func TestCampaignPages(t *testing.T) {
	storetest.Seeded(t, func(t *testing.T, s *store.Store) {
		site := newSite(t, s)
		office, citizen, neighbour, visitor := site.as("office"), site.as("citizen"), site.as("neighbour"), site.visitor()
		today := time.Now().In(calendar.China)
		day := func(d int) string { return today.AddDate(0, 0, d).Format(time.DateOnly) }

		citizen.get("/campaigns/new").want(t, http.StatusForbidden)
		citizen.post("/campaigns", url.Values{"title": {"征集"}}).want(t, http.StatusForbidden)
		office.get("/campaigns/new").want(t, http.StatusOK, "钱塘区委书记")
		launch := url.Values{"title": {"战疫情抓复产 意见建议与问题线索征集"}, "description": {"面向社会征集疫情防控和复工复产的意见建议与问题线索。"},
			"tags": {"复工复产 疫情防控"}, "opens": {day(0)}, "closes": {day(10)}, "public": {"1"}, "boards": {fmt.Sprint(site.board.ID)}}
		bad := url.Values{}
		for k, v := range launch {
			bad[k] = v
		}
		bad.Set("title", "")
		office.post("/campaigns", bad).want(t, http.StatusUnprocessableEntity, "请填写征集活动标题")
		a := office.post("/campaigns", launch)
		a.want(t, http.StatusSeeOther)
		cpath := idIn.FindString(a.location)
		if cpath == "" {
			t.Fatalf("launch went to %q", a.location)
		}
		page := visitor.get(cpath)
		page.want(t, http.StatusOK, "战疫情抓复产", "征集中", "登录后建言", "#复工复产")
		noKeys(t, cpath, page)
		visitor.get("/campaigns").want(t, http.StatusOK, "战疫情抓复产")
		visitor.get("/").want(t, http.StatusOK, "战疫情抓复产")

		// A suggestion, refused when empty, then filed and moderated.
		citizen.post(cpath+"/suggestions", url.Values{"domain": {"企业"}, "title": {""}, "body": {"x"}, "key": {"k0"}}).
			want(t, http.StatusUnprocessableEntity, "请填写留言标题")
		citizen.post(cpath+"/suggestions", url.Values{"domain": {"企业"}, "title": {"建议延长小微企业社保费减免期限"},
			"body": {"疫情期间门店停业两个月，复工后客流只有往年一半，建议延长阶段性减免社保费政策，缓解资金压力。"}, "key": {"k1"}}).
			want(t, http.StatusSeeOther)
		sgs, err := s.Suggestions(t.Context(), store.SuggestionFilter{CampaignID: campaignID(t, cpath)}, store.Viewer{All: true})
		if err != nil || len(sgs) != 1 {
			t.Fatalf("suggestions %v %v", sgs, err)
		}
		id := sgs[0].Message.ID
		if !strings.Contains(neighbour.get(cpath).body, "暂无建言") {
			t.Error("a suggestion waiting for moderation is shown to others")
		}
		site.as("moderator").post(fmt.Sprintf("/messages/%d/accept", id), nil).want(t, http.StatusSeeOther)

		support := url.Values{"campaign": {strings.TrimPrefix(cpath, "/campaigns/")}}
		neighbour.post(fmt.Sprintf("/suggestions/%d/support", id), support).want(t, http.StatusSeeOther)
		neighbour.post(fmt.Sprintf("/suggestions/%d/support", id), support).want(t, http.StatusUnprocessableEntity, "您已经支持过这条建言")
		neighbour.get(cpath).want(t, http.StatusOK, "1 人支持", "您已支持")
		neighbour.post(fmt.Sprintf("/suggestions/%d/feedback", id), url.Values{"campaign": support["campaign"], "outcome": {"adopted"}, "feedback": {"采纳"}}).
			want(t, http.StatusForbidden)
		office.post(fmt.Sprintf("/suggestions/%d/feedback", id), url.Values{"campaign": support["campaign"], "outcome": {"adopted"},
			"feedback": {"区人力社保局已将该建议纳入惠企政策调整，阶段性减免政策延长至年底。"}}).want(t, http.StatusSeeOther)
		visitor.get(cpath).want(t, http.StatusOK, "已采纳", "阶段性减免政策延长至年底")

		// A questionnaire attached to the campaign.
		office.get("/questionnaires/new?campaign="+support["campaign"][0]).want(t, http.StatusOK, "关联征集活动")
		create := url.Values{"title": {"小微企业和个体工商户开复工情况"}, "opens": {day(0)}, "closes": {day(5)}, "campaign": support["campaign"],
			"kind1": {"single"}, "text1": {"贵单位目前的复工情况"}, "required1": {"1"}, "options1": {"已全面复工\r\n部分复工\r\n尚未复工"},
			"kind2": {"scale"}, "text2": {"对本地惠企政策的满意度"}, "required2": {"1"},
			"kind3": {"text"}, "text3": {"其他意见建议"}}
		citizen.post("/questionnaires", create).want(t, http.StatusForbidden)
		q := office.post("/questionnaires", create)
		q.want(t, http.StatusSeeOther)
		qpath := idIn.FindString(q.location)
		visitor.get("/campaigns").want(t, http.StatusOK, "问卷调查", "小微企业和个体工商户开复工情况")
		form := citizen.get(qpath)
		form.want(t, http.StatusOK, "贵单位目前的复工情况", "部分复工", "提交问卷")
		noKeys(t, qpath, form)
		qs, err := s.Questionnaire(t.Context(), questionnaireID(t, qpath))
		if err != nil {
			t.Fatal(err)
		}
		field := func(i int) string { return fmt.Sprintf("q%d", qs.Questions[i].ID) }
		citizen.post(qpath, url.Values{field(0): {"1"}}).want(t, http.StatusUnprocessableEntity, "第 2 题为必答题")
		citizen.post(qpath, url.Values{field(0): {"1"}, field(1): {"4"}, field(2): {"建议发放消费券带动门店客流"}}).want(t, http.StatusSeeOther)
		citizen.get(qpath).want(t, http.StatusOK, "您已填写这份问卷")
		citizen.post(qpath, url.Values{field(0): {"0"}, field(1): {"5"}}).want(t, http.StatusUnprocessableEntity, "每个账号只能填写一次")
		neighbour.get(qpath+"/results").want(t, http.StatusConflict, "问卷截止后公布结果")
		office.get(qpath+"/results?q=消费券").want(t, http.StatusOK, "共收到答卷 1 份", "<meter", "建议发放消费券带动门店客流", "导出 XLSX")
		neighbour.get(qpath+"/export").want(t, http.StatusForbidden)
		x := office.get(qpath + "/export")
		if x.status != http.StatusOK || !strings.Contains(x.header.Get("Content-Type"), "spreadsheetml") || !strings.HasPrefix(x.body, "PK") {
			t.Errorf("export: %d %s", x.status, x.header.Get("Content-Type"))
		}

		// After both close: the summary with its charts, and public results.
		later := newSiteAt(t, site, time.Now().AddDate(0, 0, 12))
		lv, lc := later.visitor(), later.as("neighbour")
		sum := lv.get(cpath)
		sum.want(t, http.StatusOK, "已结束", "征集总结", "data-chart", "/reports/assets/echarts-", "charts.js", "企业")
		noKeys(t, cpath, sum)
		lc.post(cpath+"/suggestions", url.Values{"domain": {"企业"}, "title": {"建议"}, "body": {"建议"}, "key": {"k2"}}).
			want(t, http.StatusUnprocessableEntity, "征集活动已结束")
		lc.post(qpath, url.Values{field(0): {"0"}, field(1): {"5"}}).want(t, http.StatusUnprocessableEntity, "问卷已截止")
		res := lv.get(qpath + "/results")
		res.want(t, http.StatusOK, "部分复工", "平均 4.00 分")
		if strings.Contains(res.body, "消费券") {
			t.Error("free-text answers are shown to the public")
		}
	})
}

func campaignID(t *testing.T, path string) int64 {
	t.Helper()
	var id int64
	if _, err := fmt.Sscanf(path, "/campaigns/%d", &id); err != nil {
		t.Fatal(err)
	}
	return id
}

func questionnaireID(t *testing.T, path string) int64 {
	t.Helper()
	var id int64
	if _, err := fmt.Sscanf(path, "/questionnaires/%d", &id); err != nil {
		t.Fatal(err)
	}
	return id
}
