package segment

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"liuyan/internal/region"
)

// dictTSV is the dictionary built by tools/textmine from the platform's
// messages: word<TAB>count, and a third column "stop" for stop-words.
//
//go:embed dict.tsv
var dictTSV string

// userFreq is the count given to a user word (a region, board or unit
// name): about that of a word seen once in every three hundred messages,
// enough for the name to beat the pieces it would otherwise fall into
// (A3 + 区, 梅溪 + 湖) without swallowing common words around it.
const userFreq = 20

var defaultSegmenter = sync.OnceValue(func() *Segmenter {
	entries, err := parseDict(dictTSV)
	if err != nil {
		panic("segment: embedded dict.tsv: " + err.Error())
	}
	return build(entries, regionWords())
})

// Default returns the segmenter of the embedded dictionary and every region
// name. It is built once, on first use (about 0.2 s), and shared.
func Default() *Segmenter {
	return defaultSegmenter()
}

// With returns a segmenter that also keeps the given names whole, such as
// the names of boards and units (星沙经开区管委会, 梅溪湖街道办事处), and
// their short forms without the kind of body or level (星沙经开区,
// 梅溪湖). Building one takes as long as Default, so build it when the
// names change, not per message.
func (s *Segmenter) With(names ...string) *Segmenter {
	var words []string
	for _, n := range names {
		words = append(words, n)
		words = append(words, shortForms(n)...)
	}
	return build(s.entries, words)
}

// build adds user words to entries and makes a segmenter whose digest
// covers the resulting dictionary.
func build(base []entry, user []string) *Segmenter {
	entries := slices.Clone(base)
	index := make(map[string]int, len(entries))
	for i, e := range entries {
		index[e.word] = i
	}
	for _, name := range user {
		w := Normalize(strings.TrimSpace(name))
		if utf8.RuneCountInString(w) < 2 || strings.ContainsFunc(w, func(r rune) bool { return class(r) == separator }) {
			continue
		}
		if i, ok := index[w]; ok {
			entries[i].freq = max(entries[i].freq, userFreq)
			entries[i].stop = false
			continue
		}
		index[w] = len(entries)
		entries = append(entries, entry{word: w, freq: userFreq})
	}
	h := sha256.New()
	for _, e := range entries {
		fmt.Fprintf(h, "%s\t%g\t%t\n", e.word, e.freq, e.stop)
	}
	return newSegmenter(entries, hex.EncodeToString(h.Sum(nil))[:16])
}

// parseDict reads dict.tsv.
func parseDict(text string) ([]entry, error) {
	var out []entry
	seen := map[string]bool{}
	for n, line := range strings.Split(text, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 2 || len(f) > 3 || (len(f) == 3 && f[2] != "stop") {
			return nil, fmt.Errorf("line %d: malformed %q", n+1, line)
		}
		freq, err := strconv.ParseFloat(f[1], 64)
		if err != nil || freq <= 0 || f[0] != Normalize(f[0]) || seen[f[0]] {
			return nil, fmt.Errorf("line %d: bad word or count %q", n+1, line)
		}
		seen[f[0]] = true
		out = append(out, entry{word: f[0], freq: freq, stop: len(f) == 3})
	}
	return out, nil
}

// suffixes are cut from the end of names, one after another, to give the
// short forms people write: 长沙 for 长沙市, 梅溪湖 for 梅溪湖街道办事处.
// Longer ones come first so that 自治州 goes whole.
var suffixes = []string{
	"街道办事处", "管理委员会", "特别行政区", "人民政府", "办事处", "管委会", "委员会",
	"自治区", "自治州", "自治县", "街道", "社区", "省", "市", "区", "县",
}

// shortForms returns the shorter names left as suffixes are cut from
// name, down to two characters.
func shortForms(name string) []string {
	var out []string
	for {
		cut := false
		for _, suf := range suffixes {
			if short, ok := strings.CutSuffix(name, suf); ok && utf8.RuneCountInString(short) >= 2 {
				out = append(out, short)
				name, cut = short, true
				break
			}
		}
		if !cut {
			return out
		}
	}
}

// regionWords lists every region name and its short forms.
func regionWords() []string {
	var out []string
	for _, r := range region.All() {
		out = append(out, r.Name)
		out = append(out, shortForms(r.Name)...)
	}
	return out
}
