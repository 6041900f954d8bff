package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// bulkParams bounds the parameters of one statement, below SQLite's limit
// of 32,766 (PostgreSQL allows 65,535).
const bulkParams = 30000

// bulkRows bounds the rows of one statement: past a few hundred rows a
// longer statement saves nothing.
const bulkRows = 500

// bulk inserts many rows with multi-row statements, each shape prepared
// once per transaction. An import writes millions of rows; parsing the
// same long INSERT again for every few hundred of them cost as much as
// running it.
type bulk struct {
	tx    *Tx
	stmts map[string]*sql.Stmt
}

func (t *Tx) bulk() *bulk { return &bulk{tx: t, stmts: map[string]*sql.Stmt{}} }

// close releases the prepared statements.
func (b *bulk) close() {
	for _, s := range b.stmts {
		s.Close()
	}
}

// insert writes rows of equal width into table. With conflict set, a row
// colliding on those unique columns is left out (ON CONFLICT … DO
// NOTHING); with returning set, scan reads the returned columns of each
// row inserted. Neither dialect promises the order of returned rows, so
// scan must identify a row by what it returns.
func (b *bulk) insert(ctx context.Context, table string, columns []string, conflict string, rows [][]any,
	returning string, scan func(scanner) error) error {
	per := max(1, min(bulkRows, bulkParams/len(columns)))
	args := make([]any, 0, min(per, len(rows))*len(columns))
	for start := 0; start < len(rows); start += per {
		chunk := rows[start:min(start+per, len(rows))]
		args = args[:0]
		for _, r := range chunk {
			args = append(args, r...)
		}
		stmt, err := b.prepare(ctx, table, columns, conflict, returning, len(chunk))
		if err != nil {
			return err
		}
		if returning == "" {
			if _, err := stmt.ExecContext(b.tx.ctx(ctx), args...); err != nil {
				return fmt.Errorf("store: unable to insert into %s: %w", table, err)
			}
			continue
		}
		rs, err := stmt.QueryContext(b.tx.ctx(ctx), args...)
		if err != nil {
			return fmt.Errorf("store: unable to insert into %s: %w", table, err)
		}
		for rs.Next() {
			if err := scan(rs); err != nil {
				rs.Close()
				return fmt.Errorf("store: unable to read rows inserted into %s: %w", table, err)
			}
		}
		err = rs.Err()
		rs.Close()
		if err != nil {
			return fmt.Errorf("store: unable to insert into %s: %w", table, err)
		}
	}
	return nil
}

// write appends rows of equal width to table, with no conflict handling
// and nothing returned: COPY on PostgreSQL (several times faster than
// INSERT there), multi-row INSERTs on SQLite, whose statements cost no
// round trips. Every bulk writer's plain rows go through here.
func (b *bulk) write(ctx context.Context, table string, columns []string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	if b.tx.dialect != Postgres || b.tx.raw == nil {
		return b.insert(ctx, table, columns, "", rows, "", nil)
	}
	err := b.tx.raw.Raw(func(dc any) error {
		c, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("unexpected driver connection %T", dc)
		}
		_, err := c.Conn().CopyFrom(ctx, pgx.Identifier{table}, columns, pgx.CopyFromRows(rows))
		return err
	})
	if err != nil {
		return fmt.Errorf("store: unable to copy into %s: %w", table, err)
	}
	return nil
}

// nextIDs reserves n new IDs of table, so that a bulk writer can write
// child rows without reading IDs back. SQLite has one writer, so the
// IDs above the largest are free for the transaction; PostgreSQL hands
// them out from the table's sequence, which concurrent writers share.
func (t *Tx) nextIDs(ctx context.Context, table string, n int) ([]int64, error) {
	ids := make([]int64, 0, n)
	if n == 0 {
		return ids, nil
	}
	if t.dialect != Postgres {
		var top int64
		if err := t.queryRow(ctx, "SELECT COALESCE(MAX(id), 0) FROM "+table).Scan(&top); err != nil {
			return nil, fmt.Errorf("store: unable to reserve ids of %s: %w", table, err)
		}
		for i := range n {
			ids = append(ids, top+1+int64(i))
		}
		return ids, nil
	}
	got, err := collect(ctx, t.conn, scanID, "SELECT nextval(pg_get_serial_sequence('"+table+"', 'id')) FROM generate_series(1, ?)", n)
	if err != nil {
		return nil, fmt.Errorf("store: unable to reserve ids of %s: %w", table, err)
	}
	return append(ids, got...), nil
}

func (b *bulk) prepare(ctx context.Context, table string, columns []string, conflict, returning string, n int) (*sql.Stmt, error) {
	var q strings.Builder
	q.WriteString("INSERT INTO " + table + " (" + strings.Join(columns, ", ") + ") VALUES ")
	row := "(" + placeholders(len(columns)) + ")"
	q.WriteString(strings.TrimSuffix(strings.Repeat(row+", ", n), ", "))
	if conflict != "" {
		q.WriteString(" ON CONFLICT (" + conflict + ") DO NOTHING")
	}
	if returning != "" {
		q.WriteString(" RETURNING " + returning)
	}
	key := q.String()
	if s, ok := b.stmts[key]; ok {
		return s, nil
	}
	tx, ok := b.tx.q.(interface {
		PrepareContext(context.Context, string) (*sql.Stmt, error)
	})
	if !ok {
		return nil, fmt.Errorf("store: bulk insert outside a transaction")
	}
	s, err := tx.PrepareContext(ctx, b.tx.bind(key))
	if err != nil {
		return nil, fmt.Errorf("store: unable to prepare insert into %s: %w", table, err)
	}
	b.stmts[key] = s
	return s, nil
}

// IsDataError reports whether err is the database refusing the data
// written (a constraint, a value it cannot store) rather than failing
// (a lost connection, a full disk): an importer rejects the row for the
// first and stops for the second.
func IsDataError(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		// Class 22 is data exceptions, class 23 integrity constraint violations.
		return strings.HasPrefix(pe.Code, "22") || strings.HasPrefix(pe.Code, "23")
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff { // the primary result code
		case sqlite3.SQLITE_CONSTRAINT, sqlite3.SQLITE_MISMATCH, sqlite3.SQLITE_TOOBIG, sqlite3.SQLITE_RANGE:
			return true
		}
	}
	return false
}
