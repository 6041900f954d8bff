-- Integrations and notifications: webhooks configured per region or board,
-- an outbox written in the same transaction as each lifecycle event (so no
-- event is lost when the server stops), and in-app notifications.
CREATE TABLE webhooks (
    id          INTEGER PRIMARY KEY,
    region_code TEXT NOT NULL DEFAULT '',
    board_id    INTEGER REFERENCES boards (id),
    url         TEXT NOT NULL,
    secret      TEXT NOT NULL,
    active      INTEGER NOT NULL DEFAULT 1,
    created_at  TIMESTAMP NOT NULL
);

CREATE TABLE outbox (
    id           INTEGER PRIMARY KEY,
    event_id     INTEGER NOT NULL REFERENCES events (id),
    webhook_id   INTEGER REFERENCES webhooks (id),
    payload      TEXT NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    next_at      TIMESTAMP NOT NULL,
    delivered_at TIMESTAMP,
    last_error   TEXT NOT NULL DEFAULT '',
    created_at   TIMESTAMP NOT NULL
);
CREATE INDEX outbox_due ON outbox (next_at) WHERE delivered_at IS NULL;

CREATE TABLE deliveries (
    id        INTEGER PRIMARY KEY,
    outbox_id INTEGER NOT NULL REFERENCES outbox (id),
    at        TIMESTAMP NOT NULL,
    status    INTEGER NOT NULL,
    error     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX deliveries_outbox ON deliveries (outbox_id, id);

CREATE TABLE notifications (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER REFERENCES users (id),
    unit_id    INTEGER REFERENCES units (id),
    message_id INTEGER NOT NULL REFERENCES messages (id),
    event_id   INTEGER NOT NULL REFERENCES events (id),
    kind       TEXT NOT NULL,
    sent_at    TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX notifications_user ON notifications (user_id, id);
CREATE INDEX notifications_unit ON notifications (unit_id, id);
CREATE INDEX notifications_unsent ON notifications (id) WHERE sent_at IS NULL;

CREATE TABLE notification_reads (
    notification_id INTEGER NOT NULL REFERENCES notifications (id),
    user_id         INTEGER NOT NULL REFERENCES users (id),
    read_at         TIMESTAMP NOT NULL,
    PRIMARY KEY (notification_id, user_id)
);

ALTER TABLE users ADD COLUMN email TEXT NOT NULL DEFAULT '';
