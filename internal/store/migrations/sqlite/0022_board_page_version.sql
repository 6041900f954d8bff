-- The public board page is kept rendered in memory (internal/web) like the
-- message page (0021), and checked on every hit in one indexed read of the
-- board's row: page_version counts the changes to what the page shows
-- (a message of the board written, the board's own row, or a fold that
-- changed the board's rollup cells), each bumped in the same transaction.
ALTER TABLE boards ADD COLUMN page_version BIGINT NOT NULL DEFAULT 0;
