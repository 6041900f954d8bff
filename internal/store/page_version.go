package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"liuyan/internal/board"
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

// touchAllPages marks every message's and board's page changed, for a
// change that rewrites what many of them show: a term of the vocabulary
// renamed, or added, retired or deleted (the boards' filters list them).
func (t *Tx) touchAllPages(ctx context.Context) error {
	if _, err := t.exec(ctx, "UPDATE page_generation SET n = n + 1 WHERE id = 1"); err != nil {
		return fmt.Errorf("store: unable to mark the pages changed: %w", err)
	}
	return nil
}

// BoardPageKey is what the public page of a board depends on beyond the
// binary that renders it and the clock: the board's own row, its
// page_version and the site's page generation. Every write that changes
// what the page shows bumps page_version in its transaction: any write
// to one of the board's messages (UpdateMessage, bulk imports), a change
// to the board's row, and a fold that changes the board's rollup cells
// (the figures the page shows). The board comes with the key so that the
// page is rendered from a row exactly as new as the key.
type BoardPageKey struct {
	Board      board.Board
	Version    int64
	Generation int64
}

// BoardPageKey reads board id's key in one read by primary key, from where
// the request's public reads go, as PageKey does. ErrNotFound for no such
// board.
func (s *Store) BoardPageKey(ctx context.Context, id int64) (BoardPageKey, error) {
	var k BoardPageKey
	b := &k.Board
	err := s.public(ctx).queryRow(ctx, `SELECT b.id, b.name, b.region_code, b.kind, b.title, b.office_unit_id, b.joined_at,
		b.signoff_required, b.page_version, g.n FROM boards b CROSS JOIN page_generation g WHERE b.id = ? AND g.id = 1`, id).
		Scan(&b.ID, &b.Name, &b.RegionCode, &b.Kind, &b.Title, &b.OfficeUnitID, &b.JoinedAt, &b.SignoffRequired, &k.Version, &k.Generation)
	if errors.Is(err, sql.ErrNoRows) {
		return k, ErrNotFound
	}
	if err != nil {
		return k, fmt.Errorf("store: unable to read a board page's key: %w", err)
	}
	b.JoinedAt = b.JoinedAt.UTC()
	return k, nil
}

// touchBoards marks the pages of boards ids changed, in the transaction
// of the change.
//
// On PostgreSQL the bump locks each board's row until the transaction
// ends, so writes to messages of one board queue behind each other for
// the rest of their transactions. That is accepted here: the actions on
// a message are short transactions (a few milliseconds), and even the
// busiest board of a national deployment takes a few writes a minute
// (about 17,000 messages over two years at a million, each with a handful
// of actions), so two of them rarely meet; the fold and the import bump
// each board once per transaction, in ascending order so that two of
// them cannot deadlock.
//
// The lock taken is FOR NO KEY UPDATE, the one PostgreSQL's UPDATE of a
// column outside every key takes, not FOR UPDATE: it lets transactions
// insert messages of the board meanwhile (their foreign-key checks hold
// FOR KEY SHARE on its row). With FOR UPDATE, a batch of liuyan gen that
// had inserted messages of a board and waited for the stats lock
// deadlocked with the fold that held the lock and bumped the board.
func (t *Tx) touchBoards(ctx context.Context, ids []int64) error {
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	lock := ""
	if t.dialect == Postgres {
		lock = " FOR NO KEY UPDATE"
	}
	for start := 0; start < len(ids); start += bulkRows {
		chunk := ids[start:min(start+bulkRows, len(ids))]
		if _, err := t.exec(ctx, "UPDATE boards SET page_version = page_version + 1 WHERE id IN (SELECT id FROM boards WHERE id IN ("+
			placeholders(len(chunk))+") ORDER BY id"+lock+")", idArgs(chunk)...); err != nil {
			return fmt.Errorf("store: unable to mark boards' pages changed: %w", err)
		}
	}
	return nil
}
