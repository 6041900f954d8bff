package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Bucket runs fn on the token bucket of key in scope, under a row lock
// that holds across instances, and stores what fn returns; a bucket never
// seen comes with found false. It makes the store a ratelimit.Shared, so
// that the rate limits of several instances on PostgreSQL are one.
func (s *Store) Bucket(ctx context.Context, scope, key string, fn func(tokens float64, at time.Time, found bool) (float64, time.Time)) error {
	return s.InTx(ctx, func(tx *Tx) error {
		var tokens float64
		var at time.Time
		err := tx.queryRow(ctx, "SELECT tokens, at FROM rate_buckets WHERE scope = ? AND bucket_key = ?"+tx.forUpdate(), scope, key).Scan(&tokens, &at)
		found := err == nil
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("store: unable to read rate bucket: %w", err)
		}
		tokens, at = fn(tokens, at.UTC(), found)
		// Two first requests for one key may both find nothing; the later
		// write wins, which costs at most one token once.
		if _, err := tx.exec(ctx, `INSERT INTO rate_buckets (scope, bucket_key, tokens, at) VALUES (?, ?, ?, ?)
			ON CONFLICT (scope, bucket_key) DO UPDATE SET tokens = excluded.tokens, at = excluded.at`, scope, key, tokens, at.UTC()); err != nil {
			return fmt.Errorf("store: unable to write rate bucket: %w", err)
		}
		return nil
	})
}

// ForgetBucket drops the bucket of key in scope (a successful login
// forgets the failures).
func (s *Store) ForgetBucket(ctx context.Context, scope, key string) error {
	_, err := s.writer().exec(ctx, "DELETE FROM rate_buckets WHERE scope = ? AND bucket_key = ?", scope, key)
	return err
}

// SweepBuckets drops buckets untouched since before: they have refilled,
// and a missing bucket is a full one.
func (s *Store) SweepBuckets(ctx context.Context, before time.Time) (int64, error) {
	res, err := s.writer().exec(ctx, "DELETE FROM rate_buckets WHERE at < ?", before.UTC())
	if err != nil {
		return 0, fmt.Errorf("store: unable to sweep rate buckets: %w", err)
	}
	return res.RowsAffected()
}
