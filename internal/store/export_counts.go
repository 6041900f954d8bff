package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"liuyan/internal/lifecycle"
)

// CountColumn names the column CountBy groups by.
type CountColumn string

// The columns CountBy may group by.
const (
	ByStatus CountColumn = "status"
	ByType   CountColumn = "type"
	ByDomain CountColumn = "domain"
)

// CountBy counts every message per status, type or domain: what an export or
// an import is checked against, and the messages-by-state gauge of
// monitoring. Statuses, types and domains are short lists, so the answer is
// small whatever the store's size.
func (s *Store) CountBy(ctx context.Context, by CountColumn) (map[string]int, error) {
	switch by {
	case ByStatus, ByType, ByDomain:
	default:
		return nil, fmt.Errorf("store: cannot count messages by %q", by)
	}
	type count struct {
		key string
		n   int
	}
	cs, err := collect(ctx, s.reader(), func(r scanner) (count, error) {
		var c count
		err := r.Scan(&c.key, &c.n)
		return c, err
	}, "SELECT "+string(by)+", COUNT(*) FROM messages GROUP BY "+string(by))
	if err != nil {
		return nil, fmt.Errorf("store: unable to count messages by column: %w", err)
	}
	out := make(map[string]int, len(cs))
	for _, c := range cs {
		out[c.key] = c.n
	}
	return out, nil
}

// CountOverdue counts the open messages whose deadline passed before now
// (lifecycle.Overdue, in SQL), the queue the region's supervisors watch.
func (s *Store) CountOverdue(ctx context.Context, now time.Time) (int, error) {
	// The states are written into the SQL, not bound, so that PostgreSQL
	// can see that the partial index on open messages' deadlines applies.
	var open []string
	for _, st := range lifecycle.States {
		if st.Open() {
			open = append(open, "'"+string(st)+"'")
		}
	}
	var n int
	err := s.reader().queryRow(ctx, "SELECT COUNT(*) FROM messages WHERE status IN ("+strings.Join(open, ", ")+") AND deadline < ?",
		now.UTC()).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: unable to count overdue messages: %w", err)
	}
	return n, nil
}
