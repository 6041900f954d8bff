-- Full-text search over the public (masked) title and body of messages
-- (issue 5 §6). The application writes each message's tsvector as a
-- literal built by internal/search (overlapping pairs of Chinese
-- characters, whole Latin words, title lexemes weighted A, and the
-- message's board, region prefixes and author as lexemes starting with #),
-- so no text-search parser or locale decides what a word is: under the C
-- locale the default parser takes a whole Chinese sentence for one word.
-- A GIN index finds the pairs; phrases are checked against the stored
-- vector. fastupdate is off: with it on, every search reads the whole
-- list of entries not yet merged (up to 4 MB) while messages arrive;
-- off, storing a message costs a few milliseconds more instead. Messages
-- stored before this migration are indexed when it is applied, in the same
-- transaction (store.Migrate).
CREATE TABLE message_search (
    message_id BIGINT PRIMARY KEY REFERENCES messages (id),
    doc        tsvector NOT NULL
);
CREATE INDEX message_search_doc ON message_search USING gin (doc) WITH (fastupdate = off);
