-- FTS5 merges the search index's segments in bursts inside the commit that
-- crosses a mark, 448 pages at once at a million messages, which held every
-- submission queued behind that commit 50–120 ms. The server's writer does
-- the same merging in small steps between its transactions instead
-- (internal/store/search_merge.go), so FTS5's own is turned off here.
INSERT INTO message_search (message_search, rank) VALUES ('automerge', 0);
