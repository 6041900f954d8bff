package store

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"liuyan/internal/lifecycle"
	"liuyan/internal/message"
)

// Queue narrows a work list: the moderators' review queue, a board
// office's inbox, a unit's workbench, a supervisor's overdue list. Every
// field left zero does not narrow.
type Queue struct {
	States       []lifecycle.State
	BoardID      int64
	UnitID       int64
	RegionPrefix string
	// DueBefore keeps messages whose deadline falls before it: the overdue
	// (before now) and the due soon (before the next working day's end).
	DueBefore time.Time
	// PendingExtension and ReplyPending keep messages that wait for the
	// board office's approval of an extension or of a final reply.
	PendingExtension bool
	ReplyPending     bool
	Limit            int
}

// Queue lists the messages of a work list that the viewer may see, the
// most urgent first: by deadline, then in order of arrival, so a queue is
// worked from the top.
func (s *Store) Queue(ctx context.Context, q Queue, v Viewer) ([]*message.Message, error) {
	cond, args := v.where()
	sql := "SELECT " + messageColumns + messageFrom + " WHERE " + cond
	add := func(c string, arg ...any) {
		sql += " AND " + c
		args = append(args, arg...)
	}
	if len(q.States) > 0 {
		states := make([]any, len(q.States))
		for i, st := range q.States {
			states[i] = st
		}
		add("m.status IN ("+placeholders(len(states))+")", states...)
	}
	if q.BoardID != 0 {
		add("m.board_id = ?", q.BoardID)
	}
	if q.UnitID != 0 {
		add("m.unit_id = ?", q.UnitID)
	}
	if q.RegionPrefix != "" {
		add("m.region_code LIKE ?", q.RegionPrefix+"%")
	}
	if !q.DueBefore.IsZero() {
		add("m.deadline < ?", q.DueBefore.UTC())
	}
	if q.PendingExtension {
		sql += " AND m.pending_extension > 0"
	}
	if q.ReplyPending {
		add("m.reply_pending = ?", true)
	}
	if q.Limit <= 0 {
		q.Limit = 100
	}
	sql += fmt.Sprintf(" ORDER BY CASE WHEN m.deadline IS NULL THEN 1 ELSE 0 END, m.deadline, m.id LIMIT %d", q.Limit)
	ms, err := collect(ctx, s.reader(), scanMessage, sql, args...)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list queue: %w", err)
	}
	return ms, loadTags(ctx, s.reader(), ms...)
}

// containing is the LIKE pattern (with ESCAPE '\') for text that holds s
// literally, its wildcards escaped. ok is false when s cannot be in a text
// column at all — a NUL, bytes that are not UTF-8, which PostgreSQL
// refuses as a parameter — so the caller answers "nothing" without asking.
func containing(s string) (pattern string, ok bool) {
	if !utf8.ValidString(s) || strings.IndexByte(s, 0) >= 0 {
		return "", false
	}
	return "%" + strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s) + "%", true
}
