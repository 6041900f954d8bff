package store

import (
	"context"
	"fmt"
	"slices"
	"time"

	"liuyan/internal/account"
	"liuyan/internal/lifecycle"
	"liuyan/internal/message"
)

// Record is one message with everything that happened to it: its log,
// replies, follow-ups and rating. It is the unit of import and export, so
// that a message moves between systems whole and at its original times.
type Record struct {
	Message message.Message
	// Source names where the message came from ("liuyan" for a message
	// written on this board) and SourceID its identifier there; the pair is
	// unique, which is what makes importing a file twice add nothing.
	Source   string
	SourceID string
	Likes    int // 点赞数: support on the source platform
	Dislikes int // 反对数
	// Author identifies the author by login and name. On import the account
	// is created when its login is new (see ImportedPasswordHash).
	Author    account.User
	Events    []message.Event
	Replies   []message.Reply
	Followups []message.Followup
	Rating    *message.Rating
	// IndexTitle and IndexBody are the search index's token text of the
	// message's public title and body (search.IndexText), if the caller
	// computed them beforehand: an importer does so on its worker
	// goroutines, off the single writer, which otherwise spends a fifth
	// of a message's indexing on it. Left empty, they are computed when the
	// record is written; PostgreSQL's index does not use them.
	IndexTitle, IndexBody string
}

// ImportedPasswordHash is the password hash of accounts created for the
// authors of imported messages. It is no argon2id hash, so no password
// matches it and nobody can log in as an imported author.
const ImportedPasswordHash = "!imported"

// ImportBatch writes records in one transaction, each with its tags, log,
// replies, follow-ups and rating, at the times they carry, and adds the
// messages to the search index. A record whose
// (Source, SourceID) is already stored is skipped; an added record gets its
// message ID set, a skipped one keeps ID 0. A record without a Source is
// new by definition (generated history, see internal/gen). Authors are
// created as needed, with ImportedPasswordHash; their role is citizen. A
// record whose Author.ID is set names an account the caller found in an
// earlier batch, which saves looking its login up again; every record's
// Message.AuthorID is set when the batch is written.
//
// It is the one bulk path for whole messages: importing files and
// generating history both write through it. The message IDs are reserved
// before writing (nextIDs), so that every table is written without
// reading anything back, by COPY on PostgreSQL.
//
// An event's actor is the author for the author's own actions (submit,
// follow-up, rating) and nobody otherwise: the staff of another system have
// no accounts here.
func (s *Store) ImportBatch(ctx context.Context, recs []*Record) (added int, err error) {
	added, _, err = s.importBatch(ctx, recs, nil)
	return added, err
}

// importBatch is ImportBatch, folding the batch's events with fold as it
// writes them when fold is set and the store allows (see ImportFolded).
func (s *Store) importBatch(ctx context.Context, recs []*Record, fold func([]StatsEvent) StatsDelta) (added int, folded bool, err error) {
	if len(recs) == 0 {
		return 0, fold != nil, nil
	}
	err = s.inBulkTx(ctx, func(tx *Tx) error {
		folded = false
		if fold != nil {
			ready, err := tx.foldReady(ctx)
			if err != nil {
				return err
			}
			folded = ready
		}
		b := tx.bulk()
		defer b.close()
		if err := b.ensureAuthors(ctx, recs); err != nil {
			return err
		}
		if added, err = b.insertRecords(ctx, recs); err != nil {
			return err
		}
		if err := tx.indexRecords(ctx, recs); err != nil {
			return err
		}
		if err := b.insertHistories(ctx, recs); err != nil {
			return err
		}
		if folded {
			if err := tx.foldWritten(ctx, recs, fold); err != nil {
				return err
			}
		}
		// The boards' pages list the new messages. Last, after the stats
		// lock when the batch is folded, as the refresh takes them.
		boards := make([]int64, 0, len(recs))
		for _, r := range recs {
			if r.Message.ID != 0 {
				boards = append(boards, r.Message.BoardID)
			}
		}
		return tx.touchBoards(ctx, boards)
	})
	if err != nil {
		for _, r := range recs {
			r.Message.ID = 0
		}
		return 0, false, err
	}
	return added, folded, nil
}

// ensureAuthors sets every record's Message.AuthorID, creating the
// accounts of logins not seen before.
func (b *bulk) ensureAuthors(ctx context.Context, recs []*Record) error {
	first := map[string]*account.User{}
	var users []*account.User
	for _, r := range recs {
		a := &r.Author
		if a.ID != 0 {
			r.Message.AuthorID = a.ID
			continue
		}
		if u, ok := first[a.Login]; ok {
			if a.CreatedAt.Before(u.CreatedAt) {
				u.CreatedAt = a.CreatedAt
			}
			continue
		}
		c := *a
		first[a.Login] = &c
		users = append(users, &c)
	}
	ids, err := b.authorIDs(ctx, users)
	if err != nil {
		return err
	}
	for _, r := range recs {
		if r.Author.ID == 0 {
			r.Message.AuthorID = ids[r.Author.Login]
		}
	}
	return nil
}

// ImportAuthors creates the accounts of authors of imported or generated
// messages whose logins are new, and returns every login's account ID.
func (s *Store) ImportAuthors(ctx context.Context, users []account.User) (map[string]int64, error) {
	var ids map[string]int64
	err := s.inBulkTx(ctx, func(tx *Tx) error {
		b := tx.bulk()
		defer b.close()
		ps := make([]*account.User, len(users))
		for i := range users {
			ps[i] = &users[i]
		}
		var err error
		ids, err = b.authorIDs(ctx, ps)
		return err
	})
	return ids, err
}

// authorIDs creates the accounts of logins not seen before, with
// ImportedPasswordHash, and maps every login to its account. A login held
// by an account that is not an imported author is refused, so that nobody
// can claim imported messages by registering an author's login first.
func (b *bulk) authorIDs(ctx context.Context, users []*account.User) (map[string]int64, error) {
	rows := make([][]any, 0, len(users))
	for _, u := range users {
		rows = append(rows, []any{u.Login, u.Name, ImportedPasswordHash, account.Citizen, "", u.CreatedAt.UTC()})
	}
	if err := b.insert(ctx, "users", []string{"login", "name", "password_hash", "role", "region_code", "created_at"}, "login", rows, "", nil); err != nil {
		return nil, err
	}
	ids := make(map[string]int64, len(users))
	for start := 0; start < len(users); start += bulkRows {
		chunk := users[start:min(start+bulkRows, len(users))]
		args := make([]any, len(chunk))
		for i, u := range chunk {
			args[i] = u.Login
		}
		type found struct {
			id   int64
			l, h string
		}
		fs, err := collect(ctx, b.tx.conn, func(r scanner) (found, error) {
			var f found
			err := r.Scan(&f.id, &f.l, &f.h)
			return f, err
		}, "SELECT id, login, password_hash FROM users WHERE login IN ("+placeholders(len(chunk))+")", args...)
		if err != nil {
			return nil, fmt.Errorf("store: unable to find authors: %w", err)
		}
		for _, f := range fs {
			if f.h != ImportedPasswordHash {
				return nil, fmt.Errorf("store: login %s belongs to an account that was not imported: %w", f.l, ErrConflict)
			}
			ids[f.l] = f.id
		}
	}
	return ids, nil
}

// messageImportColumns are the columns a bulk-written message fills:
// every field the lifecycle moves, at the values its history left, and
// what text mining reads at submission.
var messageImportColumns = []string{"id", "board_id", "region_code", "author_id", "type", "domain", "title", "body",
	"public_title", "public_body", "public", "channel", "status", "unit_id", "reject_reason", "clock_start",
	"deadline", "extension_days", "pending_extension", "followups", "reply_pending", "created_at",
	"published_at", "first_reply_at", "replied_at", "updated_at", "source", "source_id", "likes", "dislikes",
	"suggested_domain", "suggestion_confidence", "fingerprint", "fp0", "fp1", "fp2", "fp3"}

// insertRecords inserts the messages not stored yet and sets their IDs.
func (b *bulk) insertRecords(ctx context.Context, recs []*Record) (int, error) {
	fresh, err := b.unseen(ctx, recs)
	if err != nil {
		return 0, err
	}
	ids, err := b.tx.nextIDs(ctx, "messages", len(fresh))
	if err != nil {
		return 0, err
	}
	rows := make([][]any, len(fresh))
	for i, r := range fresh {
		m := &r.Message
		m.ID = ids[i]
		var source, sourceID any
		if r.Source != "" {
			source, sourceID = r.Source, r.SourceID
		}
		fp := m.Fingerprint
		rows[i] = []any{m.ID, m.BoardID, m.RegionCode, m.AuthorID, m.Type, m.Domain, m.Title, m.Body,
			m.PublicTitle, m.PublicBody, m.Public, m.Channel, m.Status, nullID(m.UnitID), m.RejectReason, nullTime(m.ClockStart),
			nullTime(m.Deadline), m.ExtensionDays, m.PendingExtension, m.Followups, m.ReplyPending, m.CreatedAt.UTC(),
			nullTime(m.PublishedAt), nullTime(m.FirstReplyAt), nullTime(m.RepliedAt), m.UpdatedAt.UTC(), source, sourceID,
			r.Likes, r.Dislikes, m.SuggestedDomain, m.Confidence, int64(fp),
			fpBlock(fp, 0), fpBlock(fp, 1), fpBlock(fp, 2), fpBlock(fp, 3)}
	}
	return len(fresh), b.write(ctx, "messages", messageImportColumns, rows)
}

// unseen returns the records to add: those without a source, and the
// first of each (Source, SourceID) not stored yet. It clears every
// record's ID.
func (b *bulk) unseen(ctx context.Context, recs []*Record) ([]*Record, error) {
	bySource := map[string]map[string]*Record{}
	for _, r := range recs {
		r.Message.ID = 0
		if r.Source == "" {
			continue
		}
		if r.SourceID == "" {
			return nil, fmt.Errorf("store: an imported message needs a source ID")
		}
		if bySource[r.Source] == nil {
			bySource[r.Source] = map[string]*Record{}
		}
		if _, dup := bySource[r.Source][r.SourceID]; !dup {
			bySource[r.Source][r.SourceID] = r
		}
	}
	stored := map[[2]string]bool{}
	for source, byID := range bySource {
		keys := make([]any, 0, len(byID))
		for id := range byID {
			keys = append(keys, id)
		}
		for start := 0; start < len(keys); start += bulkRows {
			chunk := keys[start:min(start+bulkRows, len(keys))]
			found, err := collect(ctx, b.tx.conn, func(r scanner) (string, error) {
				var id string
				err := r.Scan(&id)
				return id, err
			}, "SELECT source_id FROM messages WHERE source = ? AND source_id IN ("+placeholders(len(chunk))+")",
				append([]any{source}, chunk...)...)
			if err != nil {
				return nil, fmt.Errorf("store: unable to look for imported messages: %w", err)
			}
			for _, id := range found {
				stored[[2]string{source, id}] = true
			}
		}
	}
	fresh := make([]*Record, 0, len(recs))
	for _, r := range recs {
		if r.Source == "" {
			fresh = append(fresh, r)
			continue
		}
		if bySource[r.Source][r.SourceID] == r && !stored[[2]string{r.Source, r.SourceID}] {
			fresh = append(fresh, r)
		}
	}
	return fresh, nil
}

// insertHistories writes the tags, events, replies, follow-ups and ratings
// of the records that insertRecords added.
func (b *bulk) insertHistories(ctx context.Context, recs []*Record) error {
	var tags, events, replies, followups, ratings [][]any
	for _, r := range recs {
		id := r.Message.ID
		if id == 0 {
			continue
		}
		for _, tag := range r.Message.Tags {
			tags = append(tags, []any{id, tag})
		}
		for _, e := range r.Events {
			var actor int64
			if authorAction(e.Action) {
				actor = r.Message.AuthorID
			}
			events = append(events, []any{id, nullID(actor), e.Action, e.From, e.To, nullID(e.UnitID), e.Note, e.At.UTC(), nullTime(e.Deadline)})
		}
		for _, rp := range r.Replies {
			replies = append(replies, []any{id, rp.Kind, rp.Body, rp.UnitID, rp.Published, rp.CreatedAt.UTC()})
		}
		for _, f := range r.Followups {
			followups = append(followups, []any{id, f.Body, f.CreatedAt.UTC()})
		}
		if g := r.Rating; g != nil {
			ratings = append(ratings, []any{id, g.Resolution, g.Attitude, g.Speed, g.Comment, g.CreatedAt.UTC()})
		}
	}
	for _, ins := range []struct {
		table   string
		columns []string
		rows    [][]any
	}{
		{"message_tags", []string{"message_id", "tag"}, tags},
		{"events", []string{"message_id", "actor_id", "action", "from_state", "to_state", "unit_id", "note", "at", "deadline"}, events},
		{"replies", []string{"message_id", "kind", "body", "unit_id", "published", "created_at"}, replies},
		{"followups", []string{"message_id", "body", "created_at"}, followups},
		{"ratings", []string{"message_id", "resolution", "attitude", "speed", "comment", "created_at"}, ratings},
	} {
		if err := b.write(ctx, ins.table, ins.columns, ins.rows); err != nil {
			return err
		}
	}
	return nil
}

// authorAction says whether only the author may take the action, which
// makes the author its actor in an imported log.
func authorAction(a lifecycle.Action) bool {
	return slices.Equal(lifecycle.Rules[a].By, []lifecycle.Party{lifecycle.Author})
}

// BackdateBoard moves a board's joined date back to t when t is earlier:
// a board created for imported messages joined no later than its first one.
func (s *Store) BackdateBoard(ctx context.Context, boardID int64, t time.Time) error {
	err := s.InTx(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, "UPDATE boards SET joined_at = ?, page_version = page_version + 1 WHERE id = ? AND joined_at > ?", t.UTC(), boardID, t.UTC())
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		return tx.changed(ctx, TopicBoards)
	})
	if err != nil {
		return fmt.Errorf("store: unable to backdate board: %w", err)
	}
	return nil
}
