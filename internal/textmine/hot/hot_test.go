package hot

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"liuyan/internal/calendar"
	"liuyan/internal/textmine/corpus"
	"liuyan/internal/textmine/segment"
	"liuyan/internal/textmine/tipdmtest"
)

func at(day int) time.Time { return time.Date(2019, 11, day, 10, 0, 0, 0, calendar.China) }

// TestSamePlaceNotSameTopic checks that complaints about one problem at
// one compound are grouped, and the same complaint about another compound
// is not.
func TestSamePlaceNotSameTopic(t *testing.T) {
	msgs := []corpus.Message{
		{ID: "1", User: "u1", Title: "A2区丽发新城小区附近搅拌站噪音扰民", Body: "丽发新城小区旁边的搅拌站日夜施工，噪音和粉尘严重影响居民休息。", Time: at(2), Support: 3},
		{ID: "2", User: "u2", Title: "丽发新城小区搅拌站粉尘大噪音大", Body: "搅拌站就在丽发新城小区旁边，粉尘和噪音污染严重，孩子老人无法正常生活。", Time: at(5), Support: 1},
		{ID: "3", User: "u3", Title: "丽发新城社区附近搅拌站噪音污染严重", Body: "暮云街道丽发新城社区附近的搅拌站噪音扰民，粉尘很大。", Time: at(9)},
		{ID: "4", User: "u4", Title: "A3区金色家园小区附近搅拌站噪音扰民", Body: "金色家园小区旁边的搅拌站日夜施工，噪音和粉尘严重影响居民休息。", Time: at(3), Against: 1},
		{ID: "5", User: "u5", Title: "A7县公交车何时恢复运营", Body: "长途客运站的班车停运一个月了，乘客出行十分不便。", Time: at(4)},
	}
	// The corpus is tiny, so every feature is "rare": keep them all.
	o := DefaultOptions
	o.MaxShare = 1
	issues := Find(msgs, time.Time{}, o)
	var got []string
	for _, is := range issues {
		var ids []string
		for _, m := range is.Messages {
			ids = append(ids, m.ID)
		}
		got = append(got, strings.Join(ids, ","))
	}
	// 4 has a dislike and is older than 5, so it ranks last.
	if want := []string{"1,2,3", "5", "4"}; !slices.Equal(got, want) {
		t.Fatalf("groups %v, want %v", got, want)
	}
	top := issues[0]
	if top.Place != "丽发新城小区" || top.Parts.Messages != 3 || top.Parts.Authors != 3 || top.Parts.Likes != 4 {
		t.Errorf("top issue %+v", top)
	}
	if !top.Start.Equal(at(2)) || !top.End.Equal(at(9)) {
		t.Errorf("time range %v – %v", top.Start, top.End)
	}
}

func TestHeat(t *testing.T) {
	parts := []Parts{
		{Messages: 10, Authors: 10, Likes: 100, Dislikes: 0, Growth: 1, Recency: 1},
		{Messages: 10, Authors: 1, Likes: 100, Dislikes: 0, Growth: 1, Recency: 1},
		{Messages: 10, Authors: 10, Likes: 100, Dislikes: 100, Growth: 1, Recency: 1},
		{Messages: 10, Authors: 10, Likes: 100, Dislikes: 0, Growth: 0.5, Recency: 0.1},
		{Messages: 1, Authors: 1, Likes: 0, Dislikes: 5, Growth: 0.5, Recency: 0},
	}
	h := Heat(parts, DefaultWeights)
	if h[0] != 100 {
		t.Errorf("the top group on every part scores %.2f, want 100", h[0])
	}
	for i, why := range []string{"", "fewer authors", "dislikes cancel likes", "older and not growing"} {
		if i > 0 && h[i] >= h[0] {
			t.Errorf("%s: heat %.2f not below %.2f", why, h[i], h[0])
		}
	}
	if h[4] <= 0 || h[4] >= h[3] {
		t.Errorf("single disliked message: %.2f", h[4])
	}
	now := at(30)
	p := measure([]time.Time{at(1), at(20), at(29)}, []string{"a", "b", "a"}, []int{1, 2, 3}, []int{0, 1, 0}, now, 30*24*time.Hour)
	if p.Messages != 3 || p.Authors != 2 || p.Likes != 6 || p.Dislikes != 1 || p.Support() != 5 || p.Growth != 1 {
		t.Errorf("measure: %+v", p)
	}
	if want := 0.967; p.Recency < want || p.Recency > 0.968 {
		t.Errorf("recency of a message a day old: %.4f", p.Recency)
	}
}

func TestPlaces(t *testing.T) {
	s := segment.Default()
	cases := []struct{ text, want string }{
		{"A2区丽发新城小区附近搅拌站噪音扰民", "丽发新城小区"},
		{"A市伊景园滨河苑捆绑销售车位", "伊景园滨河苑"},
		{"A市涉外经济学院组织学生外出打工合理吗？", "涉外经济学院"},
		{"A市万科魅力之城商铺无排烟管道，小区内到处油烟味", "万科魅力之城"},
		{"请问A7县公交车何时恢复运营", ""},
	}
	for _, c := range cases {
		if got := strings.Join(Places(s, c.text), "|"); got != c.want {
			t.Errorf("Places(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}

// TestHotspotTables runs the whole task on hotspot_messages.csv and checks
// the two tables: headers, one summary row per issue, every detail row
// belonging to one of them, and the largest known issues on top.
func TestHotspotTables(t *testing.T) {
	msgs, err := corpus.ReadMessagesFile(tipdmtest.File(t, "hotspot_messages.csv"))
	if err != nil {
		t.Fatal(err)
	}
	issues := Find(msgs, time.Time{}, DefaultOptions)
	summary, detail, parts := Tables(issues, 5)
	if len(summary) != 5 || len(parts) != 5 {
		t.Fatalf("%d summary rows, %d parts rows", len(summary), len(parts))
	}
	perIssue := map[string]int{}
	for _, row := range detail {
		if len(row) != len(DetailHeader) {
			t.Fatalf("detail row %v", row)
		}
		perIssue[row[0]]++
	}
	places := ""
	for i, row := range summary {
		n, _ := strconv.Atoi(parts[i][2])
		if len(row) != len(SummaryHeader) || row[0] != strconv.Itoa(i+1) || perIssue[row[1]] != n || n < 2 {
			t.Errorf("summary row %v with %d detail rows, parts %v", row, perIssue[row[1]], parts[i])
		}
		if !strings.Contains(row[3], " 至 ") {
			t.Errorf("time range %q", row[3])
		}
		places += row[4] + row[5]
	}
	for _, known := range []string{"丽发新城", "伊景园滨河苑"} {
		if !strings.Contains(places, known) {
			t.Errorf("the top five miss %s: %v", known, summary)
		}
	}
	for i := 1; i < len(issues); i++ {
		if issues[i].Heat > issues[i-1].Heat {
			t.Fatalf("issue %d hotter than issue %d", i, i-1)
		}
	}
}
