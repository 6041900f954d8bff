package search

import (
	"slices"
	"strings"
	"unicode"
)

// Snippet is a piece of text with the places a query matched. Text is
// plain text, whitespace runs collapsed to one space, with "…" where it
// was cut; Marks are the matched stretches of Text, in characters
// (Unicode code points, not bytes), sorted and not overlapping.
type Snippet struct {
	Text  string `json:"text"`
	Marks []Span `json:"marks"`
}

// Span is a stretch of a Snippet's Text: characters Start to End, End
// excluded.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Part is a piece of a snippet to show plain or marked, for templates
// that wrap matches in <mark> and escape everything.
type Part struct {
	Text  string
	Match bool
}

// ellipsis marks where a snippet cut the text.
const ellipsis = '…'

// maxAnchors bounds the places a snippet window may start at.
const maxAnchors = 64

// Highlight cuts a snippet of width characters (plus ellipses) from text around
// the place where most of the query's terms match, and marks every match
// in it. Width 0 or less keeps the whole text. Pass the text the viewer may
// read (the masked public text for the public), never text they may not:
// the snippet shows it.
func Highlight(text string, q Query, width int) Snippet {
	starts := runeStarts(text)
	n := len(starts) - 1
	runeAt := func(b int) int { // index of the rune starting at byte b
		lo, hi := 0, n
		for lo < hi {
			mid := (lo + hi) / 2
			if starts[mid] < b {
				lo = mid + 1
			} else {
				hi = mid
			}
		}
		return lo
	}
	type match struct{ start, end, term int }
	var ms []match
	us := split(text)
	for ti, t := range q.terms {
		for i := 0; i+len(t.units) <= len(us); i++ {
			if matchesAt(us[i:], t.units) {
				ms = append(ms, match{runeAt(us[i].start), runeAt(us[i+len(t.units)-1].end), ti})
			}
		}
	}
	from, to := 0, n
	if width > 0 && n > width {
		slices.SortFunc(ms, func(a, b match) int { return a.start - b.start })
		from, to = bestWindow(n, width, len(ms), func(i int) (int, int, int) { return ms[i].start, ms[i].end, ms[i].term })
	}
	marked := make([]bool, to-from)
	for _, m := range ms {
		for r := max(m.start, from); r < min(m.end, to); r++ {
			marked[r-from] = true
		}
	}
	return render(text[starts[from]:starts[to]], marked, from > 0, to < n)
}

// runeStarts lists the byte offset of every rune of text, and len(text).
func runeStarts(text string) []int {
	starts := make([]int, 0, len(text)/2+1)
	for i := range text {
		starts = append(starts, i)
	}
	return append(starts, len(text))
}

// matchesAt reports whether the units of a term occur at the start of us,
// the way the index finds them: the same units in order, and CJK
// characters that stand together in the term standing together in the
// text too.
func matchesAt(us, term []unit) bool {
	for j, t := range term {
		if us[j].text != t.text || us[j].cjk != t.cjk {
			return false
		}
		if j > 0 && t.cjk && term[j-1].cjk && !us[j].attached {
			return false
		}
	}
	return true
}

// bestWindow picks the stretch of width characters of a text of n that
// holds the most distinct terms, then the most matches, the earliest
// first, among count matches sorted by where they start. A window starts
// a little before a match, so the match reads in context.
func bestWindow(n, width, count int, match func(int) (start, end, term int)) (int, int) {
	lead := width / 5
	best, bestTerms, bestMatches := 0, -1, -1
	// A one-character query can match hundreds of times in a long body;
	// the first maxAnchors places are enough to choose from.
	for i := range min(count, maxAnchors) {
		s, _, _ := match(i)
		from := max(0, min(s-lead, n-width))
		terms := map[int]bool{}
		matches := 0
		for j := range count {
			ms, me, mt := match(j)
			if ms >= from && me <= from+width {
				terms[mt] = true
				matches++
			}
		}
		if len(terms) > bestTerms || len(terms) == bestTerms && matches > bestMatches {
			best, bestTerms, bestMatches = from, len(terms), matches
		}
	}
	return best, best + width
}

// render writes the snippet text, collapsing whitespace and adding an
// ellipsis where the text was cut, and turns the marked characters into
// spans of the output.
func render(text string, marked []bool, cutBefore, cutAfter bool) Snippet {
	var b strings.Builder
	var flags []bool
	if cutBefore {
		b.WriteRune(ellipsis)
		flags = append(flags, false)
	}
	// A run of whitespace becomes one space, marked when the whole run
	// lies inside a match (A3 区 matched as one phrase).
	space, spaceMarked := false, false
	i := 0
	for _, r := range text {
		m := marked[i]
		i++
		if unicode.IsSpace(r) {
			spaceMarked = m && (spaceMarked || !space)
			space = true
			continue
		}
		if space && len(flags) > 0 && !(cutBefore && len(flags) == 1) {
			b.WriteByte(' ')
			flags = append(flags, spaceMarked)
		}
		space = false
		b.WriteRune(r)
		flags = append(flags, m)
	}
	if cutAfter {
		b.WriteRune(ellipsis)
		flags = append(flags, false)
	}
	s := Snippet{Text: b.String(), Marks: []Span{}}
	for i := 0; i < len(flags); i++ {
		if !flags[i] {
			continue
		}
		j := i
		for j < len(flags) && flags[j] {
			j++
		}
		s.Marks = append(s.Marks, Span{i, j})
		i = j
	}
	return s
}

// Parts cuts the snippet into plain and marked pieces, in order.
func (s Snippet) Parts() []Part {
	var parts []Part
	runes := []rune(s.Text)
	at := 0
	for _, m := range s.Marks {
		if m.Start > at {
			parts = append(parts, Part{Text: string(runes[at:m.Start])})
		}
		parts = append(parts, Part{Text: string(runes[m.Start:m.End]), Match: true})
		at = m.End
	}
	if at < len(runes) {
		parts = append(parts, Part{Text: string(runes[at:])})
	}
	return parts
}

// BodyWidth is how many characters of a body a search result shows.
const BodyWidth = 80

// Highlights are what a search result shows of a message: its whole title
// and a snippet of its body, each with the query's matches marked.
type Highlights struct {
	Title Snippet `json:"title"`
	Body  Snippet `json:"body"`
}

// Highlight marks the query in a title and cuts a BodyWidth snippet of a
// body around it. Pass the text the viewer may read, as for Highlight:
// the masked text for the public, the text as written for those who
// handle the message.
func (q Query) Highlight(title, body string) Highlights {
	return Highlights{Title: Highlight(title, q, 0), Body: Highlight(body, q, BodyWidth)}
}
