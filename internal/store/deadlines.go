package store

import (
	"context"
	"fmt"
	"time"
)

// DeadlineDue is an open message whose deadline may call for a notice:
// a reminder (催办 by the job runner) or an overdue notice.
type DeadlineDue struct {
	MessageID int64
	Deadline  time.Time
}

// DeadlinesDue lists, earliest deadline first, the open messages whose
// deadline falls before horizon and which still lack a notice for it:
// those past their deadline at now without an overdue notice, and the
// others without a reminder. Which notice is due, if any, is the caller's
// to decide; the unique index on events is what makes each one go out once.
func (s *Store) DeadlinesDue(ctx context.Context, now, horizon time.Time, limit int) ([]DeadlineDue, error) {
	notice := func(action string) string {
		return "EXISTS (SELECT 1 FROM events e WHERE e.message_id = m.id AND e.action = '" + action + "' AND e.deadline = m.deadline)"
	}
	out, err := collect(ctx, s.reader(), func(r scanner) (DeadlineDue, error) {
		var d DeadlineDue
		err := r.Scan(&d.MessageID, &d.Deadline)
		d.Deadline = d.Deadline.UTC()
		return d, err
	}, `SELECT m.id, m.deadline FROM messages m
		WHERE m.status IN ('published', 'assigned', 'handling') AND m.deadline < ?
		AND NOT `+notice("overdue")+` AND (m.deadline < ? OR NOT `+notice("remind")+`)
		ORDER BY m.deadline, m.id LIMIT ?`, horizon.UTC(), now.UTC(), limit)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list deadlines due: %w", err)
	}
	return out, nil
}
