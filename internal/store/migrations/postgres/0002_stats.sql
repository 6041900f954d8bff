-- Rollups for the figures of DESIGN §4, folded from the event log by the
-- stats refresh job (internal/store/stats_refresh.go), never by hand.
--
-- stats_cells is the fine grain: one row per China day, board, unit, type,
-- domain, tag and handling time. tag = '' rows count every message once;
-- a tagged message is counted again under each of its tags. days is the
-- working days from publication to the first final reply on rows that
-- count first replies, and -1 on every other row, so that the median and
-- p90 are read from the same rows as the counts. region_code sorts
-- bytewise (COLLATE "C") so that a region subtree is one index range.
CREATE TABLE stats_cells (
    day         INTEGER NOT NULL,
    region_code TEXT COLLATE "C" NOT NULL,
    board_id    BIGINT NOT NULL,
    unit_id     BIGINT NOT NULL,
    type        TEXT NOT NULL,
    domain      TEXT NOT NULL,
    tag         TEXT NOT NULL,
    days        INTEGER NOT NULL,
    published   BIGINT NOT NULL DEFAULT 0,
    received    BIGINT NOT NULL DEFAULT 0,
    replied     BIGINT NOT NULL DEFAULT 0,
    on_time     BIGINT NOT NULL DEFAULT 0,
    cohort      BIGINT NOT NULL DEFAULT 0,
    followups   BIGINT NOT NULL DEFAULT 0,
    ratings     BIGINT NOT NULL DEFAULT 0,
    good        BIGINT NOT NULL DEFAULT 0,
    stars       BIGINT NOT NULL DEFAULT 0,
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
    region_code TEXT COLLATE "C" NOT NULL,
    days        INTEGER NOT NULL,
    published   BIGINT NOT NULL DEFAULT 0,
    received    BIGINT NOT NULL DEFAULT 0,
    replied     BIGINT NOT NULL DEFAULT 0,
    on_time     BIGINT NOT NULL DEFAULT 0,
    cohort      BIGINT NOT NULL DEFAULT 0,
    followups   BIGINT NOT NULL DEFAULT 0,
    ratings     BIGINT NOT NULL DEFAULT 0,
    good        BIGINT NOT NULL DEFAULT 0,
    stars       BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (month, region_code, days)
);

-- stats_province_months is the same summed by province (the first two
-- digits of the code): the country's figures and the province ranking
-- read a few thousand rows from it, whatever the volume.
CREATE TABLE stats_province_months (
    month       INTEGER NOT NULL,
    province    TEXT COLLATE "C" NOT NULL,
    days        INTEGER NOT NULL,
    published   BIGINT NOT NULL DEFAULT 0,
    received    BIGINT NOT NULL DEFAULT 0,
    replied     BIGINT NOT NULL DEFAULT 0,
    on_time     BIGINT NOT NULL DEFAULT 0,
    cohort      BIGINT NOT NULL DEFAULT 0,
    followups   BIGINT NOT NULL DEFAULT 0,
    ratings     BIGINT NOT NULL DEFAULT 0,
    good        BIGINT NOT NULL DEFAULT 0,
    stars       BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (month, province, days)
);

-- The first published final reply of each board, for first-time responders.
CREATE TABLE stats_board_first (
    board_id       BIGINT PRIMARY KEY,
    first_reply_at TIMESTAMPTZ NOT NULL
);

-- Each event remembers the transaction that wrote it. Transactions commit
-- out of id order here, so an id watermark could pass over an event that
-- commits later. The fold works by transaction instead: a transaction's
-- events become visible together, so it folds whole transactions and notes
-- them in stats_folded_xids; every transaction below xid_lo (the oldest
-- one running at the last fold) is finished and folded, and its notes are
-- dropped.
ALTER TABLE events ADD COLUMN xid xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX events_xid ON events (xid, id);

CREATE TABLE stats_state (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    last_event_id BIGINT NOT NULL,
    xid_lo        BIGINT NOT NULL DEFAULT 0
);
INSERT INTO stats_state (id, last_event_id) VALUES (1, 0);

CREATE TABLE stats_folded_xids (
    xid BIGINT PRIMARY KEY
);

-- Open messages by deadline, so "overdue now" reads only overdue rows.
CREATE INDEX messages_open_deadline ON messages (deadline) WHERE status IN ('published', 'assigned', 'handling');
