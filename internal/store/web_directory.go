package store

import (
	"context"
	"fmt"

	"liuyan/internal/board"
)

// idArgs turns IDs into query arguments for an IN list.
func idArgs(ids []int64) []any {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return args
}

// keyed runs a query of (id, value) rows into a map.
func keyed[V any](ctx context.Context, c conn, q string, args ...any) (map[int64]V, error) {
	type pair struct {
		id int64
		v  V
	}
	ps, err := collect(ctx, c, func(r scanner) (pair, error) {
		var p pair
		err := r.Scan(&p.id, &p.v)
		return p, err
	}, q, args...)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]V, len(ps))
	for _, p := range ps {
		out[p.id] = p.v
	}
	return out, nil
}

// BoardMessageCounts counts the accepted messages of each board given
// (private ones too: they count in every statistic), for the directory.
func (s *Store) BoardMessageCounts(ctx context.Context, boardIDs []int64) (map[int64]int, error) {
	if len(boardIDs) == 0 {
		return map[int64]int{}, nil
	}
	out, err := keyed[int](ctx, s.public(ctx), "SELECT board_id, COUNT(*) FROM messages WHERE published_at IS NOT NULL AND board_id IN ("+
		placeholders(len(boardIDs))+") GROUP BY board_id", idArgs(boardIDs)...)
	if err != nil {
		return nil, fmt.Errorf("store: unable to count messages by board: %w", err)
	}
	return out, nil
}

// UnitsUnder lists the units of a region subtree (a code prefix), by
// region then age: the units a board office may assign to.
func (s *Store) UnitsUnder(ctx context.Context, prefix string) ([]board.Unit, error) {
	us, err := collect(ctx, s.public(ctx), func(r scanner) (board.Unit, error) {
		u, err := scanUnit(r)
		if err != nil {
			return board.Unit{}, err
		}
		return *u, nil
	}, "SELECT "+unitColumns+" FROM units WHERE region_code LIKE ? ORDER BY region_code, id", prefix+"%")
	if err != nil {
		return nil, fmt.Errorf("store: unable to list units: %w", err)
	}
	return us, nil
}

// UnitNames maps unit IDs to names, for timelines that name the units a
// message went to.
func (s *Store) UnitNames(ctx context.Context, unitIDs []int64) (map[int64]string, error) {
	return s.names(ctx, "units", unitIDs)
}

// BoardNames maps board IDs to names, for lists that show where each
// message was addressed.
func (s *Store) BoardNames(ctx context.Context, boardIDs []int64) (map[int64]string, error) {
	return s.names(ctx, "boards", boardIDs)
}

// names reads the name column of the rows of table with the given IDs;
// table is one of ours, never user input.
func (s *Store) names(ctx context.Context, table string, ids []int64) (map[int64]string, error) {
	if len(ids) == 0 {
		return map[int64]string{}, nil
	}
	out, err := keyed[string](ctx, s.public(ctx), "SELECT id, name FROM "+table+" WHERE id IN ("+placeholders(len(ids))+")", idArgs(ids)...)
	if err != nil {
		return nil, fmt.Errorf("store: unable to read %s names: %w", table, err)
	}
	return out, nil
}
