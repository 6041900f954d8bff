package feed_test

import (
	"context"
	"encoding/xml"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"liuyan/internal/account"
	"liuyan/internal/calendar"
	"liuyan/internal/directory"
	"liuyan/internal/feed"
	"liuyan/internal/lifecycle"
	"liuyan/internal/mask"
	"liuyan/internal/message"
	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
	"liuyan/internal/workflow"
)

// atom is what the tests read of a feed.
type atom struct {
	Title   string `xml:"title"`
	ID      string `xml:"id"`
	Updated string `xml:"updated"`
	Entries []struct {
		Title   string `xml:"title"`
		ID      string `xml:"id"`
		Author  string `xml:"author>name"`
		Content string `xml:"content"`
	} `xml:"entry"`
}

const (
	phone      = "13957112345"
	replyPhone = "0571-86731234"
)

// world is a 钱塘区 department board with three messages: a public one,
// answered, with phone numbers in the text and the reply; a private one;
// and a public one the moderator has not accepted yet.
func world(t *testing.T, s *store.Store) (boardID int64, public *message.Message) {
	t.Helper()
	ctx := context.Background()
	b, err := directory.Join(ctx, s, "330114", "杭州市钱塘区住房和城乡建设局", time.Date(2021, 4, 9, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	clock := time.Date(2026, 6, 1, 2, 0, 0, 0, time.UTC)
	d := &workflow.Desk{Store: s, Calendar: calendar.Default(), Policy: lifecycle.DefaultPolicy(), Limits: message.DefaultLimits,
		Now: func() time.Time { clock = clock.Add(time.Hour); return clock }}
	users := []*account.User{
		{Login: "xiasha01", Name: "王小明", Role: account.Citizen},
		{Login: "shenhe", Name: "审核员", Role: account.Admin},
		{Login: "zhujian", Name: "住建局", Role: account.Handler, UnitID: b.OfficeUnitID},
	}
	err = s.InTx(ctx, func(tx *store.Tx) error {
		for _, u := range users {
			u.PasswordHash = "unused"
			if err := tx.CreateUser(ctx, u); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	author, admin, handler := users[0], users[1], users[2]
	submit := func(title, body string, public bool) *message.Message {
		m, _, err := d.Submit(ctx, author, message.Draft{BoardID: b.ID, Type: "投诉/求助", Domain: "城建", Title: title, Body: body, Public: public}, "")
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	do := func(u *account.User, m *message.Message, act workflow.Act) {
		if _, err := d.Do(ctx, u, m.ID, act); err != nil {
			t.Fatalf("%s: %v", act.Action, err)
		}
	}
	public = submit("下沙街道工地夜间施工噪音扰民", "工地每晚十一点后仍在施工。\n我的电话"+phone+"，请尽快处理。", true)
	do(admin, public, workflow.Act{Action: lifecycle.Accept})
	do(admin, public, workflow.Act{Action: lifecycle.Assign, UnitID: b.OfficeUnitID})
	do(handler, public, workflow.Act{Action: lifecycle.Sign})
	do(handler, public, workflow.Act{Action: lifecycle.FinalReply, Note: "已责令施工单位停止夜间施工，如仍有问题请拨打" + replyPhone + "。"})
	private := submit("小区物业私自收费", "物业向业主收取不明费用，本人不愿公开。", false)
	do(admin, private, workflow.Act{Action: lifecycle.Accept})
	submit("尚未审核的留言", "这条留言还在等待审核。", true)
	return b.ID, public
}

func get(t *testing.T, h http.Handler, path string, header ...string) (*http.Response, string) {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, "http://liuyan.example.cn"+path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	body, _ := io.ReadAll(rec.Result().Body)
	return rec.Result(), string(body)
}

func TestFeeds(t *testing.T) {
	storetest.Seeded(t, func(t *testing.T, s *store.Store) {
		boardID, public := world(t, s)
		mux := http.NewServeMux()
		(&feed.Feeds{Store: s}).Register(mux)
		board := strconv.FormatInt(boardID, 10)
		for _, path := range []string{
			"/feeds/boards/" + board,
			"/feeds/boards/" + board + ".atom",
			"/feeds/regions/330114",
			"/feeds/regions/330000.atom",
			"/feeds/domains/%E5%9F%8E%E5%BB%BA",               // 城建
			"/feeds/domains/%E5%9F%8E%E5%BB%BA?region=330100", // 城建 in 杭州市
		} {
			resp, body := get(t, mux, path)
			if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/atom+xml") {
				t.Fatalf("%s: %d %s", path, resp.StatusCode, body)
			}
			var doc atom
			if err := xml.Unmarshal([]byte(body), &doc); err != nil {
				t.Fatalf("%s: %v\n%s", path, err, body)
			}
			// Only the public, accepted message: not the private one, not
			// the one waiting for the moderator.
			if len(doc.Entries) != 1 {
				t.Fatalf("%s: %d entries, want 1\n%s", path, len(doc.Entries), body)
			}
			e := doc.Entries[0]
			if e.Title != public.Title || e.ID != "http://liuyan.example.cn/messages/"+strconv.FormatInt(public.ID, 10) {
				t.Errorf("%s: entry %q %q", path, e.Title, e.ID)
			}
			if strings.Contains(body, phone) || strings.Contains(body, replyPhone) || !strings.Contains(e.Content, mask.Text(phone)) {
				t.Errorf("%s: personal data not masked: %s", path, e.Content)
			}
			if !strings.Contains(e.Content, "已责令施工单位停止夜间施工") || !strings.Contains(e.Content, "已办理") {
				t.Errorf("%s: the reply and state are missing: %s", path, e.Content)
			}
			if strings.Contains(body, "王小明") || !strings.Contains(e.Author, "王*") {
				t.Errorf("%s: author %q is not masked", path, e.Author)
			}
			if strings.Contains(body, "小区物业私自收费") || strings.Contains(body, "尚未审核") {
				t.Errorf("%s: shows a message the public may not see", path)
			}
		}

		resp, _ := get(t, mux, "/feeds/boards/"+board)
		if _, body := get(t, mux, "/feeds/boards/"+board, "If-Modified-Since", resp.Header.Get("Last-Modified")); body != "" {
			t.Errorf("a current copy is sent again: %q", body)
		}
		if r, _ := get(t, mux, "/feeds/boards/"+board, "If-Modified-Since", resp.Header.Get("Last-Modified")); r.StatusCode != http.StatusNotModified {
			t.Errorf("If-Modified-Since: %d, want 304", r.StatusCode)
		}

		for _, c := range []struct{ path, says string }{
			{"/feeds/boards/99999999", "留言对象不存在"},
			{"/feeds/boards/abc", "留言对象不存在"},
			{"/feeds/regions/999999", "行政区划不存在"},
			{"/feeds/domains/%E5%A4%A9%E6%B0%94", "留言领域不存在"}, // 天气
			{"/feeds/domains/%E5%9F%8E%E5%BB%BA?region=12", "行政区划不存在"},
		} {
			r, body := get(t, mux, c.path)
			if r.StatusCode != http.StatusNotFound || !strings.Contains(body, c.says) {
				t.Errorf("%s: %d %q, want 404 %q", c.path, r.StatusCode, body, c.says)
			}
		}
	})
}
