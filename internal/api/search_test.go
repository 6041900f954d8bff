package api_test

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"

	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
)

// searchHit is an item of a search answer, as far as the tests read it.
type searchHit struct {
	ID         int64  `json:"id"`
	Title      string `json:"title"`
	Body       string `json:"body"`
	Highlights struct {
		Title, Body struct {
			Text  string `json:"text"`
			Marks []struct{ Start, End int }
		}
	} `json:"highlights"`
}

type searchPage struct {
	Items      []searchHit `json:"items"`
	NextCursor *string     `json:"next_cursor"`
}

func (p searchPage) ids() []int64 {
	var ids []int64
	for _, it := range p.Items {
		ids = append(ids, it.ID)
	}
	return ids
}

// marked returns the stretches of a snippet's text its marks cover.
func marked(text string, marks []struct{ Start, End int }) []string {
	rs := []rune(text)
	var out []string
	for _, m := range marks {
		out = append(out, string(rs[m.Start:m.End]))
	}
	return out
}

// TestMessageSearch searches real messages of the TipDM data through the
// API: two- and three-character words, ranking, highlights, filters,
// who finds a private message, and masked personal data.
func TestMessageSearch(t *testing.T) {
	storetest.Seeded(t, func(t *testing.T, s *store.Store) {
		w := newWorld(t, s)
		var author, other struct{ Token string }
		w.call("", "POST", "/api/v1/auth/register", map[string]string{"login": "guihua02", "password": "桂花二村2026"}, 201, &author)
		w.call("", "POST", "/api/v1/auth/register", map[string]string{"login": "xingsha07", "password": "星沙街道2026"}, 201, &other)
		post := func(token, title, body string, public, accept bool) int64 {
			var m struct{ ID int64 }
			w.call(token, "POST", "/api/v1/messages", map[string]any{"board_id": w.board.ID, "type": "投诉/求助",
				"domain": "城建", "title": title, "body": body, "public": public}, 201, &m)
			if accept {
				w.call(w.tokens["moderator"], "POST", fmt.Sprintf("/api/v1/messages/%d/accept", m.ID), nil, 200, nil)
			}
			return m.ID
		}
		// Messages from hotspot_messages.csv (see ../store/testdata).
		station := post(author.Token, "A市桂花二村十四栋楼下垃圾站晚上工作太吵",
			"本人住在桂花二村十四栋，楼下垃圾站一般在晚上居民睡觉休息的时间工作，严重影响了附近居民的休息。", true, true)
		private := post(author.Token, "A7县泉星社区泉星2号生活垃圾站散发恶臭",
			"听附近居民说里面有一台除臭设备，年久失修，效果也不怎么好，那里的臭气着实让人恶心。我的身份证号430102198805061236。", false, true)
		noiseTitle := post(other.Token, "A7县星沙街道吾悦广场商演噪音扰民",
			"星沙吾悦广场经常进行商业演出，所发出的声音真是非常烦人，不知A7县城管局是否能管管，还我们一个安静的环境。", true, true)
		noiseBody := post(other.Token, "A3区保利麓谷林语桐梓坡路与麓松路交汇处地铁凌晨2点施工扰民",
			"保利麓谷林语桐梓坡路与麓松路交汇处地铁凌晨2点施工，噪音严重扰民，家里老人小孩都睡不好。联系电话13907311234。", true, true)
		unreviewed := post(other.Token, "A2区新梅路万鑫嘉园小区垃圾就地处理，臭气熏天",
			"新梅路万鑫嘉园小区唯一的出入口旁边，7个垃圾转运箱堆放在出入口路旁，离垃圾站很远。", true, false)
		search := func(token, query string) searchPage {
			t.Helper()
			var p searchPage
			w.call(token, "GET", "/api/v1/messages?"+query, nil, 200, &p)
			return p
		}

		// A two-character word: the title match ranks above the body match.
		p := search("", "q=噪音")
		if !slices.Equal(p.ids(), []int64{noiseTitle, noiseBody}) {
			t.Errorf("噪音: %v, want %v", p.ids(), []int64{noiseTitle, noiseBody})
		}
		for _, it := range p.Items {
			got := append(marked(it.Highlights.Title.Text, it.Highlights.Title.Marks), marked(it.Highlights.Body.Text, it.Highlights.Body.Marks)...)
			if len(got) == 0 || slices.ContainsFunc(got, func(s string) bool { return s != "噪音" }) {
				t.Errorf("message %d: marked %q, want 噪音 only", it.ID, got)
			}
		}
		// A three-character word, as the public, the author, another
		// citizen, the board office and a handler of another district see it.
		for _, c := range []struct {
			who, token string
			want       []int64
		}{
			{"the public", "", []int64{station}},
			{"another citizen", other.Token, []int64{unreviewed, station}},
			{"the author", author.Token, []int64{private, station}},
			{"the board office", w.tokens["office"], []int64{private, station}},
			{"a handler elsewhere", w.tokens["handler2"], []int64{station}},
			{"the moderator", w.tokens["moderator"], []int64{unreviewed, private, station}},
		} {
			got := search(c.token, "q=垃圾站&limit=100").ids()
			slices.Sort(got)
			want := slices.Sorted(slices.Values(c.want))
			if !slices.Equal(got, want) {
				t.Errorf("垃圾站 as %s: %v, want %v", c.who, got, want)
			}
		}
		// The author reads the message as written, the marks cut from it;
		// the public reads the masked text, and so do its snippets.
		for _, it := range search(author.Token, "q=除臭设备").Items {
			if it.ID != private || !strings.Contains(it.Body, "430102198805061236") || !strings.Contains(it.Highlights.Body.Text, "除臭设备") {
				t.Errorf("the author's hit: %+v", it)
			}
		}
		for _, it := range search("", "q=地铁+施工").Items {
			if it.ID != noiseBody || strings.Contains(it.Body+it.Highlights.Body.Text, "13907311234") || !strings.Contains(it.Body, "139*") {
				t.Errorf("the public's hit: %+v", it)
			}
		}
		// Masked in the public text, a phone or ID number finds nothing,
		// for anyone: the index holds the public text.
		for _, who := range []string{"", author.Token, w.tokens["moderator"]} {
			for _, q := range []string{"13907311234", "430102198805061236", "电话13907311234"} {
				if p := search(who, "q="+q); len(p.Items) != 0 {
					t.Errorf("%s found %v", q, p.ids())
				}
			}
		}
		// Filters narrow the search as they narrow the list.
		if p := search("", "q=扰民&region=330114&mine=&status=published&type=投诉/求助"); len(p.Items) != 2 {
			t.Errorf("扰民 in 钱塘区: %v", p.ids())
		}
		if p := search("", "q=扰民&region=430000"); len(p.Items) != 0 {
			t.Errorf("扰民 in 湖南: %v", p.ids())
		}
		if p := search(author.Token, "q=垃圾站&mine=1"); !slices.Equal(p.ids(), []int64{private, station}) && !slices.Equal(p.ids(), []int64{station, private}) {
			t.Errorf("my 垃圾站: %v", p.ids())
		}
		// Pages: the cursor carries on where the page ended.
		first := search(w.tokens["moderator"], "q=垃圾站&limit=2")
		if len(first.Items) != 2 || first.NextCursor == nil {
			t.Fatalf("first page: %v, cursor %v", first.ids(), first.NextCursor)
		}
		rest := search(w.tokens["moderator"], "q=垃圾站&limit=2&cursor="+*first.NextCursor)
		if len(rest.Items) != 1 || slices.Contains(first.ids(), rest.Items[0].ID) || rest.NextCursor != nil {
			t.Errorf("second page: %v, cursor %v", rest.ids(), rest.NextCursor)
		}
		// Moderation decides what the public finds, without reindexing:
		// accepted, the waiting message is found; rejected, it is not.
		w.call(w.tokens["moderator"], "POST", fmt.Sprintf("/api/v1/messages/%d/accept", unreviewed), nil, 200, nil)
		if got := search("", "q=垃圾站").ids(); !slices.Contains(got, unreviewed) {
			t.Errorf("垃圾站 after accepting %d: %v", unreviewed, got)
		}
		rejected := post(other.Token, "A2区云塘社区龙湾小学旁的垃圾中转站污染环境",
			"一垃圾站无相关城建规划审批文件，无环保部门验收合格文件，紧挨居民楼跟学校。", true, false)
		w.call(w.tokens["moderator"], "POST", fmt.Sprintf("/api/v1/messages/%d/reject", rejected),
			map[string]string{"reason": "重复留言"}, 200, nil)
		if got := search("", "q=中转站").ids(); len(got) != 0 {
			t.Errorf("the public finds the rejected message: %v", got)
		}
		if got := search(other.Token, "q=中转站").ids(); !slices.Equal(got, []int64{rejected}) {
			t.Errorf("its author finds %v, want the rejected message", got)
		}
		// Bad input is refused in Chinese.
		for q, code := range map[string]string{
			strings.Repeat("噪", 51): "search_too_long",
			"！！":                    "search_empty",
			"一 二 三 四 五 六 七":         "search_too_many_terms",
		} {
			res := w.raw("", "GET", "/api/v1/messages?q="+url.QueryEscape(q), nil)
			e := decodeErr(t, res)
			if res.StatusCode != 422 || e.Error.Code != code || !hasHan(e.Error.Message) {
				t.Errorf("%s: %d %+v, want 422 %s in Chinese", q, res.StatusCode, e, code)
			}
		}
	})
}
