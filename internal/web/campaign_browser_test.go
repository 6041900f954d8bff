package web_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"liuyan/internal/account"
	"liuyan/internal/calendar"
	"liuyan/internal/campaign"
	"liuyan/internal/lifecycle"
	"liuyan/internal/message"
	"liuyan/internal/participation"
	"liuyan/internal/questionnaire"
	"liuyan/internal/report"
	"liuyan/internal/stats"
	"liuyan/internal/web"
	"liuyan/internal/workflow"
)

// TestBrowserCampaignCharts opens a closed campaign's summary and a
// questionnaire's results in a real Chromium, under the site's strict
// Content-Security-Policy, and waits for every chart to be drawn by the
// vendored ECharts; screenshots of both are saved.
func TestBrowserCampaignCharts(t *testing.T) {
	ctx := headless(t)
	s := seededSQLite(t)
	site := newSite(t, s)
	bg := context.Background()
	user := func(login string) *account.User {
		u, err := s.UserByLogin(bg, login)
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	clock := time.Date(2026, 2, 10, 9, 0, 0, 0, calendar.China)
	desk := &workflow.Desk{Store: s, Calendar: calendar.Default(), Policy: lifecycle.DefaultPolicy(), Limits: message.DefaultLimits,
		Now: func() time.Time { return clock }}
	p := &participation.Service{Store: s, Desk: desk, Stats: stats.ForDesk(desk)}
	office, moderator := user("office"), user("moderator")
	c, err := p.CreateCampaign(bg, office, campaign.Draft{Title: "战疫情抓复产 意见建议与问题线索征集", Description: "征集复工复产的意见建议。",
		OpensAt: clock.Add(-time.Hour), ClosesAt: clock.AddDate(0, 0, 20), Public: true, BoardIDs: []int64{site.board.ID}})
	if err != nil {
		t.Fatal(err)
	}
	for i, sg := range []struct{ login, domain, title string }{
		{"citizen", "企业", "建议延长小微企业房租减免期限"}, {"neighbour", "就业", "建议为返岗务工人员开通点对点包车"}, {"citizen", "交通", "建议早高峰加密地铁班次"},
	} {
		clock = clock.Add(time.Duration(i*30) * time.Hour)
		m, _, err := p.Suggest(bg, user(sg.login), c.ID, participation.SuggestionDraft{Domain: sg.domain, Title: sg.title, Body: sg.title + "，方便复工复产。"}, "")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := desk.Do(bg, moderator, m.ID, workflow.Act{Action: lifecycle.Accept}); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			if _, err := p.Feedback(bg, office, m.ID, "adopted", "国有房产租金减免期已延长至6月30日。"); err != nil {
				t.Fatal(err)
			}
		}
	}
	q := &questionnaire.Questionnaire{Title: "小微企业和个体工商户开复工情况调查", CampaignID: c.ID, OpensAt: clock, ClosesAt: clock.AddDate(0, 0, 5),
		Questions: []questionnaire.Question{
			{Kind: questionnaire.Single, Text: "贵单位目前的复工情况", Required: true, Options: []string{"已全面复工", "部分复工", "尚未复工"}},
			{Kind: questionnaire.Scale, Text: "对本地惠企政策的满意度", Required: true},
			{Kind: questionnaire.Multiple, Text: "目前面临的主要困难", Options: []string{"资金周转", "用工短缺", "订单不足"}},
		}}
	if err := p.CreateQuestionnaire(bg, office, q); err != nil {
		t.Fatal(err)
	}
	for i, login := range []string{"citizen", "neighbour"} {
		clock = clock.Add(time.Hour)
		err := p.Respond(bg, user(login), q.ID, []questionnaire.Answer{{QuestionID: q.Questions[0].ID, Choices: []int{i}},
			{QuestionID: q.Questions[1].ID, Scale: 4 + i}, {QuestionID: q.Questions[2].ID, Choices: []int{0, 2}}})
		if err != nil {
			t.Fatal(err)
		}
	}

	// Served as `liuyan serve` does: the pages beside the reports' handler,
	// which serves ECharts; both now, after the campaign closed.
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	live := &workflow.Desk{Store: s, Calendar: calendar.Default(), Policy: lifecycle.DefaultPolicy(), Limits: message.DefaultLimits}
	mux := http.NewServeMux()
	w, err := web.New(web.Config{Store: s, Desk: live, Log: log})
	if err != nil {
		t.Fatal(err)
	}
	w.Register(mux)
	(&report.Handler{Stats: stats.ForDesk(live), Log: log}).Register(mux)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)

	b := &tab{t: t, ctx: ctx, base: srv.URL, dir: artifacts(t)}
	b.do("phone viewport", chromedp.EmulateViewport(390, 844))
	b.open(fmt.Sprintf("/campaigns/%d", c.ID), "#csum-h")
	b.until(`document.querySelectorAll(".chart.chart-drawn canvas").length === 3`)
	b.screenshot("campaign-summary-phone")
	b.open(fmt.Sprintf("/questionnaires/%d/results", q.ID), ".result")
	b.until(`document.querySelectorAll(".chart.chart-drawn canvas").length === 3`)
	b.screenshot("questionnaire-results-phone")
}
