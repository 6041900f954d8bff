-- One row per background job of `liuyan serve`: which instance ran it last
-- and when it is next due (see the PostgreSQL migration; on SQLite one
-- process serves, and the row only records the runs).
CREATE TABLE job_leases (
    name    TEXT PRIMARY KEY,
    holder  TEXT NOT NULL DEFAULT '',
    ran_at  TIMESTAMP,
    next_at TIMESTAMP NOT NULL
);
