-- Rollups for the figures of DESIGN §4, folded from the event log by the
-- stats refresh job (internal/store/stats_refresh.go), never by hand.
--
-- stats_cells is the fine grain: one row per China day, board, unit, type,
-- domain, tag and handling time. tag = '' rows count every message once;
-- a tagged message is counted again under each of its tags. days is the
-- working days from publication to the first final reply on rows that
-- count first replies, and -1 on every other row, so that the median and
-- p90 are read from the same rows as the counts.
CREATE TABLE stats_cells (
    day         INTEGER NOT NULL,
    region_code TEXT NOT NULL,
    board_id    INTEGER NOT NULL,
    unit_id     INTEGER NOT NULL,
    type        TEXT NOT NULL,
    domain      TEXT NOT NULL,
    tag         TEXT NOT NULL,
    days        INTEGER NOT NULL,
    published   INTEGER NOT NULL DEFAULT 0,
    received    INTEGER NOT NULL DEFAULT 0,
    replied     INTEGER NOT NULL DEFAULT 0,
    on_time     INTEGER NOT NULL DEFAULT 0,
    cohort      INTEGER NOT NULL DEFAULT 0,
    followups   INTEGER NOT NULL DEFAULT 0,
    ratings     INTEGER NOT NULL DEFAULT 0,
    good        INTEGER NOT NULL DEFAULT 0,
    stars       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, region_code, board_id, unit_id, type, domain, tag, days)
);
CREATE INDEX stats_cells_board ON stats_cells (board_id, day);
CREATE INDEX stats_cells_unit ON stats_cells (unit_id, day) WHERE unit_id <> 0;
CREATE INDEX stats_cells_tag ON stats_cells (tag, day) WHERE tag <> '';
CREATE INDEX stats_cells_domain ON stats_cells (domain, day);
CREATE INDEX stats_cells_type ON stats_cells (type, day);

-- stats_months is the coarse grain the unfiltered figures and rankings
-- read: every message once (no tags), per month and board region.
CREATE TABLE stats_months (
    month       INTEGER NOT NULL,
    region_code TEXT NOT NULL,
    days        INTEGER NOT NULL,
    published   INTEGER NOT NULL DEFAULT 0,
    received    INTEGER NOT NULL DEFAULT 0,
    replied     INTEGER NOT NULL DEFAULT 0,
    on_time     INTEGER NOT NULL DEFAULT 0,
    cohort      INTEGER NOT NULL DEFAULT 0,
    followups   INTEGER NOT NULL DEFAULT 0,
    ratings     INTEGER NOT NULL DEFAULT 0,
    good        INTEGER NOT NULL DEFAULT 0,
    stars       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (month, region_code, days)
);

-- stats_province_months is the same summed by province (the first two
-- digits of the code): the country's figures and the province ranking
-- read a few thousand rows from it, whatever the volume.
CREATE TABLE stats_province_months (
    month       INTEGER NOT NULL,
    province    TEXT NOT NULL,
    days        INTEGER NOT NULL,
    published   INTEGER NOT NULL DEFAULT 0,
    received    INTEGER NOT NULL DEFAULT 0,
    replied     INTEGER NOT NULL DEFAULT 0,
    on_time     INTEGER NOT NULL DEFAULT 0,
    cohort      INTEGER NOT NULL DEFAULT 0,
    followups   INTEGER NOT NULL DEFAULT 0,
    ratings     INTEGER NOT NULL DEFAULT 0,
    good        INTEGER NOT NULL DEFAULT 0,
    stars       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (month, province, days)
);

-- The first published final reply of each board, for first-time responders.
CREATE TABLE stats_board_first (
    board_id       INTEGER PRIMARY KEY,
    first_reply_at TIMESTAMP NOT NULL
);

-- The watermark: every event with an id up to last_event_id is folded.
-- SQLite commits events in id order (one writer), so an id is enough.
CREATE TABLE stats_state (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    last_event_id INTEGER NOT NULL
);
INSERT INTO stats_state (id, last_event_id) VALUES (1, 0);

-- Open messages by deadline, so "overdue now" reads only overdue rows.
CREATE INDEX messages_open_deadline ON messages (deadline) WHERE status IN ('published', 'assigned', 'handling');
