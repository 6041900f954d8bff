package directory

import (
	"context"
	"errors"
	"time"

	"liuyan/internal/board"
	"liuyan/internal/catalog"
	"liuyan/internal/region"
	"liuyan/internal/store"
)

// LeadersJoined is the date the leader boards count as joined: the board's
// national launch, so first-time figures start from a real date.
var LeadersJoined = time.Date(2006, 7, 1, 0, 0, 0, 0, time.UTC)

// SeedLeaders creates, for every region that has none yet, its office unit
// and its two leader boards (书记 and 长). It is idempotent, so it runs at
// every start and after a region-tree update. It writes in batches: the
// first start of a new deployment creates about 10,000 rows.
func SeedLeaders(ctx context.Context, s *store.Store) (created int, err error) {
	err = s.InTx(ctx, func(tx *store.Tx) error {
		have, err := tx.RegionsWithLeaders(ctx)
		if err != nil {
			return err
		}
		var missing []region.Region
		for _, r := range region.All() {
			if !have[r.Code] {
				missing = append(missing, r)
			}
		}
		if len(missing) == 0 {
			return nil
		}
		offices, err := tx.OfficeUnitIDs(ctx)
		if err != nil {
			return err
		}
		var units []board.Unit
		for _, r := range missing {
			if offices[r.Code] == 0 {
				units = append(units, board.Unit{Name: catalog.T("unit.office", region.FullName(r.Code)), RegionCode: r.Code, Kind: board.OfficeUnit})
			}
		}
		if err := tx.CreateUnits(ctx, units); err != nil {
			return err
		}
		if offices, err = tx.OfficeUnitIDs(ctx); err != nil {
			return err
		}
		boards := make([]board.Board, 0, 2*len(missing))
		for _, r := range missing {
			secretary, head := region.LeaderBoards(r)
			for _, b := range []board.Board{{Name: secretary, Title: board.Secretary}, {Name: head, Title: board.Head}} {
				b.RegionCode, b.Kind, b.OfficeUnitID, b.JoinedAt = r.Code, board.Leader, offices[r.Code], LeadersJoined
				boards = append(boards, b)
			}
		}
		created = len(boards)
		return tx.CreateBoards(ctx, boards)
	})
	return created, err
}

// ErrUnknownRegion is returned for a region code not in the tree.
var ErrUnknownRegion = errors.New("directory: unknown region")

// Join adds a department to a region: a unit that handles its messages and
// a board citizens can write to, joined on the given date.
func Join(ctx context.Context, s *store.Store, regionCode, name string, joined time.Time) (*board.Board, error) {
	if _, ok := region.Get(regionCode); !ok {
		return nil, ErrUnknownRegion
	}
	var b *board.Board
	err := s.InTx(ctx, func(tx *store.Tx) error {
		var err error
		b, err = tx.JoinDepartment(ctx, regionCode, name, joined)
		return err
	})
	return b, err
}

// AddUnit adds a handling unit that is not a board, such as a district's
// housing bureau that receives messages assigned by the district office.
func AddUnit(ctx context.Context, s *store.Store, regionCode, name string) (*board.Unit, error) {
	if _, ok := region.Get(regionCode); !ok {
		return nil, ErrUnknownRegion
	}
	u := &board.Unit{Name: name, RegionCode: regionCode, Kind: board.DepartmentUnit}
	err := s.InTx(ctx, func(tx *store.Tx) error { return tx.CreateUnit(ctx, u) })
	return u, err
}
