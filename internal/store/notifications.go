package store

import (
	"context"
	"fmt"
	"time"

	"liuyan/internal/lifecycle"
)

// Notification is something a person was told about a message.
type Notification struct {
	ID        int64            `json:"id"`
	MessageID int64            `json:"message_id"`
	Title     string           `json:"title"`
	Kind      lifecycle.Action `json:"kind"`
	CreatedAt time.Time        `json:"created_at"`
	Read      bool             `json:"read"`
}

// Notifications lists what a person was told, newest first: their own,
// and their unit's when they handle for a unit.
func (s *Store) Notifications(ctx context.Context, userID, unitID int64, limit int) ([]Notification, error) {
	ns, err := collect(ctx, s.reader(), func(r scanner) (Notification, error) {
		var n Notification
		var read int
		err := r.Scan(&n.ID, &n.MessageID, &n.Title, &n.Kind, &n.CreatedAt, &read)
		n.CreatedAt, n.Read = n.CreatedAt.UTC(), read > 0
		return n, err
	}, `SELECT n.id, n.message_id, m.title, n.kind, n.created_at,
			(SELECT COUNT(*) FROM notification_reads r WHERE r.notification_id = n.id AND r.user_id = ?)
		FROM notifications n JOIN messages m ON m.id = n.message_id
		WHERE `+forRecipient+` ORDER BY n.id DESC LIMIT ?`,
		userID, userID, unitID, limit)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list notifications: %w", err)
	}
	return ns, nil
}

// forRecipient is the rule of whose a notification is: the person's own,
// or their unit's when they handle for one.
const forRecipient = "(n.user_id = ? OR (n.unit_id IS NOT NULL AND n.unit_id = ?))"

// unread leaves out what the person has read.
const unread = " AND NOT EXISTS (SELECT 1 FROM notification_reads r WHERE r.notification_id = n.id AND r.user_id = ?)"

// MarkRead marks one of the person's notifications read; marking twice is
// harmless. ErrNotFound when the notification is not theirs (or their
// unit's), so that others' notifications do not show.
func (s *Store) MarkRead(ctx context.Context, notificationID, userID, unitID int64) error {
	return s.InTx(ctx, func(tx *Tx) error {
		var n int
		if err := tx.queryRow(ctx, "SELECT COUNT(*) FROM notifications n WHERE n.id = ? AND "+forRecipient, notificationID, userID, unitID).Scan(&n); err != nil {
			return fmt.Errorf("store: unable to find notification: %w", err)
		}
		if n == 0 {
			return ErrNotFound
		}
		_, err := tx.exec(ctx, `INSERT INTO notification_reads (notification_id, user_id, read_at)
			SELECT n.id, ?, ? FROM notifications n WHERE n.id = ?`+unread, userID, time.Now().UTC(), notificationID, userID)
		if err != nil {
			return fmt.Errorf("store: unable to mark notification read: %w", err)
		}
		return nil
	})
}

// MarkAllRead marks every notification of the person read.
func (s *Store) MarkAllRead(ctx context.Context, userID, unitID int64) error {
	_, err := s.writer().exec(ctx, `INSERT INTO notification_reads (notification_id, user_id, read_at)
		SELECT n.id, ?, ? FROM notifications n WHERE `+forRecipient+unread, userID, time.Now().UTC(), userID, unitID, userID)
	if err != nil {
		return fmt.Errorf("store: unable to mark notifications read: %w", err)
	}
	return nil
}

// UnreadNotifications counts the person's unread notifications, up to
// most: the navigation shows "99+" beyond, and counting a unit's whole
// history on every page would cost more than it tells.
func (s *Store) UnreadNotifications(ctx context.Context, userID, unitID int64, most int) (int, error) {
	var n int
	err := s.reader().queryRow(ctx, "SELECT COUNT(*) FROM (SELECT 1 FROM notifications n WHERE "+forRecipient+unread+" LIMIT ?) x",
		userID, unitID, userID, most).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: unable to count unread notifications: %w", err)
	}
	return n, nil
}

// Mail is one notification to send by e-mail to one address.
type Mail struct {
	NotificationID int64
	To             string
	Title          string
	Kind           lifecycle.Action
}

// UnsentMail lists notifications not yet handed to the sender, expanded to
// the e-mail addresses of their recipients (a unit's handlers).
func (s *Store) UnsentMail(ctx context.Context, limit int) (ids []int64, mail []Mail, err error) {
	ids, err = collect(ctx, s.reader(), scanID, "SELECT id FROM notifications WHERE sent_at IS NULL ORDER BY id LIMIT ?", limit)
	if err != nil || len(ids) == 0 {
		return nil, nil, err
	}
	args := make([]any, 0, 2*len(ids))
	for range 2 {
		for _, id := range ids {
			args = append(args, id)
		}
	}
	// The recipients are the person named and the handlers of the unit
	// named. Written as one join on "u.id = n.user_id OR u.unit_id = …"
	// no index serves the join and PostgreSQL read every user for each
	// batch (1–6.6 s among 3.3 million users); as two joins, each reads its
	// users by an index (the primary key, users_unit_handlers). A handler
	// who is also the person named is left out of the second, so each
	// address gets a notification once, as with the single join.
	in := placeholders(len(ids))
	mail, err = collect(ctx, s.reader(), func(r scanner) (Mail, error) {
		var m Mail
		err := r.Scan(&m.NotificationID, &m.To, &m.Title, &m.Kind)
		return m, err
	}, `SELECT n.id, u.email, m.title, n.kind FROM notifications n
			JOIN messages m ON m.id = n.message_id
			JOIN users u ON u.id = n.user_id
			WHERE n.id IN (`+in+`) AND u.email <> ''
		UNION ALL
		SELECT n.id, u.email, m.title, n.kind FROM notifications n
			JOIN messages m ON m.id = n.message_id
			JOIN users u ON u.unit_id = n.unit_id AND u.role = 'handler'
			WHERE n.id IN (`+in+`) AND u.email <> '' AND (n.user_id IS NULL OR u.id <> n.user_id)
		ORDER BY 1`, args...)
	return ids, mail, err
}

// MarkSent records that notifications were handed to the sender.
func (s *Store) MarkSent(ctx context.Context, ids []int64, at time.Time) error {
	if len(ids) == 0 {
		return nil
	}
	args := []any{at.UTC()}
	for _, id := range ids {
		args = append(args, id)
	}
	_, err := s.writer().exec(ctx, "UPDATE notifications SET sent_at = ? WHERE id IN ("+placeholders(len(ids))+")", args...)
	return err
}
