package api_test

import (
	"bytes"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/xuri/excelize/v2"

	"liuyan/internal/api"
	"liuyan/internal/calendar"
	"liuyan/internal/participation"
	"liuyan/internal/ratelimit"
	"liuyan/internal/stats"
	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
)

// The export is a workbook; the document check reads it as a file.
func init() {
	openapi3filter.RegisterBodyDecoder("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", openapi3filter.FileBodyDecoder)
}

// campaignClock is a settable now for campaigns and questionnaires to open and close.
type campaignClock struct{ now time.Time }

func (c *campaignClock) Now() time.Time { return c.now }

// participationWorld serves the whole API with campaigns and
// questionnaires on the world's store, on a clock the test moves.
func participationWorld(t *testing.T, s *store.Store, limits *ratelimit.Set) (*world, *campaignClock) {
	t.Helper()
	w := newWorldWith(t, s, limits)
	c := &campaignClock{now: time.Now().UTC()}
	mux := http.NewServeMux()
	a := &api.API{Store: s, Desk: w.desk, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Limits: limits}
	a.Register(mux)
	a.RegisterParticipation(mux, &participation.Service{Store: s, Desk: w.desk, Stats: stats.ForDesk(w.desk), Now: c.Now})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	w.srv = srv
	return w, c
}

// citizen registers an account and returns its token.
func (w *world) citizen(login, name string) string {
	var reg struct{ Token string }
	w.call("", "POST", "/api/v1/auth/register", map[string]string{"login": login, "password": "复工复产2020春", "name": name}, 201, &reg)
	return reg.Token
}

type suggestionOut struct {
	Message struct {
		ID         int64    `json:"id"`
		Title      string   `json:"title"`
		Status     string   `json:"status"`
		Type       string   `json:"type"`
		Tags       []string `json:"tags"`
		CampaignID int64    `json:"campaign_id"`
		Public     bool     `json:"public"`
	} `json:"message"`
	Supports  int    `json:"supports"`
	Supported bool   `json:"supported"`
	Outcome   string `json:"outcome"`
	Feedback  string `json:"feedback"`
}

type campaignOut struct {
	Campaign struct {
		ID    int64  `json:"id"`
		Phase string `json:"phase"`
	} `json:"campaign"`
	Summary struct {
		stats.CampaignFigures
		ByDay    []stats.CampaignGroup `json:"by_day"`
		ByDomain []stats.CampaignGroup `json:"by_domain"`
		ByBoard  []stats.CampaignGroup `json:"by_board"`
	} `json:"summary"`
	Top     []suggestionOut `json:"top"`
	Adopted []suggestionOut `json:"adopted"`
}

// The suggestions' text is from real 建言 messages on the Zhejiang boards
// of 《领导留言板》 (shared/data/liuyan), with their places kept.
var (
	bridgeTitle = "关于梅城镇严州大桥早高峰建议"
	bridgeBody  = "严州大桥链接梅城和南峰众多工业区，早高峰车流巨大，建议优化车辆通行策略：早高峰限制大型车辆通过，参考320国道早高峰通行策略。"
	riderTitle  = "叫停小区限行打通外卖送餐最后百米堵点"
	riderBody   = "我是一名外卖骑手，现就小区禁止外卖电动车入园、配送最后一百米出行难题进行反映。很多小区大门到楼栋距离400米，建议划定通行时段。"
)

// TestCampaignToSummary follows a campaign from its launch to adopted
// suggestions and the summary after it closes, with the refusals on the
// way: on SQLite and PostgreSQL.
func TestCampaignToSummary(t *testing.T) {
	storetest.Seeded(t, func(t *testing.T, s *store.Store) {
		w, clk := participationWorld(t, s, nil)
		citizenA := w.citizen("meicheng", "梅城居民")
		citizenB := w.citizen("rider2020", "外卖骑手")
		now := clk.now
		launch := map[string]any{
			"title":       "战疫情抓复产 意见建议与问题线索征集",
			"description": "为做好疫情防控和复工复产工作，现面向社会征集意见建议与问题线索。",
			"tags":        []string{"复工复产", "疫情防控"},
			"opens_at":    now.Add(-time.Hour), "closes_at": now.Add(7 * 24 * time.Hour),
			"board_ids": []int64{w.board.ID},
		}

		// Citizens cannot launch a campaign; an office only to its own board.
		w.call(citizenA, "POST", "/api/v1/campaigns", launch, 403, nil)
		w.call(w.tokens["office2"], "POST", "/api/v1/campaigns", launch, 403, nil)
		w.call("", "POST", "/api/v1/campaigns", launch, 401, nil)
		// Bad input is refused in Chinese and stores nothing.
		for name, change := range map[string]map[string]any{
			"empty title": {"title": " "},
			"dates":       {"closes_at": now.Add(-2 * time.Hour)},
			"no boards":   {"board_ids": []int64{}},
			"board":       {"board_ids": []int64{987654}},
		} {
			bad := map[string]any{}
			for k, v := range launch {
				bad[k] = v
			}
			for k, v := range change {
				bad[k] = v
			}
			raw := w.call(w.tokens["admin"], "POST", "/api/v1/campaigns", bad, 422, nil)
			if !bytes.ContainsAny(raw, "请征不截") {
				t.Errorf("%s: %s is not a Chinese sentence", name, raw)
			}
		}
		var list struct{ Items []struct{ ID int64 } }
		w.call("", "GET", "/api/v1/campaigns", nil, 200, &list)
		if len(list.Items) != 0 {
			t.Fatalf("refused campaigns were stored: %+v", list.Items)
		}

		var c struct {
			ID    int64
			Phase string
		}
		w.call(w.tokens["office"], "POST", "/api/v1/campaigns", launch, 201, &c)
		if c.Phase != "open" {
			t.Fatalf("phase %q", c.Phase)
		}
		base := fmt.Sprintf("/api/v1/campaigns/%d", c.ID)

		// Suggestions go through the message pipeline: type 建言, the
		// campaign's tags, waiting for moderation.
		var a, b struct {
			ID         int64
			Type       string
			Status     string
			Tags       []string
			CampaignID int64 `json:"campaign_id"`
		}
		w.call(citizenA, "POST", base+"/suggestions", map[string]any{"domain": "交通", "title": bridgeTitle, "body": bridgeBody}, 201, &a)
		if a.Type != "建言" || a.Status != "submitted" || a.CampaignID != c.ID || !slices.Contains(a.Tags, "复工复产") {
			t.Fatalf("suggestion %+v", a)
		}
		w.call(citizenB, "POST", base+"/suggestions", map[string]any{"board_id": w.board.ID, "domain": "政务", "title": riderTitle, "body": riderBody}, 201, &b)
		w.call(citizenB, "POST", base+"/suggestions", map[string]any{"domain": "政务", "title": " ", "body": riderBody}, 422, nil)
		w.call(citizenB, "POST", base+"/suggestions", map[string]any{"board_id": w.board.ID + 1, "domain": "政务", "title": riderTitle, "body": riderBody}, 422, nil)

		// Before moderation only the author sees a suggestion, and nobody
		// can support it.
		var items struct{ Items []suggestionOut }
		w.call(citizenB, "GET", base+"/suggestions", nil, 200, &items)
		if len(items.Items) != 1 || items.Items[0].Message.ID != b.ID {
			t.Fatalf("B sees %+v before moderation", items.Items)
		}
		w.call(citizenB, "POST", fmt.Sprintf("/api/v1/suggestions/%d/support", a.ID), nil, 404, nil)
		w.call(w.tokens["office"], "POST", fmt.Sprintf("/api/v1/suggestions/%d/feedback", a.ID), map[string]string{"outcome": "adopted", "feedback": "已采纳"}, 404, nil)
		w.call(w.tokens["admin"], "POST", fmt.Sprintf("/api/v1/suggestions/%d/feedback", a.ID), map[string]string{"outcome": "adopted", "feedback": "已采纳"}, 422, nil)
		for _, id := range []int64{a.ID, b.ID} {
			w.call(w.tokens["moderator"], "POST", fmt.Sprintf("/api/v1/messages/%d/accept", id), nil, 200, nil)
		}
		published := time.Now().In(calendar.China).Format(time.DateOnly)

		// Support: one per account.
		var sup struct{ Supports int }
		w.call(citizenB, "POST", fmt.Sprintf("/api/v1/suggestions/%d/support", a.ID), nil, 200, &sup)
		w.call(citizenB, "POST", fmt.Sprintf("/api/v1/suggestions/%d/support", a.ID), nil, 409, nil)
		w.call(citizenA, "POST", fmt.Sprintf("/api/v1/suggestions/%d/support", a.ID), nil, 200, &sup)
		if sup.Supports != 2 {
			t.Errorf("supports %d, want 2", sup.Supports)
		}
		w.call("", "POST", fmt.Sprintf("/api/v1/suggestions/%d/support", a.ID), nil, 401, nil)

		// Feedback: the board's office and admins, nobody else.
		adopt := map[string]string{"outcome": "adopted", "feedback": "建议已转交建德市交通运输局，早高峰大型车辆限行方案将于下月试行。"}
		w.call(citizenA, "POST", fmt.Sprintf("/api/v1/suggestions/%d/feedback", a.ID), adopt, 403, nil)
		w.call(w.tokens["office2"], "POST", fmt.Sprintf("/api/v1/suggestions/%d/feedback", a.ID), adopt, 403, nil)
		w.call(w.tokens["office"], "POST", fmt.Sprintf("/api/v1/suggestions/%d/feedback", a.ID), map[string]string{"outcome": "liked", "feedback": "好"}, 422, nil)
		w.call(w.tokens["office"], "POST", fmt.Sprintf("/api/v1/suggestions/%d/feedback", a.ID), map[string]string{"outcome": "adopted", "feedback": "  "}, 422, nil)
		var fb suggestionOut
		w.call(w.tokens["office"], "POST", fmt.Sprintf("/api/v1/suggestions/%d/feedback", a.ID), adopt, 200, &fb)
		if fb.Outcome != "adopted" || fb.Feedback != adopt["feedback"] {
			t.Fatalf("feedback %+v", fb)
		}
		w.call(w.tokens["admin"], "POST", fmt.Sprintf("/api/v1/suggestions/%d/feedback", b.ID),
			map[string]string{"outcome": "answered", "feedback": "已请属地街道与物业协商，在午晚高峰为外卖电动车开放指定通道。"}, 200, nil)
		var audit struct {
			Items []struct{ Action, Target string }
		}
		w.call(w.tokens["admin"], "GET", "/api/v1/admin/audit", nil, 200, &audit)
		var actions []string
		for _, e := range audit.Items {
			actions = append(actions, e.Action)
		}
		for _, want := range []string{"campaign_create", "campaign_adopted", "campaign_answered"} {
			if !slices.Contains(actions, want) {
				t.Errorf("audit log %v lacks %s", actions, want)
			}
		}

		// The page: figures, the most supported first, the adopted ones.
		var page campaignOut
		w.call("", "GET", base, nil, 200, &page)
		f := page.Summary.CampaignFigures
		if f.Suggestions != 2 || f.Participants != 2 || f.Supports != 2 || f.Adopted != 1 || f.Answered != 1 ||
			f.AdoptionRate == nil || *f.AdoptionRate != 0.5 || f.FeedbackRate == nil || *f.FeedbackRate != 1 {
			t.Errorf("figures %+v", f)
		}
		if len(page.Top) != 2 || page.Top[0].Message.ID != a.ID || page.Top[0].Supports != 2 {
			t.Errorf("top %+v", page.Top)
		}
		if len(page.Adopted) != 2 || page.Adopted[0].Feedback == "" {
			t.Errorf("adopted %+v", page.Adopted)
		}
		var mine struct{ Items []suggestionOut }
		w.call(citizenB, "GET", base+"/suggestions?sort=support&outcome=adopted", nil, 200, &mine)
		if len(mine.Items) != 1 || !mine.Items[0].Supported || mine.Items[0].Message.ID != a.ID {
			t.Errorf("adopted as B sees them: %+v", mine.Items)
		}

		// After it closes: no more suggestions or support, and a summary.
		clk.now = now.Add(8 * 24 * time.Hour)
		w.call(citizenB, "POST", base+"/suggestions", map[string]any{"domain": "交通", "title": "公交线路建议", "body": "希望开通海宁直达湖州的公交车。"}, 409, nil)
		w.call(w.tokens["supervisor"], "POST", fmt.Sprintf("/api/v1/suggestions/%d/support", b.ID), nil, 409, nil)
		w.call("", "GET", base, nil, 200, &page)
		if page.Campaign.Phase != "closed" || len(page.Summary.ByDay) != 1 || page.Summary.ByDay[0].Key != published || page.Summary.ByDay[0].Count != 2 || len(page.Summary.ByDomain) != 2 ||
			len(page.Summary.ByBoard) != 1 || page.Summary.ByBoard[0].Name != "钱塘区委书记" || page.Summary.ByBoard[0].Count != 2 {
			t.Errorf("summary %+v", page.Summary)
		}
		var byCampaign struct {
			Items []stats.CampaignFigures
		}
		w.call("", "GET", "/api/v1/stats/campaigns?from="+now.Format("2006-01-02")+"&to="+now.Add(24*time.Hour).Format("2006-01-02"), nil, 200, &byCampaign)
		if len(byCampaign.Items) != 1 || byCampaign.Items[0].Adopted != 1 || byCampaign.Items[0].Suggestions != 2 {
			t.Errorf("stats by campaign %+v", byCampaign.Items)
		}
		w.call("", "GET", "/api/v1/stats/campaigns?period=2020H3", nil, 422, nil)

		// A campaign not yet open refuses suggestions.
		later := map[string]any{"title": "小微企业和个体工商户开复工情况", "description": "征集开复工中遇到的困难和建议。",
			"opens_at": clk.now.Add(24 * time.Hour), "closes_at": clk.now.Add(30 * 24 * time.Hour), "board_ids": []int64{w.board.ID}}
		var up struct{ ID int64 }
		w.call(w.tokens["admin"], "POST", "/api/v1/campaigns", later, 201, &up)
		w.call(citizenA, "POST", fmt.Sprintf("/api/v1/campaigns/%d/suggestions", up.ID), map[string]any{"domain": "企业", "title": bridgeTitle, "body": bridgeBody}, 409, nil)
		w.call(citizenA, "GET", "/api/v1/campaigns/999999", nil, 404, nil)
	})
}

// TestPrivateCampaign checks that a campaign whose suggestions are not
// public hides them from everyone but their author and the staff who
// handle them, while counting them in its figures.
func TestPrivateCampaign(t *testing.T) {
	storetest.Seeded(t, func(t *testing.T, s *store.Store) {
		w, clk := participationWorld(t, s, nil)
		citizenA := w.citizen("meicheng", "梅城居民")
		citizenB := w.citizen("rider2020", "外卖骑手")
		var c struct{ ID int64 }
		w.call(w.tokens["admin"], "POST", "/api/v1/campaigns", map[string]any{
			"title": "问题线索征集", "description": "征集疫情防控和复工复产中的问题线索，线索不公开。", "public": false,
			"opens_at": clk.now.Add(-time.Hour), "closes_at": clk.now.Add(time.Hour), "board_ids": []int64{w.board.ID},
		}, 201, &c)
		base := fmt.Sprintf("/api/v1/campaigns/%d", c.ID)
		var m struct {
			ID     int64
			Public bool
		}
		w.call(citizenA, "POST", base+"/suggestions", map[string]any{"domain": "交通", "title": bridgeTitle, "body": bridgeBody + "联系电话13905712345"}, 201, &m)
		if m.Public {
			t.Fatal("a private campaign's suggestion was filed public")
		}
		w.call(w.tokens["moderator"], "POST", fmt.Sprintf("/api/v1/messages/%d/accept", m.ID), nil, 200, nil)

		for who, token := range map[string]string{"citizen B": citizenB, "visitor": "", "another board's office": w.tokens["office2"]} {
			var items struct{ Items []suggestionOut }
			w.call(token, "GET", base+"/suggestions", nil, 200, &items)
			var page campaignOut
			w.call(token, "GET", base, nil, 200, &page)
			if len(items.Items) != 0 || len(page.Top) != 0 {
				t.Errorf("%s sees a private suggestion: %+v %+v", who, items.Items, page.Top)
			}
			if page.Summary.Suggestions != 1 {
				t.Errorf("%s: the private suggestion does not count: %+v", who, page.Summary.CampaignFigures)
			}
			w.call(token, "GET", fmt.Sprintf("/api/v1/messages/%d", m.ID), nil, 404, nil)
		}
		w.call(citizenB, "POST", fmt.Sprintf("/api/v1/suggestions/%d/support", m.ID), nil, 404, nil)
		w.call(w.tokens["office2"], "POST", fmt.Sprintf("/api/v1/suggestions/%d/feedback", m.ID), map[string]string{"outcome": "adopted", "feedback": "采纳"}, 404, nil)

		var own struct{ Items []suggestionOut }
		w.call(citizenA, "GET", base+"/suggestions", nil, 200, &own)
		if len(own.Items) != 1 {
			t.Fatalf("the author does not see their suggestion: %+v", own.Items)
		}
		var office struct{ Items []suggestionOut }
		w.call(w.tokens["office"], "GET", base+"/suggestions", nil, 200, &office)
		if len(office.Items) != 1 || office.Items[0].Message.Title != bridgeTitle {
			t.Fatalf("the board's office does not see the suggestion: %+v", office.Items)
		}
	})
}

type questionnaireOut struct {
	ID        int64
	Open      bool
	Responded bool
	Questions []struct {
		ID      int64
		Kind    string
		Options []string
	}
}

// TestQuestionnaireToExport follows a questionnaire attached to a campaign
// from its creation to exported results, with the refusals on the way.
func TestQuestionnaireToExport(t *testing.T) {
	storetest.Seeded(t, func(t *testing.T, s *store.Store) {
		w, clk := participationWorld(t, s, nil)
		citizenA := w.citizen("xiaowei", "小微企业主")
		citizenB := w.citizen("getihu", "个体工商户")
		citizenC := w.citizen("latecomer", "迟到的人")
		now := clk.now
		var c struct{ ID int64 }
		w.call(w.tokens["office"], "POST", "/api/v1/campaigns", map[string]any{"title": "小微企业和个体工商户开复工情况",
			"description": "了解小微企业和个体工商户开复工情况和困难。", "opens_at": now.Add(-time.Hour), "closes_at": now.Add(48 * time.Hour),
			"board_ids": []int64{w.board.ID}}, 201, &c)
		title := "小微企业和个体工商户开复工情况调查"
		create := map[string]any{
			"title": title, "campaign_id": c.ID, "opens_at": now.Add(-time.Hour), "closes_at": now.Add(24 * time.Hour),
			"questions": []map[string]any{
				{"kind": "single", "text": "贵单位目前的复工情况", "required": true, "options": []string{"已全面复工", "部分复工", "尚未复工"}},
				{"kind": "multiple", "text": "目前面临的主要困难", "options": []string{"资金周转", "用工短缺", "原材料供应", "订单不足"}},
				{"kind": "scale", "text": "对本地惠企政策的满意度", "required": true},
				{"kind": "text", "text": "其他意见建议"},
			},
		}
		w.call(citizenA, "POST", "/api/v1/questionnaires", create, 403, nil)
		w.call(w.tokens["office2"], "POST", "/api/v1/questionnaires", create, 403, nil)
		for name, bad := range map[string]map[string]any{
			"no questions": {"title": title, "opens_at": now, "closes_at": now.Add(time.Hour), "questions": []any{}},
			"one option": {"title": title, "opens_at": now, "closes_at": now.Add(time.Hour),
				"questions": []map[string]any{{"kind": "single", "text": "是否复工", "options": []string{"是"}}}},
			"kind": {"title": title, "opens_at": now, "closes_at": now.Add(time.Hour),
				"questions": []map[string]any{{"kind": "rank", "text": "排序"}}},
		} {
			raw := w.call(w.tokens["admin"], "POST", "/api/v1/questionnaires", bad, 422, nil)
			if !bytes.Contains(raw, []byte("题")) {
				t.Errorf("%s: %s", name, raw)
			}
		}
		var q questionnaireOut
		w.call(w.tokens["office"], "POST", "/api/v1/questionnaires", create, 201, &q)
		if len(q.Questions) != 4 || !q.Open {
			t.Fatalf("questionnaire %+v", q)
		}
		qs := q.Questions
		path := fmt.Sprintf("/api/v1/questionnaires/%d", q.ID)

		answer := func(single int, multiple []int, scale int, text string) map[string]any {
			as := []map[string]any{{"question_id": qs[0].ID, "choices": []int{single}}, {"question_id": qs[2].ID, "scale": scale}}
			if multiple != nil {
				as = append(as, map[string]any{"question_id": qs[1].ID, "choices": multiple})
			}
			if text != "" {
				as = append(as, map[string]any{"question_id": qs[3].ID, "text": text})
			}
			return map[string]any{"answers": as}
		}
		w.call("", "POST", path+"/responses", answer(0, nil, 4, ""), 401, nil)
		w.call(citizenA, "POST", path+"/responses", answer(1, []int{0, 1}, 3, "希望延长社保费减免期限，缓解资金压力"), 201, nil)
		w.call(citizenA, "POST", path+"/responses", answer(0, nil, 5, ""), 409, nil)
		w.call(citizenB, "POST", path+"/responses", map[string]any{"answers": []map[string]any{{"question_id": qs[0].ID, "choices": []int{0}}}}, 422, nil)
		w.call(citizenB, "POST", path+"/responses", answer(3, nil, 4, ""), 422, nil)
		w.call(citizenB, "POST", path+"/responses", answer(0, []int{1, 1}, 4, ""), 422, nil)
		w.call(citizenB, "POST", path+"/responses", answer(0, []int{1, 3}, 5, "建议发放消费券，带动门店客流"), 201, nil)
		var got questionnaireOut
		w.call(citizenB, "GET", path, nil, 200, &got)
		if !got.Responded {
			t.Error("B answered but responded is false")
		}

		// Results: for those who manage it while open, for all after.
		w.call(citizenA, "GET", path+"/results", nil, 409, nil)
		var res struct {
			Responses int
			Questions []struct {
				Answered int
				Counts   []int
				Mean     *float64
			}
		}
		w.call(w.tokens["office"], "GET", path+"/results", nil, 200, &res)
		if res.Responses != 2 || !slices.Equal(res.Questions[0].Counts, []int{1, 1, 0}) || !slices.Equal(res.Questions[1].Counts, []int{1, 2, 0, 1}) ||
			res.Questions[2].Mean == nil || *res.Questions[2].Mean != 4 || res.Questions[3].Answered != 2 {
			t.Errorf("results %+v", res)
		}

		// Free-text answers are searchable by those who manage the questionnaire.
		var found struct{ Items []struct{ Text string } }
		w.call(w.tokens["office"], "GET", path+"/answers?q=社保", nil, 200, &found)
		if len(found.Items) != 1 || found.Items[0].Text != "希望延长社保费减免期限，缓解资金压力" {
			t.Errorf("search %+v", found.Items)
		}
		w.call(w.tokens["office"], "GET", path+"/answers?q=%25", nil, 200, &found)
		if len(found.Items) != 0 {
			t.Errorf("a %% matched as a wildcard: %+v", found.Items)
		}
		w.call(w.tokens["office"], "GET", path+"/answers?q=", nil, 422, nil)
		w.call(citizenA, "GET", path+"/answers?q=社保", nil, 403, nil)

		// Closed: no more answers; results are public.
		clk.now = now.Add(25 * time.Hour)
		w.call(citizenC, "POST", path+"/responses", answer(2, nil, 1, ""), 409, nil)
		w.call(citizenA, "GET", path+"/results", nil, 200, &res)

		// The export, opened and read cell by cell.
		w.call(citizenA, "GET", path+"/export", nil, 403, nil)
		res2 := w.raw(w.tokens["office"], "GET", path+"/export", nil)
		defer res2.Body.Close()
		if res2.StatusCode != 200 {
			t.Fatalf("export: %d", res2.StatusCode)
		}
		book, err := excelize.OpenReader(res2.Body)
		if err != nil {
			t.Fatal(err)
		}
		defer book.Close()
		cell := func(sheet, at string) string {
			v, err := book.GetCellValue(sheet, at)
			if err != nil {
				t.Fatal(err)
			}
			return v
		}
		if got := book.GetSheetList(); !slices.Equal(got, []string{"结果汇总", "答卷明细"}) {
			t.Fatalf("sheets %v", got)
		}
		if cell("结果汇总", "A1") != title || cell("结果汇总", "B2") != "2" {
			t.Errorf("summary head: %q %q", cell("结果汇总", "A1"), cell("结果汇总", "B2"))
		}
		rows, _ := book.GetRows("结果汇总")
		counts := map[string]string{}
		for _, r := range rows {
			if len(r) >= 2 {
				counts[r[0]] = r[1]
			}
		}
		if counts["已全面复工"] != "1" || counts["部分复工"] != "1" || counts["尚未复工"] != "0" || counts["用工短缺"] != "2" || counts["平均分"] != "4" {
			t.Errorf("summary counts %v", counts)
		}
		if cell("答卷明细", "C1") != "1. 贵单位目前的复工情况" || cell("答卷明细", "C2") != "部分复工" || cell("答卷明细", "D2") != "资金周转、用工短缺" ||
			cell("答卷明细", "E2") != "3" || cell("答卷明细", "F2") != "希望延长社保费减免期限，缓解资金压力" || cell("答卷明细", "D3") != "用工短缺、订单不足" {
			t.Errorf("responses sheet: %q %q %q %q %q", cell("答卷明细", "C2"), cell("答卷明细", "D2"), cell("答卷明细", "E2"), cell("答卷明细", "F2"), cell("答卷明细", "D3"))
		}
		var byCampaign struct{ Items []struct{ ID int64 } }
		w.call("", "GET", fmt.Sprintf("/api/v1/questionnaires?campaign=%d", c.ID), nil, 200, &byCampaign)
		if len(byCampaign.Items) != 1 || byCampaign.Items[0].ID != q.ID {
			t.Errorf("questionnaires of the campaign %+v", byCampaign.Items)
		}
	})
}

// TestAnonymousQuestionnaire checks anonymous mode: visitors answer
// without an account, a limited number per address; accounts still answer
// once.
func TestAnonymousQuestionnaire(t *testing.T) {
	storetest.Seeded(t, func(t *testing.T, s *store.Store) {
		limits := &ratelimit.Set{Answer: ratelimit.New(ratelimit.Rule{Burst: 2, Per: time.Hour})}
		w, clk := participationWorld(t, s, limits)
		citizen := w.citizen("niming", "匿名答卷人")
		var q questionnaireOut
		w.call(w.tokens["admin"], "POST", "/api/v1/questionnaires", map[string]any{
			"title": "复工复产政策知晓度调查", "anonymous": true, "opens_at": clk.now.Add(-time.Minute), "closes_at": clk.now.Add(time.Hour),
			"questions": []map[string]any{{"kind": "single", "text": "是否了解阶段性减免社保费政策", "required": true, "options": []string{"了解", "不了解"}}},
		}, 201, &q)
		path := fmt.Sprintf("/api/v1/questionnaires/%d/responses", q.ID)
		body := map[string]any{"answers": []map[string]any{{"question_id": q.Questions[0].ID, "choices": []int{0}}}}
		w.call("", "POST", path, body, 201, nil)
		w.call("", "POST", path, body, 201, nil)
		res := w.raw("", "POST", path, body)
		res.Body.Close()
		if res.StatusCode != 429 || res.Header.Get("Retry-After") == "" {
			t.Errorf("third visitor answer: %d", res.StatusCode)
		}
		w.call(citizen, "POST", path, body, 201, nil)
		w.call(citizen, "POST", path, body, 409, nil)
		if n, err := s.ResponseCount(t.Context(), q.ID); err != nil || n != 3 {
			t.Errorf("%d responses stored, want 3", n)
		}
	})
}
