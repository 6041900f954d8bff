package api_test

import (
	"fmt"
	"testing"
	"time"

	"liuyan/internal/session"

	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
)

// TestAccountNotificationsAndWebhooks covers the remaining endpoints: the
// signed-in account, logout, notifications and webhook administration.
func TestAccountNotificationsAndWebhooks(t *testing.T) {
	storetest.Seeded(t, func(t *testing.T, s *store.Store) {
		w := newWorld(t, s)
		var reg struct{ Token string }
		w.call("", "POST", "/api/v1/auth/register", map[string]string{"login": "jiangdong", "password": "江东新城2026", "name": "江东居民", "email": "jiangdong@example.org"}, 201, &reg)
		w.call("", "POST", "/api/v1/auth/register", map[string]string{"login": "bademail", "password": "江东新城2026", "email": "不是邮箱"}, 422, nil)
		var me struct{ Login, Email string }
		w.call(reg.Token, "GET", "/api/v1/me", nil, 200, &me)
		if me.Login != "jiangdong" || me.Email != "jiangdong@example.org" {
			t.Errorf("me: %+v", me)
		}
		w.call("", "GET", "/api/v1/me", nil, 401, nil)
		// A web session's cookie value is not an API token.
		webToken, webHash := session.New()
		u, _ := s.UserByLogin(t.Context(), "jiangdong")
		if err := s.CreateToken(t.Context(), webHash, u.ID, store.TokenWeb, time.Now().Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		w.call(webToken, "GET", "/api/v1/me", nil, 401, nil)

		// Webhooks are for admins only.
		hook := map[string]any{"region_code": "330100", "url": "https://12345.example.org/hook"}
		w.call(reg.Token, "POST", "/api/v1/webhooks", hook, 403, nil)
		w.call(w.tokens["admin"], "POST", "/api/v1/webhooks", map[string]any{"url": "ftp://x"}, 422, nil)
		w.call(w.tokens["admin"], "POST", "/api/v1/webhooks", map[string]any{"url": "https://a.example.org", "region_code": "330100", "board_id": w.board.ID}, 422, nil)
		var made struct {
			ID     int64
			Secret string
		}
		w.call(w.tokens["admin"], "POST", "/api/v1/webhooks", hook, 201, &made)
		if made.Secret == "" {
			t.Error("no secret in the answer")
		}
		var hooks struct{ Items []map[string]any }
		w.call(w.tokens["admin"], "GET", "/api/v1/webhooks", nil, 200, &hooks)
		if len(hooks.Items) != 1 || hooks.Items[0]["secret"] != nil {
			t.Errorf("webhook list %+v (the secret must not be listed)", hooks.Items)
		}
		w.call(w.tokens["admin"], "GET", fmt.Sprintf("/api/v1/webhooks/%d/deliveries", made.ID), nil, 200, nil)
		w.call(reg.Token, "GET", fmt.Sprintf("/api/v1/webhooks/%d/deliveries", made.ID), nil, 403, nil)

		// A rejection notifies the author.
		var m struct{ ID int64 }
		w.call(reg.Token, "POST", "/api/v1/messages", map[string]any{"board_id": w.board.ID, "type": "建言", "domain": "其他",
			"title": "建议", "body": "测试"}, 201, &m)
		w.call(w.tokens["moderator"], "POST", fmt.Sprintf("/api/v1/messages/%d/reject", m.ID), map[string]string{"reason": "内容过于简单，请补充具体情况"}, 200, nil)
		var ns struct {
			Items []struct {
				ID   int64
				Kind string
				Read bool
			}
		}
		w.call(reg.Token, "GET", "/api/v1/notifications", nil, 200, &ns)
		if len(ns.Items) != 1 || ns.Items[0].Kind != "reject" || ns.Items[0].Read {
			t.Fatalf("notifications %+v", ns.Items)
		}
		w.call(w.tokens["handler"], "POST", fmt.Sprintf("/api/v1/notifications/%d/read", ns.Items[0].ID), nil, 404, nil)
		w.call(reg.Token, "POST", fmt.Sprintf("/api/v1/notifications/%d/read", ns.Items[0].ID), nil, 204, nil)
		w.call(reg.Token, "GET", "/api/v1/notifications", nil, 200, &ns)
		if !ns.Items[0].Read {
			t.Error("still unread")
		}

		var hot struct{ Items []any }
		w.call("", "GET", "/api/v1/hot?region=330114", nil, 200, &hot)
		if hot.Items == nil {
			t.Error("hot issues: items must be a list, even empty")
		}
		w.call("", "GET", "/api/v1/hot?region=999999", nil, 422, nil)

		w.call(reg.Token, "POST", "/api/v1/auth/logout", nil, 204, nil)
		w.call(reg.Token, "GET", "/api/v1/me", nil, 401, nil)
	})
}
