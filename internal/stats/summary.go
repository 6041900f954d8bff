package stats

import (
	"context"
	"time"

	"liuyan/internal/calendar"
)

// Summary is every figure of a scope for a period, with the same figures a
// year before and 同比 for each.
type Summary struct {
	Scope       Scope   `json:"scope"`
	Period      string  `json:"period"`
	PeriodLabel string  `json:"period_label"`
	YearBefore  string  `json:"year_before_period"`
	Figures     Figures `json:"figures"`
	Previous    Figures `json:"year_before"`
	YoY         YoY     `json:"yoy"`
	// Overdue counts the open messages past their deadline now (超期).
	Overdue int64 `json:"overdue_now"`
	// JoinedUnits counts the departments of the region that joined (入驻)
	// in the period; JoinedTotal those that had joined by its end.
	JoinedUnits int64 `json:"joined_units"`
	JoinedTotal int64 `json:"joined_total"`
}

// Summary computes a scope's figures for a period.
func (s *Service) Summary(ctx context.Context, sc Scope, p Period) (*Summary, error) {
	if err := s.Check(ctx, sc); err != nil {
		return nil, err
	}
	if err := s.fresh(ctx); err != nil {
		return nil, err
	}
	cur, err := s.total(ctx, sc, p)
	if err != nil {
		return nil, err
	}
	prevPeriod := p.YearBefore()
	prev, err := s.total(ctx, sc, prevPeriod)
	if err != nil {
		return nil, err
	}
	out := &Summary{Scope: sc, Period: p.Name, PeriodLabel: p.Label(), YearBefore: prevPeriod.Name,
		Figures: cur.figures(sc.forUnit()), Previous: prev.figures(sc.forUnit())}
	out.YoY = yoy(out.Figures, out.Previous)
	if out.Overdue, err = s.Store.StatsOverdue(ctx, sc.overdue(), s.now()); err != nil {
		return nil, err
	}
	if out.JoinedUnits, out.JoinedTotal, err = s.Store.CountBoardsJoined(ctx, sc.prefix(), p.From, p.To); err != nil {
		return nil, err
	}
	return out, nil
}

// Totals computes a scope's figures for a period alone, without the year
// before or the counts beside them: the headline the home and board pages
// show, from the same rollups and definitions as Summary.
func (s *Service) Totals(ctx context.Context, sc Scope, p Period) (Figures, error) {
	if err := s.Check(ctx, sc); err != nil {
		return Figures{}, err
	}
	if err := s.fresh(ctx); err != nil {
		return Figures{}, err
	}
	t, err := s.total(ctx, sc, p)
	if err != nil {
		return Figures{}, err
	}
	return t.figures(sc.forUnit()), nil
}

// SinceStart is every day up to and including today: a board's figures
// since it began.
func SinceStart(now time.Time) Period {
	today := now.In(calendar.China)
	end := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, calendar.China).AddDate(0, 0, 1)
	return Period{From: time.Date(2000, 1, 1, 0, 0, 0, 0, calendar.China), To: end}
}
