package search

import (
	"strconv"
	"strings"
)

// IndexText is the token text of one field for an index whose tokenizer
// splits on spaces and keeps letters and digits together (SQLite FTS5 with
// unicode61): the field's tokens in order, separated by spaces.
func IndexText(text string) string {
	var toks []string
	pairs(split(text), func(tok string) { toks = append(toks, tok) })
	return joinTokens(toks)
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
	type lexeme struct {
		positions []string
	}
	var order []string
	lexemes := map[string]*lexeme{}
	pos := 0
	add := func(weight string) func(string) {
		return func(tok string) {
			pos++
			l, ok := lexemes[tok]
			if !ok {
				l = &lexeme{}
				lexemes[tok] = l
				order = append(order, tok)
			}
			if len(l.positions) < maxPositions {
				l.positions = append(l.positions, strconv.Itoa(min(pos, maxPosition))+weight)
			}
		}
	}
	pairs(split(title), add("A"))
	pos++
	pairs(split(body), add(""))
	var b strings.Builder
	for i, tok := range order {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(quote(tok))
		b.WriteByte(':')
		b.WriteString(strings.Join(lexemes[tok].positions, ","))
	}
	for _, tok := range s.docTokens() {
		b.WriteByte(' ')
		b.WriteString(quote(tok))
	}
	return b.String()
}

// quote writes a lexeme as a tsvector or tsquery literal. Tokens hold only
// letters, digits and a leading #, so the quotes need no escaping inside.
func quote(tok string) string { return "'" + tok + "'" }
