package store

import (
	"context"
	"fmt"
	"slices"
	"time"

	"liuyan/internal/lifecycle"
)

// Folding a bulk load as it is written.
//
// After a bulk load the rollups would have to fold every event it wrote,
// reading each back with its message's facts: at a few thousand events a
// second that is hours for ten million messages. The writer already holds
// those events and facts, so ImportFolded hands them to the fold (the one
// rule, internal/stats) and writes the delta in the batch's own transaction,
// moving the watermark past the batch there too: the counts and the events
// commit together, so a crash loses or doubles nothing.
//
// The watermark must stay exact with other writers about:
//   - SQLite commits events in id order under one writer, and the batch's
//     transaction holds the write lock from BEGIN; the batch is folded only
//     when every event before it is already folded (last_event_id is the
//     largest event id), and then last_event_id becomes the batch's last
//     event. When anything is waiting, the batch is left to the normal fold,
//     which takes it in order with the rest.
//   - PostgreSQL folds whole transactions: the batch notes its own
//     transaction in stats_folded_xids as it commits, so RefreshStats never
//     folds it again, and other writers' transactions are folded as always.
//     The stats lock is taken before the counters are written, as the
//     refresh does, so two writers never wait on each other's cells.

// ImportFolded is ImportBatch that also folds the records' events into the
// rollups, with fold (internal/stats' rule), in the same transaction. It
// reports whether it did: false on SQLite when events before the batch were
// still waiting for the normal fold, which then takes the batch's events
// with them.
func (s *Store) ImportFolded(ctx context.Context, recs []*Record, fold func([]StatsEvent) StatsDelta) (added int, folded bool, err error) {
	return s.importBatch(ctx, recs, fold)
}

// foldReady says whether a batch about to be written may be folded as it
// is written: on SQLite when no event waits for the fold.
func (t *Tx) foldReady(ctx context.Context) (bool, error) {
	if t.dialect == Postgres {
		return true, nil
	}
	var last, top int64
	err := t.queryRow(ctx, "SELECT last_event_id, (SELECT COALESCE(MAX(id), 0) FROM events) FROM stats_state WHERE id = 1").Scan(&last, &top)
	if err != nil {
		return false, fmt.Errorf("store: unable to read the stats watermark: %w", err)
	}
	return last == top, nil
}

// foldWritten folds the events of the records just written and marks them
// folded, in the writing transaction.
func (t *Tx) foldWritten(ctx context.Context, recs []*Record, fold func([]StatsEvent) StatsDelta) error {
	if err := t.HoldStats(ctx); err != nil {
		return err
	}
	if err := t.applyStats(ctx, fold(recordStatsEvents(recs))); err != nil {
		return err
	}
	if t.dialect == Postgres {
		if _, err := t.exec(ctx, "INSERT INTO stats_folded_xids (xid) VALUES (pg_current_xact_id()::text::bigint)"); err != nil {
			return fmt.Errorf("store: unable to note a folded transaction: %w", err)
		}
		return nil
	}
	if _, err := t.exec(ctx, "UPDATE stats_state SET last_event_id = (SELECT COALESCE(MAX(id), 0) FROM events) WHERE id = 1"); err != nil {
		return fmt.Errorf("store: unable to move the stats watermark: %w", err)
	}
	return nil
}

// recordStatsEvents gives the events of the records written (Message.ID
// set) with the facts statsEvents and replyFacts read back from the tables,
// derived here from the records as insertHistories wrote them: the
// message's final fields, its tags in order, whether an event published the
// first final reply, whether an extension was approved before it, the
// deadline the log recorded last before it, and a rating's stars. The bulk
// path writes no reply scores, so no event is scored. IDs are left zero:
// the fold does not read them.
func recordStatsEvents(recs []*Record) []StatsEvent {
	n := 0
	for _, r := range recs {
		if r.Message.ID != 0 {
			n += len(r.Events)
		}
	}
	out := make([]StatsEvent, 0, n)
	for _, r := range recs {
		m := &r.Message
		if m.ID == 0 {
			continue
		}
		tags := m.Tags
		if !slices.IsSorted(tags) {
			tags = slices.Sorted(slices.Values(tags))
		}
		replied, extended := false, false
		var deadline time.Time
		for _, e := range r.Events {
			se := StatsEvent{MessageID: m.ID, Action: e.Action, From: e.From, To: e.To, UnitID: e.UnitID, At: e.At.UTC(),
				BoardID: m.BoardID, RegionCode: m.RegionCode, Type: m.Type, Domain: m.Domain, Tags: tags,
				PublishedAt: m.PublishedAt.UTC(), ExtensionDays: m.ExtensionDays, ExtendedBefore: extended}
			if e.To == lifecycle.Replied {
				se.FirstReply = !replied
				replied = true
				if e.From != lifecycle.Replied {
					se.Deadline = deadline
				}
			}
			if e.Action == lifecycle.Rate && r.Rating != nil {
				se.Resolution, se.Attitude, se.Speed = r.Rating.Resolution, r.Rating.Attitude, r.Rating.Speed
			}
			if e.Action == lifecycle.ApproveExtend {
				extended = true
			}
			if !e.Deadline.IsZero() {
				deadline = e.Deadline.UTC()
			}
			out = append(out, se)
		}
	}
	return out
}
