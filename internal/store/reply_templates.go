package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// ReplyTemplate is a unit's ready-made reply text, which its handlers
// insert into a reply and then adapt.
type ReplyTemplate struct {
	ID        int64     `json:"id"`
	UnitID    int64     `json:"unit_id"`
	Title     string    `json:"title"`
	Body      string    `json:"body"`
	UpdatedAt time.Time `json:"updated_at"`
}

const templateColumns = "id, unit_id, title, body, updated_at"

func scanTemplate(r scanner) (ReplyTemplate, error) {
	var t ReplyTemplate
	err := r.Scan(&t.ID, &t.UnitID, &t.Title, &t.Body, &t.UpdatedAt)
	t.UpdatedAt = t.UpdatedAt.UTC()
	return t, err
}

// ReplyTemplates lists a unit's templates by title.
func (s *Store) ReplyTemplates(ctx context.Context, unitID int64) ([]ReplyTemplate, error) {
	ts, err := collect(ctx, s.reader(), scanTemplate, "SELECT "+templateColumns+" FROM reply_templates WHERE unit_id = ? ORDER BY title, id", unitID)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list reply templates: %w", err)
	}
	return ts, nil
}

// ReplyTemplate reads one template. ErrNotFound when it does not exist.
func (s *Store) ReplyTemplate(ctx context.Context, id int64) (ReplyTemplate, error) {
	t, err := scanTemplate(s.reader().queryRow(ctx, "SELECT "+templateColumns+" FROM reply_templates WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return t, ErrNotFound
	}
	if err != nil {
		return t, fmt.Errorf("store: unable to read reply template: %w", err)
	}
	return t, nil
}

// SaveReplyTemplate adds a template (ID 0) or changes one of the same
// unit. ErrConflict when the unit has another template of that title;
// ErrNotFound when the template to change is not the unit's.
func (t *Tx) SaveReplyTemplate(ctx context.Context, rt *ReplyTemplate) error {
	rt.UpdatedAt = time.Now().UTC().Truncate(time.Second)
	if rt.ID == 0 {
		id, err := t.insertID(ctx, "INSERT INTO reply_templates (unit_id, title, body, updated_at) VALUES (?, ?, ?, ?)",
			rt.UnitID, rt.Title, rt.Body, rt.UpdatedAt)
		if isUnique(err) {
			return ErrConflict
		}
		if err != nil {
			return fmt.Errorf("store: unable to add reply template: %w", err)
		}
		rt.ID = id
		return nil
	}
	res, err := t.exec(ctx, "UPDATE reply_templates SET title = ?, body = ?, updated_at = ? WHERE id = ? AND unit_id = ?",
		rt.Title, rt.Body, rt.UpdatedAt, rt.ID, rt.UnitID)
	if isUnique(err) {
		return ErrConflict
	}
	if err != nil {
		return fmt.Errorf("store: unable to change reply template: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

// DeleteReplyTemplate removes one of the unit's templates; ErrNotFound
// when the unit has no such template.
func (t *Tx) DeleteReplyTemplate(ctx context.Context, unitID, id int64) error {
	res, err := t.exec(ctx, "DELETE FROM reply_templates WHERE id = ? AND unit_id = ?", id, unitID)
	if err != nil {
		return fmt.Errorf("store: unable to delete reply template: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}
