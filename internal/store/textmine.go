package store

import (
	"context"
	"database/sql"
	"fmt"
	"math/bits"
	"strings"
	"time"
)

// fpBlock is the i-th 16-bit block of a fingerprint. Two fingerprints
// within 3 differing bits agree on at least one of the four blocks, so the
// indexed blocks find every near-duplicate candidate.
func fpBlock(fp uint64, i int) int64 { return int64(uint16(fp >> (16 * i))) }

// DuplicateSearch is a near-duplicate search begun before the write
// transaction (Store.BeginDuplicateSearch) and finished inside it
// (Tx.NearDuplicate).
type DuplicateSearch struct {
	fp          uint64
	maxDistance int
	since       time.Time
	found       int64 // the original found before the transaction, or 0
	after       int64 // messages up to this ID were searched before it
}

// BeginDuplicateSearch looks for the original of a message with
// fingerprint fp among messages written since `since`, outside the write
// transaction. On SQLite the single writer is what limits submissions,
// and the candidate rows a common subject matches are most of a
// submission's reading, so they are read here on a reader while other
// submissions write; the transaction then looks only at the messages
// written since. This is exact because SQLite's one writer hands out IDs
// in commit order: every message up to the largest ID read here was
// committed when it was read. PostgreSQL's sequences promise no such
// order, and its readers do not hold up writers, so there the whole
// search stays in the transaction.
func (s *Store) BeginDuplicateSearch(ctx context.Context, fp uint64, maxDistance int, since time.Time) (*DuplicateSearch, error) {
	d := &DuplicateSearch{fp: fp, maxDistance: maxDistance, since: since}
	if s.dialect != SQLite {
		return d, nil
	}
	var after sql.NullInt64
	if err := s.reader().queryRow(ctx, "SELECT MAX(id) FROM messages").Scan(&after); err != nil {
		return nil, fmt.Errorf("store: unable to look up near-duplicates: %w", err)
	}
	found, err := nearDuplicate(ctx, s.reader(), d, 0)
	if err != nil {
		return nil, err
	}
	d.found, d.after = found, after.Int64
	return d, nil
}

// NearDuplicate finishes the search d: the original of the message, the
// oldest within the distance, following that message's own link to its
// original; 0 when there is none.
func (t *Tx) NearDuplicate(ctx context.Context, d *DuplicateSearch) (int64, error) {
	if d.found != 0 {
		// Messages written since have larger IDs: the oldest stands.
		return d.found, nil
	}
	if d.after > 0 {
		if id, ok, err := t.recentDuplicate(ctx, d); err != nil || ok {
			return id, err
		}
	}
	return nearDuplicate(ctx, t.conn, d, d.after)
}

// recentMax is how many messages written since a duplicate search began
// the transaction reads whole, by ID, instead of through the fingerprint
// indexes.
const recentMax = 64

// recentDuplicate finishes d on SQLite's writer when few messages were
// written since its reader's search, which at 500 submissions a second
// is a handful: it reads them by ID, the newest rows of the table, and
// compares their fingerprints, instead of seeking four fingerprint
// indexes: 0.014 ms of the single writer's time a submission instead of
// 0.036 ms (BENCHMARKS.md, "Session 9"). Two fingerprints within the
// distance share one of the four blocks, so comparing them directly finds
// what the indexes would. The window's start is checked here, not in the
// query, so that nothing offers the planner the index on created_at
// instead of the table's own order. It reports false when more than
// recentMax were written, for the indexes to answer.
func (t *Tx) recentDuplicate(ctx context.Context, d *DuplicateSearch) (id int64, ok bool, err error) {
	type row struct {
		dupCandidate
		at time.Time
	}
	rows, err := collect(ctx, t.conn, func(r scanner) (row, error) {
		var c row
		err := r.Scan(&c.id, &c.fp, &c.dup, &c.at)
		return c, err
	}, "SELECT id, fingerprint, COALESCE(duplicate_of, 0), created_at FROM messages WHERE id > ? ORDER BY id LIMIT ?", d.after, recentMax+1)
	if err != nil {
		return 0, false, fmt.Errorf("store: unable to look up near-duplicates: %w", err)
	}
	if len(rows) > recentMax {
		return 0, false, nil
	}
	cs := make([]dupCandidate, 0, len(rows))
	for _, r := range rows {
		if r.fp != 0 && !r.at.Before(d.since) {
			cs = append(cs, r.dupCandidate)
		}
	}
	return d.original(cs), true, nil
}

// dupCandidate is a message that may be the original of a near-duplicate:
// its ID, fingerprint and own original (0 when it has none).
type dupCandidate struct {
	id, fp, dup int64
}

// original is the original of d's message among candidates in ID order:
// the first within the distance, or the message it is itself a
// duplicate of; 0 when none is within it.
func (d *DuplicateSearch) original(cs []dupCandidate) int64 {
	for _, c := range cs {
		if bits.OnesCount64(uint64(c.fp)^d.fp) <= d.maxDistance {
			if c.dup != 0 {
				return c.dup
			}
			return c.id
		}
	}
	return 0
}

// nearDuplicateSQL lists the candidates of a near-duplicate: the messages
// with a fingerprint, written since ? and after ID ?, that share one of
// the four blocks. It is one SELECT per block joined by UNION rather than
// the four conditions ORed: each branch then reads its own partial index
// with the whole condition, which SQLite cannot do for the terms of an OR
// (it walked every message from the first ID instead).
var nearDuplicateSQL = func() string {
	var branches []string
	for i := range 4 {
		branches = append(branches, fmt.Sprintf(`SELECT id, fingerprint, COALESCE(duplicate_of, 0) FROM messages
		WHERE fp%d = ? AND fingerprint <> 0 AND created_at >= ? AND id > ?`, i))
	}
	return strings.Join(branches, " UNION ") + " ORDER BY id LIMIT 500"
}()

// nearDuplicate searches the messages after ID `after` on c. Each block
// is read from its index on (block, created_at) of the messages with a
// fingerprint (migration 0027), so a lookup reads only the window's
// matches, however many messages are older or have no fingerprint.
func nearDuplicate(ctx context.Context, c conn, d *DuplicateSearch, after int64) (int64, error) {
	fp := d.fp
	if c.pg {
		// One plan serves every fingerprint (the four block indexes, each
		// bounded by the window), and planning it for each submission's
		// values took 0.3 ms, three times as long as running it. On
		// PostgreSQL the lookup runs in the submission's transaction, and
		// the rest of that transaction (inserts and lookups by key) plans
		// the same for any values, so the setting is left to its end.
		if _, err := c.exec(ctx, "SET LOCAL plan_cache_mode = force_generic_plan"); err != nil {
			return 0, fmt.Errorf("store: unable to look up near-duplicates: %w", err)
		}
	}
	var args []any
	for i := range 4 {
		args = append(args, fpBlock(fp, i), d.since.UTC(), after)
	}
	cs, err := collect(ctx, c, func(r scanner) (dupCandidate, error) {
		var c dupCandidate
		err := r.Scan(&c.id, &c.fp, &c.dup)
		return c, err
	}, nearDuplicateSQL, args...)
	if err != nil {
		return 0, fmt.Errorf("store: unable to look up near-duplicates: %w", err)
	}
	return d.original(cs), nil
}

// Duplicates lists the messages linked to an original, for staff.
func (s *Store) Duplicates(ctx context.Context, originalID int64) ([]int64, error) {
	return collect(ctx, s.reader(), scanID, "SELECT id FROM messages WHERE duplicate_of = ? ORDER BY id", originalID)
}

// SetReplyQuality stores a reply's quality score.
func (t *Tx) SetReplyQuality(ctx context.Context, replyID int64, score int) error {
	_, err := t.exec(ctx, "UPDATE replies SET quality = ? WHERE id = ?", score, replyID)
	return err
}

// TrainingText is a message's text with the domain it ended up in.
type TrainingText struct {
	Title, Body, Domain string
}

// TrainingTexts returns the accepted messages with their domains as
// authors chose them and staff corrected them, newest first, for
// retraining the classifier on the board's own labels.
func (s *Store) TrainingTexts(ctx context.Context, limit int) ([]TrainingText, error) {
	return collect(ctx, s.reader(), func(r scanner) (TrainingText, error) {
		var t TrainingText
		err := r.Scan(&t.Title, &t.Body, &t.Domain)
		return t, err
	}, "SELECT title, body, domain FROM messages WHERE status NOT IN ('submitted', 'rejected') ORDER BY id DESC LIMIT ?", limit)
}

// RecentTexts returns the text of recent messages and replies, from which
// the reply scorer learns how common each word is.
func (s *Store) RecentTexts(ctx context.Context, limit int) ([]string, error) {
	msgs, err := collect(ctx, s.reader(), func(r scanner) (string, error) {
		var t, b string
		err := r.Scan(&t, &b)
		return t + b, err
	}, "SELECT title, body FROM messages ORDER BY id DESC LIMIT ?", limit)
	if err != nil {
		return nil, err
	}
	replies, err := collect(ctx, s.reader(), func(r scanner) (string, error) {
		var b string
		err := r.Scan(&b)
		return b, err
	}, "SELECT body FROM replies ORDER BY id DESC LIMIT ?", limit)
	return append(msgs, replies...), err
}
