package search

import (
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
	// Each token once, in the order met, title and body alike; then the
	// scope, then the block of message 20000 (20000 / 8192 = 2).
	got := TSVector(20000, "垃圾站", "噪音，噪音垃圾", Scope{BoardID: 77, RegionCode: "330106", AuthorID: 5})
	want := "'垃圾' '圾站' '站' '噪音' '音' '音垃' '圾' '#b77' '#r33' '#r3301' '#r330106' '#a5' '#k2'"
	if got != want {
		t.Errorf("TSVector = %q, want %q", got, want)
	}
	// A long body adds each token once: the document stays small.
	long := TSVector(1, "", strings.Repeat("噪音。", 10000), Scope{})
	if long != "'噪音' '音' '#k0'" {
		t.Errorf("TSVector of a long body = %q", long)
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
