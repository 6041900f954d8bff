package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"liuyan/internal/api"
	"liuyan/internal/board"
	"liuyan/internal/calendar"
	"liuyan/internal/directory"
	"liuyan/internal/lifecycle"
	"liuyan/internal/message"
	"liuyan/internal/ratelimit"
	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
	"liuyan/internal/workflow"
)

// world is a running API over a seeded store with the shared cast of
// staff and citizens for the 杭州市钱塘区 boards (storetest.Cast).
type world struct {
	t      *testing.T
	srv    *httptest.Server
	store  *store.Store
	desk   *workflow.Desk
	board  board.Board // 钱塘区委书记
	bureau *board.Unit // 钱塘区住房和城乡建设局
	other  *board.Unit // 西湖区城市管理局
	tokens map[string]string
}

func newWorld(t *testing.T, s *store.Store) *world {
	t.Helper()
	return newWorldWith(t, s, nil)
}

// newWorldWith is newWorld with rate limits (nil: none).
func newWorldWith(t *testing.T, s *store.Store, limits *ratelimit.Set) *world {
	t.Helper()
	c := storetest.NewCast(t, s)
	w := &world{t: t, store: s, tokens: map[string]string{}, board: c.Board, bureau: c.Bureau, other: c.Other}
	w.desk = &workflow.Desk{Store: s, Calendar: calendar.Default(), Policy: lifecycle.DefaultPolicy(), Limits: message.DefaultLimits}
	mux := http.NewServeMux()
	(&api.API{Store: s, Desk: w.desk, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Limits: limits}).Register(mux)
	w.srv = httptest.NewServer(mux)
	t.Cleanup(w.srv.Close)
	for login := range c.Users {
		var out struct{ Token string }
		w.call("", "POST", "/api/v1/auth/login", map[string]string{"login": login, "password": storetest.Password}, 200, &out)
		w.tokens[login] = out.Token
	}
	return w
}

// raw sends a JSON request as the holder of token and returns the response.
func (w *world) raw(token, method, path string, body any) *http.Response {
	w.t.Helper()
	var rd io.Reader
	if body != nil {
		if s, ok := body.(string); ok {
			rd = strings.NewReader(s)
		} else {
			b, _ := json.Marshal(body)
			rd = bytes.NewReader(b)
		}
	}
	req, _ := http.NewRequest(method, w.srv.URL+path, rd)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		w.t.Fatal(err)
	}
	conformsToOpenAPI(w.t, req, res)
	return res
}

// call sends a JSON request as the holder of token and checks the status;
// out, when not nil, receives the decoded answer.
func (w *world) call(token, method, path string, body any, want int, out any) []byte {
	w.t.Helper()
	res := w.raw(token, method, path, body)
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	if res.StatusCode != want {
		w.t.Fatalf("%s %s: status %d, want %d: %s", method, path, res.StatusCode, want, raw)
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			w.t.Fatalf("%s %s: %v in %s", method, path, err, raw)
		}
	}
	return raw
}

type detail struct {
	ID      int64  `json:"id"`
	Status  string `json:"status"`
	Title   string `json:"title"`
	Body    string `json:"body"`
	UnitID  int64  `json:"unit_id"`
	Overdue bool   `json:"overdue"`
	Events  []struct {
		Action string `json:"action"`
		From   string `json:"from"`
		To     string `json:"to"`
	} `json:"events"`
	Replies []struct {
		Kind, Body string
		UnitName   string `json:"unit_name"`
	} `json:"replies"`
	Followups []struct{ Body string }                    `json:"followups"`
	Rating    *struct{ Resolution, Attitude, Speed int } `json:"rating"`
	Deadline  string                                     `json:"deadline"`
}

// TestCitizenToRating is the end-to-end story through the API
// alone: register, post, accept, assign, sign, reply, follow up, reply
// again, rate — on SQLite and PostgreSQL.
func TestCitizenToRating(t *testing.T) {
	storetest.Seeded(t, func(t *testing.T, s *store.Store) {
		w := newWorld(t, s)
		var reg struct {
			Token string
			User  struct {
				ID   int64
				Role string
			}
		}
		w.call("", "POST", "/api/v1/auth/register", map[string]string{"login": "xiasha_resident", "password": "我家住下沙2026", "name": "下沙居民"}, 201, &reg)
		if reg.User.Role != "citizen" || reg.Token == "" {
			t.Fatalf("register answered %+v", reg)
		}
		citizen := reg.Token
		post := map[string]any{"board_id": w.board.ID, "type": "投诉/求助", "domain": "城建", "public": true,
			"title": "下沙街道学林街工地夜间施工扰民", "tags": []string{"噪音扰民"},
			"body": "学林街与文泽路口的工地连续两周每晚施工到凌晨两点，噪音很大，老人孩子无法休息。我的电话13957112345，希望尽快处理。"}
		var m detail
		w.call(citizen, "POST", "/api/v1/messages", post, 201, &m)
		if m.Status != "submitted" {
			t.Fatalf("new message status %s", m.Status)
		}
		path := fmt.Sprintf("/api/v1/messages/%d", m.ID)

		// Before acceptance the public cannot see it at all.
		w.call("", "GET", path, nil, 404, nil)

		w.call(w.tokens["moderator"], "POST", path+"/accept", nil, 200, nil)
		w.call(w.tokens["office"], "POST", path+"/assign", map[string]any{"unit_id": w.bureau.ID, "note": "请钱塘区住建局核实处理"}, 200, nil)
		w.call(w.tokens["handler"], "POST", path+"/sign", nil, 200, nil)
		w.call(w.tokens["handler"], "POST", path+"/replies", map[string]any{"kind": "final",
			"body": "您好！经核查，该工地已办理夜间施工许可，我局已责令其22时后停止高噪音作业。感谢您的监督。"}, 200, nil)
		w.call(citizen, "POST", path+"/followups", map[string]any{"body": "昨晚十二点仍在施工，请再次核查。"}, 200, nil)
		w.call(w.tokens["handler"], "POST", path+"/replies", map[string]any{"kind": "final",
			"body": "您好！我局已于今日再次现场检查，对施工单位立案处罚，并安排夜间巡查。"}, 200, nil)
		w.call(citizen, "POST", path+"/rating", map[string]any{"resolution": 5, "attitude": 5, "speed": 4, "comment": "处理及时，谢谢！"}, 200, nil)

		var got detail
		w.call(citizen, "GET", path, nil, 200, &got)
		if got.Status != "rated" {
			t.Fatalf("status %s, want rated", got.Status)
		}
		wantTimeline := "submit accept assign sign reply_final followup reply_final rate"
		var timeline []string
		for _, e := range got.Events {
			timeline = append(timeline, e.Action)
		}
		if strings.Join(timeline, " ") != wantTimeline {
			t.Errorf("timeline %v, want %s", timeline, wantTimeline)
		}
		if last := got.Events[len(got.Events)-1]; last.From != "replied" || last.To != "rated" {
			t.Errorf("last event %+v", last)
		}
		if len(got.Replies) != 2 || got.Replies[0].UnitName != "钱塘区住房和城乡建设局" || len(got.Followups) != 1 {
			t.Errorf("replies %+v followups %+v", got.Replies, got.Followups)
		}
		if got.Rating == nil || got.Rating.Resolution != 5 || got.Rating.Speed != 4 {
			t.Errorf("rating %+v", got.Rating)
		}
		if got.Deadline == "" {
			t.Error("an accepted message must carry a deadline")
		}
		var routes struct {
			Items []struct {
				UnitID  int64 `json:"unit_id"`
				Reasons []string
			}
		}
		w.call(w.tokens["office"], "GET", path+"/routing", nil, 200, &routes)
		if len(routes.Items) == 0 || routes.Items[0].UnitID != w.bureau.ID || len(routes.Items[0].Reasons) == 0 {
			t.Errorf("routing for a construction-noise complaint: %+v, want the 住建局 first", routes.Items)
		}
		w.call(citizen, "GET", path+"/routing", nil, 403, nil)
		// The author sees the phone number; the public sees it masked.
		if !strings.Contains(got.Body, "13957112345") {
			t.Errorf("author's view lost the text: %s", got.Body)
		}
		var public detail
		w.call("", "GET", path, nil, 200, &public)
		if strings.Contains(public.Body, "13957112345") || !strings.Contains(public.Body, "139") {
			t.Errorf("public body not masked: %s", public.Body)
		}
	})
}

// seeded gives a store its leader boards, as a running server has them.
func seeded(t *testing.T, s *store.Store) *store.Store {
	t.Helper()
	if _, err := directory.SeedLeaders(context.Background(), s); err != nil {
		t.Fatal(err)
	}
	return s
}

func decodeErr(t *testing.T, res *http.Response) apiError {
	t.Helper()
	defer res.Body.Close()
	var e apiError
	if err := json.NewDecoder(res.Body).Decode(&e); err != nil {
		t.Fatalf("error body: %v", err)
	}
	return e
}
