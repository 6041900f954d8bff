-- Imported history: where a message came from, so that importing the same
-- file again adds nothing, and the support it had on its old platform.
-- Messages written here have no source; NULLs never collide in the index.
ALTER TABLE messages ADD COLUMN source TEXT;
ALTER TABLE messages ADD COLUMN source_id TEXT;
ALTER TABLE messages ADD COLUMN likes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN dislikes INTEGER NOT NULL DEFAULT 0;
CREATE UNIQUE INDEX messages_source ON messages (source, source_id);

-- One row per import: what was read from where, and what came of it, for
-- the audit trail and the import figures of monitoring.
CREATE TABLE import_runs (
    id          INTEGER PRIMARY KEY,
    source      TEXT NOT NULL,
    format      TEXT NOT NULL,
    file        TEXT NOT NULL,
    rows_read   INTEGER NOT NULL,
    added       INTEGER NOT NULL,
    skipped     INTEGER NOT NULL,
    rejected    INTEGER NOT NULL,
    started_at  TIMESTAMP NOT NULL,
    finished_at TIMESTAMP NOT NULL
);
