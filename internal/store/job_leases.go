package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// JobRun is what RunJob needs to know about one run of a background job.
type JobRun struct {
	Name   string        // the job, as the runner names it
	Holder string        // the instance asking, recorded for operators
	Now    time.Time     // the runner's clock
	Every  time.Duration // how long the run keeps the job from running again
	// Force runs the job even if it is not due, unless another instance
	// is running it: the last pass of an instance shutting down.
	Force bool
}

// RunJob runs fn as one run of a background job, unless the job is not due
// yet or another instance is running it; it reports whether fn ran.
//
// On PostgreSQL the job's row in job_leases stays locked (FOR UPDATE SKIP
// LOCKED) for the whole run, so a second instance skips the job instead of
// waiting, and a crashed holder's lock goes with its connection. After the
// run, successful or not, next_at moves one period on: instances that tick
// on the same schedule run the job once per period between them. On
// SQLite one process serves, so the row is only checked and recorded.
func (s *Store) RunJob(ctx context.Context, j JobRun, fn func(context.Context) error) (bool, error) {
	if _, err := s.writer().exec(ctx, "INSERT INTO job_leases (name, holder, next_at) VALUES (?, '', ?) ON CONFLICT (name) DO NOTHING",
		j.Name, j.Now.UTC()); err != nil {
		return false, fmt.Errorf("store: unable to register job %s: %w", j.Name, err)
	}
	// A tenth of the period of slack, so that a tick arriving a little
	// early (timers and clocks jitter) does not skip a whole period.
	next := j.Now.Add(j.Every - j.Every/10).UTC()
	record := func(c conn) error {
		_, err := c.exec(ctx, "UPDATE job_leases SET holder = ?, ran_at = ?, next_at = ? WHERE name = ?", j.Holder, j.Now.UTC(), next, j.Name)
		return err
	}
	if s.dialect != Postgres {
		var due time.Time
		if err := s.writer().queryRow(ctx, "SELECT next_at FROM job_leases WHERE name = ?", j.Name).Scan(&due); err != nil {
			return false, fmt.Errorf("store: unable to read job %s: %w", j.Name, err)
		}
		if due.After(j.Now) && !j.Force {
			return false, nil
		}
		runErr := fn(ctx)
		return true, errors.Join(runErr, record(s.writer()))
	}
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("store: unable to begin: %w", err)
	}
	defer tx.Rollback()
	c := conn{q: tx, pg: true}
	q, args := "SELECT name FROM job_leases WHERE name = ?", []any{j.Name}
	if !j.Force {
		q, args = q+" AND next_at <= ?", append(args, j.Now.UTC())
	}
	var name string
	err = c.queryRow(ctx, q+" FOR UPDATE SKIP LOCKED", args...).Scan(&name)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("store: unable to claim job %s: %w", j.Name, err)
	}
	runErr := fn(ctx)
	if err := record(c); err != nil {
		return true, errors.Join(runErr, err)
	}
	if err := tx.Commit(); err != nil {
		return true, errors.Join(runErr, fmt.Errorf("store: unable to release job %s: %w", j.Name, err))
	}
	return true, runErr
}

// JobLease is a job's row as operators see it.
type JobLease struct {
	Name   string
	Holder string
	RanAt  time.Time
	NextAt time.Time
}

// JobLeases lists the background jobs with who ran each last, for tests
// and operators.
func (s *Store) JobLeases(ctx context.Context) ([]JobLease, error) {
	return collect(ctx, s.reader(), func(r scanner) (JobLease, error) {
		var l JobLease
		var ran sql.NullTime
		err := r.Scan(&l.Name, &l.Holder, &ran, &l.NextAt)
		l.RanAt, l.NextAt = timeOf(ran), l.NextAt.UTC()
		return l, err
	}, "SELECT name, holder, ran_at, next_at FROM job_leases ORDER BY name")
}
