package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// HotIssue is one computed hot issue of a region.
type HotIssue struct {
	Rank        int       `json:"rank"`
	Heat        float64   `json:"heat"`
	Place       string    `json:"place,omitempty"`
	Description string    `json:"description"`
	Start       time.Time `json:"start"`
	End         time.Time `json:"end"`
	Messages    int       `json:"messages"`
	Authors     int       `json:"authors"`
	MessageIDs  []int64   `json:"message_ids"`
	ComputedAt  time.Time `json:"computed_at"`
}

// HotText is what hot-issue discovery reads of a message.
type HotText struct {
	ID       int64
	AuthorID int64
	Title    string
	Body     string
	At       time.Time
}

// HotTexts returns the public, accepted messages of a region subtree
// written since `since`, newest first, masked as the public sees them (hot
// issues are published).
//
// How to read them depends on how many messages of the scope the window
// holds: a full window is read best by walking the newest IDs until limit
// are found, an empty or sparse one from messages_created, as a walk would
// pass over every older message (33–88 s at 10 million on PostgreSQL).
// PostgreSQL chooses from its statistics, given a plan for each run's
// values (planEach). SQLite keeps no statistics of the window and would
// always walk; the unary plus on its ORDER BY term stops that, so it reads
// the window from the index and sorts it: a cost bounded by the messages
// written in the window, which at SQLite's scale is the better bet for
// every scope but the country's with a full window.
func (s *Store) HotTexts(ctx context.Context, prefix string, since time.Time, limit int) ([]HotText, error) {
	c := s.reader()
	order := "id DESC"
	if s.dialect == SQLite {
		order = "+id DESC"
	}
	ts, err := collect(ctx, c, func(r scanner) (HotText, error) {
		var h HotText
		err := r.Scan(&h.ID, &h.AuthorID, &h.Title, &h.Body, &h.At)
		h.At = h.At.UTC()
		return h, err
	}, `SELECT id, author_id, public_title, public_body, created_at FROM messages
		WHERE region_code LIKE ? AND public AND status NOT IN ('submitted', 'rejected') AND created_at >= ?
		ORDER BY `+order+` LIMIT ?`, c.planEach(prefix+"%", since.UTC(), limit)...)
	if err != nil {
		return nil, fmt.Errorf("store: unable to read the hot-issue window: %w", err)
	}
	return ts, nil
}

// ReplaceHotIssues swaps a region's hot issues for a new computation in
// one transaction, so readers see the old list or the new, never a mix.
func (s *Store) ReplaceHotIssues(ctx context.Context, regionCode string, issues []HotIssue) error {
	return s.InTx(ctx, func(tx *Tx) error {
		if _, err := tx.exec(ctx, "DELETE FROM hot_issues WHERE region_code = ?", regionCode); err != nil {
			return err
		}
		for _, h := range issues {
			ids := make([]string, len(h.MessageIDs))
			for i, id := range h.MessageIDs {
				ids[i] = strconv.FormatInt(id, 10)
			}
			if _, err := tx.exec(ctx, `INSERT INTO hot_issues (region_code, rank, heat, place, description, started_at, ended_at,
				messages, authors, message_ids, computed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				regionCode, h.Rank, h.Heat, h.Place, h.Description, h.Start.UTC(), h.End.UTC(), h.Messages, h.Authors,
				strings.Join(ids, ","), h.ComputedAt.UTC()); err != nil {
				return fmt.Errorf("store: unable to save hot issue: %w", err)
			}
		}
		return nil
	})
}

// HotIssues returns a region's last computed hot issues, hottest first.
func (s *Store) HotIssues(ctx context.Context, regionCode string, limit int) ([]HotIssue, error) {
	return collect(ctx, s.reader(), func(r scanner) (HotIssue, error) {
		var h HotIssue
		var ids string
		err := r.Scan(&h.Rank, &h.Heat, &h.Place, &h.Description, &h.Start, &h.End, &h.Messages, &h.Authors, &ids, &h.ComputedAt)
		for _, p := range strings.Split(ids, ",") {
			if id, e := strconv.ParseInt(p, 10, 64); e == nil {
				h.MessageIDs = append(h.MessageIDs, id)
			}
		}
		h.Start, h.End, h.ComputedAt = h.Start.UTC(), h.End.UTC(), h.ComputedAt.UTC()
		return h, err
	}, `SELECT rank, heat, place, description, started_at, ended_at, messages, authors, message_ids, computed_at
		FROM hot_issues WHERE region_code = ? ORDER BY rank LIMIT ?`, regionCode, limit)
}
