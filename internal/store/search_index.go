package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"liuyan/internal/message"
	"liuyan/internal/search"
)

// The search index holds each message's public title and body, as
// internal/search cuts them: the masked text, the same for every viewer,
// so that a search can never confirm personal data a viewer may not see.
// Message text, board, region and author never change after submission,
// so a message is indexed once, in the transaction that stores it
// (InsertMessage, or an import batch with indexRecords), or on SQLite a
// little later, with others (search_pending.go); those stored
// before the index existed are indexed by migration 0008 (indexAll). What
// does change, a message's state, publicity and unit, decides who may see
// it and is read from messages at search time by Viewer.where, so no
// lifecycle action touches the index.

// searchDoc is one message's text and scope for the index.
type searchDoc struct {
	id          int64
	title, body string
	scope       search.Scope
	// tokens holds title and body as search.IndexText cuts them, when
	// known beforehand (Record.IndexTitle and IndexBody).
	tokens *[2]string
}

// indexMessage adds a message just inserted to the search index.
func (t *Tx) indexMessage(ctx context.Context, m *message.Message) error {
	return t.indexDocs(ctx, []searchDoc{docOf(m)})
}

func docOf(m *message.Message) searchDoc {
	return searchDoc{id: m.ID, title: m.PublicTitle, body: m.PublicBody, scope: search.Scope{BoardID: m.BoardID, RegionCode: m.RegionCode, AuthorID: m.AuthorID}}
}

// indexRecords adds the messages an import batch stored (those whose ID
// is set) to the search index, in the batch's own transaction, so that an
// import is searchable when it commits.
func (t *Tx) indexRecords(ctx context.Context, recs []*Record) error {
	var docs []searchDoc
	for _, r := range recs {
		if r.Message.ID != 0 {
			d := docOf(&r.Message)
			if r.IndexTitle != "" || r.IndexBody != "" {
				d.tokens = &[2]string{r.IndexTitle, r.IndexBody}
			}
			docs = append(docs, d)
		}
	}
	return t.indexDocs(ctx, docs)
}

// indexBatch bounds the documents of one INSERT: each holds a few
// kilobytes of tokens, and four parameters (bulkParams allows 7,500). Few
// statements matter on SQLite: FTS5 writes what it holds in memory to a
// new segment at the start of every statement in a transaction (its
// savepoint), and more segments mean more merging; with this many, an
// import batch (DefaultBatch in internal/transfer) is one statement, and
// with the hash size of migration 0020 one segment.
const indexBatch = 7000

// indexDocs writes documents to the index in multi-row INSERTs: on SQLite
// the token text of title, body and scope into the FTS5 table, rowid =
// message ID; on PostgreSQL the tsvector.
//
// In a grouped SQLite transaction the documents wait in t.docs, and the
// group writes them all at its end (committer): FTS5 turns what each
// statement writes into a segment of its own, and merges segments as
// they accumulate, so one statement for a group's messages costs far less
// than one a message.
func (t *Tx) indexDocs(ctx context.Context, docs []searchDoc) error {
	if t.deferDocs {
		t.docs = append(t.docs, docs...)
		return nil
	}
	row, tail := "(?, ?, ?, ?)", ""
	q := "INSERT INTO message_search (rowid, title, body, scope) VALUES "
	if t.dialect == Postgres {
		row, tail = "(?, CAST(? AS tsvector))", " ON CONFLICT (message_id) DO NOTHING"
		q = "INSERT INTO message_search (message_id, doc) VALUES "
	}
	for start := 0; start < len(docs); start += indexBatch {
		chunk := docs[start:min(start+indexBatch, len(docs))]
		var args []any
		for _, d := range chunk {
			if t.dialect == Postgres {
				args = append(args, d.id, search.TSVector(d.id, d.title, d.body, d.scope))
			} else if d.tokens != nil {
				args = append(args, d.id, d.tokens[0], d.tokens[1], search.ScopeText(d.scope))
			} else {
				args = append(args, d.id, search.IndexText(d.title), search.IndexText(d.body), search.ScopeText(d.scope))
			}
		}
		stmt := q + strings.TrimSuffix(strings.Repeat(row+", ", len(chunk)), ", ") + tail
		if _, err := t.exec(ctx, stmt, args...); err != nil {
			return fmt.Errorf("store: unable to index messages for search: %w", err)
		}
	}
	return nil
}

// indexedID is the column of the index that holds the message ID.
func (t *Tx) indexedID() string {
	if t.dialect == Postgres {
		return "message_id"
	}
	return "rowid"
}

// reindexBatch is how many messages one step of Reindex or Rebuild
// indexes, each in its own write transaction: small enough that the
// SQLite writer is never held for long.
const reindexBatch = 1000

// indexNext indexes the next messages after the ID after, at most
// reindexBatch of them, and returns the last ID it read (0 when there are
// none left). With missing set it reads only messages the index lacks;
// otherwise it replaces the index rows of every message it reads, which
// is how Rebuild brings the index in line with a changed tokenizer.
func (t *Tx) indexNext(ctx context.Context, after int64, missing bool) (n int, last int64, err error) {
	id := t.indexedID()
	q := "SELECT m.id, m.public_title, m.public_body, m.board_id, m.region_code, m.author_id FROM messages m WHERE m.id > ?"
	if missing {
		q += " AND NOT EXISTS (SELECT 1 FROM message_search x WHERE x." + id + " = m.id)"
	}
	q += " ORDER BY m.id LIMIT " + strconv.Itoa(reindexBatch)
	docs, err := collect(ctx, t.conn, func(r scanner) (searchDoc, error) {
		var d searchDoc
		err := r.Scan(&d.id, &d.title, &d.body, &d.scope.BoardID, &d.scope.RegionCode, &d.scope.AuthorID)
		return d, err
	}, q, after)
	if err != nil {
		return 0, 0, fmt.Errorf("store: unable to read messages to index: %w", err)
	}
	if len(docs) == 0 {
		return 0, 0, nil
	}
	last = docs[len(docs)-1].id
	t.docsNow = true
	if !missing {
		if _, err := t.exec(ctx, "DELETE FROM message_search WHERE "+id+" > ? AND "+id+" <= ?", after, last); err != nil {
			return 0, 0, fmt.Errorf("store: unable to clear the search index: %w", err)
		}
	}
	return len(docs), last, t.indexDocs(ctx, docs)
}

// indexAll indexes every message the index lacks, inside the caller's
// transaction: migration 0008 calls it, so that a store with messages
// is searchable from the moment its schema has the index.
func (t *Tx) indexAll(ctx context.Context) error {
	for after := int64(0); ; {
		_, last, err := t.indexNext(ctx, after, true)
		if err != nil || last == 0 {
			return err
		}
		after = last
	}
}

// SearchGINIndex is the GIN index over the PostgreSQL documents, as
// migration 0008 made it. Messages reach it through a pending list first
// (fastupdate), which every search also reads, so the list is kept small.
const SearchGINIndex = "CREATE INDEX IF NOT EXISTS message_search_doc ON message_search USING gin (doc) WITH (fastupdate = on, gin_pending_list_limit = 1024)"

// indexAllBulk is indexAll for a PostgreSQL index emptied and without its
// GIN index (migration 0016): it writes every message's document, then
// builds the GIN index once.
func (t *Tx) indexAllBulk(ctx context.Context) error {
	if err := t.indexAll(ctx); err != nil {
		return err
	}
	if _, err := t.exec(ctx, SearchGINIndex); err != nil {
		return fmt.Errorf("store: unable to build the search index: %w", err)
	}
	return nil
}

// Reindex adds every message missing from the search index and returns
// how many it added. Every way the board stores a message indexes it
// (InsertMessage, ImportBatch, migration 0008 for those stored before),
// so this finds work only after rows were written around the store; it
// costs two counts when nothing is missing. It runs in batches, each in
// its own write transaction, and may run while the board is in use.
func (s *Store) Reindex(ctx context.Context) (int, error) {
	var total, indexed int
	if err := s.reader().queryRow(ctx, "SELECT COUNT(*) FROM messages").Scan(&total); err != nil {
		return 0, fmt.Errorf("store: unable to count messages: %w", err)
	}
	if err := s.reader().queryRow(ctx, "SELECT COUNT(*) FROM message_search").Scan(&indexed); err != nil {
		return 0, fmt.Errorf("store: unable to count indexed messages: %w", err)
	}
	if s.dialect != Postgres {
		// Documents held back are not missing (search_pending.go).
		var held int
		if err := s.reader().queryRow(ctx, "SELECT COUNT(*) FROM search_pending").Scan(&held); err != nil {
			return 0, fmt.Errorf("store: unable to count messages noted for the index: %w", err)
		}
		indexed += held
	}
	if indexed >= total {
		return 0, nil
	}
	return s.indexBatches(ctx, true)
}

// Rebuild writes the index of every message again, a batch of messages at
// a time, and returns how many it indexed. Each batch replaces its rows in
// one transaction, so searches during a rebuild find every message, by
// the old tokens or the new. Run it when internal/search changes how text
// is cut into tokens.
func (s *Store) Rebuild(ctx context.Context) (int, error) {
	return s.indexBatches(ctx, false)
}

func (s *Store) indexBatches(ctx context.Context, missing bool) (int, error) {
	done := 0
	for after := int64(0); ; {
		var n int
		var last int64
		err := s.InTx(ctx, func(tx *Tx) error {
			var err error
			n, last, err = tx.indexNext(ctx, after, missing)
			return err
		})
		if err != nil || last == 0 {
			return done, err
		}
		done += n
		after = last
	}
}
