package demo

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"

	"liuyan/internal/account"
	"liuyan/internal/board"
	"liuyan/internal/calendar"
	"liuyan/internal/lifecycle"
	"liuyan/internal/message"
	"liuyan/internal/region"
	"liuyan/internal/workflow"
)

// fate is where a message's story ends when the demo clock stops. Each
// message is given one, so that every state of the lifecycle, and every
// detour on the way, is on show in fixed numbers.
type fate int

const (
	fateSubmitted         fate = iota // waits for the moderator
	fateRejected                      // refused with a reason
	fatePublished                     // waits for the board office
	fatePublishedStale                // never assigned, long overdue
	fateAssigned                      // assigned, not yet signed for
	fateAssignedStale                 // never signed for, overdue and urged
	fateHandling                      // signed for, being handled
	fateExtensionPending              // an extension is asked for
	fateExtensionApproved             // an extension was granted
	fateInterim                       // an interim reply was given
	fateHandlingStale                 // handled past its deadline, urged and supervised
	fateReplied                       // answered in the last weeks, not yet rated
	fateRated                         // answered and rated
	fateClosed                        // answered and never rated
)

// quotas say how many messages end in each fate: 300 in all, most of them
// answered, as on a board that works. The open fates are few, about the
// intake of the last weeks, so that the last month does not stand out.
var quotas = []struct {
	fate fate
	n    int
}{
	{fateSubmitted, 3}, {fateRejected, 15}, {fatePublished, 3}, {fatePublishedStale, 3},
	{fateAssigned, 3}, {fateAssignedStale, 4}, {fateHandling, 4}, {fateExtensionPending, 2},
	{fateExtensionApproved, 2}, {fateInterim, 3}, {fateHandlingStale, 8}, {fateReplied, 12},
	{fateRated, 160}, {fateClosed, 78},
}

// Shares of detours among the messages whose fate lets them happen.
const (
	returnShare   = 0.06 // the first unit sends it back to the office
	transferShare = 0.06 // the first unit passes it to the right one
	interimShare  = 0.10
	extendShare   = 0.08
	lateShare     = 0.12 // answered after the deadline
	followupShare = 0.10
	privateShare  = 7 // percent, besides each topic's own share
)

// step is one action in a message's plan.
type step struct {
	at  time.Time
	who *account.User
	act workflow.Act
}

// plan is one message from submission to where its fate leaves it.
type plan struct {
	at     time.Time
	author *account.User
	draft  message.Draft
	steps  []step
	id     int64 // set once submitted
}

// planAll draws every message's plan, in the order of the quotas.
func (g *generator) planAll() ([]*plan, error) {
	var plans []*plan
	for _, q := range quotas {
		for range q.n {
			p, err := g.plan(q.fate)
			if err != nil {
				return nil, err
			}
			plans = append(plans, p)
		}
	}
	return plans, nil
}

// plan draws a message with the given fate. A draw whose steps do not fit
// the fate (a reply that would come after the demo's end, a story that
// cannot be told in that state) is thrown away and drawn again.
func (g *generator) plan(f fate) (*plan, error) {
	for range 500 {
		if p := g.try(f); p != nil {
			return p, nil
		}
	}
	return nil, fmt.Errorf("demo: no message fits fate %d", f)
}

func (g *generator) try(f fate) *plan {
	t0 := g.when(f)
	if t0.After(g.end) {
		return nil
	}
	b := g.pickBoard(t0)
	tp, st := g.pickStory(b, t0)
	if tp == nil || (st.typ == thanks && f >= fateExtensionPending && f <= fateHandlingStale) {
		return nil
	}
	a := pick(g.rng, b.areas)
	sl := g.slots(b, a, t0)
	works, domain := tp.works, tp.domain
	if st.works != nil {
		works = st.works
	}
	if st.domain != "" {
		domain = st.domain
	}
	private := tp.private + privateShare
	// Now and then a citizen files under 其他 and the moderator corrects
	// the domain, which is what the classifier later retrains on.
	filed := domain
	if domain != "其他" && g.rng.IntN(12) == 0 {
		filed = "其他"
	}
	p := &plan{
		at:     t0,
		author: g.citizen(b),
		draft: message.Draft{
			BoardID: b.ID, Type: st.typ, Domain: filed,
			Title:   sl.fill(pick(g.rng, st.titles)),
			Body:    sl.fill(g.opening(st.body) + st.body + g.closing(st.typ)),
			Public:  g.rng.IntN(100) >= private,
			Tags:    append(slices.Clone(tp.tags), st.tags...),
			Channel: g.channel(),
		},
	}
	right, wrong := g.route(b, a, sl["street"], works)
	t := &timeline{g: g, last: t0}
	fix := ""
	if filed != domain {
		fix = domain
	}
	if !g.unfold(t, f, b, st, sl, right, wrong, p.author, fix) {
		return nil
	}
	p.steps = t.steps
	if len(p.steps) > 0 && p.steps[len(p.steps)-1].at.After(g.end) {
		return nil
	}
	return p
}

// timeline collects a plan's steps, each strictly after the one before.
type timeline struct {
	g     *generator
	steps []step
	last  time.Time
}

// clamp moves a planned time that is not after the last step to staff's
// next opportunity.
func (t *timeline) clamp(at time.Time) time.Time {
	if !at.After(t.last) {
		return t.g.staff(t.last, 0)
	}
	return at
}

func (t *timeline) add(at time.Time, who *account.User, act workflow.Act) time.Time {
	at = t.clamp(at)
	t.steps = append(t.steps, step{at: at, who: who, act: act})
	t.last = at
	return at
}

// unfold lays out the steps that take a message to its fate, and reports
// whether they fit it.
func (g *generator) unfold(t *timeline, f fate, b *boardInfo, st story, sl slots, right, wrong *unitInfo, author *account.User, fix string) bool {
	if f == fateSubmitted {
		return true
	}
	rng := g.rng
	moderated := g.moderation(t.last)
	if f == fateRejected {
		t.add(moderated, g.moderator, workflow.Act{Action: lifecycle.Reject, Note: pick(rng, rejectReasons)})
		return true
	}
	published := t.add(moderated, g.moderator, workflow.Act{Action: lifecycle.Accept})
	if fix != "" {
		t.add(g.staff(published, 0), g.moderator, workflow.Act{Action: lifecycle.Reclassify, Domain: fix})
	}
	policy := g.lists.Policy(b.ID)
	allowed := policy.HandlingDays(st.typ) // working days to answer
	deadline := policy.Deadline(g.desk.Calendar, st.typ, published, 0)
	sup := g.supervisors[region.Path(b.RegionCode)[0].Code]
	urge := func(after time.Time) {
		u := t.add(g.staff(after, 1+rng.IntN(3)), sup, workflow.Act{Action: lifecycle.SuperviseUrge, Note: pick(rng, urgeNotes)})
		if rng.IntN(2) == 0 && u.Before(g.end.AddDate(0, 0, -10)) {
			t.add(g.staff(u, 3+rng.IntN(3)), sup, workflow.Act{Action: lifecycle.SuperviseFormal, Note: pick(rng, superviseNotes), Days: 3})
		}
	}
	switch f {
	case fatePublished:
		return true
	case fatePublishedStale:
		urge(deadline)
		return deadline.Before(g.end.AddDate(0, 0, -14))
	}

	// The office assigns it, perhaps first to the wrong unit.
	assigned := g.staff(published, rng.IntN(2))
	detour := rng.Float64()
	if f >= fateHandling && wrong != nil && detour < returnShare+transferShare {
		t.add(assigned, b.office, workflow.Act{Action: lifecycle.Assign, UnitID: wrong.ID, Note: pick(rng, assignNotes)})
		back := g.staff(assigned, 1)
		self := slots{"self": selfName(wrong.Name), "to": right.Name}
		if detour < returnShare {
			t.add(back, g.handler(wrong), workflow.Act{Action: lifecycle.Return, Note: self.fill(pick(rng, returnReasons))})
			assigned = t.add(g.staff(back, rng.IntN(2)), b.office, workflow.Act{Action: lifecycle.Assign, UnitID: right.ID})
		} else {
			assigned = t.add(back, g.handler(wrong), workflow.Act{Action: lifecycle.Transfer, UnitID: right.ID, Note: self.fill(pick(rng, transferNotes))})
		}
	} else {
		assigned = t.add(assigned, b.office, workflow.Act{Action: lifecycle.Assign, UnitID: right.ID, Note: pick(rng, assignNotes)})
	}
	handler := g.handler(right)
	switch f {
	case fateAssigned:
		return true
	case fateAssignedStale:
		urge(deadline)
		return deadline.Before(g.end.AddDate(0, 0, -7))
	}

	signed := t.add(g.staff(assigned, rng.IntN(2)), handler, workflow.Act{Action: lifecycle.Sign})
	if f == fateInterim || (f == fateHandlingStale && rng.IntN(2) == 0) || (f >= fateReplied && rng.Float64() < interimShare) {
		t.add(g.staff(signed, 1+rng.IntN(3)), handler, workflow.Act{Action: lifecycle.InterimReply, Note: g.interim(st, sl, right)})
	}
	if f == fateExtensionPending || f == fateExtensionApproved || (f >= fateReplied && st.typ != thanks && rng.Float64() < extendShare) {
		days := 5 + rng.IntN(6)
		asked := t.add(g.staff(t.last, 1+rng.IntN(3)), handler, workflow.Act{Action: lifecycle.RequestExtend, Days: days,
			Note: slots{"days": strconv.Itoa(days)}.fill(pick(rng, extendNotes))})
		if f == fateExtensionPending {
			return true
		}
		t.add(g.staff(asked, rng.IntN(2)), b.office, workflow.Act{Action: lifecycle.ApproveExtend, Note: approveNote})
		allowed += days
		deadline = policy.Deadline(g.desk.Calendar, st.typ, published, days)
	}
	switch f {
	case fateHandling, fateExtensionApproved, fateInterim:
		return true
	case fateHandlingStale:
		urge(deadline)
		return deadline.Before(g.end.AddDate(0, 0, -10))
	}

	// The final reply: mostly within the deadline, some late after an
	// urge, and some late but within the new deadline of a 督办.
	var replied time.Time
	if rng.Float64() < lateShare {
		switch rng.IntN(3) {
		case 0:
			t.add(g.staff(deadline, 1), sup, workflow.Act{Action: lifecycle.SuperviseUrge, Note: pick(rng, urgeNotes)})
			replied = g.staff(deadline, 1+rng.IntN(6))
		case 1:
			if deadline.Before(g.end.AddDate(0, 0, -10)) {
				u := t.add(g.staff(deadline, 1), sup, workflow.Act{Action: lifecycle.SuperviseUrge, Note: pick(rng, urgeNotes)})
				s := t.add(g.staff(u, 1), sup, workflow.Act{Action: lifecycle.SuperviseFormal, Note: pick(rng, superviseNotes), Days: 3})
				replied = g.staff(s, 1+rng.IntN(3))
				break
			}
			fallthrough
		default:
			replied = g.staff(deadline, 1+rng.IntN(6))
		}
	} else {
		// Any working day up to the last one allowed (the k-th working
		// day after publication is never past the deadline), but a day or
		// two after an interim reply or an extension.
		replied = g.staff(published, 1+rng.IntN(allowed))
		if !replied.After(t.last) {
			replied = g.staff(t.last, 1+rng.IntN(2))
		}
	}
	replied = t.clamp(replied) // the reply is dated
	replied = t.add(replied, handler, workflow.Act{Action: lifecycle.FinalReply, Note: g.reply(st, sl, right, replied)})
	if st.typ != thanks && rng.Float64() < followupShare {
		asked := t.add(g.citizenTime(replied, 10*time.Hour, 8*24*time.Hour), author, workflow.Act{Action: lifecycle.Followup, Note: pick(rng, followupBodies)})
		again := g.staff(asked, 1+rng.IntN(4))
		replied = t.add(again, handler, workflow.Act{Action: lifecycle.FinalReply, Note: g.followupReply(right, again)})
	}
	switch f {
	case fateReplied:
		return replied.After(g.end.AddDate(0, 0, -25))
	case fateClosed:
		// The nightly job closes it 30 days after the reply.
		return replied.Before(g.end.AddDate(0, 0, -31))
	}
	followedUp := t.steps[len(t.steps)-2].act.Action == lifecycle.Followup
	r := g.rating(replied.After(deadline) || followedUp)
	t.add(g.citizenTime(replied, time.Hour, 14*24*time.Hour), author, workflow.Act{Action: lifecycle.Rate, Rating: r})
	return true
}

// when draws the time a message with the given fate is written. Open
// fates are recent; stale ones months old; the rest anywhere in the
// period, more often towards its end as the board grows.
func (g *generator) when(f fate) time.Time {
	day := 24 * time.Hour
	switch f {
	case fateSubmitted:
		return g.citizenTime(g.end.Add(-36*time.Hour), 0, 35*time.Hour)
	case fatePublished:
		return g.citizenTime(g.end.Add(-3*day), 0, 3*day-5*time.Hour)
	case fateAssigned:
		return g.citizenTime(g.end.Add(-6*day), 0, 5*day)
	case fateHandling, fateExtensionPending, fateExtensionApproved, fateInterim:
		return g.citizenTime(g.end.Add(-16*day), 0, 12*day)
	case fateReplied:
		return g.citizenTime(g.end.Add(-36*day), 0, 28*day)
	case fatePublishedStale, fateAssignedStale, fateHandlingStale:
		return g.citizenTime(g.end.AddDate(0, -9, 0), 0, 230*day)
	}
	// The density grows linearly to two and a half times its start over
	// the period; x inverts its distribution function, x + 0.75x² = 1.75u.
	x := (-1 + math.Sqrt(1+5.25*g.rng.Float64())) / 1.5
	return g.citizenTime(g.start.Add(time.Duration(x*float64(g.end.Sub(g.start)))), 0, time.Hour)
}

// moderation is when the moderators, who work every day from 8:00 to
// 22:00, get to a message written at t.
func (g *generator) moderation(t time.Time) time.Time {
	at := t.Add(g.between(20*time.Minute, 6*time.Hour)).In(calendar.China)
	if h := at.Hour(); h >= 22 || h < 8 {
		y, m, d := at.Add(3 * time.Hour).Date() // the next morning
		at = time.Date(y, m, d, 8, 0, 0, 0, calendar.China).Add(g.between(0, 3*time.Hour))
	}
	return at
}

// citizenTime is a moment between lo and hi after t, moved out of the
// small hours: people write from seven in the morning.
func (g *generator) citizenTime(t time.Time, lo, hi time.Duration) time.Time {
	at := t.Add(g.between(lo, hi)).In(calendar.China)
	if h := at.Hour(); h < 7 {
		at = at.Add(time.Duration(7-h) * time.Hour)
	}
	return at
}

// staff is when staff act k working days after t: for k = 0 a little
// later the same day if that is a working day and office hours (8:30 to
// 18:00) are not over, and otherwise during office hours of the k-th
// working day after t.
func (g *generator) staff(t time.Time, k int) time.Time {
	cal := g.desk.Calendar
	if k == 0 {
		t = t.In(calendar.China)
		y, m, d := t.Date()
		opens := time.Date(y, m, d, 8, 30, 0, 0, calendar.China)
		at := t.Add(g.between(30*time.Minute, 3*time.Hour))
		if at.Before(opens) {
			at = opens.Add(g.between(0, 2*time.Hour))
		}
		workday := sameDate(cal.AddWorkdays(t.AddDate(0, 0, -1), 1), t)
		if workday && at.Hour() < 18 {
			return at
		}
		k = 1
	}
	y, m, d := cal.AddWorkdays(t, k).In(calendar.China).Date()
	return time.Date(y, m, d, 8, 30, 0, 0, calendar.China).Add(g.between(0, 9*time.Hour))
}

func sameDate(a, b time.Time) bool {
	y1, m1, d1 := a.In(calendar.China).Date()
	y2, m2, d2 := b.In(calendar.China).Date()
	return y1 == y2 && m1 == m2 && d1 == d2
}

// between is a random duration in [lo, hi).
func (g *generator) between(lo, hi time.Duration) time.Duration {
	if hi <= lo {
		return lo
	}
	return lo + time.Duration(g.rng.Int64N(int64(hi-lo)))
}

// pickBoard draws a board that had joined a day before t.
func (g *generator) pickBoard(t time.Time) *boardInfo {
	open := make([]*boardInfo, 0, len(g.boards))
	for _, b := range g.boards {
		if b.JoinedAt.Before(t.AddDate(0, 0, -1)) {
			open = append(open, b)
		}
	}
	return open[weighted(g.rng, len(open), func(i int) int { return open[i].weight })]
}

// pickStory draws what a message to b at t is about: any story for a
// leader, one the department can answer for a department.
func (g *generator) pickStory(b *boardInfo, t time.Time) (*topic, story) {
	type choice struct {
		tp *topic
		st story
	}
	var cs []choice
	var ws []int
	for i := range topics {
		tp := &topics[i]
		if tp.months != nil && !slices.Contains(tp.months, int(t.In(calendar.China).Month())) {
			continue
		}
		if tp.wider && b.Kind == board.Leader && b.level == region.County {
			continue
		}
		for _, st := range tp.stories {
			works := tp.works
			if st.works != nil {
				works = st.works
			}
			if b.own != nil && !slices.Contains(works, b.own.work) {
				continue
			}
			cs = append(cs, choice{tp, st})
			ws = append(ws, tp.weight*12/len(tp.stories))
		}
	}
	if len(cs) == 0 {
		return nil, story{}
	}
	c := cs[weighted(g.rng, len(cs), func(i int) int { return ws[i] })]
	return c.tp, c.st
}

// route finds the unit that should handle a message about area a: a
// department's own unit, or for a leader the first unit of the story's
// kinds of work found at the level below the board (then the board's
// own level), falling back to that level's office. It also names a wrong
// unit nearby for the detours of returns and transfers.
func (g *generator) route(b *boardInfo, a *area, streetName string, works []work) (right, wrong *unitInfo) {
	if b.own != nil {
		return b.own, nil
	}
	county, _ := region.Get(a.code)
	var levels []string
	switch b.level {
	case region.County:
		levels = []string{county.Code}
	case region.City:
		levels = []string{county.Code, county.Parent}
	default:
		levels = []string{county.Parent, b.RegionCode}
	}
	for _, w := range works {
		for _, code := range levels {
			for _, u := range g.units[code] {
				if u.work == w && (w != street || u.street == streetName) {
					right = u
					break
				}
			}
			if right != nil {
				break
			}
		}
		if right != nil {
			break
		}
	}
	if right == nil {
		right = g.offices[levels[0]]
	}
	var others []*unitInfo
	for _, u := range g.units[right.RegionCode] {
		if u != right && !slices.Contains(works, u.work) {
			others = append(others, u)
		}
	}
	if len(others) > 0 {
		wrong = pick(g.rng, others)
	}
	return right, wrong
}

// slots draws the values of a message's placeholders: where it is, who
// and what is involved, and when, relative to when it is written.
func (g *generator) slots(b *boardInfo, a *area, t time.Time) slots {
	rng := g.rng
	t = t.In(calendar.China)
	county, _ := region.Get(a.code)
	city := cityOf(a.code)
	label := county.Name
	if b.level == region.Province && !strings.HasSuffix(county.Name, "市") {
		label = city + county.Name
	}
	si := rng.IntN(len(a.streets))
	st := a.streets[si]
	place := label + st
	if b.level == region.County {
		place = st
	}
	road := pick(rng, a.roads)
	road2 := road
	for road2 == road {
		road2 = pick(rng, a.roads)
	}
	bldg := "幢"
	if strings.HasPrefix(a.code, "43") {
		bldg = "栋"
	}
	n := 2 + rng.IntN(5)
	since := []string{"近一个月来", "最近两三周", "这段时间以来", "从" + monthsBefore(t, 1+rng.IntN(2)) + "开始"}
	due := t.AddDate(0, -n, -10)
	fee1 := 12 + rng.IntN(10)
	fee2 := fee1 + 3 + rng.IntN(8)
	return slots{
		"area": label, "street": st, "place": place, "road": road, "road2": road2,
		"city":     strings.TrimSuffix(city, "市"),
		"estate":   pick(rng, a.estates),
		"old":      pick(rng, a.olds),
		"school":   a.schools[si],
		"clinic":   st + "社区卫生服务中心",
		"company":  pick(rng, firmHeads) + pick(rng, firmTrades) + "有限公司",
		"builder":  pick(rng, firmHeads) + pick(rng, builderTrades) + "有限公司",
		"workers":  strconv.Itoa(6 + rng.IntN(30)),
		"bus":      strconv.Itoa(10 + rng.IntN(390)),
		"gym":      pick(rng, gymHeads) + pick(rng, []string{"健身会所", "健身工作室"}),
		"shop":     pick(rng, shops),
		"village":  pick(rng, villages),
		"bldg":     strconv.Itoa(1+rng.IntN(24)) + bldg,
		"floor":    strconv.Itoa(4 + rng.IntN(4)),
		"age":      strconv.Itoa(72 + rng.IntN(17)),
		"n":        strconv.Itoa(n),
		"n2":       strconv.Itoa(15 + rng.IntN(16)),
		"hh":       strconv.Itoa(12 + rng.IntN(13)),
		"spaces":   strconv.Itoa(60 + 10*rng.IntN(13)),
		"fee":      strconv.Itoa(30 + 5*rng.IntN(11)),
		"fee1":     fmt.Sprintf("%d.%d", fee1/10, fee1%10),
		"fee2":     fmt.Sprintf("%d.%d", fee2/10, fee2%10),
		"money":    pick(rng, []string{"8千余元", "1.2万元", "2万余元", "3万余元", "5万余元", "12万余元"}),
		"years":    strconv.Itoa(3 + rng.IntN(10)),
		"since":    pick(rng, since),
		"since2":   monthsBefore(t, 2+rng.IntN(4)),
		"date":     monthDay(t.AddDate(0, 0, -1-rng.IntN(6))),
		"due":      fmt.Sprintf("%d年%d月", due.Year(), due.Month()),
		"nextyear": strconv.Itoa(t.Year() + 1),
		"phone":    g.phone(),
		"plate":    g.plate(a),
	}
}

// monthsBefore names the month k months before t as people say it:
// "3月份", or "去年11月" across a new year.
func monthsBefore(t time.Time, k int) string {
	m := t.AddDate(0, -k, 0)
	if m.Year() < t.Year() {
		return fmt.Sprintf("去年%d月", m.Month())
	}
	return fmt.Sprintf("%d月份", m.Month())
}

func monthDay(t time.Time) string { return fmt.Sprintf("%d月%d日", t.Month(), t.Day()) }

func (g *generator) phone() string {
	var b strings.Builder
	b.WriteString(pick(g.rng, phoneHeads))
	for range 8 {
		b.WriteByte(byte('0' + g.rng.IntN(10)))
	}
	return b.String()
}

// plate draws a plate of the area's city: five serial characters of which
// one or two are letters.
func (g *generator) plate(a *area) string {
	county, _ := region.Get(a.code)
	serial := []byte{}
	letters := 1 + g.rng.IntN(2)
	for i := range 5 {
		if i < letters {
			serial = append(serial, plateLetters[g.rng.IntN(len(plateLetters))])
		} else {
			serial = append(serial, byte('0'+g.rng.IntN(10)))
		}
	}
	g.rng.Shuffle(len(serial), func(i, j int) { serial[i], serial[j] = serial[j], serial[i] })
	sep := ""
	if g.rng.IntN(2) == 0 {
		sep = "·"
	}
	return platePrefixes[county.Parent] + sep + string(serial)
}

// closing draws how a message ends; thanks ask for nothing.
func (g *generator) closing(typ string) string {
	if typ == thanks {
		return ""
	}
	return pick(g.rng, closings)
}

// opening draws how a message begins. Those that introduce the writer
// are kept for bodies that do not do so themselves.
func (g *generator) opening(body string) string {
	for {
		o := pick(g.rng, openings)
		if !strings.Contains(o, "我是") || !(strings.HasPrefix(body, "我") || strings.HasPrefix(body, "{place}")) {
			return o
		}
	}
}

// channel draws how a message arrived: mostly the app and mini-program,
// as on the real board.
func (g *generator) channel() string {
	switch r := g.rng.IntN(100); {
	case r < 40:
		return "app"
	case r < 65:
		return "mini"
	case r < 95:
		return "web"
	}
	return "open311"
}

// rating draws the author's stars: mostly four and five, lower after a
// late or troubled handling.
func (g *generator) rating(troubled bool) *message.Rating {
	rng := g.rng
	r := rng.Float64()
	if troubled {
		r = r*0.7 + 0.3
	}
	stars := func(lo, hi int) int { return lo + rng.IntN(hi-lo+1) }
	switch {
	case r < 0.72:
		return &message.Rating{Resolution: stars(4, 5), Attitude: 5, Speed: stars(4, 5), Comment: pick(rng, goodComments)}
	case r < 0.87:
		return &message.Rating{Resolution: stars(3, 4), Attitude: stars(3, 5), Speed: stars(2, 4), Comment: pick(rng, fairComments)}
	}
	return &message.Rating{Resolution: stars(1, 2), Attitude: stars(1, 3), Speed: stars(1, 2), Comment: pick(rng, poorComments)}
}

// reply writes a unit's final answer in the form of the story's type,
// signed with the unit's name and the date.
func (g *generator) reply(st story, sl slots, u *unitInfo, at time.Time) string {
	var core string
	switch st.typ {
	case question:
		core = "您咨询的关于{subject}的问题，现答复如下：{finding}。{action}。"
	case suggestion:
		core = "感谢您就{subject}提出的建议。经{self}研究，{finding}。{action}。"
	case thanks:
		core = "感谢您对{self}工作的肯定和支持！{finding}。{action}。"
	default:
		core = "您反映的关于{subject}的问题已收悉。经{self}调查核实，{finding}。针对上述情况，{action}。"
	}
	s := g.unitSlots(sl, st, u)
	return pick(g.rng, greetings) + s.fill(core) + pick(g.rng, replyEndings) + signature(u, at)
}

// interim writes an interim reply.
func (g *generator) interim(st story, sl slots, u *unitInfo) string {
	return g.unitSlots(sl, st, u).fill(pick(g.rng, interimBodies))
}

// followupReply answers the author's follow-up.
func (g *generator) followupReply(u *unitInfo, at time.Time) string {
	return "您好！针对您的追问，" + selfName(u.Name) + "再次进行了核查，" + pick(g.rng, followupActions) + "。" +
		pick(g.rng, replyEndings) + signature(u, at)
}

// unitSlots adds to a message's slots those of its story and answering unit.
func (g *generator) unitSlots(sl slots, st story, u *unitInfo) slots {
	s := make(slots, len(sl)+4)
	for k, v := range sl {
		s[k] = v
	}
	s["self"] = selfName(u.Name)
	s["subject"] = sl.fill(st.subject)
	s["finding"] = s.fill(st.finding)
	s["action"] = s.fill(st.action)
	return s
}

func signature(u *unitInfo, at time.Time) string {
	at = at.In(calendar.China)
	return fmt.Sprintf("\n\n%s\n%d年%d月%d日", u.Name, at.Year(), at.Month(), at.Day())
}

// selfName is how a unit calls itself in a reply: 我局, 我厅, 我委 …
func selfName(unit string) string {
	for _, s := range []struct{ suffix, self string }{
		{"委员会", "我委"}, {"办事处", "我街道"}, {"办公室", "我办"}, {"分局", "我局"}, {"局", "我局"}, {"厅", "我厅"},
	} {
		if strings.HasSuffix(unit, s.suffix) {
			return s.self
		}
	}
	return "我单位"
}

// pick draws one element.
func pick[T any](rng *rand.Rand, xs []T) T { return xs[rng.IntN(len(xs))] }

// weighted draws an index in [0, n) with the given weights.
func weighted(rng *rand.Rand, n int, weight func(int) int) int {
	total := 0
	for i := range n {
		total += weight(i)
	}
	r := rng.IntN(total)
	for i := range n {
		if r -= weight(i); r < 0 {
			return i
		}
	}
	return n - 1
}
