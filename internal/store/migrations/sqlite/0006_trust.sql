-- Trust: an admin-managed list of sensitive words that route matching
-- messages to moderators with the words marked, and an append-only audit
-- log of administrative changes (staff actions on messages are in events).
CREATE TABLE sensitive_words (
    word       TEXT PRIMARY KEY,
    created_at TIMESTAMP NOT NULL
);

ALTER TABLE messages ADD COLUMN flagged TEXT NOT NULL DEFAULT '';

CREATE TABLE audit (
    id       INTEGER PRIMARY KEY,
    actor_id INTEGER REFERENCES users (id),
    action   TEXT NOT NULL,
    target   TEXT NOT NULL,
    detail   TEXT NOT NULL DEFAULT '',
    at       TIMESTAMP NOT NULL
);
CREATE INDEX audit_at ON audit (at);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
