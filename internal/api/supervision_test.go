package api_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"liuyan/internal/api"
	"liuyan/internal/calendar"
	"liuyan/internal/jobs"
	"liuyan/internal/message"
	"liuyan/internal/stats"
	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
	"liuyan/internal/textmine/replyscore"
	"liuyan/internal/textmine/segment"
)

// clock is a settable time shared by the Desk, the figures and the jobs.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// set moves the clock to a China wall time on a day of 2025.
func (c *clock) set(month time.Month, day, hour int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = time.Date(2025, month, day, hour, 0, 0, 0, calendar.China)
}

// supervisionEvent is an entry of a message's timeline as the API shows it.
type supervisionEvent struct {
	Action   string    `json:"action"`
	Note     string    `json:"note"`
	Deadline time.Time `json:"deadline"`
}

type supervisedDetail struct {
	ID       int64              `json:"id"`
	Status   string             `json:"status"`
	Deadline time.Time          `json:"deadline"`
	Overdue  bool               `json:"overdue"`
	Events   []supervisionEvent `json:"events"`
	Replies  []struct {
		Kind    string `json:"kind"`
		Quality *int   `json:"quality"`
	} `json:"replies"`
}

// TestSupervisionAcrossNationalDay is issue 9's supervision story through
// the HTTP stack, on both stores. Two consultations (5 working days) are
// published on 2025-09-30, the eve of the National Day break, so their
// deadline falls on 10-14, not 10-08: the job runner reminds the unit two
// working days before, once however often it runs, and notices both
// overdue on 10-15. The supervisor urges both and formally supervises one
// with a new deadline of 3 working days; the unit answers both on 10-17.
// The supervised one counts as on time and the other as late, overdue
// drops back to zero, and every step is on the timeline staff see.
func TestSupervisionAcrossNationalDay(t *testing.T) {
	storetest.Seeded(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		w := newWorld(t, s)
		clk := &clock{}
		clk.set(time.September, 30, 10)
		w.desk.Now = clk.now
		// The server's scorer, over the texts at hand as the server's is.
		w.desk.ScoreReply = func(m *message.Message, r message.Reply) int {
			scorer := replyscore.NewScorer(segment.Default(), calendar.Default(), []string{m.Title + m.Body, r.Body})
			p := scorer.Parts(replyscore.Reply{Title: m.Title, Body: m.Body, Asked: m.PublishedAt, Text: r.Body, Answered: r.CreatedAt})
			return int(p.Score(replyscore.DefaultWeights) + 0.5)
		}
		svc := stats.ForDesk(w.desk)
		mux := http.NewServeMux()
		a := &api.API{Store: s, Desk: w.desk, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
		a.Register(mux)
		a.RegisterStats(mux, svc)
		w.srv.Close()
		w.srv = httptest.NewServer(mux)
		t.Cleanup(w.srv.Close)
		runner := &jobs.Runner{Store: s, Desk: w.desk, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: clk.now}

		var citizen struct{ Token string }
		w.call("", "POST", "/api/v1/auth/register", map[string]string{"login": "xiasha_parent", "password": "下沙家长2025abc", "name": "下沙家长"}, 201, &citizen)
		// Two real consultations of the kind the 钱塘区 boards receive; the
		// second is private, so its text must never reach the public.
		posts := []map[string]any{
			{"title": "下沙街道幸福家园小区旁的学校什么时候开始招生", "public": true,
				"body": "幸福家园小区旁边新建的学校已经完工，请问什么时候开始招生？学区怎么划分？孩子明年上小学，家长们都很关心。"},
			{"title": "白杨街道云滨小区电梯加装补助如何申请", "public": false,
				"body": "我家住云滨小区3幢，业主们想加装电梯，请问政府补助的申请条件和流程是什么？需要准备哪些材料？"},
		}
		ids := make([]int64, len(posts))
		paths := make([]string, len(posts))
		for i, p := range posts {
			p["board_id"], p["type"], p["domain"] = w.board.ID, "咨询", "城建"
			var m detail
			w.call(citizen.Token, "POST", "/api/v1/messages", p, 201, &m)
			ids[i], paths[i] = m.ID, fmt.Sprintf("/api/v1/messages/%d", m.ID)
			w.call(w.tokens["moderator"], "POST", paths[i]+"/accept", nil, 200, nil)
			w.call(w.tokens["office"], "POST", paths[i]+"/assign", map[string]any{"unit_id": w.bureau.ID, "note": "请钱塘区住建局核实答复"}, 200, nil)
		}
		var got supervisedDetail
		w.call(w.tokens["supervisor"], "GET", paths[0], nil, 200, &got)
		wantDeadline := time.Date(2025, 10, 14, 23, 59, 59, 0, calendar.China)
		if !got.Deadline.Equal(wantDeadline) {
			t.Fatalf("deadline of a 咨询 published on 09-30: %v, want %v (10-01..08 off, 10-11 a working Saturday)", got.Deadline, wantDeadline)
		}
		clk.set(time.October, 9, 9) // the first working day after the break
		for _, p := range paths {
			w.call(w.tokens["handler"], "POST", p+"/sign", nil, 200, nil)
		}

		// notices runs the job and counts the notices of a kind per message.
		notices := func(kind string) [2]int {
			t.Helper()
			if err := runner.NoticeDeadlines(ctx); err != nil {
				t.Fatal(err)
			}
			var n [2]int
			for i, p := range paths {
				var d supervisedDetail
				w.call(w.tokens["supervisor"], "GET", p, nil, 200, &d)
				for _, e := range d.Events {
					if e.Action == kind {
						n[i]++
					}
				}
			}
			return n
		}
		// On Friday 10-10 the deadline is still three working days away
		// (10-11, 10-13, 10-14): no reminder yet.
		clk.set(time.October, 10, 15)
		if n := notices("remind"); n != [2]int{0, 0} {
			t.Fatalf("reminders three working days ahead: %v", n)
		}
		// On Sunday 10-12 two working days remain: one reminder each, even
		// when the job runs again and twice at once.
		clk.set(time.October, 12, 10)
		notices("remind")
		var wg sync.WaitGroup
		for range 2 {
			wg.Go(func() {
				if err := runner.NoticeDeadlines(ctx); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		if n := notices("remind"); n != [2]int{1, 1} {
			t.Fatalf("reminders after four runs: %v, want one per message", n)
		}

		// summary reads the figures of 2025H2 for 钱塘区.
		type figures struct {
			Figures struct {
				Messages, Replies int64
				OnTime            int64    `json:"on_time"`
				OnTimeRate        *float64 `json:"on_time_rate"`
				MedianDays        *int     `json:"median_days"`
			}
			Overdue int64 `json:"overdue_now"`
		}
		summary := func() figures {
			t.Helper()
			var f figures
			getJSON(t, w.srv.URL, "/api/v1/stats/summary?region=330114&period=2025H2", 200, &f)
			return f
		}
		if f := summary(); f.Overdue != 0 || f.Figures.Messages != 2 {
			t.Fatalf("before the deadline: %+v", f)
		}

		// Wednesday 10-15: both are overdue, noticed once.
		clk.set(time.October, 15, 9)
		if n := notices("overdue"); n != [2]int{1, 1} {
			t.Fatalf("overdue notices: %v", n)
		}
		if n := notices("overdue"); n != [2]int{1, 1} {
			t.Fatalf("overdue notices after a second run: %v", n)
		}
		w.call(w.tokens["supervisor"], "GET", paths[0], nil, 200, &got)
		if !got.Overdue {
			t.Error("the message is not shown overdue on 10-15")
		}
		if f := summary(); f.Overdue != 2 {
			t.Errorf("overdue now on 10-15: %d, want 2", f.Overdue)
		}
		type sheet struct {
			ScopeName string `json:"scope_name"`
			Overdue   struct {
				Units []struct {
					ID      int64
					Name    string
					Overdue int64
				}
			}
		}
		var acc sheet
		raw := w.call("", "GET", "/api/v1/stats/accountability?region=330114&period=2025H2&min_volume=1", nil, 200, &acc)
		if len(acc.Overdue.Units) != 1 || acc.Overdue.Units[0].ID != w.bureau.ID || acc.Overdue.Units[0].Overdue != 2 || acc.ScopeName != "浙江省杭州市钱塘区" {
			t.Errorf("accountability sheet on 10-15: %s", raw)
		}
		for _, p := range posts {
			for _, text := range []string{p["title"].(string), p["body"].(string)} {
				if strings.Contains(string(raw), text) {
					t.Errorf("the accountability sheet shows a message's text: %s", text)
				}
			}
		}

		// The supervisor urges both and supervises the first: 3 working
		// days from Wednesday is Monday 10-20.
		for _, p := range paths {
			w.call(w.tokens["supervisor"], "POST", p+"/urge", map[string]any{"note": "该留言已超过办理时限，请抓紧办理，尽快答复留言人。"}, 200, nil)
		}
		clk.set(time.October, 15, 10)
		superviseNote := "该留言超期未办结，现予督办，请于3个工作日内办结并报送办理情况。"
		w.call(w.tokens["supervisor"], "POST", paths[0]+"/supervise", map[string]any{"note": superviseNote, "days": 3}, 200, &got)
		newDeadline := time.Date(2025, 10, 20, 23, 59, 59, 0, calendar.China)
		if !got.Deadline.Equal(newDeadline) || got.Overdue {
			t.Errorf("after 督办: deadline %v overdue %v, want %v and not overdue", got.Deadline, got.Overdue, newDeadline)
		}
		if f := summary(); f.Overdue != 1 {
			t.Errorf("overdue now after 督办 with a new deadline: %d, want 1", f.Overdue)
		}
		// The new deadline earns its own reminder on Friday 10-17.
		clk.set(time.October, 17, 9)
		if n := notices("remind"); n != [2]int{2, 1} {
			t.Errorf("reminders after 督办: %v, want a second one for the supervised message", n)
		}

		// The unit answers both on 10-17.
		clk.set(time.October, 17, 15)
		answers := []string{
			"您好！经核实，幸福家园小区旁的学校为钱塘区第二小学，计划于2026年9月开学，招生公告将于2026年5月在区教育局网站发布，学区划分届时一并公布。感谢您的关注！",
			"您好！既有住宅加装电梯须经本幢业主三分之二以上同意，可向所在街道提交申请表、业主协议和设计方案，验收后按每台20万元标准申请补助。咨询电话：0571-86899999。",
		}
		for i, p := range paths {
			w.call(w.tokens["handler"], "POST", p+"/replies", map[string]any{"kind": "final", "body": answers[i]}, 200, nil)
		}
		f := summary()
		if f.Overdue != 0 || f.Figures.Replies != 2 || f.Figures.OnTime != 1 || f.Figures.OnTimeRate == nil || *f.Figures.OnTimeRate != 0.5 {
			t.Errorf("after the replies: %+v, want 2 replies, 1 on time (the supervised one), 0 overdue", f)
		}
		// 办理时长: working days after 09-30 up to 10-17 are 10-09..10-17 with the Saturday 10-11: 8.
		if f.Figures.MedianDays == nil || *f.Figures.MedianDays != 8 {
			t.Errorf("median handling days: %v, want 8", f.Figures.MedianDays)
		}

		// The timeline staff see, with the supervisor's note and the new deadline.
		w.call(w.tokens["supervisor"], "GET", paths[0], nil, 200, &got)
		var timeline []string
		for _, e := range got.Events {
			timeline = append(timeline, e.Action)
			if e.Action == "supervise" && (e.Note != superviseNote || !e.Deadline.Equal(newDeadline)) {
				t.Errorf("supervise event %+v", e)
			}
		}
		want := "submit accept assign sign remind overdue urge supervise remind reply_final"
		if strings.Join(timeline, " ") != want {
			t.Errorf("timeline %v, want %s", timeline, want)
		}
		var public supervisedDetail
		w.call("", "GET", paths[0], nil, 200, &public)
		for _, e := range public.Events {
			if e.Note != "" {
				t.Errorf("the public sees a staff note on %s: %s", e.Action, e.Note)
			}
		}
		w.call("", "GET", paths[1], nil, 404, nil)

		// The unit was told of every reminder, notice, 催办 and 督办.
		var inbox struct{ Items []struct{ Kind string } }
		w.call(w.tokens["handler"], "GET", "/api/v1/notifications", nil, 200, &inbox)
		kinds := map[string]int{}
		for _, n := range inbox.Items {
			kinds[n.Kind]++
		}
		if kinds["remind"] != 3 || kinds["overdue"] != 2 || kinds["urge"] != 2 || kinds["supervise"] != 1 {
			t.Errorf("the unit's notifications: %v", kinds)
		}

		// The performance page's figures for the unit in October, with the
		// mean quality score of the two replies as the messages show them.
		var scores []int
		for _, p := range paths {
			var d supervisedDetail
			w.call(w.tokens["supervisor"], "GET", p, nil, 200, &d)
			for _, r := range d.Replies {
				if r.Kind == "final" && r.Quality != nil {
					scores = append(scores, *r.Quality)
				}
			}
		}
		if len(scores) != 2 {
			t.Fatalf("reply scores %v", scores)
		}
		type unitFigures struct {
			Month        string
			Messages     int64
			Replies      int64
			ReplyRate    *float64 `json:"reply_rate"`
			OnTimeRate   *float64 `json:"on_time_rate"`
			MedianDays   *int     `json:"median_days"`
			ReplyQuality *float64 `json:"reply_quality"`
		}
		var perf struct {
			Units []struct {
				ID     int64
				Total  unitFigures
				Months []unitFigures
			}
		}
		w.call(w.tokens["supervisor"], "GET", "/api/v1/stats/units?region=330114&period=2025H2", nil, 200, &perf)
		if len(perf.Units) != 1 || perf.Units[0].ID != w.bureau.ID || len(perf.Units[0].Months) != 6 {
			t.Fatalf("performance: %+v", perf)
		}
		// A unit's 留言量 is what it received: both on 09-30; both replies
		// came in October, which received nothing, so October has no rate.
		meanScore := float64(scores[0]+scores[1]) / 2
		sep, oct, total := perf.Units[0].Months[2], perf.Units[0].Months[3], perf.Units[0].Total
		if sep.Month != "202509" || sep.Messages != 2 || sep.Replies != 0 || sep.ReplyRate == nil || *sep.ReplyRate != 0 {
			t.Errorf("the unit in September: %+v", sep)
		}
		if oct.Month != "202510" || oct.Messages != 0 || oct.Replies != 2 || oct.ReplyRate != nil ||
			oct.OnTimeRate == nil || *oct.OnTimeRate != 0.5 || oct.MedianDays == nil || *oct.MedianDays != 8 ||
			oct.ReplyQuality == nil || math.Abs(*oct.ReplyQuality-meanScore) > 1e-9 {
			t.Errorf("the unit in October: %+v, want 2 replies, half on time, 8 days, quality %v", oct, meanScore)
		}
		if total.Messages != 2 || total.Replies != 2 || total.ReplyRate == nil || *total.ReplyRate != 1 ||
			total.OnTimeRate == nil || *total.OnTimeRate != 0.5 || total.ReplyQuality == nil || math.Abs(*total.ReplyQuality-meanScore) > 1e-9 {
			t.Errorf("the unit over the half-year: %+v", total)
		}
	})
}

// TestSupervisionRoles checks who may urge, supervise and read the units'
// performance: a supervisor elsewhere, a handler and a citizen may not
// (403, or 404 for a private message they cannot see), and a supervised
// deadline must be 1..15 working days away, refused in Chinese otherwise
// with nothing changed.
func TestSupervisionRoles(t *testing.T) {
	storetest.Seeded(t, func(t *testing.T, s *store.Store) {
		w := newWorld(t, s)
		srv := statsServer(t, w)
		var citizen struct{ Token string }
		w.call("", "POST", "/api/v1/auth/register", map[string]string{"login": "baiyang_resident", "password": "白杨居民2025abc"}, 201, &citizen)
		mk := func(public bool) string {
			var m detail
			w.call(citizen.Token, "POST", "/api/v1/messages", map[string]any{"board_id": w.board.ID, "type": "投诉/求助", "domain": "城建", "public": public,
				"title": "白杨街道小区外墙瓷砖脱落", "body": "小区6幢外墙瓷砖大面积脱落，砸坏了楼下的车，存在安全隐患。"}, 201, &m)
			p := fmt.Sprintf("/api/v1/messages/%d", m.ID)
			w.call(w.tokens["moderator"], "POST", p+"/accept", nil, 200, nil)
			w.call(w.tokens["office"], "POST", p+"/assign", map[string]any{"unit_id": w.bureau.ID}, 200, nil)
			return p
		}
		body := map[string]any{"note": "请于3个工作日内办结", "days": 3}
		for _, public := range []bool{true, false} {
			p := mk(public)
			for who, want := range map[string]int{"outsider": 403, "handler": 403, "handler2": 403, "office": 403} {
				if !public && (who == "outsider" || who == "handler2") {
					want = 404
				}
				for _, act := range []string{"urge", "supervise"} {
					if res := w.raw(w.tokens[who], "POST", p+"/"+act, body); res.StatusCode != want {
						t.Errorf("public=%v %s by %s: %d, want %d", public, act, who, res.StatusCode, want)
					} else {
						res.Body.Close()
					}
				}
			}
			for _, act := range []string{"urge", "supervise"} {
				if res := w.raw(citizen.Token, "POST", p+"/"+act, body); res.StatusCode != 403 {
					t.Errorf("public=%v %s by the author: %d, want 403", public, act, res.StatusCode)
				}
			}
			var before supervisedDetail
			w.call(w.tokens["supervisor"], "GET", p, nil, 200, &before)
			for _, days := range []int{0, 16} {
				res := w.raw(w.tokens["supervisor"], "POST", p+"/supervise", map[string]any{"note": "请按期办结", "days": days})
				e := decodeErr(t, res)
				if res.StatusCode != 422 || e.Error.Code != "supervise_days" || !hasHan(e.Error.Message) {
					t.Errorf("督办 in %d days: %d %+v", days, res.StatusCode, e)
				}
			}
			var after supervisedDetail
			w.call(w.tokens["supervisor"], "GET", p, nil, 200, &after)
			if !after.Deadline.Equal(before.Deadline) || len(after.Events) != len(before.Events) {
				t.Errorf("a refused 督办 changed the message: %v → %v", before.Deadline, after.Deadline)
			}
		}

		// The units' performance: supervisors of the region and admins only.
		for token, want := range map[string]int{"": 401, citizen.Token: 403, w.tokens["handler"]: 403, w.tokens["office"]: 403,
			w.tokens["moderator"]: 403, w.tokens["outsider"]: 200, w.tokens["supervisor"]: 200, w.tokens["admin"]: 200} {
			req, _ := http.NewRequest("GET", srv.URL+"/api/v1/stats/units?period=2025H2", nil)
			if token != "" {
				req.Header.Set("Authorization", "Bearer "+token)
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != want {
				t.Errorf("performance of their own region (token %.6s…): %d, want %d", token, res.StatusCode, want)
			}
		}
		req, _ := http.NewRequest("GET", srv.URL+"/api/v1/stats/units?region=330114", nil)
		req.Header.Set("Authorization", "Bearer "+w.tokens["outsider"])
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		if e := decodeErr(t, res); res.StatusCode != 403 || !hasHan(e.Error.Message) {
			t.Errorf("湖南's supervisor reading 钱塘区's units: %d %+v", res.StatusCode, e)
		}
	})
}
