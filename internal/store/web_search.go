package store

import (
	"context"
	"fmt"
	"strings"

	"liuyan/internal/message"
)

// SearchTitles lists the messages the viewer may see whose public title
// contains text, newest first, with the keyset cursor of Messages. It
// searches the masked title, so that a search cannot confirm personal data
// hidden from the public. Full-text search of bodies is issue 5's.
func (s *Store) SearchTitles(ctx context.Context, text string, before int64, limit int, v Viewer) ([]*message.Message, error) {
	cond, args := v.where()
	q := "SELECT " + messageColumns + messageFrom + " WHERE " + cond + ` AND m.public_title LIKE ? ESCAPE '\'`
	args = append(args, "%"+likeEscape(strings.TrimSpace(text))+"%")
	if before != 0 {
		q += " AND m.id < ?"
		args = append(args, before)
	}
	if limit <= 0 {
		limit = 20
	}
	q += fmt.Sprintf(" ORDER BY m.id DESC LIMIT %d", limit)
	ms, err := collect(ctx, s.reader(), scanMessage, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: unable to search messages: %w", err)
	}
	return ms, loadTags(ctx, s.reader(), ms...)
}
