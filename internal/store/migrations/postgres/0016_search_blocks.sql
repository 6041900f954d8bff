-- The search index's documents change form (issue 5 §6, BENCHMARKS.md
-- "Full-text search"): each token of a message once, without positions,
-- and the block of the message's ID (#k, search.IDBlock IDs a block), so
-- that a search asks the GIN index for a word in the newest blocks first
-- instead of reading all of a common word's matches; phrases are checked
-- and matches ranked on the text of the newest few hundred. Documents
-- written before lack the block tokens every search now asks for, so all
-- are written again here: the index is dropped, the rows emptied and
-- written again by the Go step that follows (store.Migrate), and the index
-- built once at the end, much faster than adding to it row by row (at a
-- million messages, minutes; the board cannot search until it is done).
DROP INDEX IF EXISTS message_search_doc;
TRUNCATE message_search;
