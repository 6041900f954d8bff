package store

import (
	"context"
	"fmt"
	"time"
)

// SensitiveWords lists the admin-managed words, sorted, as stored now:
// an admin sees their change on every instance at once.
func (s *Store) SensitiveWords(ctx context.Context) ([]string, error) {
	return collect(ctx, s.reader(), func(r scanner) (string, error) {
		var w string
		err := r.Scan(&w)
		return w, err
	}, "SELECT word FROM sensitive_words ORDER BY word")
}

// WordsToFlag is SensitiveWords for checking submissions: every submission
// needs them, so they are kept in memory until a change is heard (see
// changes), which on another instance takes as long as a NOTIFY takes to
// arrive. Callers must not modify the slice.
func (s *Store) WordsToFlag(ctx context.Context) ([]string, error) {
	return load(s, &s.words, TopicSensitiveWords, func() ([]string, error) { return s.SensitiveWords(ctx) })
}

// AddSensitiveWord adds a word; adding one twice is harmless.
func (t *Tx) AddSensitiveWord(ctx context.Context, word string) error {
	var n int
	if err := t.queryRow(ctx, "SELECT COUNT(*) FROM sensitive_words WHERE word = ?", word).Scan(&n); err != nil || n > 0 {
		return err
	}
	if _, err := t.exec(ctx, "INSERT INTO sensitive_words (word, created_at) VALUES (?, ?)", word, time.Now().UTC()); err != nil {
		return err
	}
	return t.changed(ctx, TopicSensitiveWords)
}

// RemoveSensitiveWord removes a word; ErrNotFound when it was not listed.
func (t *Tx) RemoveSensitiveWord(ctx context.Context, word string) error {
	res, err := t.exec(ctx, "DELETE FROM sensitive_words WHERE word = ?", word)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return t.changed(ctx, TopicSensitiveWords)
}

// Audit appends one administrative change to the audit log. actorID 0
// means the command line, run by whoever operates the server.
func (t *Tx) Audit(ctx context.Context, actorID int64, action, target, detail string) error {
	_, err := t.exec(ctx, "INSERT INTO audit (actor_id, action, target, detail, at) VALUES (?, ?, ?, ?, ?)",
		nullID(actorID), action, target, detail, time.Now().UTC())
	if err != nil {
		return fmt.Errorf("store: unable to write audit log: %w", err)
	}
	return nil
}

// AuditEntry is one line of the audit log as admins read it: an
// administrative change, or a staff action on a message.
type AuditEntry struct {
	At      time.Time `json:"at"`
	ActorID int64     `json:"actor_id,omitempty"`
	Actor   string    `json:"actor"`
	Role    string    `json:"role,omitempty"`
	Action  string    `json:"action"`
	Target  string    `json:"target"`
	Detail  string    `json:"detail,omitempty"`
}

// AuditLog lists administrative changes and staff actions on messages,
// newest first. Citizens' own actions are not staff actions and are left
// out; they remain in each message's events.
func (s *Store) AuditLog(ctx context.Context, limit int) ([]AuditEntry, error) {
	es, err := collect(ctx, s.reader(), func(r scanner) (AuditEntry, error) {
		var e AuditEntry
		err := r.Scan(&e.At, &e.ActorID, &e.Actor, &e.Role, &e.Action, &e.Target, &e.Detail)
		e.At = e.At.UTC()
		return e, err
	}, `SELECT at, actor_id, actor, role, action, target, detail FROM (
			SELECT a.at AS at, COALESCE(a.actor_id, 0) AS actor_id, COALESCE(u.login, 'cli') AS actor, COALESCE(u.role, '') AS role,
				a.action AS action, a.target AS target, a.detail AS detail
			FROM audit a LEFT JOIN users u ON u.id = a.actor_id
			UNION ALL
			SELECT e.at, e.actor_id, u.login, u.role, e.action, 'message ' || e.message_id, e.note
			FROM events e JOIN users u ON u.id = e.actor_id WHERE u.role <> 'citizen'
		) x ORDER BY at DESC LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("store: unable to read audit log: %w", err)
	}
	return es, nil
}
