package demo

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"liuyan/internal/account"
	"liuyan/internal/calendar"
	"liuyan/internal/password"
	"liuyan/internal/vocab"
	"liuyan/internal/workflow"
)

// ErrNotEmpty is returned by Load for a store that already has messages:
// the demo is for an empty installation and never mixes with real data.
var ErrNotEmpty = errors.New("demo: the store already has messages")

// Login is a demo account to show to whoever loaded the demo.
type Login struct {
	Login string // the login, or a range such as "citizen01…citizen20"
	Role  string
	Scope string // what the account works on, in words: a unit, a board, a region
}

// Result tells what Load made.
type Result struct {
	Logins      []Login
	Password    string // shared by every demo account
	Messages    int
	Departments int // departments that joined a region
	Campaigns   int // campaigns (征集活动), each with a questionnaire
}

// The demo's period: messages are written from the first working days of
// 2025 until the clock stops, late in November 2026.
var (
	demoStart = time.Date(2025, 1, 2, 9, 0, 0, 0, calendar.China)
	demoEnd   = time.Date(2026, 11, 25, 17, 30, 0, 0, calendar.China)
)

// seed makes every run draw the same demo.
const seed1, seed2 = 2026, 1125

// generator holds what Load draws and makes.
type generator struct {
	desk       *workflow.Desk
	lists      *vocab.Set // the boards' deadlines
	rng        *rand.Rand
	start, end time.Time
	*world

	moderator    *account.User
	supervisors  map[string]*account.User // by province code
	citizens     map[string][]*account.User
	mayor        *boardInfo  // the board whose office has the login "office"
	featured     []*unitInfo // units whose handlers are listed
	users        []*account.User
	officeLogins int // numbered office logins
	handlers     int // numbered handler logins
}

// Load fills an empty store with a believable demo: departments that
// joined 浙江 and 湖南 and some of their cities and districts, staff
// accounts of every role, twenty citizens, and about 300 messages written
// between January 2025 and November 2026 and carried through the Desk to
// every state of the lifecycle — rejected, waiting, handled with
// extensions, interim replies, returns, transfers and follow-ups, answered,
// rated, closed unrated, and overdue and urged.
//
// The demo is the same on every run. Load moves the Desk's clock through
// the period and puts the original clock back before it returns, so the
// Desk must not serve requests meanwhile. It refuses with ErrNotEmpty when
// the store has messages.
func Load(ctx context.Context, d *workflow.Desk) (*Result, error) {
	n, err := d.Store.CountMessages(ctx)
	if err != nil {
		return nil, err
	}
	if n > 0 {
		return nil, ErrNotEmpty
	}
	g := newGenerator(d)
	plans, err := g.draw(ctx)
	if err != nil {
		return nil, err
	}
	// One hash for every account: argon2id is slow on purpose.
	hash, err := password.Hash(ctx, demoPassword)
	if err != nil {
		return nil, err
	}
	if err := g.save(ctx, hash); err != nil {
		return nil, err
	}
	if err := g.run(ctx, plans); err != nil {
		return nil, err
	}
	campaigns, suggestions, err := g.campaigns(ctx)
	if err != nil {
		return nil, err
	}
	return &Result{Logins: g.logins(), Password: demoPassword, Messages: len(plans) + suggestions, Departments: g.joined,
		Campaigns: campaigns}, nil
}

func newGenerator(d *workflow.Desk) *generator {
	return &generator{desk: d, rng: rand.New(rand.NewPCG(seed1, seed2)), start: demoStart, end: demoEnd}
}

// draw makes the directory, then draws the accounts and every message's
// plan; nothing is submitted yet.
func (g *generator) draw(ctx context.Context) ([]*plan, error) {
	if err := g.build(ctx); err != nil {
		return nil, err
	}
	var err error
	if g.lists, err = g.desk.Lists(ctx); err != nil {
		return nil, err
	}
	if err := g.people(); err != nil {
		return nil, err
	}
	return g.planAll()
}

// moment is one thing to do at a time: a plan's submission (step -1), one
// of its steps, or the nightly job that closes unrated messages (plan -1).
type moment struct {
	at         time.Time
	plan, step int
}

// run plays every plan through the Desk in time order, with the nightly
// jobs (closing, deadline reminders and overdue notices) at two every morning, so that message IDs and the event log
// follow the clock as on a live board.
func (g *generator) run(ctx context.Context, plans []*plan) error {
	var ms []moment
	for i, p := range plans {
		ms = append(ms, moment{at: p.at, plan: i, step: -1})
		for j, s := range p.steps {
			ms = append(ms, moment{at: s.at, plan: i, step: j})
		}
	}
	y, m, d := g.start.Date()
	for night := time.Date(y, m, d+1, 2, 0, 0, 0, calendar.China); night.Before(g.end); night = night.AddDate(0, 0, 1) {
		ms = append(ms, moment{at: night, plan: -1})
	}
	slices.SortStableFunc(ms, func(a, b moment) int { return a.at.Compare(b.at) })

	d0 := g.desk.Now
	defer func() { g.desk.Now = d0 }()
	var clock time.Time
	g.desk.Now = func() time.Time { return clock }
	for _, mo := range ms {
		clock = mo.at
		if mo.plan < 0 {
			if _, err := g.desk.CloseUnrated(ctx); err != nil {
				return fmt.Errorf("demo: closing unrated messages at %s: %w", clock.Format(time.DateTime), err)
			}
			if _, _, err := g.desk.NoticeDeadlines(ctx); err != nil {
				return fmt.Errorf("demo: deadline notices at %s: %w", clock.Format(time.DateTime), err)
			}
			continue
		}
		p := plans[mo.plan]
		if mo.step < 0 {
			m, _, err := g.desk.Submit(ctx, p.author, p.draft, "")
			if err != nil {
				return fmt.Errorf("demo: submitting %q: %w", p.draft.Title, err)
			}
			p.id = m.ID
			continue
		}
		s := p.steps[mo.step]
		if _, err := g.desk.Do(ctx, s.who, p.id, s.act); err != nil {
			return fmt.Errorf("demo: %s on message %d by %s at %s: %w", s.act.Action, p.id, s.who.Login, clock.Format(time.DateTime), err)
		}
	}
	return nil
}
