package stats

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"liuyan/internal/calendar"
	"liuyan/internal/store"
	"liuyan/internal/vocab"
	"liuyan/internal/workflow"
)

// Service answers questions about figures from the rollups, folding new
// events in first.
type Service struct {
	Store *store.Store
	Rules Rules
	// Lists are the managed lists and boards' rules (the Desk's); nil
	// reads them from Store each time.
	Lists func(ctx context.Context) (*vocab.Set, error)
	// Now is the clock, for "overdue now"; tests set their own.
	Now func() time.Time

	mu sync.Mutex // one refresh at a time in this process
}

// ForDesk makes the service that counts by the Desk's rules: its calendar
// (the official one when the Desk's cannot count backwards) and policy.
func ForDesk(d *workflow.Desk) *Service {
	cal, ok := d.Calendar.(Calendar)
	if !ok {
		cal = calendar.Default()
	}
	return &Service{Store: d.Store, Rules: Rules{Calendar: cal, Policy: d.Policy}, Now: d.Now, Lists: d.Lists}
}

func (s *Service) lists(ctx context.Context) (*vocab.Set, error) {
	if s.Lists != nil {
		return s.Lists(ctx)
	}
	return s.Store.LoadVocab(ctx, s.Rules.Policy)
}

// Check validates a scope's region and names against the current lists.
func (s *Service) Check(ctx context.Context, sc Scope) error {
	lists, err := s.lists(ctx)
	if err != nil {
		return err
	}
	return sc.Validate(lists)
}

// Clock is the service's now, for the default period of a question.
func (s *Service) Clock() time.Time {
	if s.Now != nil {
		return s.Now().UTC()
	}
	return time.Now().UTC()
}

func (s *Service) now() time.Time { return s.Clock() }

// Refresh folds every new event into the rollups and says how many.
func (s *Service) Refresh(ctx context.Context) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	lists, err := s.lists(ctx)
	if err != nil {
		return 0, err
	}
	rules := s.Rules
	rules.Boards = lists
	return s.Store.RefreshStats(ctx, rules.Fold)
}

// fresh refreshes when events wait, so an answer includes every action
// taken before the question.
func (s *Service) fresh(ctx context.Context) error {
	pending, err := s.Store.StatsPending(ctx)
	if err != nil || !pending {
		return err
	}
	_, err = s.Refresh(ctx)
	return err
}

// Run refreshes every interval until ctx ends, so that rollups stay close
// to the log between questions; serve starts it beside the web server. It
// refreshes even when no event waits, which moves PostgreSQL's watermark up
// to the transaction horizon and keeps the questions' check for new events
// short (store.StatsPending).
func (s *Service) Run(ctx context.Context, every time.Duration, log *slog.Logger) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if _, err := s.Refresh(ctx); err != nil && ctx.Err() == nil {
			log.Error("stats refresh failed", slog.Any("err", err))
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// tally reads the rollups of a scope and period, grouped.
func (s *Service) tally(ctx context.Context, sc Scope, p Period, by store.StatsGroup) (map[string]*tally, error) {
	rows, err := s.Store.StatsRows(ctx, sc.filter(p), by)
	if err != nil {
		return nil, err
	}
	return tallyBy(rows), nil
}

// total reads the rollups of a scope and period as one tally.
func (s *Service) total(ctx context.Context, sc Scope, p Period) (*tally, error) {
	ts, err := s.tally(ctx, sc, p, store.GroupNone)
	if err != nil {
		return nil, err
	}
	if t := ts[""]; t != nil {
		return t, nil
	}
	return &tally{}, nil
}
