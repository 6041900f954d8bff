package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"testing"

	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
)

// TestAssignSuggestions: the office sees the units suggested for a new
// message, with the reasons, the best one chosen in the assign form,
// and assigns to it; the message page's assign form shows the same.
func TestAssignSuggestions(t *testing.T) {
	storetest.Seeded(t, func(t *testing.T, s *store.Store) {
		site := newSite(t, s)
		id := messageID(t, site.as("citizen").post("/write", site.draft()).location)
		site.as("moderator").post(path(id, "/accept"), nil).want(t, http.StatusSeeOther)
		office := site.as("office")
		bureau := itoa(site.bureau.ID)
		best := regexp.MustCompile(`<li class="is-best"><strong>钱塘区住房和城乡建设局</strong> <span class="badge route-best">推荐</span><span class="route-why">[^<]*城建[^<]*</span>`)
		selected := `<option value="` + bureau + `" selected>钱塘区住房和城乡建设局</option>`
		for _, page := range []string{"/office", path(id, "")} {
			a := office.get(page)
			a.want(t, 200, "系统建议交办", selected)
			if !best.MatchString(a.body) {
				t.Errorf("%s: the bureau is not the best suggestion with its reason: %s", page, excerptOf(a.body))
			}
		}
		if page := site.as("citizen").get(path(id, "")).body; regexp.MustCompile("系统建议交办").MatchString(page) {
			t.Error("the author sees the routing suggestions")
		}
		office.post(path(id, "/assign"), url.Values{"from": {"office"}, "unit_id": {bureau}}).want(t, http.StatusSeeOther)
		m, err := s.Message(t.Context(), id, store.Viewer{All: true})
		if err != nil || m.UnitID != site.bureau.ID {
			t.Fatalf("assigned to %d, want the bureau: %v", m.UnitID, err)
		}
	})
}
