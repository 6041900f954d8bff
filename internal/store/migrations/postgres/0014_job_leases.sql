-- One row per background job of `liuyan serve`: which instance ran it last
-- and when it is next due. An instance runs a job only while it holds the
-- job's row locked (FOR UPDATE SKIP LOCKED) and next_at has passed, so with
-- several instances on one database each job runs once per period.
CREATE TABLE job_leases (
    name    TEXT PRIMARY KEY,
    holder  TEXT NOT NULL DEFAULT '',
    ran_at  TIMESTAMPTZ,
    next_at TIMESTAMPTZ NOT NULL
);
