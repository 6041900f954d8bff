-- One row per background job of `liuyan serve`: which instance ran it last
-- and when it is next due (see the PostgreSQL migration; on SQLite one
-- process serves, and the row only records the runs).
CREATE TABLE job_leases (
    name    TEXT PRIMARY KEY,
    holder  TEXT NOT NULL DEFAULT '',
    ran_at  TIMESTAMP,
    next_at TIMESTAMP NOT NULL
);

-- Token buckets of the rate limits (internal/ratelimit), shared by every
-- instance on one database so that a limit, and the lockout after failed
-- logins, holds for the whole board rather than per process.
CREATE TABLE rate_buckets (
    scope      TEXT NOT NULL,
    bucket_key TEXT NOT NULL,
    tokens     REAL NOT NULL,
    at         TIMESTAMP NOT NULL,
    PRIMARY KEY (scope, bucket_key)
);
CREATE INDEX rate_buckets_at ON rate_buckets (at);
