package api_test

import (
	"fmt"
	"net/url"
	"testing"

	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
)

// TestSensitiveWordsAndAudit: a listed word marks a message for the
// moderator without dropping it or showing the mark to the public, and
// the audit log records the list change and the staff actions.
func TestSensitiveWordsAndAudit(t *testing.T) {
	storetest.Seeded(t, func(t *testing.T, s *store.Store) {
		w := newWorld(t, s)
		admin := w.tokens["admin"]
		var reg struct{ Token string }
		w.call("", "POST", "/api/v1/auth/register", map[string]string{"login": "mingan", "password": "敏感词测试2026"}, 201, &reg)
		w.call(reg.Token, "POST", "/api/v1/admin/sensitive-words", map[string]string{"word": "爆炸"}, 403, nil)
		w.call(admin, "POST", "/api/v1/admin/sensitive-words", map[string]string{"word": " "}, 422, nil)
		w.call(admin, "POST", "/api/v1/admin/sensitive-words", map[string]string{"word": "爆炸"}, 201, nil)
		w.call(admin, "POST", "/api/v1/admin/sensitive-words", map[string]string{"word": "集会"}, 201, nil)
		var words struct{ Items []string }
		w.call(admin, "GET", "/api/v1/admin/sensitive-words", nil, 200, &words)
		if len(words.Items) != 2 {
			t.Errorf("words %v", words.Items)
		}

		var m struct {
			ID      int64
			Flagged []string `json:"flagged_words"`
		}
		w.call(reg.Token, "POST", "/api/v1/messages", map[string]any{"board_id": w.board.ID, "type": "投诉/求助", "domain": "治安",
			"title": "小区燃气管道有爆炸隐患", "body": "燃气管道老化漏气，随时可能爆炸，请燃气公司尽快检修。"}, 201, &m)
		path := fmt.Sprintf("/api/v1/messages/%d", m.ID)
		var mod struct {
			Status  string
			Flagged []string `json:"flagged_words"`
		}
		w.call(w.tokens["moderator"], "GET", path, nil, 200, &mod)
		if mod.Status != "submitted" || len(mod.Flagged) != 1 || mod.Flagged[0] != "爆炸" {
			t.Errorf("moderator sees %+v", mod)
		}
		w.call(w.tokens["moderator"], "POST", path+"/accept", nil, 200, nil)
		var pub map[string]any
		w.call("", "GET", path, nil, 200, &pub)
		if _, ok := pub["flagged_words"]; ok {
			t.Error("the public sees the sensitive-word marks")
		}

		w.call(admin, "DELETE", "/api/v1/admin/sensitive-words/"+url.PathEscape("集会"), nil, 204, nil)
		w.call(admin, "DELETE", "/api/v1/admin/sensitive-words/"+url.PathEscape("集会"), nil, 404, nil)

		var log struct {
			Items []struct{ Actor, Action, Target string }
		}
		w.call(reg.Token, "GET", "/api/v1/admin/audit", nil, 403, nil)
		w.call(admin, "GET", "/api/v1/admin/audit", nil, 200, &log)
		seen := map[string]bool{}
		for _, e := range log.Items {
			seen[e.Actor+" "+e.Action+" "+e.Target] = true
		}
		for _, want := range []string{"admin sensitive_word_add 爆炸", "admin sensitive_word_remove 集会", fmt.Sprintf("moderator accept message %d", m.ID)} {
			if !seen[want] {
				t.Errorf("audit log lacks %q: %+v", want, log.Items)
			}
		}
		for _, e := range log.Items {
			if e.Actor == "mingan" {
				t.Errorf("a citizen's own action is in the staff audit log: %+v", e)
			}
		}
	})
}
