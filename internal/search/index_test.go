package search

import (
	"strconv"
	"strings"
	"testing"
)

func TestIndexText(t *testing.T) {
	cases := []struct{ text, want string }{
		{"垃圾站噪音", "垃圾 圾站 站噪 噪音 音"},
		// The lone last character of a run keeps 垃圾站 from matching
		// across the comma.
		{"垃圾，圾站", "垃圾 圾 圾站 站"},
		{"Ａ３区KTV歌厅", "a3 区 ktv 歌厅 厅"},
		{"噪", "噪"},
		{"联系电话138******78。", "联系 系电 电话 话 138 78"},
		{"  \n\t", ""},
		{"A市12345市长热线", "a 市 12345 市长 长热 热线 线"},
	}
	for _, c := range cases {
		if got := IndexText(c.text); got != c.want {
			t.Errorf("IndexText(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}

func TestTSVector(t *testing.T) {
	got := TSVector("垃圾站", "噪音，噪音", Scope{BoardID: 77, RegionCode: "330106", AuthorID: 5})
	want := "'垃圾':1A '圾站':2A '站':3A '噪音':5,7 '音':6,8 '#b77' '#r33' '#r3301' '#r330106' '#a5'"
	if got != want {
		t.Errorf("TSVector = %q, want %q", got, want)
	}
	// A body longer than PostgreSQL's positions stays valid: positions
	// are clamped and a lexeme keeps at most maxPositions.
	long := TSVector("", strings.Repeat("噪音。", 10000), Scope{})
	for _, part := range strings.Fields(long) {
		lex, pos, _ := strings.Cut(part, ":")
		ps := strings.Split(pos, ",")
		if len(ps) > maxPositions {
			t.Errorf("%s keeps %d positions", lex, len(ps))
		}
		last, err := strconv.Atoi(strings.TrimRight(ps[len(ps)-1], "A"))
		if err != nil || last < 1 || last > maxPosition {
			t.Errorf("%s has position %s", lex, ps[len(ps)-1])
		}
	}
}

func TestScopeText(t *testing.T) {
	cases := []struct {
		s    Scope
		want string
	}{
		{Scope{BoardID: 77, RegionCode: "330106", AuthorID: 5}, "#b77 #r33 #r3301 #r330106 #a5"},
		{Scope{RegionCode: "110000"}, "#r11 #r1100 #r110000"},
		{Scope{}, ""},
	}
	for _, c := range cases {
		if got := ScopeText(c.s); got != c.want {
			t.Errorf("ScopeText(%+v) = %q, want %q", c.s, got, c.want)
		}
	}
}

func TestLongWordIsCutAlike(t *testing.T) {
	word := strings.Repeat("x", 200)
	q, err := Parse(word)
	if err == nil {
		t.Fatalf("a 200-character query was accepted: %v", q)
	}
	doc := IndexText("网址" + word)
	if got := strings.Fields(doc)[2]; len(got) != maxWordBytes {
		t.Errorf("word indexed with %d bytes, want %d", len(got), maxWordBytes)
	}
}
