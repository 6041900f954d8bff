package web_test

import (
	"net/url"
	"strings"
	"testing"

	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
)

// TestSearchPage searches from the web: matches marked in titles and
// snippets with everything else escaped, the masked text for the public,
// a private message found only by those who may read it, and scopes.
func TestSearchPage(t *testing.T) {
	storetest.Seeded(t, func(t *testing.T, s *store.Store) {
		site := newSite(t, s)
		citizen, moderator := site.as("citizen"), site.as("moderator")
		write := func(title, body, public string) int64 {
			f := with(with(with(site.draft(), "title", title), "body", body), "public", public)
			id := messageID(t, citizen.post("/write", f).location)
			moderator.post(path(id, "/accept"), nil)
			return id
		}
		// Real messages of the TipDM data (hotspot_messages.csv), one with
		// markup a snippet must escape.
		write("A市桂花二村十四栋楼下垃圾站晚上工作太吵",
			"本人住在桂花二村十四栋，楼下垃圾站一般在晚上居民睡觉休息的时间工作，<b>严重</b>影响了附近居民的休息。电话13957112345。", "1")
		private := write("A7县泉星社区泉星2号生活垃圾站散发恶臭",
			"听附近居民说里面有一台除臭设备，年久失修，效果也不怎么好，那里的臭气着实让人恶心。", "0")

		page := site.visitor().get("/search?q=" + url.QueryEscape("垃圾站"))
		page.want(t, 200, "含“垃圾站”的留言", "<mark>垃圾站</mark>", "&lt;b&gt;严重&lt;/b&gt;", "139*")
		if strings.Contains(page.body, "<b>严重") || strings.Contains(page.body, "13957112345") || strings.Contains(page.body, "泉星") {
			t.Errorf("the public page shows markup, a phone number or a private message: %s", excerptOf(page.body))
		}
		if n := strings.Count(page.body, "<mark>"); n != 2 {
			t.Errorf("%d marks, want 2 (title and snippet)", n)
		}
		// The author and the board office find the private message.
		for _, who := range []*browser{citizen, site.as("office")} {
			who.get("/search?q="+url.QueryEscape("泉星 垃圾站")).want(t, 200, path(private, ""), "<mark>泉星</mark>")
		}
		site.as("neighbour").get("/search?q="+url.QueryEscape("泉星")).want(t, 200, "暂无留言")
		// The public finds nothing by the masked number.
		site.visitor().get("/search?q=13957112345").want(t, 200, "暂无留言")
		// Narrowed to another district's board, nothing.
		boards, err := s.Boards(t.Context(), "330106", "")
		if err != nil || len(boards) == 0 {
			t.Fatal(boards, err)
		}
		site.visitor().get("/search?q="+url.QueryEscape("垃圾站")+"&board="+itoa(boards[0].ID)).want(t, 200, "暂无留言", boards[0].Name)
		site.visitor().get("/search?q="+url.QueryEscape("垃圾站")+"&region=330100").want(t, 200, "<mark>垃圾站</mark>", "只在“杭州市”中搜索")
	})
}
