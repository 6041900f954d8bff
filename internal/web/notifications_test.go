package web_test

import (
	"net/http"
	"strings"
	"testing"

	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
)

// TestNotificationsPage: a unit's handler is told of an assignment, sees
// the unread count in the masthead, and marks it read; another unit's
// handler can neither see nor mark it.
func TestNotificationsPage(t *testing.T) {
	storetest.Seeded(t, func(t *testing.T, s *store.Store) {
		site := newSite(t, s)
		handler, other := site.as("handler"), site.as("handler2")
		handler.get("/notifications").want(t, 200, "我的通知", "暂无通知")
		id := assigned(t, site)
		page := handler.get("/notifications")
		page.want(t, 200, "新交办留言：「下沙街道学林街工地夜间施工扰民」，请及时签收", `href="/workbench/`+itoa(id)+`"`, "标为已读",
			`<span class="count" aria-label="1 条未读通知">1</span>`)
		ns, err := s.Notifications(t.Context(), 0, site.bureau.ID, 10)
		if err != nil || len(ns) != 1 {
			t.Fatalf("notifications %+v %v", ns, err)
		}
		note := "/notifications/" + itoa(ns[0].ID) + "/read"

		if strings.Contains(other.get("/notifications").body, "学林街") {
			t.Error("another unit's handler sees the notification")
		}
		other.post(note, nil).want(t, http.StatusNotFound)
		site.as("citizen").post(note, nil).want(t, http.StatusNotFound)
		if n, _ := s.UnreadNotifications(t.Context(), 0, site.bureau.ID, 100); n != 1 {
			t.Fatalf("refused marks changed the count: %d", n)
		}
		if a := site.visitor().get("/notifications"); a.status != http.StatusSeeOther || !strings.HasPrefix(a.location, "/login") {
			t.Errorf("a visitor: %d %q", a.status, a.location)
		}

		handler.post(note, nil).want(t, http.StatusSeeOther)
		if page := handler.get("/notifications").body; strings.Contains(page, "条未读通知") || strings.Contains(page, `class="note is-unread"`) {
			t.Error("still unread after marking")
		}
		// The author is told of the final reply and marks all read at once.
		citizen := site.as("citizen")
		handler.post(path(id, "/reply"), map[string][]string{"kind": {"final"}, "note": {"网友您好！经核实，该工地已停止夜间施工。"}}).want(t, http.StatusSeeOther)
		citizen.get("/notifications").want(t, 200, "已有正式回复，欢迎评价", "全部标为已读")
		citizen.post("/notifications/read", nil).want(t, http.StatusSeeOther)
		citizen.get("/notifications?done=notes_read").want(t, 200, "已全部标为已读")
		if n, _ := s.UnreadNotifications(t.Context(), messageAuthor(t, s, id), 0, 100); n != 0 {
			t.Errorf("%d unread after marking all", n)
		}
	})
}

func messageAuthor(t *testing.T, s *store.Store, id int64) int64 {
	t.Helper()
	m, err := s.Message(t.Context(), id, store.Viewer{All: true})
	if err != nil {
		t.Fatal(err)
	}
	return m.AuthorID
}
