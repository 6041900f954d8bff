package segment

import (
	"math"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Kind tells what a cut piece is.
type Kind uint8

const (
	// Word is a dictionary word that carries meaning.
	Word Kind = iota
	// Stop is a function word that the training data dropped (的, 我们).
	Stop
	// Unknown is a character or ASCII run the dictionary does not hold.
	Unknown
)

// Segmenter cuts text along the most probable path of dictionary words.
type Segmenter struct {
	trie    *trie
	entries []entry // by word index of the trie
	unknown float32 // log probability given to a unit no word covers
	digest  string
}

// entry is one dictionary word: its normalised form, its count in the
// training cuts and whether it is a stop-word.
type entry struct {
	word string
	freq float64
	stop bool
}

// newSegmenter builds the trie and the probabilities over entries, which
// must hold each word once.
func newSegmenter(entries []entry, digest string) *Segmenter {
	words := make([]string, len(entries))
	total := 0.0
	for i, e := range entries {
		words[i] = e.word
		total += e.freq
	}
	s := &Segmenter{trie: buildTrie(words), entries: entries, digest: digest}
	for n := range s.trie.node {
		if w := s.trie.word[n]; w >= 0 {
			s.trie.node[n].logp = float32(math.Log(entries[w].freq / total))
			s.trie.node[n].stop = entries[w].stop
		}
	}
	// A unit outside the dictionary is less likely than the rarest word,
	// so that a known word covering it always wins.
	s.unknown = float32(math.Log(0.5 / total))
	return s
}

// Digest identifies the dictionary (the embedded file and the user words),
// so that a model trained on one segmenter's words can tell it is used with
// another.
func (s *Segmenter) Digest() string { return s.digest }

// Len is the number of words the dictionary holds.
func (s *Segmenter) Len() int { return len(s.entries) }

// Lookup tells whether word is in the dictionary, and whether as a
// stop-word.
func (s *Segmenter) Lookup(word string) (known, stop bool) {
	n := int32(-1)
	for _, r := range word {
		r = fold(r)
		if n < 0 {
			if n = s.trie.start(r); n < 0 {
				return false, false
			}
			continue
		}
		if n = s.trie.child(n, r); n < 0 {
			return false, false
		}
	}
	if n < 0 || s.trie.word[n] < 0 {
		return false, false
	}
	return true, s.entries[s.trie.word[n]].stop
}

// Cut returns every piece of text: words, stop-words and unknown units,
// in order, without punctuation or white space.
func (s *Segmenter) Cut(text string) []string {
	var out []string
	s.Each(text, func(piece string, _ Kind) { out = append(out, piece) })
	return out
}

// Words returns the dictionary words of text that are not stop-words: the
// words that say what a message is about.
func (s *Segmenter) Words(text string) []string {
	return s.AppendWords(nil, text)
}

// AppendWords appends the words of Words to dst, for callers that reuse a
// slice across many messages.
func (s *Segmenter) AppendWords(dst []string, text string) []string {
	s.Each(text, func(piece string, k Kind) {
		if k == Word {
			dst = append(dst, piece)
		}
	})
	return dst
}

// unit is one indivisible piece of a block: a character, or a run of
// ASCII letters and digits. fold marks a unit whose text differs from its
// normalised form.
type unit struct {
	start, end int   // bytes of the text
	first      int32 // index of the unit's first rune in scratch.runes
	fold       bool
}

type scratch struct {
	units []unit
	runes []rune // the block's runes, folded
	best  []float32
	next  []int32
	word  []int32 // trie node of the word starting at each unit, or -1
	buf   []byte
}

var scratches = sync.Pool{New: func() any { return new(scratch) }}

// Each calls fn with every piece of text in order. A piece's text is a
// substring of text, unless it holds full-width or upper-case ASCII, which
// is folded to half-width lower case.
func (s *Segmenter) Each(text string, fn func(piece string, k Kind)) {
	sc := scratches.Get().(*scratch)
	defer scratches.Put(sc)
	start := -1
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if class(fold(r)) == separator {
			if start >= 0 {
				s.block(sc, text, start, i, fn)
				start = -1
			}
		} else if start < 0 {
			start = i
		}
		i += size
	}
	if start >= 0 {
		s.block(sc, text, start, len(text), fn)
	}
}

// block cuts text[from:to], which holds no separator.
// It reads only the immutable trie and sc, which no other goroutine holds,
// so it is left out of race instrumentation, which made -race runs of the
// tests ten times slower; TestConcurrent checks concurrent cuts.
//
//go:norace
func (s *Segmenter) block(sc *scratch, text string, from, to int, fn func(string, Kind)) {
	units, runes := sc.units[:0], sc.runes[:0]
	for i := from; i < to; {
		r, size := utf8.DecodeRuneInString(text[i:])
		f := fold(r)
		u := unit{start: i, first: int32(len(runes))}
		if class(f) == ascii {
			for i < to {
				r, size = utf8.DecodeRuneInString(text[i:])
				f = fold(r)
				if class(f) != ascii {
					break
				}
				u.fold = u.fold || f != r
				runes = append(runes, f)
				i += size
			}
		} else {
			u.fold = f != r
			runes = append(runes, f)
			i += size
		}
		u.end = i
		units = append(units, u)
	}
	units = append(units, unit{first: int32(len(runes))}) // sentinel: where the runes end
	sc.units, sc.runes = units, runes
	m := len(units) - 1
	sc.best = grow(sc.best, m+1)
	sc.next = grow(sc.next, m+1)
	sc.word = grow(sc.word, m+1)
	best, next, word := sc.best, sc.next, sc.word
	best[m] = 0
	t := s.trie
	for i := m - 1; i >= 0; i-- {
		best[i] = s.unknown + best[i+1]
		next[i] = int32(i + 1)
		word[i] = -1
		n := t.start(runes[units[i].first])
		first := true // n is a root's child, reached by one rune
		for j, k := i, units[i].first+1; n >= 0; j++ {
			for ; k < units[j+1].first && n >= 0; k++ {
				n = t.child(n, runes[k])
				first = false
			}
			if n < 0 {
				break
			}
			if nd := &t.node[n]; nd.hasWord {
				if p := nd.logp + best[j+1]; p > best[i] {
					best[i], next[i], word[i] = p, int32(j+1), n
				}
			}
			if j+1 == m {
				break
			}
			if first {
				n, first = t.second(n, runes[k-1], runes[k]), false
			} else {
				n = t.child(n, runes[k])
			}
			k++
		}
	}
	for i := 0; i < m; {
		j := int(next[i])
		piece := s.piece(sc, text, units[i:j])
		k := Unknown
		if n := word[i]; n >= 0 {
			k = Word
			if t.node[n].stop {
				k = Stop
			}
		}
		fn(piece, k)
		i = j
	}
}

// piece returns the text of consecutive units, folded where needed.
func (s *Segmenter) piece(sc *scratch, text string, us []unit) string {
	raw := text[us[0].start:us[len(us)-1].end]
	folded := false
	for _, u := range us {
		folded = folded || u.fold
	}
	if !folded {
		return raw
	}
	b := sc.buf[:0]
	for _, r := range raw {
		b = utf8.AppendRune(b, fold(r))
	}
	sc.buf = b
	return string(b)
}

func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n, 2*n)
	}
	return s[:n]
}

// Normalize folds full-width forms to ASCII and ASCII letters to lower
// case, the form in which the dictionary holds words.
func Normalize(s string) string {
	return strings.Map(fold, s)
}

func fold(r rune) rune {
	if r >= 0xFF01 && r <= 0xFF5E {
		r -= 0xFEE0
	}
	if r >= 'A' && r <= 'Z' {
		r += 'a' - 'A'
	}
	return r
}

type charClass uint8

const (
	separator charClass = iota
	ascii
	single
)

// class sorts a folded rune: ASCII letters and digits join into runs,
// other letters and digits (Chinese characters above all) stand alone,
// and everything else separates blocks.
func class(r rune) charClass {
	switch {
	case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
		return ascii
	case r < utf8.RuneSelf:
		return separator
	case r >= 0x4E00 && r <= 0x9FFF: // the common CJK block, without a table lookup
		return single
	case unicode.Is(unicode.Han, r), unicode.IsLetter(r), unicode.IsDigit(r):
		return single
	}
	return separator
}
