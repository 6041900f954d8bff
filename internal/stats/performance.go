package stats

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"strings"

	"liuyan/internal/account"
	"liuyan/internal/region"
	"liuyan/internal/store"
)

// Performance is how the units handling a region's messages did, month by
// month: for supervisors, not the public, since it carries the reply
// quality scores (DESIGN §5) that are a working grade, not a verdict.
type Performance struct {
	Scope       Scope             `json:"scope"`
	ScopeName   string            `json:"scope_name"`
	Period      string            `json:"period"`
	PeriodLabel string            `json:"period_label"`
	Units       []UnitPerformance `json:"units"`
}

// UnitPerformance is one unit's figures over the period and per month.
// A unit's 留言量 is what it received (交办, 转办).
type UnitPerformance struct {
	ID     int64       `json:"id"`
	Name   string      `json:"name"`
	Total  UnitFigures `json:"total"`
	Months []UnitMonth `json:"months"`
}

// UnitMonth is a unit's figures in one month.
type UnitMonth struct {
	Month string `json:"month"` // yyyymm
	Name  string `json:"name"`  // 2020年5月
	UnitFigures
}

// UnitFigures are the figures of DESIGN §4 for a unit, with the mean
// quality score (0–100) of its published final replies.
type UnitFigures struct {
	Figures
	// Scored counts the published final replies with a score;
	// ReplyQuality is their mean score, nil without any.
	Scored       int64    `json:"scored_replies"`
	ReplyQuality *float64 `json:"reply_quality"`
}

func (t *tally) unitFigures() UnitFigures {
	return UnitFigures{Figures: t.figures(true), Scored: t.Scored, ReplyQuality: ratio(t.Quality, t.Scored)}
}

// UnitPerformance computes, for the units that handled messages of the
// scope in the period, their figures per month and in total; units with
// the most messages received come first.
func (s *Service) UnitPerformance(ctx context.Context, sc Scope, p Period) (*Performance, error) {
	if err := s.Check(ctx, sc); err != nil {
		return nil, err
	}
	if err := s.fresh(ctx); err != nil {
		return nil, err
	}
	ts, err := s.tally(ctx, sc, p, store.GroupUnitMonth)
	if err != nil {
		return nil, err
	}
	var months []string
	for m := p.From; m.Before(p.To); m = m.AddDate(0, 1, 0) {
		months = append(months, strconv.Itoa(dayOf(m)/100))
	}
	byUnit := map[int64]map[string]*tally{}
	for key, t := range ts {
		u, month, _ := strings.Cut(key, " ")
		id, _ := strconv.ParseInt(u, 10, 64)
		if byUnit[id] == nil {
			byUnit[id] = map[string]*tally{}
		}
		byUnit[id][month] = t
	}
	ids := make([]int64, 0, len(byUnit))
	for id := range byUnit {
		ids = append(ids, id)
	}
	units, err := s.Store.UnitsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := &Performance{Scope: sc, ScopeName: ScopeName(sc.Region), Period: p.Name, PeriodLabel: p.Label(), Units: []UnitPerformance{}}
	for _, id := range ids {
		total := &tally{}
		up := UnitPerformance{ID: id, Name: units[id].Name}
		for _, month := range months {
			t := byUnit[id][month]
			if t == nil {
				t = &tally{}
			}
			total.merge(t)
			up.Months = append(up.Months, UnitMonth{Month: month, Name: monthName(month), UnitFigures: t.unitFigures()})
		}
		up.Total = total.unitFigures()
		out.Units = append(out.Units, up)
	}
	slices.SortFunc(out.Units, func(a, b UnitPerformance) int {
		if c := cmp.Compare(b.Total.Messages, a.Total.Messages); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return out, nil
}

// MaySeePerformance says whether u may read the units' performance of a
// region ("" is the country): admins anywhere, supervisors within the
// subtree they supervise. Everyone else is refused, as the scores are a
// working grade for supervisors.
func MaySeePerformance(u *account.User, code string) bool {
	switch {
	case u == nil:
		return false
	case u.Role == account.Admin:
		return true
	case u.Role == account.Supervisor:
		return u.RegionCode == "" || (code != "" && region.Within(code, u.RegionCode))
	}
	return false
}
