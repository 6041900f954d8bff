package search

import (
	"strconv"
	"strings"
)

// IndexText is the token text of one field for an index whose tokenizer
// splits on spaces and keeps letters and digits together (SQLite FTS5 with
// unicode61): the field's tokens in order, separated by spaces.
func IndexText(text string) string {
	var b strings.Builder
	b.Grow(len(text) * 2)
	pairs(split(text), func(tok string) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(tok)
	})
	return b.String()
}

func joinTokens(toks []string) string { return strings.Join(toks, " ") }

// PostgreSQL's limits on a tsvector: positions above maxPosition are
// clamped, and a lexeme keeps at most maxPositions of them.
const (
	maxPosition  = 16383
	maxPositions = 256
)

// TSVector is the PostgreSQL tsvector literal of a message's title, body
// and scope, for CAST(? AS tsvector). The literal names every lexeme and
// position itself, so no text-search parser runs: the parser's idea of a
// word depends on the server's locale, and under the C locale it takes a
// whole Chinese sentence, punctuation and all, for one word. Title tokens
// carry weight A so that ts_rank ranks a title match above a body match;
// the body starts one position after a gap, so no phrase spans the two.
// Scope tokens have no position: they are matched, never ranked.
func TSVector(title, body string, s Scope) string {
	// Positions are kept as numbers, weight A as a flag, and written once
	// at the end: a body of a thousand characters has a thousand of them.
	type lexeme struct {
		tok       string
		positions []int32 // negative: weight A
	}
	var order []*lexeme
	lexemes := map[string]*lexeme{}
	pos := int32(0)
	add := func(weightA bool) func(string) {
		return func(tok string) {
			pos++
			l, ok := lexemes[tok]
			if !ok {
				l = &lexeme{tok: tok}
				lexemes[tok] = l
				order = append(order, l)
			}
			if len(l.positions) < maxPositions {
				p := min(pos, maxPosition)
				if weightA {
					p = -p
				}
				l.positions = append(l.positions, p)
			}
		}
	}
	pairs(split(title), add(true))
	pos++
	pairs(split(body), add(false))
	b := make([]byte, 0, 2*(len(title)+len(body))+64)
	for i, l := range order {
		if i > 0 {
			b = append(b, ' ')
		}
		b = append(b, '\'')
		b = append(b, l.tok...)
		b = append(b, '\'', ':')
		for j, p := range l.positions {
			if j > 0 {
				b = append(b, ',')
			}
			b = strconv.AppendInt(b, int64(max(p, -p)), 10)
			if p < 0 {
				b = append(b, 'A')
			}
		}
	}
	for _, tok := range s.docTokens() {
		b = append(b, ' ')
		b = append(b, quote(tok)...)
	}
	return string(b)
}

// quote writes a lexeme as a tsvector or tsquery literal. Tokens hold only
// letters, digits and a leading #, so the quotes need no escaping inside.
func quote(tok string) string { return "'" + tok + "'" }
