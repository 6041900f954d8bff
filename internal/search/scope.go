package search

import "strconv"

// Scope says where a message was addressed and by whom. It is indexed
// beside the message's words, as tokens no text can produce (they start
// with #, which the tokenizer never keeps), so that a search narrowed to
// a board, a region or an author intersects the word's matches with the
// scope's inside the index, instead of reading every match of a common
// word to check where each was sent. Only what never changes after
// submission belongs here: a message's board, region and author; its
// state and unit change and are checked against the messages table.
type Scope struct {
	BoardID int64
	// RegionCode is a message's six-digit region code; in a filter, the
	// code prefix of a subtree (region.Prefix).
	RegionCode string
	AuthorID   int64
}

// regionPrefixes are the lengths of region code prefixes indexed: the
// province, the city and the county (GB/T 2260 codes nest this way).
var regionPrefixes = []int{2, 4, 6}

// docTokens are a message's scope tokens: its board, each prefix of its
// region code, its author.
func (s Scope) docTokens() []string {
	var toks []string
	if s.BoardID != 0 {
		toks = append(toks, "#b"+strconv.FormatInt(s.BoardID, 10))
	}
	for _, n := range regionPrefixes {
		if len(s.RegionCode) >= n {
			toks = append(toks, "#r"+s.RegionCode[:n])
		}
	}
	if s.AuthorID != 0 {
		toks = append(toks, "#a"+strconv.FormatInt(s.AuthorID, 10))
	}
	return toks
}

// filterTokens are the tokens a message in the scope of a filter holds.
// A region prefix of another length than those indexed gives none: the
// caller's own condition still applies, only without the index's help.
func (s Scope) filterTokens() []string {
	var toks []string
	if s.BoardID != 0 {
		toks = append(toks, "#b"+strconv.FormatInt(s.BoardID, 10))
	}
	for _, n := range regionPrefixes {
		if len(s.RegionCode) == n {
			toks = append(toks, "#r"+s.RegionCode)
		}
	}
	if s.AuthorID != 0 {
		toks = append(toks, "#a"+strconv.FormatInt(s.AuthorID, 10))
	}
	return toks
}

// Tokens are the index tokens every message found within the scope
// holds, as TSQuery asks for them: a PostgreSQL search sizes its probes
// by the rarest of these and the query's own (a small board's token is
// rarer than any word).
func (s Scope) Tokens() []string { return s.filterTokens() }

// ScopeText is the scope column of an FTS5 document: the scope tokens
// separated by spaces, for a tokenizer that keeps # in tokens.
func ScopeText(s Scope) string {
	return joinTokens(s.docTokens())
}
