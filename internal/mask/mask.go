package mask

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"
)

// Kinds of personal data, as reported in Span.Kind.
const (
	KindPhone = "phone" // mobile or landline telephone number
	KindID    = "id"    // resident identity card number, 18 or 15 digits
	KindBank  = "bank"  // bank card number
	KindEmail = "email" // e-mail address
	KindPlate = "plate" // motor vehicle plate number
)

// Span is one piece of personal data found in a text: the bytes s[Start:End]
// of the text that was searched, and what kind of data they hold (one of the
// Kind constants).
type Span struct {
	Start, End int
	Kind       string
}

// Find returns the personal data found in s, ordered by position and never
// overlapping. Start and End are byte offsets into s.
func Find(s string) []Span {
	if !mayContain(s) {
		return nil
	}
	t := newText(s)
	ms := t.matches()
	if len(ms) == 0 {
		return nil
	}
	spans := make([]Span, len(ms))
	for i, m := range ms {
		spans[i] = Span{Start: t.off[m.start], End: t.off[m.end], Kind: m.kind}
	}
	return spans
}

// Text returns s with every phone number, ID card number, bank card number,
// e-mail address and vehicle plate number masked: each hidden character is
// replaced by one '*' (or '＊' for a full-width one), so the result has as
// many characters as s. Text returns s itself when there is nothing to mask.
func Text(s string) string {
	if !mayContain(s) {
		return s
	}
	t := newText(s)
	ms := t.matches()
	if len(ms) == 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	done := 0 // bytes of s already written
	for _, m := range ms {
		units := 0
		for k := m.from; k < m.to; k++ {
			if m.isUnit(t.r[k]) {
				units++
			}
		}
		seen := 0
		for k := m.from; k < m.to; k++ {
			if !m.isUnit(t.r[k]) {
				continue
			}
			seen++
			if seen <= m.head || seen > units-m.tail {
				continue
			}
			b.WriteString(s[done:t.off[k]])
			if t.off[k+1]-t.off[k] == len("０") && t.r[k] < utf8.RuneSelf {
				b.WriteString("＊") // a full-width character gets a full-width star
			} else {
				b.WriteByte('*')
			}
			done = t.off[k+1]
		}
	}
	b.WriteString(s[done:])
	return b.String()
}

// match is one finding, in rune indices of the folded text. The runes
// [start, end) are the finding; within [from, to), the units (letters and
// digits, or every rune for e-mail) are masked except the first head and
// the last tail of them.
type match struct {
	start, end int
	from, to   int
	head, tail int
	kind       string
}

// isUnit reports whether rune r of the match counts as a character to keep
// or mask. Separators inside numbers and plates are not units, so they stay.
func (m match) isUnit(r rune) bool {
	return m.kind == KindEmail || isAlnum(r)
}

// text is s decoded once: r holds the folded runes and off their byte
// offsets in s, with off[len(r)] == len(s).
type text struct {
	r   []rune
	off []int
}

func newText(s string) *text {
	n := utf8.RuneCountInString(s)
	t := &text{r: make([]rune, 0, n), off: make([]int, 0, n+1)}
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		t.r = append(t.r, fold(r))
		t.off = append(t.off, i)
		i += w
	}
	t.off = append(t.off, len(s))
	return t
}

// at returns rune k, or 0 outside the text, so lookarounds need no bounds
// checks.
func (t *text) at(k int) rune {
	if k < 0 || k >= len(t.r) {
		return 0
	}
	return t.r[k]
}

// matches returns every finding, sorted and without overlaps. E-mail
// addresses win over anything found inside them (a domain may hold digits);
// otherwise the finding that starts first wins.
func (t *text) matches() []match {
	emails := t.emails()
	others := t.numbers(t.plates(nil))
	slices.SortFunc(others, func(a, b match) int {
		return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(b.end, a.end))
	})
	out := make([]match, 0, len(emails)+len(others))
	e := 0
	lastEnd := 0
	for _, m := range others {
		for e < len(emails) && emails[e].end <= m.start {
			out = append(out, emails[e])
			e++
		}
		if m.start < lastEnd || (e < len(emails) && emails[e].start < m.end) {
			continue
		}
		out = append(out, m)
		lastEnd = m.end
	}
	return append(out, emails[e:]...)
}

// mayContain reports cheaply whether s can hold anything to mask: all kinds
// need an ASCII or full-width digit, or an at sign.
func mayContain(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9', c == '@':
			return true
		case c == 0xEF && i+2 < len(s) && s[i+1] == 0xBC:
			// U+FF10..U+FF19 (full-width digits) and U+FF20 (full-width @).
			if d := s[i+2]; (d >= 0x90 && d <= 0x99) || d == 0xA0 {
				return true
			}
		}
	}
	return false
}

// fold maps full-width ASCII variants (０-９, Ａ-Ｚ, ＠, －, （ …) to ASCII and
// the ideographic and no-break spaces to a space, so the matchers see one
// alphabet. Everything else, including utf8.RuneError, is left as it is.
func fold(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		return r - 0xFF01 + 0x21
	case r == 0x3000, r == 0x00A0:
		return ' '
	}
	return r
}

func isDigit(r rune) bool  { return r >= '0' && r <= '9' }
func isLetter(r rune) bool { return (r >= 'A' && r <= 'Z') || (r >= 'a' && r <= 'z') }
func isAlnum(r rune) bool  { return isDigit(r) || isLetter(r) }

// upper returns the upper-case form of an ASCII letter.
func upper(r rune) rune {
	if r >= 'a' && r <= 'z' {
		return r - 'a' + 'A'
	}
	return r
}
