package store

import (
	"context"
	"fmt"
	"strings"

	"liuyan/internal/message"
	"liuyan/internal/search"
)

// The search index holds each message's public title and body, as
// internal/search cuts them: the masked text, the same for every viewer,
// so that a search can never confirm personal data a viewer may not see.
// Message text, board, region and author never change after submission,
// so a message is indexed once, in the transaction that stores it
// (InsertMessage, or an import batch with indexRecords); messages stored
// any other way, or before the index existed, are picked up by Reindex.

// searchDoc is one message's text and scope for the index.
type searchDoc struct {
	id          int64
	title, body string
	scope       search.Scope
}

// indexMessage adds a message just inserted to the search index.
func (t *Tx) indexMessage(ctx context.Context, m *message.Message) error {
	return t.indexDocs(ctx, []searchDoc{docOf(m)})
}

func docOf(m *message.Message) searchDoc {
	return searchDoc{m.ID, m.PublicTitle, m.PublicBody, search.Scope{BoardID: m.BoardID, RegionCode: m.RegionCode, AuthorID: m.AuthorID}}
}

// indexRecords adds the messages an import batch stored (those whose ID
// is set) to the search index, in the batch's own transaction, so that an
// import is searchable when it commits.
func (t *Tx) indexRecords(ctx context.Context, recs []*Record) error {
	var docs []searchDoc
	for _, r := range recs {
		if r.Message.ID != 0 {
			docs = append(docs, docOf(&r.Message))
		}
	}
	return t.indexDocs(ctx, docs)
}

// indexBatch bounds the documents of one INSERT: each holds a few
// kilobytes of tokens.
const indexBatch = 100

// indexDocs writes documents to the index in multi-row INSERTs: on SQLite
// the token text of title, body and scope into the FTS5 table, rowid =
// message ID; on PostgreSQL the tsvector.
func (t *Tx) indexDocs(ctx context.Context, docs []searchDoc) error {
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
				args = append(args, d.id, search.TSVector(d.title, d.body, d.scope))
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
func (s *Store) indexedID() string {
	if s.dialect == Postgres {
		return "message_id"
	}
	return "rowid"
}

// reindexBatch is how many messages one Reindex transaction indexes:
// small enough that the SQLite writer is never held for long.
const reindexBatch = 1000

// Reindex adds every message missing from the search index and returns
// how many it added. It costs two counts when nothing is missing, so the
// server can call it at every start (in the background: a first run over
// a large import takes minutes), and importers after writing. It runs in
// batches, each in its own write transaction, and may run while the board
// is in use.
func (s *Store) Reindex(ctx context.Context) (int, error) {
	var total, indexed int
	if err := s.reader().queryRow(ctx, "SELECT COUNT(*) FROM messages").Scan(&total); err != nil {
		return 0, fmt.Errorf("store: unable to count messages: %w", err)
	}
	if err := s.reader().queryRow(ctx, "SELECT COUNT(*) FROM message_search").Scan(&indexed); err != nil {
		return 0, fmt.Errorf("store: unable to count indexed messages: %w", err)
	}
	if indexed >= total {
		return 0, nil
	}
	q := `SELECT m.id, m.public_title, m.public_body, m.board_id, m.region_code, m.author_id FROM messages m
		WHERE m.id > ? AND NOT EXISTS (SELECT 1 FROM message_search x WHERE x.` + s.indexedID() + ` = m.id)
		ORDER BY m.id LIMIT ` + fmt.Sprint(reindexBatch)
	added := 0
	for after := int64(0); ; {
		var docs []searchDoc
		err := s.InTx(ctx, func(tx *Tx) error {
			var err error
			docs, err = collect(ctx, tx.conn, func(r scanner) (searchDoc, error) {
				var d searchDoc
				err := r.Scan(&d.id, &d.title, &d.body, &d.scope.BoardID, &d.scope.RegionCode, &d.scope.AuthorID)
				return d, err
			}, q, after)
			if err != nil {
				return fmt.Errorf("store: unable to find messages to index: %w", err)
			}
			return tx.indexDocs(ctx, docs)
		})
		if err != nil {
			return added, err
		}
		if len(docs) == 0 {
			return added, nil
		}
		added += len(docs)
		after = docs[len(docs)-1].id
	}
}
