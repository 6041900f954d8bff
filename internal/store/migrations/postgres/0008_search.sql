-- Full-text search over the public (masked) title and body of messages
-- (issue 5 §6). The application writes each message's tsvector as a
-- literal built by internal/search (overlapping pairs of Chinese
-- characters, whole Latin words, title lexemes weighted A, and the
-- message's board, region prefixes and author as lexemes starting with #),
-- so no text-search parser or locale decides what a word is: under the C
-- locale the default parser takes a whole Chinese sentence for one word.
-- A GIN index finds the pairs; phrases are checked against the stored
-- vector. A message adds some hundreds of pairs to it. Written into the
-- tree one at a time (fastupdate off) they made indexing a large store
-- take hours; with fastupdate they go to a pending list first and into the
-- tree a batch at a time, which indexed 1.7 times as many messages a
-- second in the same run (BENCHMARKS.md). Every search also reads the
-- pending list, so it is kept small: 1 MB instead of the default 4 MB.
-- Messages stored before this migration are indexed when it is applied,
-- in the same transaction (store.Migrate).
CREATE TABLE message_search (
    message_id BIGINT PRIMARY KEY REFERENCES messages (id),
    doc        tsvector NOT NULL
);
CREATE INDEX message_search_doc ON message_search USING gin (doc) WITH (fastupdate = on, gin_pending_list_limit = 1024);
