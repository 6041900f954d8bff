-- Full-text search over the public (masked) title and body of messages
-- (issue 5 §6). The application writes the token text internal/search
-- makes (overlapping pairs of Chinese characters, whole Latin words),
-- separated by spaces, which unicode61 splits back into the same tokens;
-- scope holds the message's board, region prefixes and author as tokens
-- starting with #, which the tokenizer keeps and no text produces, so
-- that a search narrowed to one of them is narrowed inside the index.
-- Contentless: the text itself stays in messages, and snippets are cut
-- from it by the application. rowid is the message ID. contentless_delete
-- lets a message's row be deleted and written again, so that the index can
-- be rebuilt (liuyan reindex --rebuild) a range of messages at a time while
-- the board stays searchable. Messages stored before this migration are
-- indexed when it is applied, in the same transaction (store.Migrate).
CREATE VIRTUAL TABLE message_search USING fts5(
    title, body, scope,
    content = '',
    contentless_delete = 1,
    tokenize = "unicode61 remove_diacritics 0 tokenchars '#'"
);
