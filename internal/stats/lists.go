package stats

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"strconv"
	"time"

	"liuyan/internal/board"
	"liuyan/internal/catalog"
	"liuyan/internal/region"
	"liuyan/internal/store"
)

// ListKind names one of the supervision lists.
type ListKind string

// The lists of DESIGN §4.
const (
	ZeroReply ListKind = "zero-reply" // boards and regions with messages but no reply
	LowRate   ListKind = "low-rate"   // reply rate under a threshold
	FirstTime ListKind = "first-time" // leaders whose first final reply falls in the period
	Overdue   ListKind = "overdue"    // open messages past their deadline now, per unit
	Coverage  ListKind = "coverage"   // share of subordinate cities and counties that replied
)

// ListKinds lists every kind.
var ListKinds = []ListKind{ZeroReply, LowRate, FirstTime, Overdue, Coverage}

// ErrBadList is returned for an unknown list kind.
var ErrBadList = errors.New("stats: unknown list")

// ListOptions tune the zero-reply and low-rate lists.
type ListOptions struct {
	// Threshold is the reply rate under which a board or region is listed
	// as low (low-rate only).
	Threshold float64
	// MinVolume is the 留言量 a board or region needs to be listed at all,
	// so that one message cannot sink it.
	MinVolume int64
}

// List is one supervision list; only the parts of its kind are set.
type List struct {
	Kind        ListKind `json:"kind"`
	Scope       Scope    `json:"scope"`
	Period      string   `json:"period"`
	PeriodLabel string   `json:"period_label"`
	Threshold   *float64 `json:"threshold,omitempty"`
	MinVolume   int64    `json:"min_volume"`

	Boards   []ListedBoard  `json:"boards,omitempty"`
	Regions  []ListedRegion `json:"regions,omitempty"`
	Units    []ListedUnit   `json:"units,omitempty"`
	Coverage []RegionCover  `json:"coverage,omitempty"`
}

// ListedBoard is a board on a list.
type ListedBoard struct {
	ID           int64      `json:"id"`
	Name         string     `json:"name"`
	RegionCode   string     `json:"region_code"`
	RegionName   string     `json:"region_name"`
	Messages     int64      `json:"messages"`
	Replies      int64      `json:"replies"`
	ReplyRate    *float64   `json:"reply_rate"`
	FirstReplyAt *time.Time `json:"first_reply_at,omitempty"`
}

// ListedRegion is a region on a list.
type ListedRegion struct {
	Code      string   `json:"code"`
	Name      string   `json:"name"`
	Messages  int64    `json:"messages"`
	Replies   int64    `json:"replies"`
	ReplyRate *float64 `json:"reply_rate"`
}

// ListedUnit is a unit with overdue messages.
type ListedUnit struct {
	ID      int64  `json:"id"` // 0: not yet assigned to a unit
	Name    string `json:"name"`
	Overdue int64  `json:"overdue"`
}

// RegionCover is a region's coverage: how many of its cities and counties
// had at least one final reply from their own boards in the period.
type RegionCover struct {
	Code            string   `json:"code"`
	Name            string   `json:"name"`
	Cities          int      `json:"cities"`
	CitiesReplied   int      `json:"cities_replied"`
	CityShare       *float64 `json:"city_share"`
	Counties        int      `json:"counties"`
	CountiesReplied int      `json:"counties_replied"`
	CountyShare     *float64 `json:"county_share"`
}

// List makes one of the supervision lists for a scope and period.
func (s *Service) List(ctx context.Context, kind ListKind, sc Scope, p Period, o ListOptions) (*List, error) {
	if !slices.Contains(ListKinds, kind) {
		return nil, ErrBadList
	}
	if err := s.Check(ctx, sc); err != nil {
		return nil, err
	}
	if err := s.fresh(ctx); err != nil {
		return nil, err
	}
	out := &List{Kind: kind, Scope: sc, Period: p.Name, PeriodLabel: p.Label(), MinVolume: o.MinVolume}
	var err error
	switch kind {
	case ZeroReply, LowRate:
		keep := func(f Figures) bool { return f.Messages > 0 && f.Replies == 0 }
		if kind == LowRate {
			out.Threshold = &o.Threshold
			keep = func(f Figures) bool { return f.Messages > 0 && *f.ReplyRate < o.Threshold }
		}
		listed := func(f Figures) bool { return f.Messages >= o.MinVolume && keep(f) }
		if out.Boards, err = s.listBoards(ctx, sc, p, listed); err != nil {
			return nil, err
		}
		out.Regions, err = s.listRegions(ctx, sc, p, listed)
	case FirstTime:
		out.Boards, err = s.firstTime(ctx, sc, p)
	case Overdue:
		out.Units, err = s.overdueUnits(ctx, sc)
	case Coverage:
		out.Coverage, err = s.coverage(ctx, sc, p)
	}
	if err != nil {
		return nil, err
	}
	return out, nil
}

// byRate sorts the lowest reply rate first, then the largest volume.
func byRate(a, b Figures) int {
	if c := cmp.Compare(*a.ReplyRate, *b.ReplyRate); c != 0 {
		return c
	}
	return cmp.Compare(b.Messages, a.Messages)
}

func (s *Service) listBoards(ctx context.Context, sc Scope, p Period, keep func(Figures) bool) ([]ListedBoard, error) {
	ts, err := s.groups(ctx, sc, p, ByBoard)
	if err != nil {
		return nil, err
	}
	figs := map[int64]Figures{}
	var ids []int64
	for key, t := range ts {
		if f := t.figures(false); keep(f) {
			id, _ := strconv.ParseInt(key, 10, 64)
			figs[id] = f
			ids = append(ids, id)
		}
	}
	bs, err := s.Store.BoardsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := []ListedBoard{}
	for _, id := range ids {
		f, b := figs[id], bs[id]
		out = append(out, ListedBoard{ID: id, Name: b.Name, RegionCode: b.RegionCode, RegionName: region.FullName(b.RegionCode),
			Messages: f.Messages, Replies: f.Replies, ReplyRate: f.ReplyRate})
	}
	slices.SortFunc(out, func(a, b ListedBoard) int {
		if c := byRate(Figures{ReplyRate: a.ReplyRate, Messages: a.Messages}, Figures{ReplyRate: b.ReplyRate, Messages: b.Messages}); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return out, nil
}

func (s *Service) listRegions(ctx context.Context, sc Scope, p Period, keep func(Figures) bool) ([]ListedRegion, error) {
	ts, err := s.groups(ctx, sc, p, ByRegion)
	if err != nil {
		return nil, err
	}
	out := []ListedRegion{}
	for code, t := range ts {
		if f := t.figures(false); keep(f) {
			out = append(out, ListedRegion{Code: code, Name: regionName(code, sc.Region), Messages: f.Messages, Replies: f.Replies, ReplyRate: f.ReplyRate})
		}
	}
	slices.SortFunc(out, func(a, b ListedRegion) int {
		if c := byRate(Figures{ReplyRate: a.ReplyRate, Messages: a.Messages}, Figures{ReplyRate: b.ReplyRate, Messages: b.Messages}); c != 0 {
			return c
		}
		return cmp.Compare(a.Code, b.Code)
	})
	return out, nil
}

// firstTime lists the leader boards whose first final reply ever falls in
// the period (DESIGN §4: first-time responders).
func (s *Service) firstTime(ctx context.Context, sc Scope, p Period) ([]ListedBoard, error) {
	fs, err := s.Store.FirstRepliers(ctx, sc.prefix(), board.Leader, p.From, p.To)
	if err != nil {
		return nil, err
	}
	out := []ListedBoard{}
	for _, f := range fs {
		at := f.FirstReplyAt
		out = append(out, ListedBoard{ID: f.ID, Name: f.Name, RegionCode: f.RegionCode, RegionName: region.FullName(f.RegionCode), FirstReplyAt: &at})
	}
	return out, nil
}

func (s *Service) overdueUnits(ctx context.Context, sc Scope) ([]ListedUnit, error) {
	counts, err := s.Store.OverdueByUnit(ctx, sc.overdue(), s.now())
	if err != nil {
		return nil, err
	}
	ids := make([]int64, 0, len(counts))
	for id := range counts {
		ids = append(ids, id)
	}
	us, err := s.Store.UnitsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := []ListedUnit{}
	for id, n := range counts {
		name := us[id].Name
		if id == 0 {
			name = catalog.T("stats.unassigned")
		}
		out = append(out, ListedUnit{ID: id, Name: name, Overdue: n})
	}
	slices.SortFunc(out, func(a, b ListedUnit) int {
		if a.Overdue != b.Overdue {
			return cmp.Compare(b.Overdue, a.Overdue)
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return out, nil
}

// coverage counts, for the scope's region (or each province when the scope
// is the country), the cities and counties whose own boards published at
// least one first final reply in the period.
func (s *Service) coverage(ctx context.Context, sc Scope, p Period) ([]RegionCover, error) {
	ts, err := s.tally(ctx, sc, p, store.GroupRegion)
	if err != nil {
		return nil, err
	}
	replied := func(code string) bool { t := ts[code]; return t != nil && t.Replied > 0 }
	roots := []region.Region{}
	if sc.Region == "" {
		roots = region.Provinces()
	} else if r, _ := region.Get(sc.Region); r.Level != region.County {
		roots = append(roots, r)
	}
	out := []RegionCover{}
	for _, root := range roots {
		c := RegionCover{Code: root.Code, Name: root.Name}
		for _, r := range descendants(root.Code) {
			switch r.Level {
			case region.City:
				c.Cities++
				if replied(r.Code) {
					c.CitiesReplied++
				}
			case region.County:
				c.Counties++
				if replied(r.Code) {
					c.CountiesReplied++
				}
			}
		}
		c.CityShare = ratio(int64(c.CitiesReplied), int64(c.Cities))
		c.CountyShare = ratio(int64(c.CountiesReplied), int64(c.Counties))
		out = append(out, c)
	}
	return out, nil
}

// descendants lists every region below code.
func descendants(code string) []region.Region {
	var out []region.Region
	for _, c := range region.Children(code) {
		out = append(out, c)
		out = append(out, descendants(c.Code)...)
	}
	return out
}
