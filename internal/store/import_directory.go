package store

import (
	"context"
	"fmt"

	"liuyan/internal/board"
)

// BoardsNamed finds the boards with exactly this name in a region subtree
// (a code prefix, "" for the whole country), for matching the board names
// of an imported file. More than one means the name is ambiguous there.
func (s *Store) BoardsNamed(ctx context.Context, name, regionPrefix string) ([]board.Board, error) {
	bs, err := collect(ctx, s.reader(), func(r scanner) (board.Board, error) {
		b, err := scanBoard(r)
		if err != nil {
			return board.Board{}, err
		}
		return *b, nil
	}, "SELECT "+boardColumns+" FROM boards WHERE name = ? AND region_code LIKE ? ORDER BY id", name, regionPrefix+"%")
	if err != nil {
		return nil, fmt.Errorf("store: unable to find boards: %w", err)
	}
	return bs, nil
}

// UnitNamed finds a unit of one region by its name, the way imported
// replies name the unit that answered; ErrNotFound when there is none.
func (s *Store) UnitNamed(ctx context.Context, regionCode, name string) (*board.Unit, error) {
	return scanUnit(s.reader().queryRow(ctx, "SELECT "+unitColumns+" FROM units WHERE region_code = ? AND name = ? ORDER BY id LIMIT 1",
		regionCode, name))
}

// UnitNamed is UnitNamed inside a transaction, to find or create a unit
// without creating it twice.
func (t *Tx) UnitNamed(ctx context.Context, regionCode, name string) (*board.Unit, error) {
	return scanUnit(t.queryRow(ctx, "SELECT "+unitColumns+" FROM units WHERE region_code = ? AND name = ? ORDER BY id LIMIT 1",
		regionCode, name))
}
