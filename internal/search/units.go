package search

import (
	"unicode"
	"unicode/utf8"
)

// maxWordBytes bounds a Latin word or number: a pasted URL or a long
// number stays one token, cut short, on both the index and the query side.
const maxWordBytes = 64

// unit is one indexable piece of text: a single CJK character or a whole
// word of letters and digits, in normalized form.
type unit struct {
	text       string // normalized: full-width folded, lower case
	start, end int    // byte offsets in the source text
	// norm is the normalized copy of the whole text that text is the
	// piece from to of; a unit's neighbours follow it there directly.
	norm     string
	from, to int
	cjk      bool
	// attached says nothing separates the unit from the one before it,
	// so two attached CJK units belong to one run.
	attached bool
}

// fold maps a character to the form the index compares: full-width
// Latin letters, digits and signs to ASCII (Ａ３ is A3), then lower case.
func fold(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		r -= 0xFEE0
	case r == 0x3000: // ideographic space
		r = ' '
	}
	return unicode.ToLower(r)
}

// cjkScripts are the scripts written without spaces between words.
var cjkScripts = []*unicode.RangeTable{unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul}

// isCJK reports whether r is indexed as a character of a run. Only letters
// and numbers count (not the radicals and strokes of the Han script), so
// that every character a token holds is also a token character to
// SQLite's unicode61 tokenizer, which must not split the tokens again.
func isCJK(r rune) bool {
	return (unicode.IsLetter(r) || unicode.IsNumber(r)) && unicode.In(r, cjkScripts...)
}

// isWord reports whether r belongs in a word of letters and digits.
func isWord(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }

// split cuts text into units. Everything that is neither a CJK character
// nor part of a word (spaces, punctuation, symbols, masks such as ***)
// separates units. The units' texts are pieces of one normalized copy of
// the text, which holds the units one after another and nothing else, so
// that the pair of two neighbouring units is a piece of it too (see
// pairs): a long body costs two allocations, not one per character.
func split(text string) []unit {
	us := make([]unit, 0, len(text)/3+1)
	norm := make([]byte, 0, len(text))
	var at [][2]int // each unit's place in norm
	attached := false
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		f := fold(r)
		switch {
		case isCJK(f):
			at = append(at, [2]int{len(norm), 0})
			norm = utf8.AppendRune(norm, f)
			at[len(at)-1][1] = len(norm)
			us = append(us, unit{start: i, end: i + size, cjk: true, attached: attached})
			i += size
			attached = true
		case isWord(f):
			start, from := i, len(norm)
			for i < len(text) {
				r, size := utf8.DecodeRuneInString(text[i:])
				f := fold(r)
				if !isWord(f) || isCJK(f) {
					break
				}
				if len(norm)-from+utf8.RuneLen(f) <= maxWordBytes {
					norm = utf8.AppendRune(norm, f)
				}
				i += size
			}
			at = append(at, [2]int{from, len(norm)})
			us = append(us, unit{start: start, end: i, attached: attached})
			attached = true
		default:
			i += size
			attached = false
		}
	}
	all := string(norm)
	for k := range us {
		us[k].norm, us[k].from, us[k].to = all, at[k][0], at[k][1]
		us[k].text = all[at[k][0]:at[k][1]]
	}
	return us
}

// pairs calls emit with the token each unit of a text contributes, in
// order, so that the n-th token sits at position n: a CJK character
// followed by another of its run gives the pair of both, the last of a run
// gives itself, a word gives itself. The lone last character both lets a
// one-character query find it and keeps a phrase from running on from one
// run into the next (垃圾，圾站 does not contain 垃圾站).
func pairs(us []unit, emit func(tok string)) {
	for i, u := range us {
		if u.cjk && i+1 < len(us) && us[i+1].cjk && us[i+1].attached {
			emit(joined(u, us[i+1]))
			continue
		}
		emit(u.text)
	}
}

// joined is the text of two neighbouring units of one split: a piece of
// the normalized copy, which holds them side by side.
func joined(a, b unit) string { return a.norm[a.from:b.to] }
