package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Attachment is an image a citizen attached to a message. The bytes live
// in the database, not on a local disk, so that every instance of a
// deployment behind a load balancer serves them and a database backup
// holds them.
type Attachment struct {
	ID          int64
	MessageID   int64
	Name        string // the file name the citizen gave, for display only
	ContentType string // as detected from the bytes, never as claimed
	Size        int
	Width       int
	Height      int
	Data        []byte // empty in lists
	CreatedAt   time.Time
}

// InsertAttachments stores a message's images and sets their IDs; the
// message's page shows them, so its page_version moves with them.
func (t *Tx) InsertAttachments(ctx context.Context, as []*Attachment) error {
	for _, a := range as {
		if a.CreatedAt.IsZero() {
			a.CreatedAt = time.Now()
		}
		id, err := t.insertID(ctx, `INSERT INTO attachments (message_id, name, content_type, size, width, height, data, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, a.MessageID, a.Name, a.ContentType, len(a.Data), a.Width, a.Height, a.Data, a.CreatedAt.UTC())
		if err != nil {
			return fmt.Errorf("store: unable to insert attachment: %w", err)
		}
		a.ID, a.Size = id, len(a.Data)
		if err := t.touchPage(ctx, a.MessageID); err != nil {
			return err
		}
	}
	return nil
}

// CountAttachments says how many images a message has, to keep within
// the limit when a repeated submission adds none.
func (s *Store) CountAttachments(ctx context.Context, messageID int64) (int, error) {
	var n int
	err := s.reader().queryRow(ctx, "SELECT COUNT(*) FROM attachments WHERE message_id = ?", messageID).Scan(&n)
	return n, err
}

// Attachments lists a message's images without their bytes. The caller
// has checked that the viewer may see the message.
func (s *Store) Attachments(ctx context.Context, messageID int64) ([]Attachment, error) {
	as, err := collect(ctx, s.public(ctx), func(r scanner) (Attachment, error) {
		var a Attachment
		err := r.Scan(&a.ID, &a.MessageID, &a.Name, &a.ContentType, &a.Size, &a.Width, &a.Height, &a.CreatedAt)
		a.CreatedAt = a.CreatedAt.UTC()
		return a, err
	}, `SELECT id, message_id, name, content_type, size, width, height, created_at
		FROM attachments WHERE message_id = ? ORDER BY id`, messageID)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list attachments: %w", err)
	}
	return as, nil
}

// Attachment returns one image with its bytes. It does not check who
// asks: the caller loads the message through the viewer's eyes first.
func (s *Store) Attachment(ctx context.Context, id int64) (*Attachment, error) {
	var a Attachment
	err := s.public(ctx).queryRow(ctx, `SELECT id, message_id, name, content_type, size, width, height, data, created_at
		FROM attachments WHERE id = ?`, id).Scan(&a.ID, &a.MessageID, &a.Name, &a.ContentType, &a.Size, &a.Width, &a.Height, &a.Data, &a.CreatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("store: unable to read attachment: %w", err)
	}
	a.CreatedAt = a.CreatedAt.UTC()
	return &a, nil
}
