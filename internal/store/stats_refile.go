package store

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// Domain corrections and the rollups.
//
// Rollup cells are keyed by a message's domain, and the fold files an event
// under the domain the message has when the event is folded. A recomputation
// files a message's whole history under its current domain, so when staff
// correct a domain (lifecycle.Reclassify) the counts already folded under the
// old one must move, or by-domain figures drift. A correction notes in
// messages.filed_domain where the folded counts sit; the next fold that meets
// one of the message's events (the correction's own event at the latest)
// moves them by folding the message's earlier events twice: once as they were
// filed, subtracted, and once under the current domain, added. The fold
// itself stays the one definition of what an event counts for.

// HoldStats takes the lock under which events are folded, until the
// transaction ends. A domain correction takes it before it reads or locks the
// message, so that a fold never runs between the correction's note and its
// commit, and the two never wait for each other's row locks. SQLite needs
// nothing: its single writer already runs write transactions one at a time.
func (t *Tx) HoldStats(ctx context.Context) error {
	if t.dialect != Postgres {
		return nil
	}
	if _, err := t.exec(ctx, "SELECT pg_advisory_xact_lock(?)", statsLock); err != nil {
		return fmt.Errorf("store: unable to take stats lock: %w", err)
	}
	return nil
}

// NoteDomainChange records, before a message's domain changes from old,
// where its folded counts sit: under old, unless an earlier correction not
// yet folded already noted where.
func (t *Tx) NoteDomainChange(ctx context.Context, id int64, old string) error {
	if err := t.HoldStats(ctx); err != nil {
		return err
	}
	if _, err := t.exec(ctx, "UPDATE messages SET filed_domain = COALESCE(filed_domain, ?) WHERE id = ?", old, id); err != nil {
		return fmt.Errorf("store: unable to note the domain change of message %d: %w", id, err)
	}
	return nil
}

// refile returns what moves the folded counts of the chunk's corrected
// messages to their current domains, and marks them filed there. Called
// under the stats lock, before the chunk is marked folded.
func (t *Tx) refile(ctx context.Context, chunk []StatsEvent, fold func([]StatsEvent) StatsDelta) (StatsDelta, error) {
	seen := map[int64]bool{}
	ids := make([]any, 0, len(chunk))
	for _, e := range chunk {
		if !seen[e.MessageID] {
			seen[e.MessageID] = true
			ids = append(ids, e.MessageID)
		}
	}
	type filing struct {
		id     int64
		domain string
	}
	moved, err := collect(ctx, t.conn, func(r scanner) (filing, error) {
		var f filing
		err := r.Scan(&f.id, &f.domain)
		return f, err
	}, "SELECT id, filed_domain FROM messages WHERE filed_domain IS NOT NULL AND id IN ("+placeholders(len(ids))+")", ids...)
	if err != nil || len(moved) == 0 {
		if err != nil {
			err = fmt.Errorf("store: unable to read corrected domains: %w", err)
		}
		return StatsDelta{}, err
	}
	was := make(map[int64]string, len(moved))
	args := make([]any, 0, len(moved))
	for _, f := range moved {
		was[f.id] = f.domain
		args = append(args, f.id)
	}
	in := "(" + placeholders(len(moved)) + ")"
	earlier, err := t.statsEvents(ctx, "e.message_id IN "+in+" AND "+t.foldedBefore(), args, 0)
	if err != nil {
		return StatsDelta{}, err
	}
	if _, err := t.exec(ctx, "UPDATE messages SET filed_domain = NULL WHERE id IN "+in, args...); err != nil {
		return StatsDelta{}, fmt.Errorf("store: unable to note refiled domains: %w", err)
	}
	if len(earlier) == 0 {
		return StatsDelta{}, nil
	}
	d := fold(earlier)
	for i := range earlier {
		earlier[i].Domain = was[earlier[i].MessageID]
	}
	d.Subtract(fold(earlier))
	return d, nil
}

// foldedBefore is the condition selecting events folded before the chunk
// now being folded: on SQLite those up to the watermark, on PostgreSQL those
// of transactions below the watermark or noted as folded.
// The watermark is read in the query, under the stats lock, so it is the
// current one (a watermark read before the chunks may be stale, and the
// folded transactions below the current one are no longer noted).
func (t *Tx) foldedBefore() string {
	if t.dialect == Postgres {
		return `(e.xid < (SELECT xid_lo FROM stats_state WHERE id = 1)::text::xid8
			OR EXISTS (SELECT 1 FROM stats_folded_xids f WHERE f.xid = e.xid::text::bigint))`
	}
	return "e.id <= (SELECT last_event_id FROM stats_state WHERE id = 1)"
}

// Merge adds o into d.
func (d *StatsDelta) Merge(o StatsDelta) {
	if d.Cells == nil {
		d.Cells = map[StatsKey]StatsCounts{}
	}
	if d.BoardFirst == nil {
		d.BoardFirst = map[int64]time.Time{}
	}
	for k, c := range o.Cells {
		v := d.Cells[k]
		v.Add(c)
		d.Cells[k] = v
	}
	for b, at := range o.BoardFirst {
		d.FirstReply(b, at)
	}
}

// FirstReply notes a board's first reply at at, keeping the earliest.
func (d *StatsDelta) FirstReply(boardID int64, at time.Time) {
	if first, ok := d.BoardFirst[boardID]; !ok || at.Before(first) {
		d.BoardFirst[boardID] = at
	}
}

// Subtract takes o's counts out of d. First replies stay: moving counts
// between domains never changes when a board first replied.
func (d *StatsDelta) Subtract(o StatsDelta) {
	for k, c := range o.Cells {
		v := d.Cells[k]
		v.Sub(c)
		d.Cells[k] = v
	}
}

// dropEmptyCells deletes the cells among the refiled keys that moving left
// at zero, so that the rollups hold the cells a recomputation would (an
// empty cell counts nothing, but the tables would grow with each correction).
func (t *Tx) dropEmptyCells(ctx context.Context, moved StatsDelta) error {
	zero := strings.Join(statsCounters, " = 0 AND ") + " = 0"
	for k := range moved.Cells {
		_, err := t.exec(ctx, `DELETE FROM stats_cells WHERE day = ? AND region_code = ? AND board_id = ?
			AND unit_id = ? AND type = ? AND domain = ? AND tag = ? AND days = ? AND `+zero,
			k.Day, k.RegionCode, k.BoardID, k.UnitID, k.Type, k.Domain, k.Tag, k.Days)
		if err != nil {
			return fmt.Errorf("store: unable to drop emptied stats cells: %w", err)
		}
	}
	return nil
}
