package api_test

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"liuyan/internal/api"
	"liuyan/internal/calendar"
	"liuyan/internal/catalog"
	"liuyan/internal/lifecycle"
	"liuyan/internal/message"
	"liuyan/internal/stats"
	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
	"liuyan/internal/workflow"
)

// statsServer serves the stats endpoints over the world's store.
func statsServer(t *testing.T, w *world) *httptest.Server {
	t.Helper()
	desk := &workflow.Desk{Store: w.store, Calendar: calendar.Default(), Policy: lifecycle.DefaultPolicy(), Limits: message.DefaultLimits}
	mux := http.NewServeMux()
	a := &api.API{Store: w.store, Desk: desk, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	a.Register(mux)
	a.RegisterStats(mux, stats.ForDesk(desk))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// getJSON gets path, wants the status, checks the answer against the
// OpenAPI document and decodes it into out.
func getJSON(t *testing.T, base, path string, want int, out any) {
	t.Helper()
	req, _ := http.NewRequest("GET", base+path, nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	conformsToOpenAPI(t, req, res)
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	if res.StatusCode != want {
		t.Fatalf("GET %s: status %d, want %d: %s", path, res.StatusCode, want, raw)
	}
	if err := json.Unmarshal(raw, out); err != nil {
		t.Fatalf("GET %s: %v in %s", path, err, raw)
	}
}

// TestStatsEndpoints posts two messages to 钱塘区委书记 through the API,
// answers and rates one, and reads the figures back from every endpoint,
// on both stores.
func TestStatsEndpoints(t *testing.T) {
	storetest.Seeded(t, func(t *testing.T, s *store.Store) {
		w := newWorld(t, s)
		srv := statsServer(t, w)
		var reg struct{ Token string }
		w.call("", "POST", "/api/v1/auth/register", map[string]string{"login": "xiasha_resident", "password": "我家住下沙2026", "name": "下沙居民"}, 201, &reg)
		var ids []int64
		for _, post := range []map[string]any{
			{"title": "学林街工地夜间施工扰民", "domain": "城建", "tags": []string{"噪音扰民"}},
			{"title": "下沙路公交站台缺少遮雨棚", "domain": "交通"},
		} {
			post["board_id"], post["type"], post["body"] = w.board.ID, "投诉/求助", "请有关部门尽快核实处理，谢谢。"
			var m detail
			w.call(reg.Token, "POST", "/api/v1/messages", post, 201, &m)
			w.call(w.tokens["moderator"], "POST", fmt.Sprintf("/api/v1/messages/%d/accept", m.ID), nil, 200, nil)
			ids = append(ids, m.ID)
		}
		path := fmt.Sprintf("/api/v1/messages/%d", ids[0])
		w.call(w.tokens["office"], "POST", path+"/assign", map[string]any{"unit_id": w.bureau.ID, "note": "请钱塘区住建局核实处理"}, 200, nil)
		w.call(w.tokens["handler"], "POST", path+"/sign", nil, 200, nil)
		w.call(w.tokens["handler"], "POST", path+"/replies", map[string]any{"kind": "final", "body": "您好！已责令工地22时后停止高噪音作业。"}, 200, nil)
		w.call(reg.Token, "POST", path+"/rating", map[string]any{"resolution": 5, "attitude": 5, "speed": 4}, 200, nil)

		period := stats.Containing(time.Now()).Name
		var sum struct {
			Period  string `json:"period"`
			Label   string `json:"period_label"`
			Figures struct {
				Messages, Replies, Ratings, Good, Followups int64
				ReplyRate                                   float64 `json:"reply_rate"`
				CohortRate                                  float64 `json:"cohort_rate"`
				Satisfaction                                float64
				MedianDays                                  int     `json:"median_days"`
				OnTimeRate                                  float64 `json:"on_time_rate"`
			}
			YoY     map[string]*float64 `json:"yoy"`
			Overdue int64               `json:"overdue_now"`
		}
		getJSON(t, srv.URL, "/api/v1/stats/summary?region=330114&period="+period, 200, &sum)
		f := sum.Figures
		if sum.Period != period || sum.Label == "" || f.Messages != 2 || f.Replies != 1 || f.ReplyRate != 0.5 || f.CohortRate != 0.5 ||
			f.Ratings != 1 || f.Good != 1 || f.Satisfaction != 1 || f.MedianDays != 0 || f.OnTimeRate != 1 || sum.Overdue != 0 {
			t.Errorf("summary of 钱塘区: %+v", sum)
		}
		if v, ok := sum.YoY["messages"]; !ok || v != nil {
			t.Errorf("同比 of messages with nothing a year before: %v, want null", v)
		}
		// The same through a board, a unit, a domain and a tag.
		for q, want := range map[string][2]int64{
			fmt.Sprintf("board=%d", w.board.ID): {2, 1},
			fmt.Sprintf("unit=%d", w.bureau.ID): {1, 1}, // a unit counts what it received
			"domain=" + url.QueryEscape("交通"):   {1, 0},
			"tag=" + url.QueryEscape("噪音扰民"):    {1, 1},
			"region=430000":                     {0, 0},
		} {
			getJSON(t, srv.URL, "/api/v1/stats/summary?period="+period+"&"+q, 200, &sum)
			if sum.Figures.Messages != want[0] || sum.Figures.Replies != want[1] {
				t.Errorf("%s: %d messages, %d replies; want %v", q, sum.Figures.Messages, sum.Figures.Replies, want)
			}
		}

		var bd struct {
			By     string
			Groups []struct {
				Key          string
				Name         string
				Messages     int64
				MessageShare float64 `json:"message_share"`
			}
		}
		getJSON(t, srv.URL, "/api/v1/stats/breakdown?by=domain&region=330000&period="+period, 200, &bd)
		if len(bd.Groups) != 2 || bd.Groups[0].Messages != 1 || bd.Groups[0].MessageShare != 0.5 {
			t.Errorf("breakdown by domain: %+v", bd)
		}
		getJSON(t, srv.URL, "/api/v1/stats/breakdown?by=region&region=330100&period="+period, 200, &bd)
		if len(bd.Groups) != 1 || bd.Groups[0].Key != "330114" || bd.Groups[0].Name != "浙江省杭州市钱塘区" {
			t.Errorf("breakdown by region: %+v", bd)
		}

		var rk struct {
			Level   string
			Weights stats.Weights
			Items   []struct {
				Code string
				Rank int
				Heat *float64
			}
		}
		getJSON(t, srv.URL, "/api/v1/stats/ranking?level=county&parent=330100&min_volume=1&w_effort=2&period="+period, 200, &rk)
		if rk.Level != "county" || rk.Weights.Effort != 2 || len(rk.Items) < 10 || rk.Items[0].Code != "330114" || rk.Items[0].Rank != 1 ||
			rk.Items[0].Heat == nil || math.Abs(*rk.Items[0].Heat-100) > 1e-9 || rk.Items[1].Rank != 0 {
			t.Errorf("ranking of 杭州's counties: %+v", rk)
		}

		var ls struct {
			Kind   string
			Boards []struct {
				Name     string
				Messages int64
			}
			Units []struct {
				Name    string
				Overdue int64
			}
		}
		getJSON(t, srv.URL, "/api/v1/stats/lists?kind=first-time&region=330000&period="+period, 200, &ls)
		if len(ls.Boards) != 1 || ls.Boards[0].Name != "钱塘区委书记" {
			t.Errorf("first-time responders: %+v", ls)
		}
		ls.Boards = nil
		getJSON(t, srv.URL, "/api/v1/stats/lists?kind=low-rate&threshold=0.6&min_volume=2&region=330000&period="+period, 200, &ls)
		if len(ls.Boards) != 1 || ls.Boards[0].Name != "钱塘区委书记" || ls.Boards[0].Messages != 2 {
			t.Errorf("low-rate boards under 60%%: %+v", ls)
		}
		ls.Boards = nil
		getJSON(t, srv.URL, "/api/v1/stats/lists?kind=zero-reply&min_volume=2&period="+period, 200, &ls)
		if len(ls.Boards) != 0 {
			t.Errorf("zero-reply with 1 reply of 2: %+v", ls)
		}

		// Every dimension, level and list kind answers as the document
		// says (getJSON checks each answer against it).
		p := stats.Containing(time.Now())
		dates := "from=" + p.From.Format(time.DateOnly) + "&to=" + p.To.AddDate(0, 0, -1).Format(time.DateOnly)
		for _, by := range stats.Dimensions {
			var any struct{ Groups []json.RawMessage }
			getJSON(t, srv.URL, "/api/v1/stats/breakdown?region=330000&by="+string(by)+"&"+dates, 200, &any)
			if by != stats.ByMonth && len(any.Groups) == 0 {
				t.Errorf("breakdown by %s: no group", by)
			}
		}
		for _, level := range []string{"province", "city", "county"} {
			var any struct{ Items []json.RawMessage }
			getJSON(t, srv.URL, "/api/v1/stats/ranking?level="+level+"&period="+period, 200, &any)
			if len(any.Items) == 0 {
				t.Errorf("ranking of the %s level: no region", level)
			}
		}
		for _, kind := range stats.ListKinds {
			getJSON(t, srv.URL, "/api/v1/stats/lists?kind="+string(kind)+"&region=330100&min_volume=1&"+dates, 200, &ls)
		}
		var acc struct{ Period string }
		getJSON(t, srv.URL, "/api/v1/stats/accountability?region=330100&min_volume=1&period="+period, 200, &acc)
		if acc.Period != period {
			t.Errorf("accountability of 杭州: period %q", acc.Period)
		}

		// A moderator corrects the second message's domain through the API;
		// the figures move it from 交通 to 城建.
		w.call(w.tokens["moderator"], "POST", fmt.Sprintf("/api/v1/messages/%d/domain", ids[1]), map[string]string{"domain": "城建"}, 200, nil)
		for domain, want := range map[string]int64{"交通": 0, "城建": 2} {
			getJSON(t, srv.URL, "/api/v1/stats/summary?period="+period+"&domain="+url.QueryEscape(domain), 200, &sum)
			if sum.Figures.Messages != want {
				t.Errorf("%s after the correction: %d messages, want %d", domain, sum.Figures.Messages, want)
			}
		}
	})
}

// TestStatsBadInput wants a clear Chinese error for every bad question.
func TestStatsBadInput(t *testing.T) {
	storetest.Seeded(t, func(t *testing.T, s *store.Store) {
		w := newWorld(t, s)
		srv := statsServer(t, w)
		for _, c := range []struct {
			path, code, message string
		}{
			{"/api/v1/stats/summary?period=2020H3", "bad_period", catalog.T("error.bad_period")},
			{"/api/v1/stats/summary?from=2020-02-30&to=2020-03-01", "bad_period", catalog.T("error.bad_period")},
			{"/api/v1/stats/summary?from=2020-03-01", "bad_period", catalog.T("error.bad_period")},
			{"/api/v1/stats/summary?region=999999", "unknown_region", "行政区划不存在"},
			{"/api/v1/stats/summary?domain=" + url.QueryEscape("天文"), "unknown_domain", catalog.T("error.unknown_domain", "城建、交通、环保、企业、就业、政务、教育、治安、三农、医疗、旅游、文娱、金融、体育、其他")},
			{"/api/v1/stats/summary?type=" + url.QueryEscape("表扬"), "unknown_type", catalog.T("error.unknown_type", "投诉/求助、咨询、建言、感谢")},
			{"/api/v1/stats/summary?board=99999999", "unknown_board", "留言对象不存在"},
			{"/api/v1/stats/summary?unit=99999999", "unknown_unit", "办理单位不存在"},
			{"/api/v1/stats/summary?board=abc", "bad_number", catalog.T("error.bad_number", "board")},
			{"/api/v1/stats/breakdown?by=color", "bad_dimension", catalog.T("error.bad_dimension", "domain、type、tag、level、region、board、unit、month")},
			{"/api/v1/stats/ranking?level=street", "bad_level", catalog.T("error.bad_level")},
			{"/api/v1/stats/ranking?min_volume=-1", "bad_number", catalog.T("error.bad_number", "min_volume")},
			{"/api/v1/stats/ranking?w_activity=0&w_effort=0&w_satisfaction=0", "bad_weights", catalog.T("error.bad_weights")},
			{"/api/v1/stats/ranking?parent=999999", "unknown_region", "行政区划不存在"},
			{"/api/v1/stats/lists?kind=best", "bad_list", catalog.T("error.bad_list", "zero-reply、low-rate、first-time、overdue、coverage")},
			{"/api/v1/stats/lists?kind=low-rate&threshold=abc", "bad_number", catalog.T("error.bad_number", "threshold")},
		} {
			var e struct {
				Error struct{ Code, Message string }
			}
			getJSON(t, srv.URL, c.path, 422, &e)
			if e.Error.Code != c.code || e.Error.Message != c.message {
				t.Errorf("%s: %s %q, want %s %q", c.path, e.Error.Code, e.Error.Message, c.code, c.message)
			}
		}
	})
}
