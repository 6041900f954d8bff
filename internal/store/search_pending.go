package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Search documents held back on SQLite.
//
// FTS5 writes the documents of each transaction as a segment of its own,
// at least one page however few they are, and for every page written it
// merges a page for each level of the index. A submission's transaction
// held one message: its page, mostly empty, cost five to seven pages of
// merging at a million messages, the largest part of the writer's work at
// 500 submissions a second and the cause of most of its pauses
// (BENCHMARKS.md, "Session 10"). So the writer holds documents back: a
// group that stores messages notes their IDs in search_pending (migration
// 0029), in its own transaction, and the documents of every message noted
// are written in one statement, as one segment, by the group during which
// pendingDocs have gathered or the oldest has waited pendingWait, or alone
// when the writer is idle by then (committer.loop). Searches read the
// messages noted beside the index (waitingCandidates), so a message is
// found the moment it is stored; a note outlives a crash, and the next
// writer's first group writes its document.

const (
	// pendingDocs is how many documents are held back at most: about
	// ten pages of index at the platform's message length, where a single
	// message wrote one page. A search reads every message held, so the
	// number stays small.
	pendingDocs = 128
	// pendingWait is the longest a document waits for others while
	// submissions keep coming.
	pendingWait = 250 * time.Millisecond
)

// pendingUnknown is the committer's count of held documents before its
// first group has looked: a writer that stopped may have left notes.
const pendingUnknown = -1

// docsDue says whether the group ending now writes the documents held
// back, with n more of its own: when a call asked for it (a rebuild of
// the index must replace documents in its own transaction), when enough
// are held, when the oldest has waited long enough, or when what an
// earlier writer left is not yet known.
func (c *committer) docsDue(n int, now bool) bool {
	if now || c.pending == pendingUnknown {
		return true
	}
	return c.pending+n >= pendingDocs || (c.pending > 0 && time.Since(c.pendingSince) >= time.Duration(c.wait.Load()))
}

// storeDocs writes or holds back the documents of a group, in its
// transaction, and reports how many it held back (0 when it wrote every
// document held).
func (c *committer) storeDocs(ctx context.Context, tx *Tx, docs []searchDoc, now bool) (held int, err error) {
	if c.docsDue(len(docs), now) {
		return 0, tx.writeDocs(ctx, docs)
	}
	return len(docs), tx.holdDocs(ctx, docs)
}

// held counts n documents held back by a group that committed, or none
// held (n == 0 and wrote) once a group wrote them.
func (c *committer) held(n int, wrote bool) {
	switch {
	case wrote:
		c.pending = 0
	case n > 0:
		if c.pending == 0 {
			c.pendingSince = time.Now()
		}
		c.pending += n
	}
}

// writeHeld writes the documents held back in a group of its own, when
// the writer has nothing else to do or closes: a group of one call that
// asks for them (Tx.docsNow), committed as any other. On failure they stay
// held, and the next try waits pendingWait.
func (c *committer) writeHeld() {
	call := &writeCall{ctx: context.Background(), fn: writeNow, done: make(chan struct{})}
	c.commit([]*writeCall{call})
	if call.err != nil {
		c.pendingSince = time.Now()
	}
}

// writeNow is the work of a call that only asks its group to write the
// documents held back.
func writeNow(tx *Tx) error {
	tx.docsNow = true
	return nil
}

// WriteHeldDocs writes the documents held back for the search index now,
// on SQLite; on PostgreSQL none are held.
func (s *Store) WriteHeldDocs(ctx context.Context) error {
	if s.group == nil {
		return nil
	}
	return s.InTx(ctx, writeNow)
}

// holdDocs notes the messages of docs in search_pending.
func (t *Tx) holdDocs(ctx context.Context, docs []searchDoc) error {
	const chunk = 500
	for start := 0; start < len(docs); start += chunk {
		part := docs[start:min(start+chunk, len(docs))]
		args := make([]any, len(part))
		for i, d := range part {
			args[i] = d.id
		}
		q := "INSERT INTO search_pending (message_id) VALUES " +
			strings.TrimSuffix(strings.Repeat("(?), ", len(part)), ", ") + " ON CONFLICT DO NOTHING"
		if _, err := t.exec(ctx, q, args...); err != nil {
			return fmt.Errorf("store: unable to note messages for the search index: %w", err)
		}
	}
	return nil
}

// writeDocs writes docs and the documents of every message noted in
// search_pending, by whichever writer noted it, to the index in one
// statement, and clears the notes. A message both noted and in docs (a
// rebuild of the index) is written once, from docs.
func (t *Tx) writeDocs(ctx context.Context, docs []searchDoc) error {
	docs = latestDocs(docs)
	waiting, err := collect(ctx, t.conn, func(r scanner) (searchDoc, error) {
		var d searchDoc
		err := r.Scan(&d.id, &d.title, &d.body, &d.scope.BoardID, &d.scope.RegionCode, &d.scope.AuthorID)
		return d, err
	}, `SELECT m.id, m.public_title, m.public_body, m.board_id, m.region_code, m.author_id
		FROM search_pending p CROSS JOIN messages m ON m.id = p.message_id ORDER BY p.message_id`)
	if err != nil {
		return fmt.Errorf("store: unable to read messages noted for the search index: %w", err)
	}
	if len(waiting) > 0 {
		own := make(map[int64]bool, len(docs))
		for _, d := range docs {
			own[d.id] = true
		}
		waiting = slices.DeleteFunc(waiting, func(d searchDoc) bool { return own[d.id] })
		docs = append(waiting, docs...)
	}
	if len(docs) > 0 {
		if err := t.indexDocs(ctx, docs); err != nil {
			return err
		}
	}
	if _, err := t.exec(ctx, "DELETE FROM search_pending"); err != nil {
		return fmt.Errorf("store: unable to clear the notes of the search index: %w", err)
	}
	return nil
}

// waitingCandidates reads the messages noted in search_pending that the
// viewer may see within the filter: those the index does not hold yet.
func (s *Store) waitingCandidates(ctx context.Context, f Filter, v Viewer) ([]candidate, error) {
	q, args := waitingSQL(f, v)
	return collect(ctx, s.public(ctx), func(r scanner) (candidate, error) {
		var c candidate
		err := r.Scan(&c.id, &c.createdAt, &c.title, &c.body)
		return c, err
	}, q, args...)
}

// waitingSQL is the query of waitingCandidates. CROSS JOIN keeps SQLite
// reading the few notes first: joined freely and ordered by the message
// ID, it walked every message newest first and looked each up among the
// notes (0.9 s a search at a million messages).
func waitingSQL(f Filter, v Viewer) (string, []any) {
	vis, visArgs := v.where()
	filter, filterArgs := f.where()
	return `SELECT m.id, m.created_at, m.public_title, m.public_body
		FROM search_pending p CROSS JOIN messages m ON m.id = p.message_id
		WHERE ` + vis + ` AND ` + filter + ` ORDER BY p.message_id DESC`, append(visArgs, filterArgs...)
}
