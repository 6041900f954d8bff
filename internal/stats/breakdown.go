package stats

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"

	"liuyan/internal/region"
	"liuyan/internal/store"
)

// Dimension is what a breakdown groups by.
type Dimension string

// The dimensions of a breakdown.
const (
	ByDomain Dimension = "domain"
	ByType   Dimension = "type"
	ByTag    Dimension = "tag"
	ByLevel  Dimension = "level"  // the level of the board's region: province, city, county
	ByRegion Dimension = "region" // the regions directly below the scope's region
	ByBoard  Dimension = "board"
	ByUnit   Dimension = "unit"
	ByMonth  Dimension = "month"
)

// Dimensions lists every dimension.
var Dimensions = []Dimension{ByDomain, ByType, ByTag, ByLevel, ByRegion, ByBoard, ByUnit, ByMonth}

// ErrBadDimension is returned for an unknown dimension.
var ErrBadDimension = errors.New("stats: unknown breakdown dimension")

// Group is one group of a breakdown with its figures and shares.
type Group struct {
	Key  string `json:"key"`
	Name string `json:"name"`
	Figures
	// MessageShare is the group's 留言量 over the scope's: the topic share
	// for domains and tags (tags overlap, so their shares need not add up to 1).
	MessageShare *float64 `json:"message_share"`
	// ReplyShare is the group's 回复量 over the scope's: the level share
	// for levels.
	ReplyShare *float64 `json:"reply_share"`
}

// Breakdown is a scope's figures per group.
type Breakdown struct {
	Scope       Scope     `json:"scope"`
	Period      string    `json:"period"`
	PeriodLabel string    `json:"period_label"`
	By          Dimension `json:"by"`
	Total       Figures   `json:"total"`
	Groups      []Group   `json:"groups"`
}

// Breakdown computes a scope's figures per group of a dimension. Groups
// come largest first, months in calendar order.
func (s *Service) Breakdown(ctx context.Context, sc Scope, p Period, by Dimension) (*Breakdown, error) {
	if !slices.Contains(Dimensions, by) {
		return nil, ErrBadDimension
	}
	if err := s.Check(ctx, sc); err != nil {
		return nil, err
	}
	if err := s.fresh(ctx); err != nil {
		return nil, err
	}
	total, err := s.total(ctx, sc, p)
	if err != nil {
		return nil, err
	}
	groups, err := s.groups(ctx, sc, p, by)
	if err != nil {
		return nil, err
	}
	names, err := s.names(ctx, sc, by, groups)
	if err != nil {
		return nil, err
	}
	tf := total.figures(sc.forUnit())
	out := &Breakdown{Scope: sc, Period: p.Name, PeriodLabel: p.Label(), By: by, Total: tf, Groups: []Group{}}
	for key, t := range groups {
		f := t.figures(sc.forUnit() || by == ByUnit)
		out.Groups = append(out.Groups, Group{Key: key, Name: names[key], Figures: f,
			MessageShare: ratio(f.Messages, tf.Messages), ReplyShare: ratio(f.Replies, tf.Replies)})
	}
	slices.SortFunc(out.Groups, func(a, b Group) int {
		if by == ByMonth {
			return strings.Compare(a.Key, b.Key)
		}
		if a.Messages != b.Messages {
			return int(b.Messages - a.Messages)
		}
		if a.Replies != b.Replies {
			return int(b.Replies - a.Replies)
		}
		return compareKeys(a.Key, b.Key)
	})
	return out, nil
}

// groups tallies the rollups per group of a dimension. Levels and regions
// are read per board region and gathered here, from the region tree.
func (s *Service) groups(ctx context.Context, sc Scope, p Period, by Dimension) (map[string]*tally, error) {
	switch by {
	case ByLevel:
		return s.gather(ctx, sc, p, store.GroupRegion, func(code string) string {
			if r, ok := region.Get(code); ok {
				return string(r.Level)
			}
			return string(region.National)
		})
	case ByRegion:
		return s.gather(ctx, sc, p, regionGrouping(sc.Region), childOf(sc.Region))
	}
	ts, err := s.tally(ctx, sc, p, store.StatsGroup(by))
	if err != nil {
		return nil, err
	}
	if by == ByMonth {
		for m := p.From; m.Before(p.To); m = m.AddDate(0, 1, 0) {
			key := strconv.Itoa(dayOf(m) / 100)
			if ts[key] == nil {
				ts[key] = &tally{}
			}
		}
	}
	return ts, nil
}

// regionGrouping is the grouping that tells a scope's subregions apart:
// provinces for the country, board regions below.
func regionGrouping(scope string) store.StatsGroup {
	if scope == "" {
		return store.GroupProvince
	}
	return store.GroupRegion
}

// gather tallies per board region, or per province, and adds them up
// under keyOf; an empty key drops the region. The rows go straight into
// the tallies of their keys, each region's key worked out once: a
// country-wide county ranking reads tens of thousands of rows for
// thousands of regions.
func (s *Service) gather(ctx context.Context, sc Scope, p Period, by store.StatsGroup, keyOf func(code string) string) (map[string]*tally, error) {
	rows, err := s.Store.StatsRows(ctx, sc.filter(p), by)
	if err != nil {
		return nil, err
	}
	keys := map[string]string{}
	out := map[string]*tally{}
	for _, r := range rows {
		key, ok := keys[r.Group]
		if !ok {
			code := r.Group
			if by == store.GroupProvince {
				code += "0000" // a province's code is its prefix padded with zeros
			}
			key = keyOf(code)
			keys[r.Group] = key
		}
		if key == "" {
			continue
		}
		t := out[key]
		if t == nil {
			t = &tally{}
			out[key] = t
		}
		t.add(r)
	}
	return out, nil
}

// childOf maps a code to the region directly below root on its path, or
// to root itself for root's own boards.
func childOf(root string) func(code string) string {
	depth := len(region.Path(root))
	return func(code string) string {
		path := region.Path(code)
		if len(path) > depth {
			return path[depth].Code
		}
		if len(path) == depth && depth > 0 {
			return root
		}
		return ""
	}
}

// names gives each group its Chinese name.
func (s *Service) names(ctx context.Context, sc Scope, by Dimension, groups map[string]*tally) (map[string]string, error) {
	out := map[string]string{}
	var ids []int64
	for key := range groups {
		switch by {
		case ByLevel:
			out[key] = levelName(region.Level(key))
		case ByRegion:
			out[key] = regionName(key, sc.Region)
		case ByMonth:
			out[key] = monthName(key)
		case ByBoard, ByUnit:
			id, _ := strconv.ParseInt(key, 10, 64)
			ids = append(ids, id)
		default:
			out[key] = key
		}
	}
	switch by {
	case ByBoard:
		bs, err := s.Store.BoardsByID(ctx, ids)
		if err != nil {
			return nil, err
		}
		for id, b := range bs {
			out[strconv.FormatInt(id, 10)] = b.Name
		}
	case ByUnit:
		us, err := s.Store.UnitsByID(ctx, ids)
		if err != nil {
			return nil, err
		}
		for id, u := range us {
			out[strconv.FormatInt(id, 10)] = u.Name
		}
	}
	return out, nil
}

// compareKeys orders group keys, numerically where they are IDs.
func compareKeys(a, b string) int {
	x, errA := strconv.ParseInt(a, 10, 64)
	y, errB := strconv.ParseInt(b, 10, 64)
	if errA == nil && errB == nil {
		return cmp.Compare(x, y)
	}
	return strings.Compare(a, b)
}
