package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"liuyan/internal/lifecycle"
)

// PageKey is what the public page of a message depends on beyond the
// binary that renders it: the message's page_version, which every write
// to the message or to what its page shows (log, replies, follow-ups,
// rating, images) bumps in its transaction, and the site's page
// generation, which changes that rewrite many messages at once bump (a
// vocabulary term renamed). Status and Deadline come with them because
// the page's overdue and due-soon flags depend on the clock as well.
//
// A page rendered from reads made after its key was read is never older
// than the key says, so a copy kept under a key may be served for as long
// as PageKey returns the same key: this is what lets several instances
// keep rendered pages without telling each other of changes.
type PageKey struct {
	Version    int64
	Generation int64
	Status     lifecycle.State
	Deadline   time.Time
}

// PageKey reads message id's key, in one indexed read from where the
// request's public reads go (the replica for anonymous visitors when one
// is attached, as the page itself). ErrNotFound when the public may not
// see the message, so a private one is never kept or served.
func (s *Store) PageKey(ctx context.Context, id int64) (PageKey, error) {
	cond, args := Viewer{}.where()
	var k PageKey
	var deadline sql.NullTime
	err := s.public(ctx).queryRow(ctx, `SELECT m.page_version, g.n, m.status, m.deadline
		FROM messages m CROSS JOIN page_generation g WHERE m.id = ? AND g.id = 1 AND `+cond,
		append([]any{id}, args...)...).Scan(&k.Version, &k.Generation, &k.Status, &deadline)
	if errors.Is(err, sql.ErrNoRows) {
		return k, ErrNotFound
	}
	if err != nil {
		return k, fmt.Errorf("store: unable to read a message page's key: %w", err)
	}
	k.Deadline = timeOf(deadline)
	return k, nil
}

// touchPage marks message id's page changed, in the transaction of the
// change. UpdateMessage does it itself; writes that show on the page
// without it call this.
func (t *Tx) touchPage(ctx context.Context, id int64) error {
	if _, err := t.exec(ctx, "UPDATE messages SET page_version = page_version + 1 WHERE id = ?", id); err != nil {
		return fmt.Errorf("store: unable to mark a message's page changed: %w", err)
	}
	return nil
}

// touchAllPages marks every message's page changed, for a change that
// rewrites what many of them show.
func (t *Tx) touchAllPages(ctx context.Context) error {
	if _, err := t.exec(ctx, "UPDATE page_generation SET n = n + 1 WHERE id = 1"); err != nil {
		return fmt.Errorf("store: unable to mark the pages changed: %w", err)
	}
	return nil
}
