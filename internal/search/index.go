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

// IDBlock is how many consecutive message IDs share a block token (#k)
// in a PostgreSQL document. A GIN index keeps no order, so without them
// the newest matches of a common word could only be found by reading all
// of its matches; with them a search asks for the word in the newest few
// blocks first, and the index intersects the word's list with the
// blocks' lists without reading the rest (see Query.TSQuery).
const IDBlock = 1 << 13

// Block is the ID block a message ID falls in.
func Block(id int64) int64 { return id / IDBlock }

// TSVector is the PostgreSQL tsvector literal of a message's title, body
// and scope, for CAST(? AS tsvector): every distinct token of the title
// and the body, the scope's tokens and the token of the ID's block. The
// literal names every lexeme itself, so no text-search parser runs: the
// parser's idea of a word depends on the server's locale, and under the C
// locale it takes a whole Chinese sentence, punctuation and all, for one
// word. It holds no positions: the index only finds the messages holding
// every token of a query, and the exact phrase is checked, and the match
// ranked, on the text of the newest few hundred of them (Query.Score),
// so PostgreSQL never reads a document back.
func TSVector(id int64, title, body string, s Scope) string {
	return vector(title, body, s, blockToken(Block(id)))
}

// TSVectorWithoutBlock is TSVector for a message whose ID is not known
// yet: the store adds the block's lexeme, BlockTSVectorSQL of the ID, in
// the statement that assigns the ID.
func TSVectorWithoutBlock(title, body string, s Scope) string {
	return vector(title, body, s, "")
}

// BlockTSVectorSQL is PostgreSQL's expression for the tsvector holding the
// lexeme of the block of the ID that idExpr names: the block token
// TSVector adds, computed by the database.
func BlockTSVectorSQL(idExpr string) string {
	return "array_to_tsvector(ARRAY['" + blockPrefix + "' || (" + idExpr + ") / " + strconv.Itoa(IDBlock) + "])"
}

func vector(title, body string, s Scope, block string) string {
	seen := map[string]bool{}
	b := make([]byte, 0, 2*(len(title)+len(body))+64)
	add := func(tok string) {
		if seen[tok] {
			return
		}
		seen[tok] = true
		if len(b) > 0 {
			b = append(b, ' ')
		}
		b = append(b, quote(tok)...)
	}
	pairs(split(title), add)
	pairs(split(body), add)
	for _, tok := range s.docTokens() {
		add(tok)
	}
	if block != "" {
		add(block)
	}
	return string(b)
}

// blockPrefix starts every block token.
const blockPrefix = "#k"

func blockToken(block int64) string { return blockPrefix + strconv.FormatInt(block, 10) }

// quote writes a lexeme as a tsvector or tsquery literal. Tokens hold only
// letters, digits and a leading #, so the quotes need no escaping inside.
func quote(tok string) string { return "'" + tok + "'" }
