package search

import (
	"bufio"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

func readSentences(t *testing.T) []string {
	t.Helper()
	f, err := os.Open("testdata/sentences.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := strings.TrimSpace(sc.Text()); line != "" {
			out = append(out, line)
		}
	}
	if len(out) < 30 {
		t.Fatalf("only %d sentences", len(out))
	}
	return out
}

// indexFinds answers a query over one field the way FTS5 does over the
// field's IndexText: every term's tokens at consecutive positions, the
// last one as a prefix when the term says so.
func indexFinds(field string, q Query) bool {
	toks := strings.Fields(IndexText(field))
	for _, t := range q.terms {
		found := false
		for p := 0; p+len(t.tokens) <= len(toks) && !found; p++ {
			found = true
			for j, want := range t.tokens {
				got := toks[p+j]
				if got != want && !(t.prefix && j == len(t.tokens)-1 && strings.HasPrefix(got, want)) {
					found = false
					break
				}
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// cjkWords lists every run of one to four CJK characters in the
// sentences: the words a reader might search for, and many that no
// sentence holds once taken across sentences.
func cjkWords(sentences []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range sentences {
		runs := strings.FieldsFunc(s, func(r rune) bool { return !isCJK(r) })
		for _, run := range runs {
			rs := []rune(run)
			for i := range rs {
				for n := 1; n <= 4 && i+n <= len(rs); n++ {
					if w := string(rs[i : i+n]); !seen[w] {
						seen[w] = true
						out = append(out, w)
					}
				}
			}
		}
	}
	return out
}

// TestPhraseIsSubstring checks the index design on real sentences: a CJK
// word of one to four characters is found in a sentence exactly when the
// sentence contains it, and Highlight marks it exactly then.
func TestPhraseIsSubstring(t *testing.T) {
	sentences := readSentences(t)
	words := cjkWords(sentences)
	if len(words) < 3000 {
		t.Fatalf("only %d words", len(words))
	}
	checked, found := 0, 0
	for i, w := range words {
		if i%7 != 0 && utf8.RuneCountInString(w) > 1 { // every single character, a sample of the rest
			continue
		}
		q, err := Parse(w)
		if err != nil {
			t.Fatalf("Parse(%q): %v", w, err)
		}
		for _, s := range sentences {
			want := strings.Contains(s, w)
			if got := indexFinds(s, q); got != want {
				t.Errorf("index finds %q in %q: %v, want %v", w, s, got, want)
			}
			if got := len(Highlight(s, q, 0).Marks) > 0; got != want {
				t.Errorf("Highlight marks %q in %q: %v, want %v", w, s, got, want)
			}
			if _, got := q.Score("", s); got != want {
				t.Errorf("Score finds %q in %q: %v, want %v", w, s, got, want)
			}
			checked++
			if want {
				found++
			}
		}
	}
	if found < checked/100 {
		t.Errorf("only %d of %d checks expected a match", found, checked)
	}
}

// TestMixedTerms covers Latin words and digits written against Chinese,
// where a term matches whole words rather than any substring.
func TestMixedTerms(t *testing.T) {
	cases := []struct {
		field, query string
		want         bool
	}{
		{"红星美凯龙A3区商场东边", "A3区", true},
		{"红星美凯龙A3区商场东边", "a3区商场", true},
		{"红星美凯龙A3区商场东边", "龙A3", true},
		{"红星美凯龙A3区商场东边", "A3区东边", false},
		{"红星美凯龙A3区商场东边", "A区", false},
		{"本人住在A3区汽车西站附近", "Ａ３区汽车", true},
		{"扰民KTV", "民ktv", true},
		{"扰民KTV", "扰ktv", false},
		{"直接转接至12345市长热线", "12345市长", true},
		{"直接转接至12345市长热线", "1234", false},
		{"垃圾，圾站", "垃圾站", false},
		{"垃圾站房", "垃圾站", true},
	}
	for _, c := range cases {
		q, err := Parse(c.query)
		if err != nil {
			t.Fatalf("Parse(%q): %v", c.query, err)
		}
		if got := indexFinds(c.field, q); got != c.want {
			t.Errorf("index finds %q in %q: %v, want %v", c.query, c.field, got, c.want)
		}
		if got := len(Highlight(c.field, q, 0).Marks) > 0; got != c.want {
			t.Errorf("Highlight marks %q in %q: %v, want %v", c.query, c.field, got, c.want)
		}
		if _, got := q.Score(c.field, ""); got != c.want {
			t.Errorf("Score finds %q in the title %q: %v, want %v", c.query, c.field, got, c.want)
		}
	}
}
