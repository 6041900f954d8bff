package stats_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"liuyan/internal/account"
	"liuyan/internal/board"
	"liuyan/internal/calendar"
	"liuyan/internal/lifecycle"
	"liuyan/internal/message"
	"liuyan/internal/region"
	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
	"liuyan/internal/workflow"
)

// actions is how many lifecycle actions the property test takes.
const actions = 10000

// TestRollupsAgreeWithRecomputation takes a random mix of 10,000 lifecycle
// actions from two workers at once, while a third folds events into the
// rollups whenever it likes, and then checks every rollup cell against a
// recomputation from the raw messages and their logs, the city and
// county rankings and the figures of boards against the same
// recomputation, and "overdue now" in many scopes against the messages
// themselves, on both stores.
func TestRollupsAgreeWithRecomputation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		w := newWorld(t, s, time.Date(2024, 12, 2, 9, 0, 0, 0, calendar.China))
		var done atomic.Int64
		var wg sync.WaitGroup
		stop := make(chan struct{})
		var refreshErr error
		go func() { // the refresher
			defer close(stop)
			for done.Load() < actions {
				if _, err := w.svc.Refresh(ctx); err != nil {
					refreshErr = err
					return
				}
				time.Sleep(100 * time.Millisecond)
			}
		}()
		errs := make(chan error, 2)
		for worker := range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs <- w.randomActions(ctx, uint64(worker), actions/2, &done)
			}()
		}
		wg.Wait()
		<-stop
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		if refreshErr != nil {
			t.Fatal(refreshErr)
		}
		// Before the last refresh, part of the open messages' changes
		// are still in their log; after it, none.
		compareOverdue(t, w)
		if _, err := w.svc.Refresh(ctx); err != nil {
			t.Fatal(err)
		}
		if compareOverdue(t, w) == 0 {
			t.Error("the mix left no message overdue at the latest moment checked")
		}
		want, firsts := recompute(t, w)
		compareCells(t, s, want, true)
		compareFirsts(t, s, firsts)
		compareRankings(t, w.svc, want, map[region.Level]string{region.City: "430000", region.County: "330100"},
			"2025H1", "2025", "2024-12-15..2025-08-20")
		compareBoardFigures(t, w.svc, want, 40, "2025H1", "2025", "2024-12-15..2025-08-20", "2025-03-01..2025-03-31")
	})
}

// randomActions takes n actions on messages of its own, mostly allowed
// ones, with the clock moving forward by up to two hours each time.
func (w *world) randomActions(ctx context.Context, seed uint64, n int, done *atomic.Int64) error {
	rng := rand.New(rand.NewPCG(seed, 4))
	var open []int64 // messages still worth acting on
	known := map[int64]*message.Message{}
	boards := make([]string, 0, len(w.boards))
	for name := range w.boards {
		boards = append(boards, name)
	}
	sort.Strings(boards)
	tags := []string{"疫情防控", "复工复产", "噪音扰民", "劳资纠纷"}
	types := []string{"投诉/求助", "咨询", "建言", "感谢"}
	for i := 0; i < n; i++ {
		w.advance(time.Duration(rng.IntN(2*60)) * time.Minute)
		done.Add(1)
		if seed == 0 && i%150 == 149 {
			if _, err := w.desk.CloseUnrated(ctx); err != nil {
				return fmt.Errorf("close unrated: %w", err)
			}
			if _, _, err := w.desk.NoticeDeadlines(ctx); err != nil {
				return fmt.Errorf("deadline notices: %w", err)
			}
			continue
		}
		if len(open) == 0 || rng.IntN(5) == 0 {
			b := w.boards[boards[rng.IntN(len(boards))]]
			var ts []string
			for _, tag := range tags {
				if rng.IntN(4) == 0 {
					ts = append(ts, tag)
				}
			}
			author := w.citizens[rng.IntN(len(w.citizens))]
			m, _, err := w.desk.Submit(ctx, author, message.Draft{BoardID: b.ID, Type: types[rng.IntN(len(types))],
				Domain: fourDomains[rng.IntN(len(fourDomains))], Title: "学林街工地夜间施工扰民", Body: "连续两周每晚施工到凌晨，请有关部门处理。",
				Public: rng.IntN(10) != 0, Tags: ts}, "")
			if err != nil {
				return fmt.Errorf("submit: %w", err)
			}
			open = append(open, m.ID)
			known[m.ID] = m
			continue
		}
		k := rng.IntN(len(open))
		if rng.IntN(5) != 0 { // mostly the recent ones, so that many are answered in time
			k = len(open) - 1 - rng.IntN(min(len(open), 20))
		}
		id := open[k]
		m := known[id]
		if m.Status == lifecycle.Rejected || m.Status == lifecycle.Rated || m.Status == lifecycle.Closed {
			open = append(open[:k], open[k+1:]...)
			i-- // not an action
			done.Add(-1)
			continue
		}
		who, act := w.pick(rng, m)
		after, err := w.desk.Do(ctx, who, id, act)
		switch {
		case err == nil:
			known[id] = after
		case expected(err):
			// Refused: the closing job may have moved it meanwhile; look again.
			if known[id], err = w.s.Message(ctx, id, store.Viewer{All: true}); err != nil {
				return err
			}
		default:
			return fmt.Errorf("%s on %d in %s: %w", act.Action, id, m.Status, err)
		}
	}
	return nil
}

// expected are the refusals a random actor may meet.
func expected(err error) bool {
	var le *lifecycle.Error
	return errors.As(err, &le) || errors.Is(err, workflow.ErrAlreadyRated)
}

// fourDomains are the domains the random messages are filed under and
// moved between.
var fourDomains = []string{"城建", "交通", "环保", "企业"}

// pick chooses an action for a message's state and who takes it.
func (w *world) pick(rng *rand.Rand, m *message.Message) (*account.User, workflow.Act) {
	author := &account.User{ID: m.AuthorID, Role: account.Citizen}
	b := w.boardByID(m.BoardID)
	units := w.unitsIn[b.RegionCode]
	unit := units[rng.IntN(len(units))]
	holder := w.handler[m.UnitID]
	if m.Status != lifecycle.Rejected && rng.IntN(15) == 0 {
		// Staff correct the domain now and then, so the rollups must move a
		// message's counts to its new domain (they are filed by the current one).
		i := slices.Index(fourDomains, m.Domain)
		return w.mod, workflow.Act{Action: lifecycle.Reclassify, Domain: fourDomains[(i+1+rng.IntN(3))%4]}
	}
	switch m.Status {
	case lifecycle.Submitted:
		if rng.IntN(6) == 0 {
			return w.mod, workflow.Act{Action: lifecycle.Reject, Note: "内容与本平台无关"}
		}
		return w.mod, workflow.Act{Action: lifecycle.Accept}
	case lifecycle.Published:
		if rng.IntN(8) == 0 {
			return w.admin, workflow.Act{Action: lifecycle.SuperviseUrge, Note: "请尽快办理"}
		}
		return w.office[b.ID], workflow.Act{Action: lifecycle.Assign, UnitID: unit.ID, Note: "请核实处理"}
	case lifecycle.Assigned:
		switch rng.IntN(8) {
		case 0:
			return holder, workflow.Act{Action: lifecycle.Return, Note: "不属于我单位职责"}
		case 1:
			return w.office[b.ID], workflow.Act{Action: lifecycle.Transfer, UnitID: unit.ID, Note: "转相关单位办理"}
		}
		return holder, workflow.Act{Action: lifecycle.Sign}
	case lifecycle.Handling:
		switch rng.IntN(10) {
		case 0:
			return holder, workflow.Act{Action: lifecycle.RequestExtend, Days: 1 + rng.IntN(10), Note: "需协调多部门"}
		case 1:
			return w.office[b.ID], workflow.Act{Action: lifecycle.ApproveExtend}
		case 2:
			return holder, workflow.Act{Action: lifecycle.InterimReply, Note: "正在核查，请耐心等待。"}
		case 3:
			return w.office[b.ID], workflow.Act{Action: lifecycle.ApproveReply}
		case 4:
			return w.admin, workflow.Act{Action: lifecycle.SuperviseFormal, Days: 1 + rng.IntN(15), Note: "请按期办结"}
		}
		return holder, workflow.Act{Action: lifecycle.FinalReply, Note: "经核查，已责令整改。"}
	}
	// replied
	if rng.IntN(4) == 0 {
		return author, workflow.Act{Action: lifecycle.Followup, Note: "问题仍未解决，请再次核查。"}
	}
	return author, workflow.Act{Action: lifecycle.Rate, Rating: &message.Rating{
		Resolution: 1 + rng.IntN(5), Attitude: 1 + rng.IntN(5), Speed: 1 + rng.IntN(5)}}
}

func (w *world) boardByID(id int64) *board.Board {
	for _, b := range w.boards {
		if b.ID == id {
			return b
		}
	}
	panic("no board " + itoa(id))
}
