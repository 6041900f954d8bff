-- Hot issues, recomputed by the job runner over a sliding window and read
-- by the home page, the statistics pages and the API.
CREATE TABLE hot_issues (
    id          INTEGER PRIMARY KEY,
    region_code TEXT NOT NULL,
    rank        INTEGER NOT NULL,
    heat        REAL NOT NULL,
    place       TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL,
    started_at  TIMESTAMP NOT NULL,
    ended_at    TIMESTAMP NOT NULL,
    messages    INTEGER NOT NULL,
    authors     INTEGER NOT NULL,
    message_ids TEXT NOT NULL,
    computed_at TIMESTAMP NOT NULL
);
CREATE INDEX hot_issues_region ON hot_issues (region_code, rank);
