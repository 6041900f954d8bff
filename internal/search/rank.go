package search

import (
	"strings"
	"unicode/utf8"
)

// Ranking is defined here, once, for both stores: each store's index only
// finds the newest messages holding a query's tokens, and the store hands
// their public text to Score, which checks that every term really occurs
// (a phrase's characters together, as Highlight marks them) and says how
// well the message matches. A store-side rank (FTS5's bm25, PostgreSQL's
// ts_rank) would rank differently on each store and, on PostgreSQL, read
// every candidate's document back from TOAST.

// Parameters of the score, in the manner of BM25 without the inverse
// document frequency (every candidate holds every term, and the stores
// keep no counts of the whole collection to weigh terms by):
const (
	// titleWeight counts an occurrence in the title as this many in the
	// body: a title says what the message is about.
	titleWeight = 5
	// saturation (BM25's k1) makes the fifth occurrence of a word add
	// less than the first.
	saturation = 1.2
	// lengthNorm (BM25's b) is how far a long body's occurrences count
	// less, against typicalBody units (characters or words) of a message.
	lengthNorm  = 0.75
	typicalBody = 400
)

// Score reports whether the title or the body holds every term of q, the
// way the index finds them, and if so how well the message matches:
// higher is better, comparable between the messages of one query. The
// terms' occurrences, title ones weighing titleWeight times, add up with
// diminishing returns, and a long body's count for less.
func (q Query) Score(title, body string) (float64, bool) {
	// Cutting a text into units costs more than the rest of a search's
	// work put together, so it is done only for a term with Latin letters
	// or digits: a term of CJK characters alone occurs exactly where the
	// text holds it as written (see TestPhraseIsSubstring).
	var tu, bu []unit
	cut := false
	norm := 1 - lengthNorm + lengthNorm*float64(utf8.RuneCountInString(body))/typicalBody
	score := 0.0
	for _, t := range q.terms {
		var inTitle, inBody int
		if t.cjk != "" {
			inTitle, inBody = strings.Count(title, t.cjk), strings.Count(body, t.cjk)
		} else {
			if !cut {
				tu, bu, cut = split(title), split(body), true
			}
			inTitle, inBody = occurrences(tu, t), occurrences(bu, t)
		}
		tf := float64(titleWeight*inTitle + inBody)
		if tf == 0 {
			return 0, false
		}
		score += tf * (saturation + 1) / (tf + saturation*norm)
	}
	return score, true
}

// occurrences counts the places a term occurs in units.
func occurrences(us []unit, t term) int {
	n := 0
	for i := 0; i+len(t.units) <= len(us); i++ {
		if matchesAt(us[i:], t.units) {
			n++
		}
	}
	return n
}
