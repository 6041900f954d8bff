-- Campaigns (征集活动): a themed call for suggestions over a period, aimed
-- at chosen boards. A suggestion is a message of type 建言 that carries its
-- campaign here; support (支持) is one row per account, and staff feedback
-- (采纳 or 答复) sits beside the suggestion.
CREATE TABLE campaigns (
    id          INTEGER PRIMARY KEY,
    title       TEXT NOT NULL,
    description TEXT NOT NULL,
    tags        TEXT NOT NULL DEFAULT '',
    opens_at    TIMESTAMP NOT NULL,
    closes_at   TIMESTAMP NOT NULL,
    public      INTEGER NOT NULL,
    created_by  INTEGER NOT NULL REFERENCES users (id),
    created_at  TIMESTAMP NOT NULL
);
CREATE INDEX campaigns_closes ON campaigns (closes_at);

CREATE TABLE campaign_boards (
    campaign_id INTEGER NOT NULL REFERENCES campaigns (id),
    board_id    INTEGER NOT NULL REFERENCES boards (id),
    PRIMARY KEY (campaign_id, board_id)
);

CREATE TABLE campaign_suggestions (
    message_id  INTEGER PRIMARY KEY REFERENCES messages (id),
    campaign_id INTEGER NOT NULL REFERENCES campaigns (id),
    supports    INTEGER NOT NULL DEFAULT 0,
    outcome     TEXT NOT NULL DEFAULT '',
    feedback    TEXT NOT NULL DEFAULT '',
    feedback_by INTEGER REFERENCES users (id),
    feedback_at TIMESTAMP
);
-- The campaign page's three lists, each read in index order: the most
-- supported, the newest, and those with an outcome.
CREATE INDEX campaign_suggestions_support ON campaign_suggestions (campaign_id, supports, message_id);
CREATE INDEX campaign_suggestions_latest ON campaign_suggestions (campaign_id, message_id);
CREATE INDEX campaign_suggestions_outcome ON campaign_suggestions (campaign_id, outcome, message_id);

CREATE TABLE campaign_supports (
    message_id INTEGER NOT NULL REFERENCES messages (id),
    user_id    INTEGER NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (message_id, user_id)
);
