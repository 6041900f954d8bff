package api_test

import (
	"fmt"
	"strings"
	"testing"

	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
)

type apiError struct {
	Error struct{ Code, Message string } `json:"error"`
}

// TestBadInputChangesNothing sends every kind of bad input the issue names
// and checks the status, the error code, a Chinese message, and that the
// store is unchanged afterwards.
func TestBadInputChangesNothing(t *testing.T) {
	storetest.Seeded(t, func(t *testing.T, s *store.Store) {
		w := newWorld(t, s)
		var reg struct{ Token string }
		w.call("", "POST", "/api/v1/auth/register", map[string]string{"login": "gongdi_linju", "password": "邻居投诉2026"}, 201, &reg)
		citizen := reg.Token
		var other struct{ Token string }
		w.call("", "POST", "/api/v1/auth/register", map[string]string{"login": "bieren", "password": "另一个人2026"}, 201, &other)

		good := func() map[string]any {
			return map[string]any{"board_id": w.board.ID, "type": "咨询", "domain": "教育", "public": true,
				"title": "钱塘区小学学区划分何时公布", "body": "孩子明年上小学，请问今年学区划分方案什么时候公布？"}
		}
		with := func(k string, v any) map[string]any { m := good(); m[k] = v; return m }
		posts := []struct {
			name   string
			body   any
			status int
			code   string
		}{
			{"empty title", with("title", "  "), 422, "title_empty"},
			{"title of 51 characters", with("title", strings.Repeat("路", 51)), 422, "title_too_long"},
			{"empty body", with("body", ""), 422, "body_empty"},
			{"body of 2001 characters", with("body", strings.Repeat("噪", 2001)), 422, "body_too_long"},
			{"unknown board", with("board_id", 99999999), 422, "unknown_board"},
			{"unknown type", with("type", "表扬"), 422, "unknown_type"},
			{"unknown domain", with("domain", "航天"), 422, "unknown_domain"},
			{"invalid UTF-8", "{\"board_id\":1,\"type\":\"咨询\",\"domain\":\"教育\",\"title\":\"\xff\xfe\",\"body\":\"x\"}", 400, "invalid_utf8"},
			{"not JSON", "{title:", 400, "bad_json"},
			{"unknown field", with("priority", "urgent"), 400, "bad_json"},
			{"too large", "{\"body\":\"" + strings.Repeat("a", 1<<20+10) + "\"}", 413, "body_too_large"},
		}
		for _, p := range posts {
			var e apiError
			w.call(citizen, "POST", "/api/v1/messages", p.body, p.status, &e)
			if e.Error.Code != p.code || !hasHan(e.Error.Message) {
				t.Errorf("%s: error %+v, want code %s with a Chinese message", p.name, e.Error, p.code)
			}
		}
		w.call("", "POST", "/api/v1/messages", good(), 401, nil)
		if n, _ := s.CountMessages(t.Context()); n != 0 {
			t.Fatalf("bad posts stored %d messages", n)
		}

		// One good message, accepted, to try wrong actions on.
		var m struct{ ID int64 }
		w.call(citizen, "POST", "/api/v1/messages", good(), 201, &m)
		path := fmt.Sprintf("/api/v1/messages/%d", m.ID)
		actions := []attempt{
			{"citizen accepts", citizen, "accept", nil, 403, "forbidden"},
			{"handler signs before assignment", w.tokens["handler"], "sign", nil, 404, "not_found"},
			{"reject without reason", w.tokens["moderator"], "reject", map[string]string{"reason": " "}, 422, "note_required"},
			{"assign before acceptance", w.tokens["office"], "assign", map[string]any{"unit_id": w.bureau.ID}, 404, "not_found"},
		}
		check := func(c attempt) {
			t.Helper()
			var e apiError
			w.call(c.token, "POST", path+"/"+c.action, c.body, c.status, &e)
			if e.Error.Code != c.code || !hasHan(e.Error.Message) {
				t.Errorf("%s: %+v, want %s", c.name, e.Error, c.code)
			}
		}
		for _, c := range actions {
			check(c)
		}
		w.call(w.tokens["moderator"], "POST", path+"/accept", nil, 200, nil)
		actions = []attempt{
			{"accept twice", w.tokens["moderator"], "accept", nil, 409, "wrong_state"},
			{"assign to an unknown unit", w.tokens["office"], "assign", map[string]any{"unit_id": 987654}, 422, "unknown_unit"},
			{"other citizen follows up", other.Token, "followups", map[string]string{"body": "我也想问"}, 403, "forbidden"},
			{"author rates before any reply", citizen, "rating", map[string]int{"resolution": 5, "attitude": 5, "speed": 5}, 409, "wrong_state"},
			{"outside supervisor assigns", w.tokens["outsider"], "assign", map[string]any{"unit_id": w.bureau.ID}, 403, "forbidden"},
		}
		for _, c := range actions {
			check(c)
		}
		w.call(w.tokens["office"], "POST", path+"/assign", map[string]any{"unit_id": w.bureau.ID}, 200, nil)
		actions = []attempt{
			{"handler of another unit signs", w.tokens["handler2"], "sign", nil, 403, "forbidden"},
			{"reply before signing", w.tokens["handler"], "replies", map[string]string{"kind": "final", "body": "已处理"}, 409, "wrong_state"},
		}
		for _, c := range actions {
			check(c)
		}
		w.call(w.tokens["handler"], "POST", path+"/sign", nil, 200, nil)
		actions = []attempt{
			{"reply of unknown kind", w.tokens["handler"], "replies", map[string]string{"kind": "draft", "body": "草稿"}, 422, "reply_kind"},
			{"extension of 11 days", w.tokens["handler"], "extend", map[string]any{"days": 11, "reason": "需要协调教育局"}, 422, "extension_days"},
			{"transfer to itself", w.tokens["handler"], "transfer", map[string]any{"unit_id": w.bureau.ID, "reason": "转办"}, 422, "same_unit"},
		}
		for _, c := range actions {
			check(c)
		}
		w.call(w.tokens["handler"], "POST", path+"/replies", map[string]string{"kind": "final", "body": "您好！今年学区划分方案将于5月在区教育局网站公布。"}, 200, nil)
		for _, stars := range []map[string]int{{"resolution": 0, "attitude": 5, "speed": 5}, {"resolution": 5, "attitude": 6, "speed": 5}} {
			var e apiError
			w.call(citizen, "POST", path+"/rating", stars, 422, &e)
			if e.Error.Code != "rating_range" {
				t.Errorf("stars %v: %+v", stars, e.Error)
			}
		}

		// Nothing above changed the message beyond the good steps.
		var d detail
		w.call(w.tokens["admin"], "GET", path, nil, 200, &d)
		var actionsSeen []string
		for _, e := range d.Events {
			actionsSeen = append(actionsSeen, e.Action)
		}
		if d.Status != "replied" || strings.Join(actionsSeen, " ") != "submit accept assign sign reply_final" || d.Rating != nil {
			t.Errorf("after refused actions: status %s, events %v, rating %+v", d.Status, actionsSeen, d.Rating)
		}
	})
}

// attempt is one action tried with a token, and the refusal expected.
type attempt struct {
	name   string
	token  string
	action string
	body   any
	status int
	code   string
}

func hasHan(s string) bool {
	for _, r := range s {
		if r >= 0x4e00 && r <= 0x9fff {
			return true
		}
	}
	return false
}
