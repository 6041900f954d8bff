package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Squeeze is the form in which raw text is compared with segmented text:
// white space and punctuation removed, full-width forms folded to ASCII and
// ASCII letters to lower case.
func Squeeze(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r >= 0xFF01 && r <= 0xFF5E {
			r -= 0xFEE0
		}
		if r >= 'A' && r <= 'Z' {
			r += 'a' - 'A'
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Align finds tokens in order in squeezed text, each after the previous
// one, and returns how many it found and the stretches of text between
// them (what the segmenter's preprocessing dropped: stop-words, numbers).
func Align(squeezed string, tokens []string) (found int, gaps []string) {
	sq := make([]string, len(tokens))
	for i, t := range tokens {
		sq[i] = Squeeze(t)
	}
	return align(squeezed, sq, true)
}

// align is Align over squeezed tokens; the gaps are only collected when
// asked for.
func align(squeezed string, tokens []string, withGaps bool) (found int, gaps []string) {
	at := 0
	for _, t := range tokens {
		if t == "" { // punctuation only: nothing to find, nothing missing
			found++
			continue
		}
		j := strings.Index(squeezed[at:], t)
		if j < 0 {
			continue
		}
		found++
		if j > 0 && withGaps {
			gaps = append(gaps, squeezed[at:at+j])
		}
		at += j + len(t)
	}
	if at < len(squeezed) && withGaps {
		gaps = append(gaps, squeezed[at:])
	}
	return found, gaps
}

// Matcher finds the segmented row that a raw message was cut from, so that
// a raw copy of a training message is recognised as such (to leave it out
// of an evaluation, or not to count it twice in training).
type Matcher struct {
	rows  [][]string       // squeezed tokens
	first map[string][]int // squeezed first token → rows
}

// NewMatcher indexes the rows' token lists.
func NewMatcher(rows [][]string) *Matcher {
	m := &Matcher{rows: make([][]string, len(rows)), first: map[string][]int{}}
	for i, toks := range rows {
		sq := make([]string, len(toks))
		for j, t := range toks {
			sq[j] = Squeeze(t)
		}
		m.rows[i] = sq
		if len(sq) > 0 {
			m.first[sq[0]] = append(m.first[sq[0]], i)
		}
	}
	return m
}

// minCover is the share of a row's tokens that must be found in order in
// the raw text for the row to be its cut. Jieba's cuts of a text are found
// whole (1.0); two different messages share far less, even on one topic.
const minCover = 0.98

// firstWithin is how far into a raw text the first kept word can start:
// the preprocessing drops the leading stop-words and masked names.
const firstWithin = 24

// Find returns the index of the row cut from raw, or -1.
func (m *Matcher) Find(raw string) int {
	sq := Squeeze(raw)
	bestRow, best := -1, 0.0
	for i, n := 0, 0; i < len(sq) && n < firstWithin; n++ {
		for l, end := 0, i; l < 8 && end < len(sq); l++ {
			_, size := utf8.DecodeRuneInString(sq[end:])
			end += size
			for _, row := range m.first[sq[i:end]] {
				toks := m.rows[row]
				found, _ := align(sq[i:], toks, false)
				if c := float64(found) / float64(len(toks)); c > best {
					bestRow, best = row, c
				}
			}
		}
		_, size := utf8.DecodeRuneInString(sq[i:])
		i += size
	}
	if best < minCover {
		return -1
	}
	return bestRow
}
