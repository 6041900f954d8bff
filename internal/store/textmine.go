package store

import (
	"context"
	"fmt"
	"math/bits"
	"time"
)

// fpBlock is the i-th 16-bit block of a fingerprint. Two fingerprints
// within 3 differing bits agree on at least one of the four blocks, so the
// indexed blocks find every near-duplicate candidate.
func fpBlock(fp uint64, i int) int64 { return int64(uint16(fp >> (16 * i))) }

// NearDuplicate finds the original of a message with fingerprint fp among
// messages written since `since`: the oldest within maxDistance bits,
// following that message's own link to its original. 0 when there is none.
func (t *Tx) NearDuplicate(ctx context.Context, fp uint64, maxDistance int, since time.Time) (int64, error) {
	type cand struct {
		id, fp, dup int64
	}
	cs, err := collect(ctx, t.conn, func(r scanner) (cand, error) {
		var c cand
		err := r.Scan(&c.id, &c.fp, &c.dup)
		return c, err
	}, `SELECT id, fingerprint, COALESCE(duplicate_of, 0) FROM messages
		WHERE (fp0 = ? OR fp1 = ? OR fp2 = ? OR fp3 = ?) AND fingerprint <> 0 AND created_at >= ? ORDER BY id LIMIT 500`,
		fpBlock(fp, 0), fpBlock(fp, 1), fpBlock(fp, 2), fpBlock(fp, 3), since.UTC())
	if err != nil {
		return 0, fmt.Errorf("store: unable to look up near-duplicates: %w", err)
	}
	for _, c := range cs {
		if bits.OnesCount64(uint64(c.fp)^fp) <= maxDistance {
			if c.dup != 0 {
				return c.dup, nil
			}
			return c.id, nil
		}
	}
	return 0, nil
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
