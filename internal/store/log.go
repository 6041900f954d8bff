package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"liuyan/internal/message"
)

// AppendEvent writes one entry of a message's log. There is no update or
// delete of events anywhere, and the database refuses them too.
func (t *Tx) AppendEvent(ctx context.Context, e *message.Event) error {
	id, err := t.insertID(ctx, `INSERT INTO events (message_id, actor_id, action, from_state, to_state, unit_id, note, at, deadline)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.MessageID, nullID(e.ActorID), e.Action, e.From, e.To, nullID(e.UnitID), e.Note, e.At.UTC(), nullTime(e.Deadline))
	if isUnique(err) {
		return ErrConflict
	}
	if err != nil {
		return fmt.Errorf("store: unable to append event: %w", err)
	}
	e.ID = id
	return nil
}

// Events returns a message's log, oldest first.
func (s *Store) Events(ctx context.Context, messageID int64) ([]message.Event, error) {
	es, err := collect(ctx, s.public(ctx), func(r scanner) (message.Event, error) {
		var e message.Event
		var deadline sql.NullTime
		err := r.Scan(&e.ID, &e.MessageID, &e.ActorID, &e.Action, &e.From, &e.To, &e.UnitID, &e.Note, &e.At, &deadline)
		e.At, e.Deadline = e.At.UTC(), timeOf(deadline)
		return e, err
	}, `SELECT id, message_id, COALESCE(actor_id, 0), action, from_state, to_state,
		COALESCE(unit_id, 0), note, at, deadline FROM events WHERE message_id = ? ORDER BY id`, messageID)
	if err != nil {
		return nil, fmt.Errorf("store: unable to read events: %w", err)
	}
	return es, nil
}

// InsertReply stores a reply and sets its ID.
func (t *Tx) InsertReply(ctx context.Context, r *message.Reply) error {
	id, err := t.insertID(ctx, `INSERT INTO replies (message_id, kind, body, unit_id, handler_id, published, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, r.MessageID, r.Kind, r.Body, r.UnitID, nullID(r.HandlerID), r.Published, r.CreatedAt.UTC())
	if err != nil {
		return fmt.Errorf("store: unable to insert reply: %w", err)
	}
	r.ID = id
	return nil
}

// PublishPendingReply publishes the final reply that waited for sign-off.
func (t *Tx) PublishPendingReply(ctx context.Context, messageID int64) error {
	res, err := t.exec(ctx, "UPDATE replies SET published = ? WHERE message_id = ? AND kind = 'final' AND NOT published", true, messageID)
	if err != nil {
		return fmt.Errorf("store: unable to publish reply: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

// Replies returns a message's replies, oldest first; unpublished ones only
// when withPending is set (staff reviewing a reply).
func (s *Store) Replies(ctx context.Context, messageID int64, withPending bool) ([]message.Reply, error) {
	q := `SELECT r.id, r.message_id, r.kind, r.body, r.unit_id, u.name, COALESCE(r.handler_id, 0), r.published, r.created_at, r.quality
		FROM replies r JOIN units u ON u.id = r.unit_id WHERE r.message_id = ?`
	if !withPending {
		q += " AND r.published"
	}
	rs, err := collect(ctx, s.public(ctx), func(row scanner) (message.Reply, error) {
		var r message.Reply
		var quality sql.NullInt64
		err := row.Scan(&r.ID, &r.MessageID, &r.Kind, &r.Body, &r.UnitID, &r.UnitName, &r.HandlerID, &r.Published, &r.CreatedAt, &quality)
		r.CreatedAt = r.CreatedAt.UTC()
		if quality.Valid {
			q := int(quality.Int64)
			r.Quality = &q
		}
		return r, err
	}, q+" ORDER BY r.id", messageID)
	if err != nil {
		return nil, fmt.Errorf("store: unable to read replies: %w", err)
	}
	return rs, nil
}

// InsertFollowup stores the author's follow-up question.
func (t *Tx) InsertFollowup(ctx context.Context, f *message.Followup) error {
	id, err := t.insertID(ctx, "INSERT INTO followups (message_id, body, created_at) VALUES (?, ?, ?)", f.MessageID, f.Body, f.CreatedAt.UTC())
	if err != nil {
		return fmt.Errorf("store: unable to insert follow-up: %w", err)
	}
	f.ID = id
	return nil
}

// Followups returns a message's follow-ups, oldest first.
func (s *Store) Followups(ctx context.Context, messageID int64) ([]message.Followup, error) {
	fs, err := collect(ctx, s.public(ctx), func(r scanner) (message.Followup, error) {
		var f message.Followup
		err := r.Scan(&f.ID, &f.MessageID, &f.Body, &f.CreatedAt)
		f.CreatedAt = f.CreatedAt.UTC()
		return f, err
	}, "SELECT id, message_id, body, created_at FROM followups WHERE message_id = ? ORDER BY id", messageID)
	if err != nil {
		return nil, fmt.Errorf("store: unable to read follow-ups: %w", err)
	}
	return fs, nil
}

// InsertRating stores the author's rating; ErrConflict if one exists.
func (t *Tx) InsertRating(ctx context.Context, r *message.Rating) error {
	_, err := t.exec(ctx, `INSERT INTO ratings (message_id, resolution, attitude, speed, comment, created_at)
		VALUES (?, ?, ?, ?, ?, ?)`, r.MessageID, r.Resolution, r.Attitude, r.Speed, r.Comment, r.CreatedAt.UTC())
	if isUnique(err) {
		return ErrConflict
	}
	if err != nil {
		return fmt.Errorf("store: unable to insert rating: %w", err)
	}
	return nil
}

// Rating returns a message's rating, or nil when it has none.
func (s *Store) Rating(ctx context.Context, messageID int64) (*message.Rating, error) {
	var r message.Rating
	err := s.public(ctx).queryRow(ctx, `SELECT message_id, resolution, attitude, speed, comment, created_at
		FROM ratings WHERE message_id = ?`, messageID).Scan(&r.MessageID, &r.Resolution, &r.Attitude, &r.Speed, &r.Comment, &r.CreatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("store: unable to read rating: %w", err)
	}
	r.CreatedAt = r.CreatedAt.UTC()
	return &r, nil
}

// LatestReplies returns each message's newest published reply of the kind
// given ("" for either), for lists that show the latest answer beside each
// message: Open311's status_notes take any, the home page final ones.
// Messages without one are missing from the map.
func (s *Store) LatestReplies(ctx context.Context, messageIDs []int64, kind message.ReplyKind) (map[int64]message.Reply, error) {
	out := make(map[int64]message.Reply, len(messageIDs))
	if len(messageIDs) == 0 {
		return out, nil
	}
	args, cond := idArgs(messageIDs), ""
	if kind != "" {
		cond, args = " AND kind = ?", append(args, kind)
	}
	rs, err := collect(ctx, s.public(ctx), func(row scanner) (message.Reply, error) {
		var r message.Reply
		err := row.Scan(&r.ID, &r.MessageID, &r.Kind, &r.Body, &r.UnitID, &r.UnitName, &r.Published, &r.CreatedAt)
		r.CreatedAt = r.CreatedAt.UTC()
		return r, err
	}, `SELECT r.id, r.message_id, r.kind, r.body, r.unit_id, u.name, r.published, r.created_at
		FROM replies r JOIN units u ON u.id = r.unit_id
		WHERE r.id IN (SELECT MAX(id) FROM replies WHERE published AND message_id IN (`+placeholders(len(messageIDs))+`)`+cond+`
		GROUP BY message_id)`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: unable to read latest replies: %w", err)
	}
	for _, r := range rs {
		out[r.MessageID] = r
	}
	return out, nil
}
