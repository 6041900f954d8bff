package search

import (
	"slices"
	"strings"
	"testing"
)

// marked lists the marked stretches of a snippet's text.
func marked(s Snippet) []string {
	rs := []rune(s.Text)
	var out []string
	for _, m := range s.Marks {
		out = append(out, string(rs[m.Start:m.End]))
	}
	return out
}

func TestHighlight(t *testing.T) {
	cases := []struct {
		name, text, query string
		width             int
		want              string
		marks             []string
	}{
		{"whole", "每个楼层的窗户都能跑进去烟，而且噪音很大，一下雨或者刮风，管道就隆隆作响。", "噪音", 0,
			"每个楼层的窗户都能跑进去烟，而且噪音很大，一下雨或者刮风，管道就隆隆作响。", []string{"噪音"}},
		{"cut around the match", "每个楼层的窗户都能跑进去烟，而且噪音很大，一下雨或者刮风，管道就隆隆作响。", "噪音", 20,
			"…烟，而且噪音很大，一下雨或者刮风，管道就…", []string{"噪音"}},
		{"cut at the start", "现举报该小区违规批复建设垃圾站、环境恶臭扰民、政府相关部门管理缺失的问题。", "举报", 12,
			"现举报该小区违规批复建设…", []string{"举报"}},
		{"every occurrence", "2 A3区大道A3区大道修建跨金星路跨线桥，从西二环到江边将4.5公里全线无红绿灯。", "A3区", 0,
			"2 A3区大道A3区大道修建跨金星路跨线桥，从西二环到江边将4.5公里全线无红绿灯。", []string{"A3区", "A3区"}},
		{"two terms, window with both", "噪音扰民。" + "小区内有好几家私人开设的KTV，有的叫音乐茶座，每天半夜被吵醒，怎么正常生活。" + "楼下的KTV噪音到凌晨。", "KTV 噪音", 16,
			"…常生活。楼下的KTV噪音到凌晨。", []string{"KTV噪音"}},
		{"whitespace collapsed", "\n\t\t\t噪音\n\t\t扰民\n\t", "噪音 扰民", 0, "噪音 扰民", []string{"噪音", "扰民"}},
		{"space inside a match", "杜容路 A3 区大道", "A3区", 0, "杜容路 A3 区大道", []string{"A3 区"}},
		{"masked text", "工地每晚十一点后仍在施工，联系电话138******78，噪音扰民。", "噪音", 0,
			"工地每晚十一点后仍在施工，联系电话138******78，噪音扰民。", []string{"噪音"}},
		{"not across punctuation", "主要原因：生活垃圾，站房空置。", "垃圾站", 0, "主要原因：生活垃圾，站房空置。", nil},
		{"no match keeps the start", "当一线城市不断优化营商环境时，A市的公共交通做了什么？", "噪音", 10, "当一线城市不断优化营…", nil},
	}
	for _, c := range cases {
		q, err := Parse(c.query)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		s := Highlight(c.text, q, c.width)
		if s.Text != c.want {
			t.Errorf("%s: text %q, want %q", c.name, s.Text, c.want)
		}
		if got := marked(s); !slices.Equal(got, c.marks) {
			t.Errorf("%s: marks %q, want %q", c.name, got, c.marks)
		}
	}
}

func TestParts(t *testing.T) {
	q, _ := Parse("垃圾站")
	s := Highlight("富兴旺角旁边垃圾站，到了夏天臭气熏天。", q, 0)
	want := []Part{{Text: "富兴旺角旁边"}, {Text: "垃圾站", Match: true}, {Text: "，到了夏天臭气熏天。"}}
	if got := s.Parts(); !slices.Equal(got, want) {
		t.Errorf("Parts = %v, want %v", got, want)
	}
}

// TestHighlightManyMatches cuts a snippet from a long body where a
// one-character query matches thousands of times.
func TestHighlightManyMatches(t *testing.T) {
	q, _ := Parse("噪")
	s := Highlight(strings.Repeat("夜间噪音扰民。", 2000), q, 40)
	if n := len([]rune(s.Text)); n != 41 { // 40 characters and the ellipsis after
		t.Errorf("snippet of %d characters: %q", n, s.Text)
	}
	if got := marked(s); len(got) != 6 || got[0] != "噪" {
		t.Errorf("marks %q", got)
	}
}
