package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"liuyan/internal/lifecycle"
)

// StatsEvent is one logged event with the facts of its message that the
// rollup fold needs.
type StatsEvent struct {
	ID        int64
	MessageID int64
	Action    lifecycle.Action
	From, To  lifecycle.State
	UnitID    int64
	At        time.Time

	BoardID       int64
	RegionCode    string
	Type, Domain  string
	Tags          []string
	PublishedAt   time.Time
	ExtensionDays int
	// FirstReply says the event published the message's first final reply.
	FirstReply bool
	// ExtendedBefore says an extension was approved before this event.
	ExtendedBefore bool
	// Deadline is, for a first reply, the deadline in force when it came
	// as the log records it (set by acceptance, an extension, a follow-up
	// or 督办); zero where the log predates recording deadlines.
	Deadline time.Time
	// Quality is the score of the final reply an event published, when it
	// has one (Scored).
	Quality int
	Scored  bool
	// Stars are the rating's three scores, for rate events.
	Resolution, Attitude, Speed int
}

// StatsDelta is what a chunk of events adds to the rollups.
type StatsDelta struct {
	Cells map[StatsKey]StatsCounts
	// BoardFirst holds, per board, the earliest first reply of the chunk.
	BoardFirst map[int64]time.Time
}

// statsChunk bounds the events folded per transaction (a PostgreSQL
// transaction is never split, so one that wrote more is folded whole).
const statsChunk = 10000

// sqliteStatsChunk is statsChunk on SQLite, where a fold's transaction
// holds the only writer and every submission waits behind it: a chunk of
// 10,000 events held it for about 100 ms, which was the p99 latency of
// submissions at 500 a second whenever a refresh fell in the run. Folding
// more chunks costs a little more in all, each one rewriting the rollup
// rows it touches.
const sqliteStatsChunk = 1000

// xidsAbove lists, as x(xid), the transactions that wrote events from the
// watermark bound to its one argument up, one index probe each rather than
// one row per event. Between two refreshes those are few events anyway;
// but a bulk load folds its own batches as it writes, so after it the
// watermark lies below millions of events in a few thousand transactions
// (noted in stats_folded_xids) until the next refresh moves it. Reading
// the events themselves, the check for work took 93 s at 10M messages,
// with each page showing figures waiting on it; reading their
// transactions, 0.2–0.9 s, once.
const xidsAbove = `WITH RECURSIVE x(xid) AS (
	SELECT (SELECT e.xid FROM events e WHERE e.xid >= ?::text::xid8 ORDER BY e.xid LIMIT 1)
	UNION ALL
	SELECT (SELECT e.xid FROM events e WHERE e.xid > x.xid ORDER BY e.xid LIMIT 1) FROM x WHERE x.xid IS NOT NULL)
`

// statsLock is the advisory lock that lets one instance at a time fold
// events on PostgreSQL; the others wait and then find the work done.
const statsLock = 727271

// StatsPending says whether events wait to be folded, cheaply, so a stats
// request refreshes only when there is work.
func (s *Store) StatsPending(ctx context.Context) (bool, error) {
	watermark := "last_event_id"
	if s.dialect == Postgres {
		watermark = "xid_lo"
	}
	var last int64
	if err := s.reader().queryRow(ctx, "SELECT "+watermark+" FROM stats_state WHERE id = 1").Scan(&last); err != nil {
		return false, fmt.Errorf("store: unable to read the stats watermark: %w", err)
	}
	q, args := "SELECT EXISTS (SELECT 1 FROM events WHERE id > ?)", []any{last}
	if s.dialect == Postgres {
		// Only unfolded events count. The transaction horizon moves with
		// every transaction of the cluster, other databases' too, so
		// counting a watermark behind it as work made nearly every question
		// pay a refresh; the service's periodic Refresh moves the watermark
		// instead, which keeps this check, reading the events above it,
		// short. The watermark is bound as a value, not read in a subquery,
		// so that the planner sees how few events lie above it; and the
		// statement is planned for that value each time (pgx's unnamed
		// statement) rather than prepared once: after five runs PostgreSQL
		// would switch to a generic plan, which guesses that a third of the
		// events lie above any watermark and scans them all (350 ms at
		// half a million events, against under a millisecond through the
		// index).
		q = xidsAbove + `SELECT EXISTS (SELECT 1 FROM x WHERE x.xid IS NOT NULL
			AND NOT EXISTS (SELECT 1 FROM stats_folded_xids f WHERE f.xid = x.xid::text::bigint))`
		args = s.reader().planEach(strconv.FormatInt(last, 10))
	}
	var pending bool
	if err := s.reader().queryRow(ctx, q, args...).Scan(&pending); err != nil {
		return false, fmt.Errorf("store: unable to check for new events: %w", err)
	}
	return pending, nil
}

// RefreshStats folds every committed event not yet folded into the
// rollups, a chunk per transaction, and returns how many it folded. fold
// turns a chunk of events into counter deltas; it is internal/stats'
// definition of what each event counts for. The watermark moves in the
// same transaction as the counters, so a crash folds nothing twice and
// loses nothing.
//
// On SQLite events commit in id order (one writer at a time), so the
// watermark is the last id folded. On PostgreSQL transactions commit out
// of id order; there the fold takes whole committed transactions and
// notes them, and the watermark is the oldest transaction running when
// the refresh began, below which every transaction has ended.
func (s *Store) RefreshStats(ctx context.Context, fold func([]StatsEvent) StatsDelta) (int, error) {
	var horizon, lo int64
	if s.dialect == Postgres {
		err := s.reader().queryRow(ctx, "SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint, xid_lo FROM stats_state WHERE id = 1").Scan(&horizon, &lo)
		if err != nil {
			return 0, fmt.Errorf("store: unable to read the transaction horizon: %w", err)
		}
	}
	total := 0
	for {
		n, more, err := s.refreshChunk(ctx, lo, fold)
		total += n
		if err != nil {
			return total, err
		}
		if !more {
			break
		}
	}
	if err := s.compactOpen(ctx); err != nil {
		return total, err
	}
	if s.dialect == Postgres && horizon > lo {
		// Every transaction below the horizon had ended before the chunks
		// above began, so each committed one among them is folded by now.
		err := s.InTx(ctx, func(tx *Tx) error {
			if _, err := tx.exec(ctx, "SELECT pg_advisory_xact_lock(?)", statsLock); err != nil {
				return fmt.Errorf("store: unable to take stats lock: %w", err)
			}
			if _, err := tx.exec(ctx, "UPDATE stats_state SET xid_lo = ? WHERE id = 1 AND xid_lo < ?", horizon, horizon); err != nil {
				return fmt.Errorf("store: unable to move the stats watermark: %w", err)
			}
			if _, err := tx.exec(ctx, "DELETE FROM stats_folded_xids WHERE xid < ?", horizon); err != nil {
				return fmt.Errorf("store: unable to forget folded transactions: %w", err)
			}
			return nil
		})
		if err != nil {
			return total, err
		}
	}
	return total, nil
}

// refreshChunk folds one chunk in one transaction.
// On PostgreSQL lo is the watermark read before the chunks. Another
// refresh may have moved the watermark since, and with it forgotten the
// folded transactions below it (stats_folded_xids is pruned there), so a
// search from a stale lo would take those transactions for unfolded and
// fold them twice. The watermark is therefore read again under the
// advisory lock, where it and the folded list agree.
func (s *Store) refreshChunk(ctx context.Context, lo int64, fold func([]StatsEvent) StatsDelta) (n int, more bool, err error) {
	err = s.InTx(ctx, func(tx *Tx) error {
		var events []StatsEvent
		var xids []int64
		var err error
		if s.dialect == Postgres {
			if _, err := tx.exec(ctx, "SELECT pg_advisory_xact_lock(?)", statsLock); err != nil {
				return fmt.Errorf("store: unable to take stats lock: %w", err)
			}
			var current int64
			if err := tx.queryRow(ctx, "SELECT xid_lo FROM stats_state WHERE id = 1").Scan(&current); err != nil {
				return fmt.Errorf("store: unable to read the stats watermark: %w", err)
			}
			if xids, more, err = tx.unfoldedXids(ctx, max(lo, current)); err != nil || len(xids) == 0 {
				return err
			}
			ids, err := tx.eventsOf(ctx, xids)
			if err != nil {
				return err
			}
			events, err = tx.statsEvents(ctx, "e.id = ANY(?)", tx.planEach(ids), 0)
		} else {
			events, err = tx.statsEvents(ctx, "e.id > (SELECT last_event_id FROM stats_state WHERE id = 1)", nil, sqliteStatsChunk)
			more = len(events) == sqliteStatsChunk
		}
		if err != nil || len(events) == 0 {
			return err
		}
		n = len(events)
		delta := fold(events)
		moved, err := tx.refile(ctx, events, fold)
		if err != nil {
			return err
		}
		delta.Merge(moved)
		if err := tx.applyStats(ctx, delta); err != nil {
			return err
		}
		if err := tx.dropEmptyCells(ctx, moved); err != nil {
			return err
		}
		if s.dialect == Postgres {
			rows := make([][]any, len(xids))
			for i, x := range xids {
				rows[i] = []any{x}
			}
			return tx.insertBatch(ctx, "stats_folded_xids", []string{"xid"}, rows)
		}
		_, err = tx.exec(ctx, "UPDATE stats_state SET last_event_id = ? WHERE id = 1", events[n-1].ID)
		return err
	})
	return n, more, err
}

// eventsOf lists the IDs of the events the transactions xids wrote, one
// probe of the xid index per transaction. The chunk's events are then read
// by ID rather than by transaction, because PostgreSQL's estimate of the
// events of a transaction is the table's average: after a bulk load, whose
// transactions write tens of thousands of events each, it expected 36
// million rows for the 1,200 small transactions of a minute's submissions
// and scanned events, messages and ratings whole (75 s at 10M messages,
// against 0.4 s this way). The probe's subquery is fenced (OFFSET 0) so
// that the planner keeps it a probe per transaction and does not turn it
// into a join over the whole table for the same reason.
func (t *Tx) eventsOf(ctx context.Context, xids []int64) ([]int64, error) {
	ids, err := collect(ctx, t.conn, func(r scanner) (int64, error) {
		var id int64
		err := r.Scan(&id)
		return id, err
	}, `SELECT e.id FROM unnest(?::bigint[]) AS x(v)
		CROSS JOIN LATERAL (SELECT id FROM events WHERE xid = x.v::text::xid8 OFFSET 0) AS e`, t.planEach(xids)...)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list the events to fold: %w", err)
	}
	return ids, nil
}

// unfoldedXids picks the next committed transactions whose events are not
// folded, oldest first, up to about statsChunk events (at least one
// transaction, however large). Like StatsPending it is planned for the
// watermark it is given, so that it reads the index above it.
func (t *Tx) unfoldedXids(ctx context.Context, lo int64) (xids []int64, more bool, err error) {
	type group struct{ xid, n int64 }
	gs, err := collect(ctx, t.conn, func(r scanner) (group, error) {
		var g group
		err := r.Scan(&g.xid, &g.n)
		return g, err
	}, fmt.Sprintf(xidsAbove+`SELECT x.xid::text::bigint, (SELECT COUNT(*) FROM events e WHERE e.xid = x.xid) FROM x
		WHERE x.xid IS NOT NULL AND NOT EXISTS (SELECT 1 FROM stats_folded_xids f WHERE f.xid = x.xid::text::bigint)
		ORDER BY x.xid LIMIT %d`, statsChunk+1), t.planEach(strconv.FormatInt(lo, 10))...)
	if err != nil {
		return nil, false, fmt.Errorf("store: unable to list transactions to fold: %w", err)
	}
	var events int64
	for i, g := range gs {
		if i > 0 && events+g.n > statsChunk {
			return xids, true, nil
		}
		xids = append(xids, g.xid)
		events += g.n
	}
	return xids, len(gs) > statsChunk, nil
}

// statsEvents reads a chunk of events with their messages' facts.
// A limit of 0 reads every event that cond selects.
func (t *Tx) statsEvents(ctx context.Context, cond string, args []any, limit int) ([]StatsEvent, error) {
	q := `SELECT e.id, e.message_id, e.action, e.from_state, e.to_state, COALESCE(e.unit_id, 0), e.at,
		m.board_id, m.region_code, m.type, m.domain, m.published_at, m.extension_days,
		CASE WHEN e.to_state = 'replied' AND NOT EXISTS (SELECT 1 FROM events p
			WHERE p.message_id = e.message_id AND p.to_state = 'replied' AND p.id < e.id) THEN 1 ELSE 0 END,
		CASE WHEN EXISTS (SELECT 1 FROM events x
			WHERE x.message_id = e.message_id AND x.action = 'extend_approve' AND x.id < e.id) THEN 1 ELSE 0 END,
		COALESCE(r.resolution, 0), COALESCE(r.attitude, 0), COALESCE(r.speed, 0)
		FROM events e JOIN messages m ON m.id = e.message_id
		LEFT JOIN ratings r ON r.message_id = e.message_id AND e.action = 'rate'
		WHERE ` + cond + " ORDER BY e.id"
	if limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", limit)
	}
	events, err := collect(ctx, t.conn, func(r scanner) (StatsEvent, error) {
		var e StatsEvent
		var published sql.NullTime
		var first, extended int
		err := r.Scan(&e.ID, &e.MessageID, &e.Action, &e.From, &e.To, &e.UnitID, &e.At,
			&e.BoardID, &e.RegionCode, &e.Type, &e.Domain, &published, &e.ExtensionDays,
			&first, &extended, &e.Resolution, &e.Attitude, &e.Speed)
		e.At, e.PublishedAt = e.At.UTC(), timeOf(published)
		e.FirstReply, e.ExtendedBefore = first != 0, extended != 0
		return e, err
	}, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: unable to read events to fold: %w", err)
	}
	if len(events) == 0 {
		return nil, nil
	}
	byMessage := map[int64][]int{}
	ids := make([]any, 0, len(events))
	for i, e := range events {
		if _, seen := byMessage[e.MessageID]; !seen {
			ids = append(ids, e.MessageID)
		}
		byMessage[e.MessageID] = append(byMessage[e.MessageID], i)
	}
	type tagRow struct {
		id  int64
		tag string
	}
	tags, err := collect(ctx, t.conn, func(r scanner) (tagRow, error) {
		var tr tagRow
		err := r.Scan(&tr.id, &tr.tag)
		return tr, err
	}, "SELECT message_id, tag FROM message_tags WHERE message_id IN ("+placeholders(len(ids))+") ORDER BY tag", ids...)
	if err != nil {
		return nil, fmt.Errorf("store: unable to read tags to fold: %w", err)
	}
	for _, tr := range tags {
		for _, i := range byMessage[tr.id] {
			events[i].Tags = append(events[i].Tags, tr.tag)
		}
	}
	if err := t.replyFacts(ctx, events); err != nil {
		return nil, err
	}
	return events, nil
}

// replyFacts gives each event that publishes a final reply the deadline in
// force before it (the latest one the log records) and the reply's quality
// score. They are read for the chunk's replied messages at once rather
// than by a subquery per event, which made the fold a fifth slower.
func (t *Tx) replyFacts(ctx context.Context, events []StatsEvent) error {
	byMessage := map[int64][]int{}
	var ids []any
	for i, e := range events {
		if e.To != lifecycle.Replied || e.From == lifecycle.Replied {
			continue
		}
		if _, seen := byMessage[e.MessageID]; !seen {
			ids = append(ids, e.MessageID)
		}
		byMessage[e.MessageID] = append(byMessage[e.MessageID], i)
	}
	if len(ids) == 0 {
		return nil
	}
	type deadlineRow struct {
		message, id int64
		at          time.Time
	}
	deadlines, err := collect(ctx, t.conn, func(r scanner) (deadlineRow, error) {
		var d deadlineRow
		err := r.Scan(&d.message, &d.id, &d.at)
		d.at = d.at.UTC()
		return d, err
	}, "SELECT message_id, id, deadline FROM events WHERE message_id IN ("+placeholders(len(ids))+") AND deadline IS NOT NULL ORDER BY id", ids...)
	if err != nil {
		return fmt.Errorf("store: unable to read deadlines to fold: %w", err)
	}
	for _, d := range deadlines {
		for _, i := range byMessage[d.message] {
			if d.id < events[i].ID {
				events[i].Deadline = d.at // ordered by id: the latest before wins
			}
		}
	}
	type replyRow struct {
		message int64
		at      time.Time
		quality sql.NullInt64
	}
	replies, err := collect(ctx, t.conn, func(r scanner) (replyRow, error) {
		var q replyRow
		err := r.Scan(&q.message, &q.at, &q.quality)
		q.at = q.at.UTC()
		return q, err
	}, "SELECT message_id, created_at, quality FROM replies WHERE message_id IN ("+placeholders(len(ids))+") AND kind = 'final' AND published ORDER BY id", ids...)
	if err != nil {
		return fmt.Errorf("store: unable to read reply scores to fold: %w", err)
	}
	for _, q := range replies {
		for _, i := range byMessage[q.message] {
			if e := &events[i]; !q.at.After(e.At) {
				e.Quality, e.Scored = int(q.quality.Int64), q.quality.Valid // the latest before wins
			}
		}
	}
	return nil
}

// applyStats adds a delta to the daily cells, to the monthly cells (the
// untagged cells summed by month and region, and by month and province),
// to the half-year rows by region, to the monthly rows by board and to the
// boards' first replies.
func (t *Tx) applyStats(ctx context.Context, d StatsDelta) error {
	type monthKey struct {
		month  int
		region string
		days   int
	}
	months := map[monthKey]StatsCounts{}
	boardMonths := map[boardMonthKey]*packedDelta{}
	// The cells are written in the order of the table's key, so that
	// consecutive upserts land on the same pages of the clustered table.
	keys := make([]StatsKey, 0, len(d.Cells))
	for k, c := range d.Cells {
		if !c.IsZero() {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, compareStatsKeys)
	fine := make([][]any, 0, len(keys))
	// The boards whose cells change show other figures on their pages.
	var boards []int64
	for _, k := range keys {
		c := d.Cells[k]
		if k.BoardID != 0 {
			boards = append(boards, k.BoardID)
		}
		fine = append(fine, append([]any{k.Day, k.RegionCode, k.BoardID, k.UnitID, k.Type, k.Domain, k.Tag, k.Days}, c.values()...))
		if k.Tag == "" {
			mk := monthKey{k.Day / 100, k.RegionCode, k.Days}
			m := months[mk]
			m.Add(c)
			months[mk] = m
			addPacked(boardMonths, boardMonthKey{k.BoardID, k.Day / 100, k.RegionCode}, k.Days, c)
		}
	}
	coarse := make([][]any, 0, len(months))
	provinces := map[monthKey]StatsCounts{}
	for k, c := range months {
		coarse = append(coarse, append([]any{k.month, k.region, k.days}, c.values()...))
		pk := monthKey{k.month, k.region[:2], k.days}
		p := provinces[pk]
		p.Add(c)
		provinces[pk] = p
	}
	halves := map[halfKey]*packedDelta{}
	for k, c := range months {
		addPacked(halves, halfKey{monthHalf(k.month), k.region}, k.days, c)
	}
	byProvince := make([][]any, 0, len(provinces))
	for k, c := range provinces {
		byProvince = append(byProvince, append([]any{k.month, k.region, k.days}, c.values()...))
	}
	if err := t.upsertCounts(ctx, "stats_cells", []string{"day", "region_code", "board_id", "unit_id", "type", "domain", "tag", "days"}, fine); err != nil {
		return err
	}
	if err := t.upsertCounts(ctx, "stats_months", []string{"month", "region_code", "days"}, coarse); err != nil {
		return err
	}
	if err := t.upsertCounts(ctx, "stats_province_months", []string{"month", "province", "days"}, byProvince); err != nil {
		return err
	}
	if err := t.upsertHalves(ctx, halves); err != nil {
		return err
	}
	if err := t.upsertBoardMonths(ctx, boardMonths); err != nil {
		return err
	}
	firsts := make([][]any, 0, len(d.BoardFirst))
	for id, at := range d.BoardFirst {
		firsts = append(firsts, []any{id, at.UTC()})
	}
	for start := 0; start < len(firsts); start += batchRows {
		chunk := firsts[start:min(start+batchRows, len(firsts))]
		args := make([]any, 0, 2*len(chunk))
		for _, r := range chunk {
			args = append(args, r...)
		}
		_, err := t.exec(ctx, `INSERT INTO stats_board_first (board_id, first_reply_at) VALUES `+
			strings.TrimSuffix(strings.Repeat("(?, ?), ", len(chunk)), ", ")+`
			ON CONFLICT (board_id) DO UPDATE SET first_reply_at = CASE
			WHEN excluded.first_reply_at < stats_board_first.first_reply_at THEN excluded.first_reply_at
			ELSE stats_board_first.first_reply_at END`, args...)
		if err != nil {
			return fmt.Errorf("store: unable to record first replies: %w", err)
		}
	}
	// Last, so that the boards' rows stay locked for as short a time as
	// the transaction allows (see touchBoards).
	return t.touchBoards(ctx, boards)
}

// compareStatsKeys orders cells as the stats_cells primary key does.
func compareStatsKeys(a, b StatsKey) int {
	return cmp.Or(cmp.Compare(a.Day, b.Day), strings.Compare(a.RegionCode, b.RegionCode), cmp.Compare(a.BoardID, b.BoardID),
		cmp.Compare(a.UnitID, b.UnitID), strings.Compare(a.Type, b.Type), strings.Compare(a.Domain, b.Domain),
		strings.Compare(a.Tag, b.Tag), cmp.Compare(a.Days, b.Days))
}

// upsertCounts adds rows of key columns and counters to a rollup table.
func (t *Tx) upsertCounts(ctx context.Context, table string, keys []string, rows [][]any) error {
	cols := append(append([]string{}, keys...), statsCounters...)
	sets := make([]string, len(statsCounters))
	for i, c := range statsCounters {
		sets[i] = c + " = " + table + "." + c + " + excluded." + c
	}
	row := "(" + placeholders(len(cols)) + ")"
	const per = 500
	for start := 0; start < len(rows); start += per {
		chunk := rows[start:min(start+per, len(rows))]
		args := make([]any, 0, len(chunk)*len(cols))
		for _, r := range chunk {
			args = append(args, r...)
		}
		q := "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES " +
			strings.TrimSuffix(strings.Repeat(row+", ", len(chunk)), ", ") +
			" ON CONFLICT (" + strings.Join(keys, ", ") + ") DO UPDATE SET " + strings.Join(sets, ", ")
		if _, err := t.exec(ctx, q, args...); err != nil {
			return fmt.Errorf("store: unable to update %s: %w", table, err)
		}
	}
	return nil
}
