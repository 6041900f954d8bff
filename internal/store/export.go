package store

import (
	"context"
	"fmt"
	"time"

	"liuyan/internal/lifecycle"
	"liuyan/internal/message"
)

// ExportFilter chooses the messages an export writes.
type ExportFilter struct {
	BoardID      int64
	RegionPrefix string // a region subtree, as a code prefix
	Status       lifecycle.State
	Type         string
	Domain       string
	// Since and Until bound the time a message was written: Since ≤ t < Until.
	Since, Until time.Time
	// Public keeps only what everyone may see: public messages once
	// accepted (the anonymous Viewer) and their published replies.
	Public bool
}

// exportPage is how many messages an export reads at a time: enough to
// make the per-page queries for logs and replies cheap, few enough to keep
// memory flat over millions of messages.
const exportPage = 500

// Export hands every message matching f to fn, oldest first, as a Record
// with its log, replies, follow-ups and rating. It reads a page at a time,
// so an export of the whole store runs in constant memory; fn's error stops
// it.
func (s *Store) Export(ctx context.Context, f ExportFilter, fn func(*Record) error) error {
	var after int64
	for {
		recs, err := s.exportPage(ctx, f, after)
		if err != nil {
			return err
		}
		for _, r := range recs {
			if err := fn(r); err != nil {
				return err
			}
		}
		if len(recs) < exportPage {
			return nil
		}
		after = recs[len(recs)-1].Message.ID
	}
}

func (s *Store) exportPage(ctx context.Context, f ExportFilter, after int64) ([]*Record, error) {
	c := s.reader()
	cond, args := "TRUE", []any(nil)
	if f.Public {
		cond, args = Viewer{}.where()
	}
	q := "SELECT " + messageColumns + `, COALESCE(m.source, ''), COALESCE(m.source_id, ''), m.likes, m.dislikes, u.login` +
		messageFrom + " WHERE m.id > ? AND " + cond
	args = append([]any{after}, args...)
	filter, filterArgs := Filter{BoardID: f.BoardID, RegionPrefix: f.RegionPrefix, Status: f.Status, Type: f.Type,
		Domain: f.Domain, CreatedFrom: f.Since, CreatedTo: f.Until}.where()
	q += " AND " + filter
	args = append(args, filterArgs...)
	q += fmt.Sprintf(" ORDER BY m.id LIMIT %d", exportPage)
	recs, err := collect(ctx, c, func(row scanner) (*Record, error) {
		r := &Record{}
		m, err := scanMessage(extraColumns{row, []any{&r.Source, &r.SourceID, &r.Likes, &r.Dislikes, &r.Author.Login}})
		if err != nil {
			return nil, err
		}
		r.Message = *m
		r.Author.ID, r.Author.Name = m.AuthorID, m.AuthorName
		return r, nil
	}, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: unable to export messages: %w", err)
	}
	if len(recs) == 0 {
		return nil, nil
	}
	return recs, s.loadHistories(ctx, recs, !f.Public)
}

// extraColumns scans the columns a query selects after scanMessage's.
type extraColumns struct {
	scanner
	more []any
}

func (e extraColumns) Scan(dest ...any) error { return e.scanner.Scan(append(dest, e.more...)...) }

// loadHistories fills the records' tags, logs, replies (unpublished ones
// only with pending set), follow-ups and ratings with one query each.
func (s *Store) loadHistories(ctx context.Context, recs []*Record, pending bool) error {
	c := s.reader()
	byID := make(map[int64]*Record, len(recs))
	ms := make([]*message.Message, len(recs))
	ids := make([]any, len(recs))
	for i, r := range recs {
		byID[r.Message.ID] = r
		ms[i] = &r.Message
		ids[i] = r.Message.ID
	}
	if err := loadTags(ctx, c, ms...); err != nil {
		return err
	}
	in := " IN (" + placeholders(len(ids)) + ")"
	_, err := collect(ctx, c, func(row scanner) (struct{}, error) {
		var e message.Event
		if err := row.Scan(&e.ID, &e.MessageID, &e.ActorID, &e.Action, &e.From, &e.To, &e.UnitID, &e.Note, &e.At); err != nil {
			return struct{}{}, err
		}
		e.At = e.At.UTC()
		r := byID[e.MessageID]
		r.Events = append(r.Events, e)
		return struct{}{}, nil
	}, `SELECT id, message_id, COALESCE(actor_id, 0), action, from_state, to_state, COALESCE(unit_id, 0), note, at
		FROM events WHERE message_id`+in+" ORDER BY message_id, id", ids...)
	if err != nil {
		return fmt.Errorf("store: unable to export events: %w", err)
	}
	rq := `SELECT r.id, r.message_id, r.kind, r.body, r.unit_id, u.name, COALESCE(r.handler_id, 0), r.published, r.created_at
		FROM replies r JOIN units u ON u.id = r.unit_id WHERE r.message_id` + in
	if !pending {
		rq += " AND r.published"
	}
	_, err = collect(ctx, c, func(row scanner) (struct{}, error) {
		var p message.Reply
		if err := row.Scan(&p.ID, &p.MessageID, &p.Kind, &p.Body, &p.UnitID, &p.UnitName, &p.HandlerID, &p.Published, &p.CreatedAt); err != nil {
			return struct{}{}, err
		}
		p.CreatedAt = p.CreatedAt.UTC()
		r := byID[p.MessageID]
		r.Replies = append(r.Replies, p)
		return struct{}{}, nil
	}, rq+" ORDER BY r.message_id, r.id", ids...)
	if err != nil {
		return fmt.Errorf("store: unable to export replies: %w", err)
	}
	_, err = collect(ctx, c, func(row scanner) (struct{}, error) {
		var f message.Followup
		if err := row.Scan(&f.ID, &f.MessageID, &f.Body, &f.CreatedAt); err != nil {
			return struct{}{}, err
		}
		f.CreatedAt = f.CreatedAt.UTC()
		r := byID[f.MessageID]
		r.Followups = append(r.Followups, f)
		return struct{}{}, nil
	}, "SELECT id, message_id, body, created_at FROM followups WHERE message_id"+in+" ORDER BY message_id, id", ids...)
	if err != nil {
		return fmt.Errorf("store: unable to export follow-ups: %w", err)
	}
	_, err = collect(ctx, c, func(row scanner) (struct{}, error) {
		var g message.Rating
		if err := row.Scan(&g.MessageID, &g.Resolution, &g.Attitude, &g.Speed, &g.Comment, &g.CreatedAt); err != nil {
			return struct{}{}, err
		}
		g.CreatedAt = g.CreatedAt.UTC()
		byID[g.MessageID].Rating = &g
		return struct{}{}, nil
	}, "SELECT message_id, resolution, attitude, speed, comment, created_at FROM ratings WHERE message_id"+in, ids...)
	if err != nil {
		return fmt.Errorf("store: unable to export ratings: %w", err)
	}
	return nil
}
