package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"liuyan/internal/lifecycle"
	"liuyan/internal/message"
	"liuyan/internal/search"
)

const messageColumns = `m.id, m.board_id, m.region_code, m.author_id, u.name, m.type, m.domain, m.title, m.body,
	m.public_title, m.public_body, m.public, m.channel, m.status, COALESCE(m.unit_id, 0), m.reject_reason,
	m.clock_start, m.deadline, m.extension_days, m.pending_extension, m.followups, m.reply_pending,
	m.created_at, m.published_at, m.first_reply_at, m.replied_at, m.updated_at, COALESCE(m.idempotency_key, ''), m.flagged,
	m.suggested_domain, m.suggestion_confidence, m.fingerprint, COALESCE(m.duplicate_of, 0)`

const messageFrom = " FROM messages m JOIN users u ON u.id = m.author_id"

func scanMessage(row scanner) (*message.Message, error) {
	var m message.Message
	var clock, deadline, published, first, replied sql.NullTime
	var flagged string
	var fingerprint int64
	err := row.Scan(&m.ID, &m.BoardID, &m.RegionCode, &m.AuthorID, &m.AuthorName, &m.Type, &m.Domain, &m.Title, &m.Body,
		&m.PublicTitle, &m.PublicBody, &m.Public, &m.Channel, &m.Status, &m.UnitID, &m.RejectReason,
		&clock, &deadline, &m.ExtensionDays, &m.PendingExtension, &m.Followups, &m.ReplyPending,
		&m.CreatedAt, &published, &first, &replied, &m.UpdatedAt, &m.IdempotencyKey, &flagged,
		&m.SuggestedDomain, &m.Confidence, &fingerprint, &m.DuplicateOf)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("store: unable to read message: %w", err)
	}
	m.ClockStart, m.Deadline, m.PublishedAt = timeOf(clock), timeOf(deadline), timeOf(published)
	m.FirstReplyAt, m.RepliedAt = timeOf(first), timeOf(replied)
	m.CreatedAt, m.UpdatedAt = m.CreatedAt.UTC(), m.UpdatedAt.UTC()
	if flagged != "" {
		m.Flagged = strings.Split(flagged, ",")
	}
	m.Fingerprint = uint64(fingerprint)
	return &m, nil
}

// InsertMessage stores a new message with its tags. When the author
// already sent a message with the same idempotency key, nothing is written
// and the earlier message's ID is returned with created false.
//
// The key is checked by the insert itself (ON CONFLICT DO NOTHING on the
// unique author and key), not by a lookup before it: one statement fewer
// for every submission, and a concurrent request with the same key waits
// for the first to commit and then finds its message.
func (t *Tx) InsertMessage(ctx context.Context, m *message.Message) (created bool, err error) {
	var key any
	if m.IdempotencyKey != "" {
		key = m.IdempotencyKey
	}
	fp := int64(m.Fingerprint) // stored as the signed 64-bit integer both databases have
	q := `INSERT INTO messages (board_id, region_code, author_id, type, domain, title, body,
		public_title, public_body, public, channel, status, idempotency_key, flagged, created_at, updated_at,
		suggested_domain, suggestion_confidence, fingerprint, fp0, fp1, fp2, fp3, duplicate_of)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (author_id, idempotency_key) DO NOTHING RETURNING id`
	args := []any{m.BoardID, m.RegionCode, m.AuthorID, m.Type, m.Domain, m.Title, m.Body,
		m.PublicTitle, m.PublicBody, m.Public, m.Channel, m.Status, key, strings.Join(m.Flagged, ","), m.CreatedAt.UTC(), m.CreatedAt.UTC(),
		m.SuggestedDomain, m.Confidence, fp, fpBlock(m.Fingerprint, 0), fpBlock(m.Fingerprint, 1), fpBlock(m.Fingerprint, 2), fpBlock(m.Fingerprint, 3),
		nullID(m.DuplicateOf)}
	if t.dialect == Postgres {
		// The search document goes in with the message, in the same
		// statement: one round trip fewer for every submission. Its
		// block lexeme is of the ID the insert assigns.
		q = `WITH m AS (` + q + `), doc AS (INSERT INTO message_search (message_id, doc)
			SELECT id, CAST(? AS tsvector) || ` + search.BlockTSVectorSQL("id") + ` FROM m)
			SELECT id FROM m`
		d := docOf(m)
		args = append(args, search.TSVectorWithoutBlock(d.title, d.body, d.scope))
	}
	var id int64
	err = t.queryRow(ctx, q, args...).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) && m.IdempotencyKey != "" {
		// The author sent this key before: nothing was written.
		if m.ID, err = messageIDByKey(ctx, t.conn, m.AuthorID, m.IdempotencyKey); err != nil {
			return false, err
		}
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("store: unable to insert message: %w", err)
	}
	m.ID = id
	if m.CampaignID != 0 {
		if err := t.insertSuggestion(ctx, m); err != nil {
			return false, err
		}
	}
	for _, tag := range m.Tags {
		if _, err := t.exec(ctx, "INSERT INTO message_tags (message_id, tag) VALUES (?, ?)", id, tag); err != nil {
			return false, fmt.Errorf("store: unable to tag message: %w", err)
		}
	}
	if t.dialect != Postgres {
		if err := t.indexMessage(ctx, m); err != nil {
			return false, err
		}
	}
	if m.Status != lifecycle.Submitted && m.Status != lifecycle.Rejected {
		// Written already public (tools and tests do): its board shows it.
		if err := t.touchBoards(ctx, []int64{m.BoardID}); err != nil {
			return false, err
		}
	}
	return true, nil
}

// UpdateMessage saves the fields the lifecycle moves: state, unit,
// deadline, counters, and the domain staff may correct. Text and author
// never change. It bumps the message's page_version (PageKey) and its
// board's (BoardPageKey): every action on a message runs it in the
// action's transaction, whatever else the action writes (reply,
// follow-up, rating, event).
func (t *Tx) UpdateMessage(ctx context.Context, m *message.Message) error {
	_, err := t.exec(ctx, `UPDATE messages SET status = ?, unit_id = ?, reject_reason = ?, clock_start = ?, deadline = ?,
		extension_days = ?, pending_extension = ?, followups = ?, reply_pending = ?, published_at = ?,
		first_reply_at = ?, replied_at = ?, updated_at = ?, domain = ?, page_version = page_version + 1 WHERE id = ?`,
		m.Status, nullID(m.UnitID), m.RejectReason, nullTime(m.ClockStart), nullTime(m.Deadline),
		m.ExtensionDays, m.PendingExtension, m.Followups, m.ReplyPending, nullTime(m.PublishedAt),
		nullTime(m.FirstReplyAt), nullTime(m.RepliedAt), m.UpdatedAt.UTC(), m.Domain, m.ID)
	if err != nil {
		return fmt.Errorf("store: unable to update message: %w", err)
	}
	return t.touchBoards(ctx, []int64{m.BoardID})
}

func loadTags(ctx context.Context, c conn, ms ...*message.Message) error {
	if len(ms) == 0 {
		return nil
	}
	byID := make(map[int64]*message.Message, len(ms))
	ids := make([]any, len(ms))
	for i, m := range ms {
		byID[m.ID] = m
		ids[i] = m.ID
		m.Tags = []string{}
	}
	type tagRow struct {
		id  int64
		tag string
	}
	tags, err := collect(ctx, c, func(r scanner) (tagRow, error) {
		var t tagRow
		err := r.Scan(&t.id, &t.tag)
		return t, err
	}, "SELECT message_id, tag FROM message_tags WHERE message_id IN ("+placeholders(len(ids))+") ORDER BY tag", ids...)
	if err != nil {
		return fmt.Errorf("store: unable to read tags: %w", err)
	}
	for _, t := range tags {
		byID[t.id].Tags = append(byID[t.id].Tags, t.tag)
	}
	return nil
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// MessageForUpdate loads a message inside a transaction, locking its row
// on PostgreSQL so concurrent actions on one message run one after another.
func (t *Tx) MessageForUpdate(ctx context.Context, id int64) (*message.Message, error) {
	m, err := scanMessage(t.queryRow(ctx, "SELECT "+messageColumns+messageFrom+" WHERE m.id = ?"+t.forUpdateOf("m"), id))
	if err != nil {
		return nil, err
	}
	return m, loadTags(ctx, t.conn, m)
}

func (t *Tx) forUpdateOf(alias string) string {
	if f := t.forUpdate(); f != "" {
		return f + " OF " + alias
	}
	return ""
}

// Viewer says whose eyes a read is for; the store returns only what they
// may see. This is the one definition of message visibility (DESIGN §3):
// public messages once accepted, to everyone; every message to its author,
// moderators and admins; accepted messages to the board's office, to the
// units that held them and to the region's supervisors.
type Viewer struct {
	UserID       int64
	All          bool   // admins and moderators
	BoardID      int64  // a board office
	UnitID       int64  // a handler's unit
	RegionPrefix string // a supervisor's region subtree, as a code prefix
}

// where returns the SQL condition (on alias m) and its arguments.
func (v Viewer) where() (string, []any) {
	if v.All {
		return "TRUE", nil
	}
	accepted := "m.status NOT IN ('submitted', 'rejected')"
	conds := []string{"(m.public AND " + accepted + ")"}
	var args []any
	if v.UserID != 0 {
		conds = append(conds, "m.author_id = ?")
		args = append(args, v.UserID)
	}
	if v.BoardID != 0 {
		conds = append(conds, "(m.board_id = ? AND "+accepted+")")
		args = append(args, v.BoardID)
	}
	if v.UnitID != 0 {
		conds = append(conds, "(m.unit_id = ? OR EXISTS (SELECT 1 FROM events e WHERE e.message_id = m.id AND e.unit_id = ?))")
		args = append(args, v.UnitID, v.UnitID)
	}
	if v.RegionPrefix != "" {
		conds = append(conds, "(m.region_code LIKE ? AND "+accepted+")")
		args = append(args, v.RegionPrefix+"%")
	}
	return "(" + strings.Join(conds, " OR ") + ")", args
}

// Message returns one message if the viewer may see it, or ErrNotFound, so
// that a private message's existence is never revealed.
func (s *Store) Message(ctx context.Context, id int64, v Viewer) (*message.Message, error) {
	cond, args := v.where()
	m, err := scanMessage(s.public(ctx).queryRow(ctx, "SELECT "+messageColumns+messageFrom+" WHERE m.id = ? AND "+cond, append([]any{id}, args...)...))
	if err != nil {
		return nil, err
	}
	return m, loadTags(ctx, s.public(ctx), m)
}

// Filter narrows a message list.
type Filter struct {
	BoardID      int64
	RegionPrefix string
	Status       lifecycle.State
	Type         string
	Domain       string
	UnitID       int64
	AuthorID     int64
	// IDs, when set, keeps only these messages.
	IDs []int64
	// Statuses, when set, keeps messages in any of these states.
	Statuses []lifecycle.State
	// CreatedFrom and CreatedTo bound when messages were written; zero
	// means unbounded.
	CreatedFrom, CreatedTo time.Time
	// Before is the keyset cursor: only messages with a smaller ID.
	Before int64
	Limit  int
}

// Messages lists the messages a viewer may see, newest first.
func (s *Store) Messages(ctx context.Context, f Filter, v Viewer) ([]*message.Message, error) {
	if f.Status == "" && len(f.Statuses) > 1 {
		return s.messagesInStates(ctx, f, v)
	}
	cond, args := v.where()
	filter, filterArgs := f.where()
	q := "SELECT " + messageColumns + messageFrom + " WHERE " + cond + " AND " + filter
	args = append(args, filterArgs...)
	if f.Limit <= 0 {
		f.Limit = 20
	}
	q += fmt.Sprintf(" ORDER BY m.id DESC LIMIT %d", f.Limit)
	ms, err := collect(ctx, s.public(ctx), scanMessage, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list messages: %w", err)
	}
	return ms, loadTags(ctx, s.public(ctx), ms...)
}

// messagesInStates lists a filter of several states as one list per
// state, merged newest first. Asked for the newest messages in any of
// several states at once, PostgreSQL walks every message from the newest
// down, testing each one's state, since no index yields that set in ID
// order: on a large board the newest messages are mostly still open, and
// the answered ones of Open311's status=closed lay behind tens of
// thousands of them (1.1–1.7 s at 10M messages). One state at a time is
// read from the index on (status, id) in order. A message that changes
// state between the lists is shown once.
func (s *Store) messagesInStates(ctx context.Context, f Filter, v Viewer) ([]*message.Message, error) {
	if f.Limit <= 0 {
		f.Limit = 20
	}
	seen := map[lifecycle.State]bool{}
	byID := map[int64]*message.Message{}
	for _, st := range f.Statuses {
		if seen[st] {
			continue
		}
		seen[st] = true
		one := f
		one.Status, one.Statuses = st, nil
		ms, err := s.Messages(ctx, one, v)
		if err != nil {
			return nil, err
		}
		for _, m := range ms {
			byID[m.ID] = m
		}
	}
	all := slices.SortedFunc(maps.Values(byID), func(a, b *message.Message) int { return cmp.Compare(b.ID, a.ID) })
	return all[:min(len(all), f.Limit)], nil
}

// RepliedKey is a replied message's place in the order unrated messages
// are closed in: by the time of the final reply, then by ID.
type RepliedKey struct {
	RepliedAt time.Time
	ID        int64
}

// RepliedBefore lists, in that order, up to limit messages still in state
// replied whose final reply is older than t and that come after the key
// `after` (the zero key for the first batch). The caller closes a batch and
// asks for the next from its last key, so each query reads one batch from
// the index messages_replied_unrated however many wait, and a message it
// may not close (rated meanwhile, a board's longer window) is passed over
// rather than listed again.
func (s *Store) RepliedBefore(ctx context.Context, t time.Time, after RepliedKey, limit int) ([]RepliedKey, error) {
	c := s.reader()
	keys, err := collect(ctx, c, func(r scanner) (RepliedKey, error) {
		var k RepliedKey
		err := r.Scan(&k.RepliedAt, &k.ID)
		return k, err
	}, `SELECT replied_at, id FROM messages WHERE status = 'replied' AND replied_at < ? AND (replied_at, id) > (?, ?)
		ORDER BY replied_at, id LIMIT ?`, c.planEach(t.UTC(), after.RepliedAt.UTC(), after.ID, limit)...)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list replied messages: %w", err)
	}
	return keys, nil
}

// CountMessages counts every message, to tell an empty store from one in use.
func (s *Store) CountMessages(ctx context.Context) (int, error) {
	var n int
	err := s.reader().queryRow(ctx, "SELECT COUNT(*) FROM messages").Scan(&n)
	return n, err
}

func messageIDByKey(ctx context.Context, c conn, authorID int64, key string) (int64, error) {
	var id int64
	err := c.queryRow(ctx, "SELECT id FROM messages WHERE author_id = ? AND idempotency_key = ?", authorID, key).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, ErrNotFound
	}
	if err != nil {
		return 0, fmt.Errorf("store: unable to check idempotency key: %w", err)
	}
	return id, nil
}

// MessageIDByKey finds the message an author sent with an idempotency key.
func (s *Store) MessageIDByKey(ctx context.Context, authorID int64, key string) (int64, error) {
	return messageIDByKey(ctx, s.writer(), authorID, key)
}
