package store

import (
	"context"
	"fmt"
	"time"

	"liuyan/internal/board"
)

// BoardsJoined lists the department boards within a region subtree
// (prefix "" for the country) that joined in [from, to), oldest first.
func (s *Store) BoardsJoined(ctx context.Context, prefix string, from, to time.Time) ([]board.Board, error) {
	bs, err := collect(ctx, s.public(ctx), boardValue, "SELECT "+boardColumns+" FROM boards WHERE kind = 'department' AND joined_at >= ? AND joined_at < ? AND region_code LIKE ? ORDER BY joined_at, id",
		from.UTC(), to.UTC(), prefix+"%")
	if err != nil {
		return nil, fmt.Errorf("store: unable to list joined boards: %w", err)
	}
	return bs, nil
}

// CountBoardsJoined counts the department boards within a region subtree
// that joined in [from, to), and those that had joined before to: the
// joined units of a period and their total at its end, in one read.
func (s *Store) CountBoardsJoined(ctx context.Context, prefix string, from, to time.Time) (joined, total int64, err error) {
	err = s.public(ctx).queryRow(ctx, `SELECT COALESCE(SUM(CASE WHEN joined_at >= ? THEN 1 ELSE 0 END), 0), COUNT(*)
		FROM boards WHERE kind = 'department' AND joined_at < ? AND region_code LIKE ?`,
		from.UTC(), to.UTC(), prefix+"%").Scan(&joined, &total)
	if err != nil {
		return 0, 0, fmt.Errorf("store: unable to count joined boards: %w", err)
	}
	return joined, total, nil
}

// FirstRepliers lists the boards within a region subtree whose first
// published final reply ever falls in [from, to), with that moment. The
// rollup job keeps the first replies (stats_board_first).
func (s *Store) FirstRepliers(ctx context.Context, prefix string, kind board.Kind, from, to time.Time) ([]BoardFirst, error) {
	out, err := collect(ctx, s.public(ctx), func(r scanner) (BoardFirst, error) {
		var f BoardFirst
		err := r.Scan(&f.ID, &f.Name, &f.RegionCode, &f.Kind, &f.Title, &f.OfficeUnitID, &f.JoinedAt, &f.SignoffRequired, &f.FirstReplyAt)
		f.JoinedAt, f.FirstReplyAt = f.JoinedAt.UTC(), f.FirstReplyAt.UTC()
		return f, err
	}, `SELECT b.id, b.name, b.region_code, b.kind, b.title, b.office_unit_id, b.joined_at, b.signoff_required, f.first_reply_at
		FROM stats_board_first f JOIN boards b ON b.id = f.board_id
		WHERE f.first_reply_at >= ? AND f.first_reply_at < ? AND b.kind = ? AND b.region_code LIKE ?
		ORDER BY b.region_code, b.id`, from.UTC(), to.UTC(), kind, prefix+"%")
	if err != nil {
		return nil, fmt.Errorf("store: unable to list first replies: %w", err)
	}
	return out, nil
}

// BoardFirst is a board with the moment of its first published final reply.
type BoardFirst struct {
	board.Board
	FirstReplyAt time.Time
}

// BoardsPerRegion counts the boards of each region within a subtree that
// had joined before t, for figures per board ("per capita of boards");
// with byProvince, per province (keys are the two digits).
func (s *Store) BoardsPerRegion(ctx context.Context, prefix string, before time.Time, byProvince bool) (map[string]int64, error) {
	group := "region_code"
	if byProvince {
		group = "substr(region_code, 1, 2)"
	}
	type pair struct {
		code string
		n    int64
	}
	// On SQLite, whose LIKE does not use an index, the subtree is a range
	// of codes, so that the count reads the index on (region_code,
	// joined_at) alone; PostgreSQL's text collation need not sort codes
	// bytewise, so there it stays a LIKE.
	where, args := "region_code LIKE ?", []any{before.UTC(), prefix + "%"}
	if s.dialect == SQLite {
		where, args = "1 = 1", []any{before.UTC()}
		if prefix != "" {
			lo, hi := regionRange(prefix)
			where, args = "region_code >= ? AND region_code < ?", append(args, lo, hi)
		}
	}
	ps, err := collect(ctx, s.public(ctx), func(r scanner) (pair, error) {
		var p pair
		err := r.Scan(&p.code, &p.n)
		return p, err
	}, "SELECT "+group+", COUNT(*) FROM boards WHERE joined_at < ? AND "+where+" GROUP BY "+group, args...)
	if err != nil {
		return nil, fmt.Errorf("store: unable to count boards per region: %w", err)
	}
	out := make(map[string]int64, len(ps))
	for _, p := range ps {
		out[p.code] = p.n
	}
	return out, nil
}

// BoardsByID returns the boards with the given IDs, for naming groups.
func (s *Store) BoardsByID(ctx context.Context, ids []int64) (map[int64]board.Board, error) {
	return byIDs(ctx, s.public(ctx), ids, "SELECT "+boardColumns+" FROM boards", boardValue, func(b board.Board) int64 { return b.ID })
}

// UnitsByID returns the units with the given IDs, for naming groups.
func (s *Store) UnitsByID(ctx context.Context, ids []int64) (map[int64]board.Unit, error) {
	return byIDs(ctx, s.public(ctx), ids, "SELECT "+unitColumns+" FROM units", func(r scanner) (board.Unit, error) {
		u, err := scanUnit(r)
		if err != nil {
			return board.Unit{}, err
		}
		return *u, nil
	}, func(u board.Unit) int64 { return u.ID })
}

// byIDs runs selectFrom for the given IDs in batches and maps the rows by ID.
func byIDs[T any](ctx context.Context, c conn, ids []int64, selectFrom string, scan func(scanner) (T, error), idOf func(T) int64) (map[int64]T, error) {
	out := make(map[int64]T, len(ids))
	for start := 0; start < len(ids); start += batchRows {
		chunk := ids[start:min(start+batchRows, len(ids))]
		args := make([]any, len(chunk))
		for i, id := range chunk {
			args[i] = id
		}
		vs, err := collect(ctx, c, scan, selectFrom+" WHERE id IN ("+placeholders(len(args))+")", args...)
		if err != nil {
			return nil, fmt.Errorf("store: unable to read by id: %w", err)
		}
		for _, v := range vs {
			out[idOf(v)] = v
		}
	}
	return out, nil
}

// boardValue scans a board as a value, for collect.
func boardValue(r scanner) (board.Board, error) {
	b, err := scanBoard(r)
	if err != nil {
		return board.Board{}, err
	}
	return *b, nil
}
