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

-- Token buckets of the rate limits (internal/ratelimit), shared by every
-- instance on one database so that a limit, and the lockout after failed
-- logins, holds for the whole board rather than per process.
CREATE TABLE rate_buckets (
    scope      TEXT NOT NULL,
    bucket_key TEXT NOT NULL,
    tokens     DOUBLE PRECISION NOT NULL,
    at         TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (scope, bucket_key)
);
CREATE INDEX rate_buckets_at ON rate_buckets (at);
