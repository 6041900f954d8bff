-- Full-text search over the public (masked) title and body of messages
-- (issue 5 §6). The application writes the token text internal/search
-- makes (overlapping pairs of Chinese characters, whole Latin words),
-- separated by spaces, which unicode61 splits back into the same tokens;
-- scope holds the message's board, region prefixes and author as tokens
-- starting with #, which the tokenizer keeps and no text produces, so
-- that a search narrowed to one of them is narrowed inside the index.
-- Contentless: the text itself stays in messages, and snippets are cut
-- from it by the application. rowid is the message ID. Messages stored
-- before this migration are indexed by Store.Reindex.
CREATE VIRTUAL TABLE message_search USING fts5(
    title, body, scope,
    content = '',
    tokenize = "unicode61 remove_diacritics 0 tokenchars '#'"
);
