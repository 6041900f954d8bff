package api_test

import (
	"fmt"
	"testing"

	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
)

// TestVocabAdmin: apps read the lists; only admins change them; a
// renamed domain follows its messages, one in use cannot be deleted,
// and a board's own deadlines set the next message's deadline.
func TestVocabAdmin(t *testing.T) {
	storetest.Seeded(t, func(t *testing.T, s *store.Store) {
		w := newWorld(t, s)
		admin := w.tokens["admin"]
		var lists struct {
			Types, Domains, Tags []struct {
				Name, Code string
				Days       int
			}
		}
		w.call("", "GET", "/api/v1/vocab", nil, 200, &lists)
		if len(lists.Types) != 4 || lists.Types[0].Name != "投诉/求助" || lists.Types[0].Days != 7 || len(lists.Domains) != 15 || len(lists.Tags) == 0 {
			t.Fatalf("lists %+v", lists)
		}
		for _, who := range []string{"", "office", "handler", "supervisor", "moderator"} {
			want := 403
			if who == "" {
				want = 401
			}
			w.call(w.tokens[who], "GET", "/api/v1/admin/terms", nil, want, nil)
			w.call(w.tokens[who], "POST", "/api/v1/admin/terms", map[string]any{"kind": "domain", "code": "housing", "name": "住房"}, want, nil)
			w.call(w.tokens[who], "PUT", fmt.Sprintf("/api/v1/admin/boards/%d/rules", w.board.ID), map[string]any{"max_extension": 1}, want, nil)
		}

		type term struct {
			ID      int64
			Name    string
			Retired bool
		}
		var terms struct{ Items []term }
		w.call(admin, "GET", "/api/v1/admin/terms?kind=domain", nil, 200, &terms)
		if len(terms.Items) != 15 || terms.Items[0].Name != "城建" {
			t.Fatalf("domains %+v", terms.Items)
		}
		urban := fmt.Sprintf("/api/v1/admin/terms/%d", terms.Items[0].ID)
		w.call(admin, "GET", "/api/v1/admin/terms?kind=topic", nil, 422, nil)
		w.call(admin, "POST", "/api/v1/admin/terms", map[string]any{"kind": "domain", "code": "Housing", "name": "住房"}, 422, nil)
		w.call(admin, "POST", "/api/v1/admin/terms", map[string]any{"kind": "type", "code": "report", "name": "举报"}, 422, nil) // no days
		w.call(admin, "POST", "/api/v1/admin/terms", map[string]any{"kind": "domain", "code": "traffic", "name": "交通"}, 409, nil)
		var added term
		w.call(admin, "POST", "/api/v1/admin/terms", map[string]any{"kind": "domain", "code": "housing", "name": "住房"}, 201, &added)

		var m struct{ ID int64 }
		w.call(w.tokens["handler"], "POST", "/api/v1/messages", map[string]any{"board_id": w.board.ID, "type": "投诉/求助", "domain": "住房",
			"title": "安置房交付后墙体开裂", "body": "下沙街道某安置小区交付不到一年，多户墙体出现裂缝，请相关部门核查。"}, 201, &m)
		w.call(admin, "DELETE", fmt.Sprintf("/api/v1/admin/terms/%d", added.ID), nil, 409, nil)
		var renamed term
		w.call(admin, "PATCH", fmt.Sprintf("/api/v1/admin/terms/%d", added.ID), map[string]any{"name": "住房保障", "retired": true}, 200, &renamed)
		if renamed.Name != "住房保障" || !renamed.Retired {
			t.Errorf("after the change: %+v", renamed)
		}
		var got struct{ Domain string }
		w.call(w.tokens["moderator"], "GET", fmt.Sprintf("/api/v1/messages/%d", m.ID), nil, 200, &got)
		if got.Domain != "住房保障" {
			t.Errorf("the message's domain is %q after the rename", got.Domain)
		}
		w.call(w.tokens["handler"], "POST", "/api/v1/messages", map[string]any{"board_id": w.board.ID, "type": "投诉/求助", "domain": "住房保障",
			"title": "安置房交付后墙体开裂", "body": "再次反映，墙体裂缝仍未处理。"}, 422, nil)
		w.call(admin, "PATCH", urban, map[string]any{"name": "交通"}, 409, nil)
		w.call(admin, "DELETE", "/api/v1/admin/terms/999999", nil, 404, nil)

		rules := fmt.Sprintf("/api/v1/admin/boards/%d/rules", w.board.ID)
		var r struct {
			Custom       bool
			Days         map[string]int
			MaxExtension int `json:"max_extension"`
		}
		w.call(admin, "GET", rules, nil, 200, &r)
		if r.Custom || r.Days["投诉/求助"] != 7 || r.MaxExtension != 10 {
			t.Errorf("default rules %+v", r)
		}
		w.call(admin, "PUT", rules, map[string]any{"days": map[string]int{"投诉/求助": 0}}, 422, nil)
		w.call(admin, "PUT", rules, map[string]any{"days": map[string]int{"举报": 3}}, 422, nil)
		w.call(admin, "PUT", rules, map[string]any{"days": map[string]int{"投诉/求助": 3}, "max_extension": 4}, 200, &r)
		if !r.Custom || r.Days["投诉/求助"] != 3 || r.Days["咨询"] != 5 || r.MaxExtension != 4 {
			t.Errorf("set rules %+v", r)
		}
		w.call(admin, "GET", "/api/v1/admin/boards/999999/rules", nil, 404, nil)
		w.call(admin, "DELETE", rules, nil, 204, nil)
		w.call(admin, "GET", rules, nil, 200, &r)
		if r.Custom || r.Days["投诉/求助"] != 7 {
			t.Errorf("reset rules %+v", r)
		}

		var log struct {
			Items []struct{ Action, Target string }
		}
		w.call(admin, "GET", "/api/v1/admin/audit", nil, 200, &log)
		seen := map[string]bool{}
		for _, e := range log.Items {
			seen[e.Action] = true
		}
		for _, a := range []string{"term_add", "term_rename", "term_retire", "board_rules_set", "board_rules_reset"} {
			if !seen[a] {
				t.Errorf("audit log lacks %s", a)
			}
		}
	})
}
