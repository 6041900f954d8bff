-- The board's core: units, boards, accounts, messages and their log.
CREATE TABLE units (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    region_code TEXT NOT NULL,
    kind        TEXT NOT NULL,
    created_at  TIMESTAMP NOT NULL
);
CREATE INDEX units_region ON units (region_code);

CREATE TABLE boards (
    id               INTEGER PRIMARY KEY,
    name             TEXT NOT NULL,
    region_code      TEXT NOT NULL,
    kind             TEXT NOT NULL,
    title            TEXT NOT NULL DEFAULT '',
    office_unit_id   INTEGER NOT NULL REFERENCES units (id),
    joined_at        TIMESTAMP NOT NULL,
    signoff_required INTEGER NOT NULL DEFAULT 0,
    created_at       TIMESTAMP NOT NULL,
    UNIQUE (region_code, name)
);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    login         TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL,
    unit_id       INTEGER REFERENCES units (id),
    board_id      INTEGER REFERENCES boards (id),
    region_code   TEXT NOT NULL DEFAULT '',
    created_at    TIMESTAMP NOT NULL
);

CREATE TABLE tokens (
    hash       TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id),
    kind       TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP
);
CREATE INDEX tokens_user ON tokens (user_id);

CREATE TABLE messages (
    id                INTEGER PRIMARY KEY,
    board_id          INTEGER NOT NULL REFERENCES boards (id),
    region_code       TEXT NOT NULL,
    author_id         INTEGER NOT NULL REFERENCES users (id),
    type              TEXT NOT NULL,
    domain            TEXT NOT NULL,
    title             TEXT NOT NULL,
    body              TEXT NOT NULL,
    public_title      TEXT NOT NULL,
    public_body       TEXT NOT NULL,
    public            INTEGER NOT NULL,
    channel           TEXT NOT NULL,
    status            TEXT NOT NULL,
    unit_id           INTEGER REFERENCES units (id),
    reject_reason     TEXT NOT NULL DEFAULT '',
    clock_start       TIMESTAMP,
    deadline          TIMESTAMP,
    extension_days    INTEGER NOT NULL DEFAULT 0,
    pending_extension INTEGER NOT NULL DEFAULT 0,
    followups         INTEGER NOT NULL DEFAULT 0,
    reply_pending     INTEGER NOT NULL DEFAULT 0,
    idempotency_key   TEXT,
    created_at        TIMESTAMP NOT NULL,
    published_at      TIMESTAMP,
    first_reply_at    TIMESTAMP,
    replied_at        TIMESTAMP,
    updated_at        TIMESTAMP NOT NULL,
    UNIQUE (author_id, idempotency_key)
);
CREATE INDEX messages_board ON messages (board_id, id);
CREATE INDEX messages_region ON messages (region_code, id);
CREATE INDEX messages_status ON messages (status, id);
CREATE INDEX messages_unit ON messages (unit_id, id);
CREATE INDEX messages_author ON messages (author_id, id);
CREATE INDEX messages_published ON messages (published_at);

CREATE TABLE message_tags (
    message_id INTEGER NOT NULL REFERENCES messages (id),
    tag        TEXT NOT NULL,
    PRIMARY KEY (message_id, tag)
);
CREATE INDEX message_tags_tag ON message_tags (tag);

-- The append-only log: the triggers refuse every change to a written row.
CREATE TABLE events (
    id         INTEGER PRIMARY KEY,
    message_id INTEGER NOT NULL REFERENCES messages (id),
    actor_id   INTEGER REFERENCES users (id),
    action     TEXT NOT NULL,
    from_state TEXT NOT NULL,
    to_state   TEXT NOT NULL,
    unit_id    INTEGER,
    note       TEXT NOT NULL DEFAULT '',
    at         TIMESTAMP NOT NULL
);
CREATE INDEX events_message ON events (message_id, id);
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

CREATE TABLE replies (
    id         INTEGER PRIMARY KEY,
    message_id INTEGER NOT NULL REFERENCES messages (id),
    kind       TEXT NOT NULL,
    body       TEXT NOT NULL,
    unit_id    INTEGER NOT NULL REFERENCES units (id),
    handler_id INTEGER REFERENCES users (id),
    published  INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX replies_message ON replies (message_id, id);

CREATE TABLE followups (
    id         INTEGER PRIMARY KEY,
    message_id INTEGER NOT NULL REFERENCES messages (id),
    body       TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX followups_message ON followups (message_id, id);

CREATE TABLE ratings (
    message_id INTEGER PRIMARY KEY REFERENCES messages (id),
    resolution INTEGER NOT NULL CHECK (resolution BETWEEN 1 AND 5),
    attitude   INTEGER NOT NULL CHECK (attitude BETWEEN 1 AND 5),
    speed      INTEGER NOT NULL CHECK (speed BETWEEN 1 AND 5),
    comment    TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL
);
