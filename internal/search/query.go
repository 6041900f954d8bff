package search

import (
	"slices"
	"strings"
	"unicode/utf8"

	"liuyan/internal/message"
)

// Limits on what a query may hold. A search box needs a few words; longer
// input is a pasted paragraph, which costs the index a phrase per word.
const (
	MaxQueryChars = 50
	MaxTerms      = 6
)

// Query is a parsed search: terms that must all occur in the title or
// the body. Spaces and punctuation between words separate terms; letters,
// digits and CJK characters written together form one term, which matches
// as a phrase (噪音扰民 matches only where those four characters stand
// together). A CJK term matches inside longer text (垃圾站 in 垃圾站点);
// a Latin word or a number matches whole words only.
type Query struct {
	terms []term
}

// term is one phrase of a query: its units, and the tokens the index must
// hold at consecutive positions for it to occur.
type term struct {
	units  []unit
	tokens []string
	// prefix says the last token may be the start of a longer token: a
	// lone CJK character is indexed in the pair it starts as well as alone.
	prefix bool
	// cjk is the term's text when it is CJK characters alone ("" when it
	// holds a Latin word or a number), which a text holds exactly where
	// the index finds the term.
	cjk string
}

// Parse reads what a user typed into the search box. Input with nothing
// to search for, or too long, is refused with a Chinese message.
func Parse(text string) (Query, error) {
	text = strings.TrimSpace(text)
	if n := utf8.RuneCountInString(text); n > MaxQueryChars {
		return Query{}, &message.InputError{Key: "error.search_too_long", Args: []any{MaxQueryChars}}
	}
	var q Query
	var seen []string
	for _, us := range phrases(split(text)) {
		t := newTerm(us)
		key := joinTokens(t.tokens)
		if slices.Contains(seen, key) {
			continue
		}
		seen = append(seen, key)
		q.terms = append(q.terms, t)
	}
	if len(q.terms) == 0 {
		return Query{}, &message.InputError{Key: "error.search_empty"}
	}
	if len(q.terms) > MaxTerms {
		return Query{}, &message.InputError{Key: "error.search_too_many_terms", Args: []any{MaxTerms}}
	}
	return q, nil
}

// IsZero reports whether the query holds no term: the zero Query, which
// Parse never returns.
func (q Query) IsZero() bool { return len(q.terms) == 0 }

// phrases groups units written together.
func phrases(us []unit) [][]unit {
	var out [][]unit
	for i, u := range us {
		if i == 0 || !u.attached {
			out = append(out, nil)
		}
		out[len(out)-1] = append(out[len(out)-1], u)
	}
	return out
}

// newTerm lists the tokens a phrase of units occupies in the index (see
// pairs): a CJK character followed by another gives their pair; one
// followed by a word must end its run, so it is the lone character; the
// last character, when a pair already holds it, adds nothing, and when it
// stands alone it may start a pair in the text, so it is a prefix.
func newTerm(us []unit) term {
	t := term{units: us}
	var cjk strings.Builder
	for _, u := range us {
		if !u.cjk {
			cjk.Reset()
			break
		}
		cjk.WriteString(u.text)
	}
	t.cjk = cjk.String()
	for i, u := range us {
		switch {
		case !u.cjk:
			t.tokens = append(t.tokens, u.text)
		case i+1 < len(us) && us[i+1].cjk:
			t.tokens = append(t.tokens, u.text+us[i+1].text)
		case i+1 < len(us):
			t.tokens = append(t.tokens, u.text)
		case i > 0 && us[i-1].cjk:
			// already the second half of the pair before
		default:
			t.tokens = append(t.tokens, u.text)
			t.prefix = true
		}
	}
	return t
}

// String is the query as the index reads it, terms separated by spaces:
// for showing what was searched.
func (q Query) String() string {
	parts := make([]string, len(q.terms))
	for i, t := range q.terms {
		var b strings.Builder
		for j, u := range t.units {
			if j > 0 && !u.cjk && !t.units[j-1].cjk {
				b.WriteByte(' ')
			}
			b.WriteString(u.text)
		}
		parts[i] = b.String()
	}
	return strings.Join(parts, " ")
}

// FTS5 is the query in SQLite FTS5 syntax over IndexText and ScopeText
// columns, for messages within scope: each term a quoted phrase, the last
// token starred when it is a prefix, each scope token a phrase of its
// own, all required.
func (q Query) FTS5(within Scope) string {
	var parts []string
	for _, t := range q.terms {
		p := `"` + joinTokens(t.tokens) + `"`
		if t.prefix {
			p += "*"
		}
		parts = append(parts, p)
	}
	for _, tok := range within.filterTokens() {
		parts = append(parts, `"`+tok+`"`)
	}
	return strings.Join(parts, " AND ")
}

// Tokens lists the distinct tokens every match holds, as the index holds
// them: each term's tokens but the last of a prefix term, which may stand
// for any longer token. A match holds all of them, so none is found in
// more documents than the rarest.
func (q Query) Tokens() []string {
	var toks []string
	for _, t := range q.terms {
		for j, tok := range t.tokens {
			if t.prefix && j == len(t.tokens)-1 {
				continue
			}
			if !slices.Contains(toks, tok) {
				toks = append(toks, tok)
			}
		}
	}
	return toks
}

// TSQuery is the query as a PostgreSQL tsquery literal over TSVector
// documents, for CAST(? AS tsquery), for messages within scope: every
// token of every term (the last of a term marked :* when it is a prefix),
// the scope's tokens and, when blocks are given, any one of those ID
// blocks, all joined by &. Documents hold no positions, so it finds every
// message holding the query and also those where a phrase's pairs stand
// apart (垃圾 … 圾站): Score, run on their text, tells them apart.
func (q Query) TSQuery(within Scope, blocks []int64) string {
	var parts []string
	for _, t := range q.terms {
		for j, tok := range t.tokens {
			p := quote(tok)
			if t.prefix && j == len(t.tokens)-1 {
				p += ":*"
			}
			if !slices.Contains(parts, p) {
				parts = append(parts, p)
			}
		}
	}
	for _, tok := range within.filterTokens() {
		parts = append(parts, quote(tok))
	}
	if len(blocks) > 0 {
		bs := make([]string, len(blocks))
		for i, b := range blocks {
			bs[i] = quote(blockToken(b))
		}
		p := strings.Join(bs, " | ")
		if len(bs) > 1 {
			p = "(" + p + ")"
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, " & ")
}
