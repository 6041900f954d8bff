package search

import (
	"errors"
	"strings"
	"testing"

	"liuyan/internal/message"
)

func TestParse(t *testing.T) {
	cases := []struct {
		in, fts5, tsquery, str string
	}{
		{"噪音", `"噪音"`, `'噪音'`, "噪音"},
		{"垃圾站", `"垃圾 圾站"`, `'垃圾' & '圾站'`, "垃圾站"},
		{"噪音扰民", `"噪音 音扰 扰民"`, `'噪音' & '音扰' & '扰民'`, "噪音扰民"},
		{"噪", `"噪"*`, `'噪':*`, "噪"},
		{"Ａ３区", `"a3 区"*`, `'a3' & '区':*`, "a3区"},
		{"区A3", `"区 a3"`, `'区' & 'a3'`, "区a3"},
		{"A3区大道", `"a3 区大 大道"`, `'a3' & '区大' & '大道'`, "a3区大道"},
		{"小区KTV", `"小区 区 ktv"`, `'小区' & '区' & 'ktv'`, "小区ktv"},
		{" 噪音，扰民 ", `"噪音" AND "扰民"`, `'噪音' & '扰民'`, "噪音 扰民"},
		{"垃圾站 噪音 垃圾站", `"垃圾 圾站" AND "噪音"`, `'垃圾' & '圾站' & '噪音'`, "垃圾站 噪音"},
		{"12345 热线", `"12345" AND "热线"`, `'12345' & '热线'`, "12345 热线"},
	}
	for _, c := range cases {
		q, err := Parse(c.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", c.in, err)
			continue
		}
		if got := q.FTS5(Scope{}); got != c.fts5 {
			t.Errorf("Parse(%q).FTS5() = %s, want %s", c.in, got, c.fts5)
		}
		if got := q.TSQuery(Scope{}, nil); got != c.tsquery {
			t.Errorf("Parse(%q).TSQuery() = %s, want %s", c.in, got, c.tsquery)
		}
		if got := q.String(); got != c.str {
			t.Errorf("Parse(%q).String() = %s, want %s", c.in, got, c.str)
		}
	}
}

// TestTokens: the tokens every match holds, each once, without a prefix
// term's open last token.
func TestTokens(t *testing.T) {
	for in, want := range map[string]string{
		"噪音":         "噪音",
		"垃圾站 噪音 垃圾站": "垃圾 圾站 噪音",
		"噪":          "",
		"Ａ３区":        "a3",
		"业主 开发商":     "业主 开发 发商",
	} {
		q, err := Parse(in)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(q.Tokens(), " "); got != want {
			t.Errorf("Parse(%q).Tokens() = %q, want %q", in, got, want)
		}
	}
}

// TestScopedQuery narrows a query to a board, a region prefix indexed
// (the city 3301) and one not indexed (33010, which only the caller's own
// condition can check), and an author.
func TestScopedQuery(t *testing.T) {
	q, _ := Parse("垃圾站")
	cases := []struct {
		s             Scope
		blocks        []int64
		fts5, tsquery string
	}{
		{Scope{BoardID: 77, RegionCode: "3301"}, nil, `"垃圾 圾站" AND "#b77" AND "#r3301"`, `'垃圾' & '圾站' & '#b77' & '#r3301'`},
		{Scope{RegionCode: "33010", AuthorID: 5}, []int64{3}, `"垃圾 圾站" AND "#a5"`, `'垃圾' & '圾站' & '#a5' & '#k3'`},
	}
	for _, c := range cases {
		if got := q.FTS5(c.s); got != c.fts5 {
			t.Errorf("FTS5(%+v) = %s, want %s", c.s, got, c.fts5)
		}
		if got := q.TSQuery(c.s, c.blocks); got != c.tsquery {
			t.Errorf("TSQuery(%+v) = %s, want %s", c.s, got, c.tsquery)
		}
	}
	if got, want := q.TSQuery(Scope{}, []int64{9, 8}), `'垃圾' & '圾站' & ('#k9' | '#k8')`; got != want {
		t.Errorf("TSQuery in blocks = %s, want %s", got, want)
	}
}

func TestParseRefuses(t *testing.T) {
	cases := []struct{ in, key string }{
		{"", "error.search_empty"},
		{"，。！？  ***", "error.search_empty"},
		{strings.Repeat("噪音", 26), "error.search_too_long"},
		{"噪音 扰民 施工 夜间 工地 投诉 处理", "error.search_too_many_terms"},
	}
	for _, c := range cases {
		_, err := Parse(c.in)
		var ie *message.InputError
		if !errors.As(err, &ie) || ie.Key != c.key {
			t.Errorf("Parse(%q) = %v, want %s", c.in, err, c.key)
		}
	}
}
