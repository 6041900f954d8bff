package store

import (
	"context"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
)

// Topic names data that the store keeps in memory and that every instance
// must hear has changed.
type Topic string

// The cached topics.
const (
	TopicSensitiveWords Topic = "sensitive_words"
	TopicVocab          Topic = "vocab"  // types, domains, tags and boards' rules
	TopicBoards         Topic = "boards" // the boards' own rows: sign-off, joined date
	TopicWebhooks       Topic = "webhooks"
)

var topics = []Topic{TopicSensitiveWords, TopicVocab, TopicBoards, TopicWebhooks}

// changeChannel is the PostgreSQL channel changes are announced on. The
// payload is "schema topic", so stores in other schemas of one database
// (tests, or two boards sharing a server) ignore each other.
const changeChannel = "liuyan_changes"

// changes tells a store's caches when what they hold is stale.
//
// A cache is trusted only while this process can hear every change: on
// SQLite, where the server is the one process that writes, always; on
// PostgreSQL, only while Listen holds a LISTEN connection. A write bumps its
// topic's generation in this process at commit and, on PostgreSQL, sends a
// NOTIFY in its transaction, which reaches every listening instance when
// (and only if) the transaction commits.
type changes struct {
	gen       map[Topic]*atomic.Uint64
	listening atomic.Bool
}

func newChanges() *changes {
	c := &changes{gen: map[Topic]*atomic.Uint64{}}
	for _, t := range topics {
		c.gen[t] = new(atomic.Uint64)
	}
	return c
}

func (c *changes) bump(t Topic) { c.gen[t].Add(1) }

func (c *changes) bumpAll() {
	for _, t := range topics {
		c.bump(t)
	}
}

// changed records in a transaction that topic's data changes with it.
func (t *Tx) changed(ctx context.Context, topic Topic) error {
	if t.dialect == Postgres {
		if _, err := t.exec(ctx, "SELECT pg_notify(?, current_schema() || ' ' || ?)", changeChannel, string(topic)); err != nil {
			return err
		}
	}
	t.touched = append(t.touched, topic)
	return nil
}

// cached is one value the store keeps in memory, read again after a change.
type cached[T any] struct {
	mu  sync.Mutex
	ok  bool
	gen uint64
	val T
}

// load returns the cached value of topic, or reads it with read when it
// may be stale. A value read while a change arrived is not kept.
func load[T any](s *Store, c *cached[T], topic Topic, read func() (T, error)) (T, error) {
	trusted := s.dialect != Postgres || s.changes.listening.Load()
	gen := s.changes.gen[topic].Load()
	if trusted {
		c.mu.Lock()
		if c.ok && c.gen == gen {
			v := c.val
			c.mu.Unlock()
			return v, nil
		}
		c.mu.Unlock()
	}
	v, err := read()
	if err != nil || !trusted {
		return v, err
	}
	c.mu.Lock()
	if s.changes.gen[topic].Load() == gen {
		c.ok, c.gen, c.val = true, gen, v
	}
	c.mu.Unlock()
	return v, nil
}

// Listen hears other instances' changes until ctx ends, reconnecting when
// the connection drops; `liuyan serve` runs it on PostgreSQL, where caches
// are bypassed until it listens. On SQLite it returns at once.
func (s *Store) Listen(ctx context.Context, log *slog.Logger) {
	if s.dialect != Postgres {
		return
	}
	for ctx.Err() == nil {
		err := s.listen(ctx)
		s.changes.listening.Store(false)
		s.changes.bumpAll()
		if ctx.Err() != nil {
			return
		}
		log.Warn("store: not hearing other instances' changes; caches bypassed until reconnected", slog.Any("err", err))
		select {
		case <-ctx.Done():
		case <-time.After(time.Second):
		}
	}
}

func (s *Store) listen(ctx context.Context) error {
	c, err := pgx.Connect(ctx, s.url)
	if err != nil {
		return err
	}
	defer c.Close(context.Background())
	var schema string
	if err := c.QueryRow(ctx, "SELECT current_schema()").Scan(&schema); err != nil {
		return err
	}
	if _, err := c.Exec(ctx, "LISTEN "+changeChannel); err != nil {
		return err
	}
	// Whatever was read before this point may have missed a change.
	s.changes.bumpAll()
	s.changes.listening.Store(true)
	for {
		n, err := c.WaitForNotification(ctx)
		if err != nil {
			return err
		}
		sch, topic, _ := strings.Cut(n.Payload, " ")
		if g := s.changes.gen[Topic(topic)]; sch == schema && g != nil {
			g.Add(1)
		}
	}
}

// Listening says whether the store hears other instances' changes (always
// on SQLite), for /readyz and tests.
func (s *Store) Listening() bool {
	return s.dialect != Postgres || s.changes.listening.Load()
}
