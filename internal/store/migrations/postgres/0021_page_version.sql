-- The public message page is kept rendered in memory (internal/web) and
-- checked on every hit against what determines it, in one indexed read:
-- page_version counts the changes to a message's visible history (every
-- store write to the message or its log, replies, follow-ups, rating or
-- images bumps it in the same transaction), and the one row of
-- page_generation counts the changes that rewrite many messages at once
-- (a vocabulary term renamed).
ALTER TABLE messages ADD COLUMN page_version BIGINT NOT NULL DEFAULT 0;
CREATE TABLE page_generation (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n BIGINT NOT NULL
);
INSERT INTO page_generation (id, n) VALUES (1, 0);
