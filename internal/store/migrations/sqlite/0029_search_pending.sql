-- Messages stored but not yet in the search index (0008). A submission's
-- transaction used to write its document to FTS5 itself, and FTS5 turns
-- every transaction's documents into a segment of its own, at least one
-- page however few documents it holds; it then merges as many pages, for
-- each level of the index, as the pages it was written. A single
-- message's page, mostly empty, thus cost five to seven pages of merging
-- at a million messages, most of the writer's time at 500 submissions a
-- second and most of its pauses. The writer now notes a submission's ID
-- here, in the submission's own transaction, and writes the documents of
-- the messages noted in one statement once enough have waited or the
-- oldest has waited long enough (store.committer, search_pending.go);
-- searches read the messages noted here beside the index, so a message is
-- found from the moment it is stored. A row outlives a crash, and the
-- next writer indexes it.
CREATE TABLE search_pending (
    message_id INTEGER PRIMARY KEY
);
