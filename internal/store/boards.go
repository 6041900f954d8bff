package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"time"

	"liuyan/internal/board"
)

const boardColumns = "id, name, region_code, kind, title, office_unit_id, joined_at, signoff_required"

func scanBoard(row scanner) (*board.Board, error) {
	var b board.Board
	if err := row.Scan(&b.ID, &b.Name, &b.RegionCode, &b.Kind, &b.Title, &b.OfficeUnitID, &b.JoinedAt, &b.SignoffRequired); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, ErrNotFound
		}
		return nil, fmt.Errorf("store: unable to read board: %w", err)
	}
	b.JoinedAt = b.JoinedAt.UTC()
	return &b, nil
}

// CreateBoard inserts a board and sets its ID. A board needs its office
// unit to exist first.
func (t *Tx) CreateBoard(ctx context.Context, b *board.Board) error {
	id, err := t.insertID(ctx, `INSERT INTO boards (name, region_code, kind, title, office_unit_id, joined_at, signoff_required, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		b.Name, b.RegionCode, b.Kind, b.Title, b.OfficeUnitID, b.JoinedAt.UTC(), b.SignoffRequired, time.Now().UTC())
	if isUnique(err) {
		return ErrConflict
	}
	if err != nil {
		return fmt.Errorf("store: unable to create board: %w", err)
	}
	b.ID = id
	return nil
}

func getBoard(ctx context.Context, c conn, id int64) (*board.Board, error) {
	return scanBoard(c.queryRow(ctx, "SELECT "+boardColumns+" FROM boards WHERE id = ?", id))
}

// Board returns one board. Every page of a message or a board and every
// submission reads its board, and boards hardly change, so they are kept
// in memory once read, until a change to any board (TopicBoards). They
// are always read from the primary: a copy read from a lagging replica
// could be kept past the change that made it stale.
func (s *Store) Board(ctx context.Context, id int64) (*board.Board, error) {
	trusted := s.dialect != Postgres || s.changes.listening.Load()
	gen := s.changes.gen[TopicBoards].Load()
	c := &s.boards
	if trusted {
		c.mu.Lock()
		b, ok := c.byID[id]
		fresh := c.gen == gen
		c.mu.Unlock()
		if ok && fresh {
			return &b, nil
		}
	}
	b, err := getBoard(ctx, s.reader(), id)
	if err != nil || !trusted {
		return b, err
	}
	c.mu.Lock()
	if now := s.changes.gen[TopicBoards].Load(); now == gen {
		if c.gen != gen || c.byID == nil {
			c.gen, c.byID = gen, map[int64]board.Board{}
		}
		c.byID[id] = *b
	}
	c.mu.Unlock()
	return b, nil
}

// boardCache holds the boards read so far, valid for one generation of
// TopicBoards.
type boardCache struct {
	mu   sync.Mutex
	gen  uint64
	byID map[int64]board.Board
}

// Board returns one board inside the transaction.
func (t *Tx) Board(ctx context.Context, id int64) (*board.Board, error) {
	return getBoard(ctx, t.conn, id)
}

// Boards lists the boards of one region, leaders first, optionally of one kind.
func (s *Store) Boards(ctx context.Context, regionCode string, kind board.Kind) ([]board.Board, error) {
	q := "SELECT " + boardColumns + " FROM boards WHERE region_code = ?"
	args := []any{regionCode}
	if kind != "" {
		q += " AND kind = ?"
		args = append(args, kind)
	}
	bs, err := collect(ctx, s.public(ctx), func(r scanner) (board.Board, error) {
		b, err := scanBoard(r)
		if err != nil {
			return board.Board{}, err
		}
		return *b, nil
	}, q+" ORDER BY CASE kind WHEN 'leader' THEN 0 ELSE 1 END, id", args...)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list boards: %w", err)
	}
	return bs, nil
}

// CountBoards counts all boards, to tell an empty store from a seeded one.
func (s *Store) CountBoards(ctx context.Context) (int, error) {
	var n int
	err := s.reader().queryRow(ctx, "SELECT COUNT(*) FROM boards").Scan(&n)
	return n, err
}

// RegionsWithLeaders returns the regions that already have leader boards.
func (t *Tx) RegionsWithLeaders(ctx context.Context) (map[string]bool, error) {
	codes, err := collect(ctx, t.conn, func(r scanner) (string, error) {
		var code string
		err := r.Scan(&code)
		return code, err
	}, "SELECT DISTINCT region_code FROM boards WHERE kind = 'leader'")
	if err != nil {
		return nil, fmt.Errorf("store: unable to list leader regions: %w", err)
	}
	have := make(map[string]bool, len(codes))
	for _, c := range codes {
		have[c] = true
	}
	return have, nil
}

// BoardsUnder lists the boards of a region subtree (a code prefix), by
// region then age; "" lists every board, in one query where a directory
// of thousands of regions would otherwise take thousands.
func (s *Store) BoardsUnder(ctx context.Context, prefix string) ([]board.Board, error) {
	bs, err := collect(ctx, s.public(ctx), boardValue, "SELECT "+boardColumns+" FROM boards WHERE region_code LIKE ? ORDER BY region_code, id", prefix+"%")
	if err != nil {
		return nil, fmt.Errorf("store: unable to list boards: %w", err)
	}
	return bs, nil
}
