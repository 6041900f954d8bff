// Package search is the language side of full-text search over messages:
// it cuts Chinese (and mixed Chinese and Latin) text into the tokens the
// index stores, turns what a user typed into an index query, and cuts
// highlighted snippets from the text a viewer may read.
//
// Chinese has no spaces between words, and a dictionary segmenter would
// split 垃圾站 one way in a message and another way in a query. The index
// therefore holds overlapping character pairs (bigrams): every Han, kana
// or Hangul character is indexed together with the character after it in
// the same run, and the last character of a run alone. A query word of two
// characters is one pair; a longer one is the phrase of its pairs, which
// matches exactly where the word occurs. Latin letters and digits form
// whole lower-cased words (A3区 is the word a3 followed by 区).
//
// The index only proposes candidates: SQLite's FTS5 finds phrases itself,
// PostgreSQL's documents hold no positions and so also propose messages
// where a phrase's pairs stand apart. Query.Score is the one judge for
// both: it checks every term on a candidate's text exactly as Highlight
// marks it, and ranks the matches.
//
// The package does no I/O and knows no database: internal/store stores
// what IndexText and TSVector produce, runs what FTS5 and TSQuery return
// and hands the candidates' text to Score. Who may see which message is
// not decided here either.
package search
