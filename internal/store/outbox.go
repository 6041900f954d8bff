package store

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"liuyan/internal/message"
	"liuyan/internal/notify"
	"liuyan/internal/region"
)

// Webhook is an integration that receives every lifecycle event of a
// region subtree or of one board.
type Webhook struct {
	ID         int64     `json:"id"`
	RegionCode string    `json:"region_code,omitempty"`
	BoardID    int64     `json:"board_id,omitempty"`
	URL        string    `json:"url"`
	Secret     string    `json:"-"`
	Active     bool      `json:"active"`
	CreatedAt  time.Time `json:"created_at"`
}

// CreateWebhook stores a webhook.
func (t *Tx) CreateWebhook(ctx context.Context, h *Webhook) error {
	h.CreatedAt, h.Active = time.Now().UTC(), true
	id, err := t.insertID(ctx, "INSERT INTO webhooks (region_code, board_id, url, secret, active, created_at) VALUES (?, ?, ?, ?, ?, ?)",
		h.RegionCode, nullID(h.BoardID), h.URL, h.Secret, true, h.CreatedAt)
	if err != nil {
		return fmt.Errorf("store: unable to create webhook: %w", err)
	}
	h.ID = id
	return t.changed(ctx, TopicWebhooks)
}

func scanWebhook(r scanner) (Webhook, error) {
	var h Webhook
	err := r.Scan(&h.ID, &h.RegionCode, &h.BoardID, &h.URL, &h.Secret, &h.Active, &h.CreatedAt)
	h.CreatedAt = h.CreatedAt.UTC()
	return h, err
}

const webhookColumns = "id, region_code, COALESCE(board_id, 0), url, secret, active, created_at"

// activeWebhooks are the webhooks events are delivered to, kept in memory
// until a change is heard (see changes): every lifecycle event asks for
// them, and they change when an admin adds one. Callers must not modify
// the slice.
//
// They are read through the transaction asking, never through the pool:
// a transaction holds one of the pool's connections, and when every
// connection is held by a transaction waiting for another one to read
// the webhooks, none ever comes (the crash test's 32 clients against a
// pool of 32 on PostgreSQL, before the cache was trusted). A transaction
// that changed the webhooks itself reads them without keeping them: what
// it sees may yet be rolled back.
func (t *Tx) activeWebhooks(ctx context.Context) ([]Webhook, error) {
	read := func() ([]Webhook, error) {
		return collect(ctx, t.conn, scanWebhook, "SELECT "+webhookColumns+" FROM webhooks WHERE active ORDER BY id")
	}
	if slices.Contains(t.touched, TopicWebhooks) {
		return read()
	}
	return load(t.store, &t.store.hooks, TopicWebhooks, read)
}

// Webhooks lists every webhook.
func (s *Store) Webhooks(ctx context.Context) ([]Webhook, error) {
	return collect(ctx, s.reader(), scanWebhook, "SELECT "+webhookColumns+" FROM webhooks ORDER BY id")
}

// eventPayload is what a webhook receives: the event and the public facts
// of the message. Integrations fetch more through the API with a token.
type eventPayload struct {
	Event   message.Event `json:"event"`
	Message struct {
		ID         int64     `json:"id"`
		BoardID    int64     `json:"board_id"`
		RegionCode string    `json:"region_code"`
		Status     string    `json:"status"`
		Type       string    `json:"type"`
		Domain     string    `json:"domain"`
		Title      string    `json:"title"`
		Public     bool      `json:"public"`
		UnitID     int64     `json:"unit_id,omitempty"`
		Deadline   time.Time `json:"deadline,omitzero"`
	} `json:"message"`
}

// Enqueue records, in the event's own transaction, the webhook deliveries
// and notifications the event causes, so that a crash after commit loses
// none of them.
func (t *Tx) Enqueue(ctx context.Context, ev *message.Event, m *message.Message, to []notify.Recipient) error {
	hooks, err := t.activeWebhooks(ctx)
	if err != nil {
		return fmt.Errorf("store: unable to read webhooks: %w", err)
	}
	var payload []byte
	for _, h := range hooks {
		if h.BoardID != m.BoardID && (h.RegionCode == "" || !region.Within(m.RegionCode, h.RegionCode)) {
			continue
		}
		if payload == nil {
			var p eventPayload
			p.Event = *ev
			p.Event.Note = "" // staff's working notes stay inside
			pm := &p.Message
			pm.ID, pm.BoardID, pm.RegionCode, pm.Status = m.ID, m.BoardID, m.RegionCode, string(m.Status)
			pm.Type, pm.Domain, pm.Title, pm.Public, pm.UnitID, pm.Deadline = m.Type, m.Domain, m.PublicTitle, m.Public, m.UnitID, m.Deadline
			if payload, err = json.Marshal(p); err != nil {
				return err
			}
		}
		if _, err := t.exec(ctx, "INSERT INTO outbox (event_id, webhook_id, payload, next_at, created_at) VALUES (?, ?, ?, ?, ?)",
			ev.ID, h.ID, string(payload), ev.At.UTC(), ev.At.UTC()); err != nil {
			return fmt.Errorf("store: unable to enqueue webhook: %w", err)
		}
	}
	for _, r := range to {
		if _, err := t.exec(ctx, "INSERT INTO notifications (user_id, unit_id, message_id, event_id, kind, created_at) VALUES (?, ?, ?, ?, ?, ?)",
			nullID(r.UserID), nullID(r.UnitID), m.ID, ev.ID, ev.Action, ev.At.UTC()); err != nil {
			return fmt.Errorf("store: unable to enqueue notification: %w", err)
		}
	}
	return nil
}

// OutboxItem is one webhook delivery to attempt.
type OutboxItem struct {
	ID       int64
	URL      string
	Secret   string
	Payload  string
	Attempts int
}

// lease is how long a claimed delivery is hidden from other instances
// before it is tried again if its claimer died.
const lease = 2 * time.Minute

// ClaimOutbox takes up to limit due deliveries and hides them for the
// lease. On PostgreSQL SKIP LOCKED lets several instances claim different
// rows at once.
func (s *Store) ClaimOutbox(ctx context.Context, now time.Time, limit int) ([]OutboxItem, error) {
	var items []OutboxItem
	err := s.InTx(ctx, func(tx *Tx) error {
		lock := ""
		if tx.dialect == Postgres {
			lock = " FOR UPDATE OF o SKIP LOCKED"
		}
		var err error
		items, err = collect(ctx, tx.conn, func(r scanner) (OutboxItem, error) {
			var it OutboxItem
			err := r.Scan(&it.ID, &it.URL, &it.Secret, &it.Payload, &it.Attempts)
			return it, err
		}, `SELECT o.id, h.url, h.secret, o.payload, o.attempts FROM outbox o JOIN webhooks h ON h.id = o.webhook_id
			WHERE o.delivered_at IS NULL AND o.next_at <= ? ORDER BY o.id LIMIT ?`+lock, now.UTC(), limit)
		if err != nil {
			return err
		}
		for _, it := range items {
			if _, err := tx.exec(ctx, "UPDATE outbox SET next_at = ? WHERE id = ?", now.Add(lease).UTC(), it.ID); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: unable to claim outbox: %w", err)
	}
	return items, nil
}

// RecordDelivery logs one attempt; a delivered item leaves the queue, a
// failed one comes back at retryAt.
func (s *Store) RecordDelivery(ctx context.Context, id int64, at time.Time, status int, errText string, delivered bool, retryAt time.Time) error {
	return s.InTx(ctx, func(tx *Tx) error {
		if _, err := tx.exec(ctx, "INSERT INTO deliveries (outbox_id, at, status, error) VALUES (?, ?, ?, ?)", id, at.UTC(), status, errText); err != nil {
			return err
		}
		if delivered {
			_, err := tx.exec(ctx, "UPDATE outbox SET attempts = attempts + 1, delivered_at = ?, last_error = '' WHERE id = ?", at.UTC(), id)
			return err
		}
		_, err := tx.exec(ctx, "UPDATE outbox SET attempts = attempts + 1, next_at = ?, last_error = ? WHERE id = ?", retryAt.UTC(), errText, id)
		return err
	})
}

// Delivery is one logged attempt of a webhook.
type Delivery struct {
	OutboxID int64     `json:"outbox_id"`
	EventID  int64     `json:"event_id"`
	At       time.Time `json:"at"`
	Status   int       `json:"status"`
	Error    string    `json:"error,omitempty"`
}

// Deliveries is a webhook's delivery log, newest first.
func (s *Store) Deliveries(ctx context.Context, webhookID int64, limit int) ([]Delivery, error) {
	return collect(ctx, s.reader(), func(r scanner) (Delivery, error) {
		var d Delivery
		err := r.Scan(&d.OutboxID, &d.EventID, &d.At, &d.Status, &d.Error)
		d.At = d.At.UTC()
		return d, err
	}, `SELECT d.outbox_id, o.event_id, d.at, d.status, d.error FROM deliveries d JOIN outbox o ON o.id = d.outbox_id
		WHERE o.webhook_id = ? ORDER BY d.id DESC LIMIT ?`, webhookID, limit)
}

// OutboxPending counts deliveries not yet made, for /metrics and tests.
func (s *Store) OutboxPending(ctx context.Context) (int, error) {
	var n int
	err := s.reader().queryRow(ctx, "SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL").Scan(&n)
	return n, err
}
