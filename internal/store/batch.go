package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"liuyan/internal/board"
)

// batchRows bounds the rows of one multi-row INSERT, far below both
// dialects' limits on bound parameters.
const batchRows = 200

// insertBatch inserts rows of equal width with multi-row INSERTs: seeding
// the 3,000 regions' boards in a few dozen statements instead of ten
// thousand is the difference between a sub-second and a slow first start.
func (t *Tx) insertBatch(ctx context.Context, table string, columns []string, rows [][]any) error {
	row := "(" + placeholders(len(columns)) + ")"
	for start := 0; start < len(rows); start += batchRows {
		chunk := rows[start:min(start+batchRows, len(rows))]
		args := make([]any, 0, len(chunk)*len(columns))
		for _, r := range chunk {
			args = append(args, r...)
		}
		q := "INSERT INTO " + table + " (" + strings.Join(columns, ", ") + ") VALUES " +
			strings.TrimSuffix(strings.Repeat(row+", ", len(chunk)), ", ")
		if _, err := t.exec(ctx, q, args...); err != nil {
			return fmt.Errorf("store: unable to insert into %s: %w", table, err)
		}
	}
	return nil
}

// CreateUnits inserts many units at once; their IDs are not returned.
func (t *Tx) CreateUnits(ctx context.Context, us []board.Unit) error {
	now := time.Now().UTC()
	rows := make([][]any, len(us))
	for i, u := range us {
		rows[i] = []any{u.Name, u.RegionCode, u.Kind, now}
	}
	return t.insertBatch(ctx, "units", []string{"name", "region_code", "kind", "created_at"}, rows)
}

// CreateBoards inserts many boards at once; their IDs are not returned.
func (t *Tx) CreateBoards(ctx context.Context, bs []board.Board) error {
	now := time.Now().UTC()
	rows := make([][]any, len(bs))
	for i, b := range bs {
		rows[i] = []any{b.Name, b.RegionCode, b.Kind, b.Title, b.OfficeUnitID, b.JoinedAt.UTC(), b.SignoffRequired, now}
	}
	return t.insertBatch(ctx, "boards", []string{"name", "region_code", "kind", "title", "office_unit_id", "joined_at", "signoff_required", "created_at"}, rows)
}

// OfficeUnitIDs maps each region to the ID of its office unit.
func (t *Tx) OfficeUnitIDs(ctx context.Context) (map[string]int64, error) {
	type pair struct {
		code string
		id   int64
	}
	ps, err := collect(ctx, t.conn, func(r scanner) (pair, error) {
		var p pair
		err := r.Scan(&p.code, &p.id)
		return p, err
	}, "SELECT region_code, MIN(id) FROM units WHERE kind = 'office' GROUP BY region_code")
	if err != nil {
		return nil, fmt.Errorf("store: unable to list office units: %w", err)
	}
	ids := make(map[string]int64, len(ps))
	for _, p := range ps {
		ids[p.code] = p.id
	}
	return ids, nil
}

// InsertRows writes raw rows into table, for generators of synthetic
// boards (benchmarks): a million messages through the Desk would take
// hours. It checks nothing; call AfterBulkLoad when done.
func (t *Tx) InsertRows(ctx context.Context, table string, columns []string, rows [][]any) error {
	return t.insertBatch(ctx, table, columns, rows)
}

// AfterBulkLoad readies PostgreSQL after InsertRows: the identity of
// messages moves past the explicit ids, and fresh statistics let the
// planner see the tables as they now are. SQLite needs neither.
func (s *Store) AfterBulkLoad(ctx context.Context) error {
	if s.dialect != Postgres {
		return nil
	}
	for _, q := range []string{"SELECT setval(pg_get_serial_sequence('messages', 'id'), (SELECT MAX(id) FROM messages))", "ANALYZE"} {
		if _, err := s.writer().exec(ctx, q); err != nil {
			return fmt.Errorf("store: unable to finish bulk load: %w", err)
		}
	}
	return nil
}
