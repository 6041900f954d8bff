package store

import (
	"context"
	"fmt"
	"time"

	"liuyan/internal/message"
)

// Tally is a handful of counts over a period read straight from the
// messages and ratings. The pages show the figures of internal/stats
// (from the rollups) instead; this stays as the raw count the speed check
// (internal/speed) measures the summary against.
type Tally struct {
	Messages int // published in the period (留言量)
	Replied  int // first final reply published in the period (回复量)
	Ratings  int // ratings made in the period
	Good     int // of those, 好评 as message.Rating.Good defines it
}

// TallyScope narrows a tally to a board or a region subtree; zero is the
// whole platform. Private messages count too (DESIGN §3).
type TallyScope struct {
	BoardID      int64
	RegionPrefix string
}

func (sc TallyScope) where(alias string) (string, []any) {
	switch {
	case sc.BoardID != 0:
		return " AND " + alias + ".board_id = ?", []any{sc.BoardID}
	case sc.RegionPrefix != "":
		return " AND " + alias + ".region_code LIKE ?", []any{sc.RegionPrefix + "%"}
	}
	return "", nil
}

// Tally counts messages, replies and ratings in [from, to) within scope.
func (s *Store) Tally(ctx context.Context, scope TallyScope, from, to time.Time) (Tally, error) {
	var t Tally
	cond, args := scope.where("m")
	span := []any{from.UTC(), to.UTC()}
	r := s.public(ctx)
	if err := r.queryRow(ctx, "SELECT COUNT(*) FROM messages m WHERE m.published_at >= ? AND m.published_at < ?"+cond,
		append(span, args...)...).Scan(&t.Messages); err != nil {
		return t, fmt.Errorf("store: unable to count messages: %w", err)
	}
	if err := r.queryRow(ctx, "SELECT COUNT(*) FROM messages m WHERE m.first_reply_at >= ? AND m.first_reply_at < ?"+cond,
		append(span, args...)...).Scan(&t.Replied); err != nil {
		return t, fmt.Errorf("store: unable to count replies: %w", err)
	}
	// Ratings grouped by their total score: at most 13 rows, each judged
	// by message.Rating.Good, the one definition of 好评.
	type group struct{ total, n int }
	gs, err := collect(ctx, r, func(row scanner) (group, error) {
		var g group
		err := row.Scan(&g.total, &g.n)
		return g, err
	}, `SELECT r.resolution + r.attitude + r.speed, COUNT(*) FROM ratings r JOIN messages m ON m.id = r.message_id
		WHERE r.created_at >= ? AND r.created_at < ?`+cond+" GROUP BY r.resolution + r.attitude + r.speed", append(span, args...)...)
	if err != nil {
		return t, fmt.Errorf("store: unable to count ratings: %w", err)
	}
	for _, g := range gs {
		t.Ratings += g.n
		if (message.Rating{Resolution: g.total}).Good() {
			t.Good += g.n
		}
	}
	return t, nil
}

// LatestReplied lists the messages the viewer may see whose final reply
// was published most recently, newest first.
func (s *Store) LatestReplied(ctx context.Context, limit int, v Viewer) ([]*message.Message, error) {
	cond, args := v.where()
	q := "SELECT " + messageColumns + messageFrom + " WHERE m.replied_at IS NOT NULL AND " + cond +
		fmt.Sprintf(" ORDER BY m.replied_at DESC, m.id DESC LIMIT %d", limit)
	ms, err := collect(ctx, s.public(ctx), scanMessage, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list replied messages: %w", err)
	}
	return ms, loadTags(ctx, s.public(ctx), ms...)
}
