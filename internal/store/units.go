package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"liuyan/internal/board"
)

const unitColumns = "id, name, region_code, kind"

func scanUnit(row scanner) (*board.Unit, error) {
	var u board.Unit
	if err := row.Scan(&u.ID, &u.Name, &u.RegionCode, &u.Kind); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, ErrNotFound
		}
		return nil, fmt.Errorf("store: unable to read unit: %w", err)
	}
	return &u, nil
}

// CreateUnit inserts a unit and sets its ID.
func (t *Tx) CreateUnit(ctx context.Context, u *board.Unit) error {
	id, err := t.insertID(ctx, "INSERT INTO units (name, region_code, kind, created_at) VALUES (?, ?, ?, ?)",
		u.Name, u.RegionCode, u.Kind, time.Now().UTC())
	if err != nil {
		return fmt.Errorf("store: unable to create unit: %w", err)
	}
	u.ID = id
	return nil
}

func getUnit(ctx context.Context, c conn, id int64) (*board.Unit, error) {
	return scanUnit(c.queryRow(ctx, "SELECT "+unitColumns+" FROM units WHERE id = ?", id))
}

// Unit returns one unit.
func (s *Store) Unit(ctx context.Context, id int64) (*board.Unit, error) {
	return getUnit(ctx, s.public(ctx), id)
}

// Unit returns one unit inside the transaction.
func (t *Tx) Unit(ctx context.Context, id int64) (*board.Unit, error) {
	return getUnit(ctx, t.conn, id)
}

// Units lists the units of one region (not its subregions), oldest first.
func (s *Store) Units(ctx context.Context, regionCode string) ([]board.Unit, error) {
	us, err := collect(ctx, s.public(ctx), func(r scanner) (board.Unit, error) {
		u, err := scanUnit(r)
		if err != nil {
			return board.Unit{}, err
		}
		return *u, nil
	}, "SELECT "+unitColumns+" FROM units WHERE region_code = ? ORDER BY id", regionCode)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list units: %w", err)
	}
	return us, nil
}
