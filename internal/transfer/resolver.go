package transfer

import (
	"context"
	"errors"
	"strings"
	"time"

	"liuyan/internal/board"
	"liuyan/internal/catalog"
	"liuyan/internal/region"
	"liuyan/internal/store"
)

// resolver finds the board and units each row belongs to, creating
// boards when allowed and units as replies name them. It remembers every
// answer, refusals included, so a file of a million rows asks the store
// about each board name once.
type resolver struct {
	s      *store.Store
	root   string // the --region code, "" for the whole country
	create bool
	fixed  *board.Board // --board

	boards map[string]boardAnswer // by "region\x00name" (region "" for a forum name)
	units  map[unitRef]int64
	// first is the earliest message of each board this import created,
	// whose joined date is moved back to it at the end.
	first map[int64]time.Time
	// created lists what this import created, for the summary.
	created []string
	regions []region.Region // the regions under root, once needed
}

type boardAnswer struct {
	b   *board.Board
	err string // the catalogue's reason, for a refusal
}

// unitRef names a unit the way files do: by its name in a region.
type unitRef struct {
	Name   string `json:"unit,omitempty"`
	Region string `json:"unit_region,omitempty"`
}

func newResolver(s *store.Store, root string, create bool) *resolver {
	return &resolver{s: s, root: root, create: create, boards: map[string]boardAnswer{},
		units: map[unitRef]int64{}, first: map[int64]time.Time{}}
}

// refused is a board the rows cannot go to, with the reason.
type refused struct{ reason string }

func (r *refused) Error() string { return r.reason }

func (d *resolver) answer(key string, fn func() (*board.Board, error)) (*board.Board, error) {
	if a, ok := d.boards[key]; ok {
		if a.err != "" {
			return nil, &refused{a.err}
		}
		return a.b, nil
	}
	b, err := fn()
	var r *refused
	if errors.As(err, &r) {
		d.boards[key] = boardAnswer{err: r.reason}
		return nil, err
	}
	if err != nil {
		return nil, err
	}
	d.boards[key] = boardAnswer{b: b}
	return b, nil
}

// seen notes a message of board b written at t.
func (d *resolver) seen(b *board.Board, t time.Time) {
	if f, ok := d.first[b.ID]; ok && t.Before(f) {
		d.first[b.ID] = t
	}
}

// backdate moves the boards this import created back to their first
// message, so that the joined-units figure counts them when they started.
func (d *resolver) backdate(ctx context.Context) error {
	for id, t := range d.first {
		if err := d.s.BackdateBoard(ctx, id, t); err != nil {
			return err
		}
	}
	return nil
}

// fallback is the board of files that name none (the TipDM files): the
// --board given, or the default board of --region, created on request.
func (d *resolver) fallback(ctx context.Context, at time.Time) (*board.Board, error) {
	if d.fixed != nil {
		return d.fixed, nil
	}
	r, ok := region.Get(d.root)
	if !ok {
		return nil, errors.New(catalog.T("transfer.need_board"))
	}
	name := catalog.T("transfer.default_board", r.Name)
	b, err := d.answer(d.root+"\x00"+name, func() (*board.Board, error) {
		return d.department(ctx, r.Code, name, at, false)
	})
	if err == nil {
		d.seen(b, at)
	}
	return b, err
}

// forum finds the board a row of the board's export was written to, by
// its forum name within --region: a board of that name; else a leader
// board, read from a region's name followed by a title, with or without
// the leader's own name (杭州市委书记刘捷, 杭州市市长姚高员 → 杭州市委书记,
// 杭州市长); else a board named after a region alone (浙江省), or a
// department of the region whose name begins it, created on request.
func (d *resolver) forum(ctx context.Context, name string, at time.Time) (*board.Board, error) {
	if d.fixed != nil {
		return d.fixed, nil
	}
	if name == "" {
		return nil, &refused{catalog.T("transfer.no_forum")}
	}
	b, err := d.answer("\x00"+name, func() (*board.Board, error) { return d.findForum(ctx, name, at) })
	if err == nil {
		d.seen(b, at)
	}
	return b, err
}

func (d *resolver) findForum(ctx context.Context, name string, at time.Time) (*board.Board, error) {
	bs, err := d.s.BoardsNamed(ctx, name, region.Prefix(d.root))
	if err != nil {
		return nil, err
	}
	switch len(bs) {
	case 1:
		return &bs[0], nil
	case 0:
	default:
		return nil, &refused{catalog.T("transfer.ambiguous_forum", name)}
	}
	r, rest, err := d.regionOf(name)
	if err != nil {
		return nil, err
	}
	if r.Code == "" {
		if d.root == "" {
			return nil, &refused{catalog.T("transfer.unknown_forum", name)}
		}
		return d.department(ctx, d.root, name, at, true)
	}
	var title board.Title
	switch {
	case rest == "":
		return d.department(ctx, r.Code, name, at, false)
	case strings.Contains(rest, "书记"):
		title = board.Secretary
	case strings.ContainsAny(rest, "长席员"):
		title = board.Head
	default:
		return d.department(ctx, r.Code, name, at, true)
	}
	leaders, err := d.s.Boards(ctx, r.Code, board.Leader)
	if err != nil {
		return nil, err
	}
	for i := range leaders {
		if leaders[i].Title == title {
			return &leaders[i], nil
		}
	}
	return nil, &refused{catalog.T("transfer.unknown_forum", name)}
}

// regionOf finds the region under root whose name begins the forum name,
// the longest if several do, and returns what follows it. No region is a
// zero Region; two regions of that name under root are refused.
func (d *resolver) regionOf(name string) (region.Region, string, error) {
	if d.regions == nil {
		for _, r := range region.All() {
			if region.Within(r.Code, d.root) {
				d.regions = append(d.regions, r)
			}
		}
	}
	var best []region.Region
	for _, r := range d.regions {
		if !strings.HasPrefix(name, r.Name) {
			continue
		}
		switch {
		case len(best) == 0 || len(r.Name) > len(best[0].Name):
			best = []region.Region{r}
		case len(r.Name) == len(best[0].Name):
			best = append(best, r)
		}
	}
	switch len(best) {
	case 0:
		return region.Region{}, "", nil
	case 1:
		return best[0], strings.TrimPrefix(name, best[0].Name), nil
	}
	return region.Region{}, "", &refused{catalog.T("transfer.ambiguous_forum", name)}
}

// department creates a board named name in a region when the import may
// create boards. A board of its own unit is a department that joined
// (directory.Join); a board named after the region alone is handled by
// the region's office, like its leaders' boards.
func (d *resolver) department(ctx context.Context, code, name string, at time.Time, ownUnit bool) (*board.Board, error) {
	bs, err := d.s.BoardsNamed(ctx, name, code)
	if err != nil {
		return nil, err
	}
	for i := range bs {
		if bs[i].RegionCode == code {
			return &bs[i], nil
		}
	}
	if !d.create {
		return nil, &refused{catalog.T("transfer.unknown_forum", name)}
	}
	b := &board.Board{Name: name, RegionCode: code, Kind: board.Department, JoinedAt: at}
	err = d.s.InTx(ctx, func(tx *store.Tx) error {
		if ownUnit {
			u, err := tx.UnitNamed(ctx, code, name)
			if errors.Is(err, store.ErrNotFound) {
				u = &board.Unit{Name: name, RegionCode: code, Kind: board.DepartmentUnit}
				err = tx.CreateUnit(ctx, u)
			}
			if err != nil {
				return err
			}
			b.OfficeUnitID = u.ID
		} else {
			offices, err := tx.OfficeUnitIDs(ctx)
			if err != nil {
				return err
			}
			if b.OfficeUnitID = offices[code]; b.OfficeUnitID == 0 {
				return &refused{catalog.T("transfer.no_office", region.FullName(code))}
			}
		}
		return tx.CreateBoard(ctx, b)
	})
	if err != nil {
		return nil, err
	}
	d.first[b.ID] = at
	d.created = append(d.created, catalog.T("transfer.created_board", region.FullName(code), name))
	return b, nil
}

// unit returns the ID of a unit named in a file, creating it in its region
// when it is new: replies name the unit that answered, and that unit is
// part of the history.
func (d *resolver) unit(ctx context.Context, ref unitRef) (int64, error) {
	if id, ok := d.units[ref]; ok {
		return id, nil
	}
	if _, ok := region.Get(ref.Region); !ok {
		return 0, &refused{catalog.T("transfer.unknown_region", ref.Region)}
	}
	u, err := d.s.UnitNamed(ctx, ref.Region, ref.Name)
	if errors.Is(err, store.ErrNotFound) {
		u = &board.Unit{Name: ref.Name, RegionCode: ref.Region, Kind: board.DepartmentUnit}
		err = d.s.InTx(ctx, func(tx *store.Tx) error { return tx.CreateUnit(ctx, u) })
		if err == nil {
			d.created = append(d.created, catalog.T("transfer.created_unit", region.FullName(ref.Region), ref.Name))
		}
	}
	if err != nil {
		return 0, err
	}
	d.units[ref] = u.ID
	return u.ID, nil
}

// named finds a board by its region and name, as liuyan's export gives
// them, creating a department board on request.
func (d *resolver) named(ctx context.Context, code, name string, at time.Time) (*board.Board, error) {
	if d.fixed != nil {
		return d.fixed, nil
	}
	b, err := d.answer(code+"\x00"+name, func() (*board.Board, error) {
		if _, ok := region.Get(code); !ok {
			return nil, &refused{catalog.T("transfer.unknown_region", code)}
		}
		return d.department(ctx, code, name, at, true)
	})
	if err == nil {
		d.seen(b, at)
	}
	return b, err
}
