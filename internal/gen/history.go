package gen

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"liuyan/internal/board"
	"liuyan/internal/calendar"
	"liuyan/internal/lifecycle"
	"liuyan/internal/mask"
	"liuyan/internal/message"
	"liuyan/internal/region"
	"liuyan/internal/store"
	"liuyan/internal/textmine/dedupe"
)

// The epidemic months of the seed's report.
var (
	epidemicFrom = time.Date(2020, 1, 20, 0, 0, 0, 0, calendar.China)
	epidemicTo   = time.Date(2020, 7, 1, 0, 0, 0, 0, calendar.China)
	restartFrom  = time.Date(2020, 2, 10, 0, 0, 0, 0, calendar.China)
	restartTo    = time.Date(2020, 6, 1, 0, 0, 0, 0, calendar.China)
	povertyTo    = time.Date(2021, 1, 1, 0, 0, 0, 0, calendar.China)
)

// channels and their shares: most of the real traffic is app and mini-program.
var (
	channels    = []string{"app", "mini", "web", "api"}
	channelPick = newDistribution([]float64{45, 25, 27, 3})
)

// story is one message being written: its record and the draws it makes.
type story struct {
	g       *generator
	rng     *rand.Rand
	rec     *store.Record
	m       *message.Message
	w       *writer
	signoff bool
	unit    string // the name of the unit holding it, for replies
	units   []int64
	names   []string
	last    time.Time
	err     error
}

// message draws the i-th message and its whole history. Its draws come
// from a source of its own, so a message is the same whatever batch or
// worker makes it.
func (g *generator) message(i int) (*store.Record, error) {
	rng := rand.New(rand.NewPCG(g.o.Seed, uint64(i)+1))
	t0 := g.when(i, rng)
	p, level := g.region(rng)
	b := g.board(rng, p, t0)
	domain := g.domains[g.pickDom.pick(rng.Float64())]
	tags := g.tags(rng, t0, &domain)
	typ := types[g.types[domain].pick(rng.Float64())]
	w := newWriter(rng, domain, spot(rng, p.name), tags)
	title, body := w.message(typ, rng.Float64() < personalShare)
	author := g.world.authors[int(math.Pow(rng.Float64(), 2)*float64(len(g.world.authors)))]
	m := message.Message{BoardID: b.ID, RegionCode: b.RegionCode, AuthorID: author, Type: typ, Domain: domain, Tags: tags,
		Title: title, Body: body, PublicTitle: mask.Text(title), PublicBody: mask.Text(body),
		Public: rng.Float64() >= privateShare, Channel: channels[channelPick.pick(rng.Float64())],
		CreatedAt: t0, Fingerprint: uint64(dedupe.Of(title, body))}
	rec := &store.Record{Message: m, Likes: int(math.Floor(math.Exp(rng.NormFloat64()*1.2))) - 1}
	rec.Likes = max(rec.Likes, 0)
	rec.Author.ID = author
	st := &story{g: g, rng: rng, rec: rec, m: &rec.Message, w: w, signoff: b.SignoffRequired, last: t0}
	st.handlers(p, b, domain)
	st.tell(level)
	if st.err != nil {
		return nil, fmt.Errorf("gen: message %d: %w", i, st.err)
	}
	return rec, nil
}

// region draws the province by weight, then the level, then a region of
// that level in the province.
func (g *generator) region(rng *rand.Rand) (*place, int) {
	pr := g.world.provinces[g.world.pick.pick(rng.Float64())]
	u := rng.Float64()
	switch {
	case u < levelShares[0] || (len(pr.cities) == 0 && len(pr.counties) == 0):
		return pr.self, 0
	case (u < levelShares[0]+levelShares[1] && len(pr.cities) > 0) || len(pr.counties) == 0:
		return pr.cities[rng.IntN(len(pr.cities))], 1
	default:
		return pr.counties[rng.IntN(len(pr.counties))], 2
	}
}

// board draws a leader, or a department that had joined by t.
func (g *generator) board(rng *rand.Rand, p *place, t time.Time) board.Board {
	if rng.Float64() < departmentShare {
		var open []int
		for i, d := range p.departments {
			if !d.JoinedAt.After(t) {
				open = append(open, i)
			}
		}
		if len(open) > 0 {
			return p.departments[open[rng.IntN(len(open))]]
		}
	}
	if rng.Float64() < 0.55 {
		return p.leaders[0]
	}
	return p.leaders[1]
}

// tags draws the topics of a message written at t; an epidemic message
// is about health somewhat more often than others.
func (g *generator) tags(rng *rand.Rand, t time.Time, domain *string) []string {
	var tags []string
	epidemic := 0.0
	switch {
	case !t.Before(epidemicFrom) && t.Before(epidemicTo):
		epidemic = epidemicShare
	case !t.Before(epidemicTo):
		epidemic = 0.06
	}
	if rng.Float64() < epidemic {
		tags = append(tags, "疫情防控")
		if rng.Float64() < 0.3 {
			*domain = "医疗"
		}
	}
	switch *domain {
	case "企业", "就业":
		if !t.Before(restartFrom) && t.Before(restartTo) && rng.Float64() < 0.35 {
			tags = append(tags, "复工复产")
		}
		if *domain == "就业" && rng.Float64() < 0.3 {
			tags = append(tags, "劳资纠纷")
		}
		if *domain == "企业" && rng.Float64() < 0.08 {
			tags = append(tags, "安全生产")
		}
	case "三农":
		if t.Before(povertyTo) && rng.Float64() < 0.3 {
			tags = append(tags, "脱贫攻坚")
		}
	case "城建", "交通":
		if m := t.In(calendar.China).Month(); m >= 6 && m <= 8 && rng.Float64() < 0.04 {
			tags = append(tags, "防汛抗灾")
		}
	}
	return tags
}

// handlers lists the units that may hold the message: the bureau of its
// domain first (a department's own unit for a department's board), then
// the region's other bureaus, for returns and transfers.
func (st *story) handlers(p *place, b board.Board, domain string) {
	first := bureauOf[domain]
	if b.Kind == board.Department {
		for i, u := range p.units {
			if u == b.OfficeUnitID {
				first = i
			}
		}
	}
	st.units = append(st.units, p.units[first])
	st.names = append(st.names, b.Name)
	r, _ := region.Get(p.code)
	st.names[0] = unitName(r, bureaus[first])
	other := (first + 1 + st.rng.IntN(len(bureaus)-1)) % len(bureaus)
	st.units = append(st.units, p.units[other])
	st.names = append(st.names, unitName(r, bureaus[other]))
}

// tell lays out the message's history, each step decided by the
// lifecycle, until its story ends or reaches the present.
func (st *story) tell(level int) {
	g, rng, m := st.g, st.rng, st.m
	if !st.do(lifecycle.Submit, lifecycle.Author, m.CreatedAt, message.Change{}) {
		return
	}
	moderated := st.after(10*time.Minute, 20*time.Hour)
	if rng.Float64() < rejectShare {
		st.do(lifecycle.Reject, lifecycle.Moderator, moderated, message.Change{Note: st.w.pick(rejectReasons)})
		return
	}
	if !st.do(lifecycle.Accept, lifecycle.Moderator, moderated, message.Change{}) {
		return
	}
	published := m.PublishedAt
	willReply := rng.Float64() < replyRates[level]
	// The working days to the final reply, from publication.
	days := int(math.Round(math.Exp(math.Log(delayMedian) + delaySigma*rng.NormFloat64())))
	days = min(days, 250)
	replyAt := st.officeHours(g.o.Calendar.AddWorkdays(published, days))
	if days == 0 {
		replyAt = published.Add(time.Duration(2+rng.IntN(6)) * time.Hour)
	}
	if !st.do(lifecycle.Assign, lifecycle.Office, st.after(time.Hour, 30*time.Hour), message.Change{UnitID: st.units[0]}) {
		return
	}
	if rng.Float64() < returnShare {
		if !st.do(lifecycle.Return, lifecycle.Handler, st.after(time.Hour, 24*time.Hour), message.Change{Note: st.w.pick(returnNotes)}) {
			return
		}
		st.units, st.names = st.units[1:], st.names[1:]
		if !st.do(lifecycle.Assign, lifecycle.Office, st.after(time.Hour, 24*time.Hour), message.Change{UnitID: st.units[0]}) {
			return
		}
	}
	if !st.do(lifecycle.Sign, lifecycle.Handler, st.after(time.Hour, 24*time.Hour), message.Change{}) {
		return
	}
	if len(st.units) > 1 && rng.Float64() < transferShare {
		note := strings.ReplaceAll(st.w.pick(transferNotes), "{unit}", st.names[1])
		if !st.do(lifecycle.Transfer, lifecycle.Handler, st.after(2*time.Hour, 48*time.Hour), message.Change{UnitID: st.units[1], Note: note}) {
			return
		}
		st.units, st.names = st.units[1:], st.names[1:]
		if !st.do(lifecycle.Sign, lifecycle.Handler, st.after(time.Hour, 24*time.Hour), message.Change{}) {
			return
		}
	}
	if rng.Float64() < interimShare {
		note := st.w.pick(interimNotes)
		if !st.reply(lifecycle.InterimReply, st.after(time.Hour, 72*time.Hour), note) {
			return
		}
	}
	if willReply && replyAt.After(m.Deadline) && rng.Float64() < extendShare {
		ask := m.Deadline.Add(-time.Duration(20+rng.IntN(30)) * time.Hour)
		if ask.After(st.last) {
			need := g.o.Calendar.WorkdaysBetween(m.Deadline, replyAt)
			ext := min(max(need, 1), g.o.Policy.MaxExtension)
			if !st.do(lifecycle.RequestExtend, lifecycle.Handler, ask, message.Change{Days: ext, Note: st.w.pick(extendNotes)}) ||
				!st.do(lifecycle.ApproveExtend, lifecycle.Office, st.after(time.Hour, 12*time.Hour), message.Change{}) {
				return
			}
		}
	}
	// 催办: supervisors urge what is a working day past its deadline.
	urge := st.officeHours(g.o.Calendar.AddWorkdays(m.Deadline, 1))
	if (!willReply || replyAt.After(urge)) && urge.After(st.last) {
		if !st.do(lifecycle.SuperviseUrge, lifecycle.Supervisor, urge, message.Change{Note: st.w.pick(urgeNotes)}) {
			return
		}
	}
	if !willReply || !st.final(replyAt) {
		return
	}
	if rng.Float64() < followupShare {
		ask := st.after(24*time.Hour, 10*24*time.Hour)
		text := st.w.fill(st.w.pick(followupTexts), nil)
		if !st.do(lifecycle.Followup, lifecycle.Author, ask, message.Change{Note: text}) {
			return
		}
		st.rec.Followups = append(st.rec.Followups, message.Followup{Body: text, CreatedAt: ask})
		again := st.officeHours(g.o.Calendar.AddWorkdays(ask, 1+rng.IntN(6)))
		if !st.final(again) {
			return
		}
	}
	replied := m.RepliedAt
	if rng.Float64() < rateShare {
		at := st.after(time.Hour, 20*24*time.Hour)
		r := st.rating(at)
		if st.do(lifecycle.Rate, lifecycle.Author, at, message.Change{Note: r.Comment}) {
			st.rec.Rating = &r
		}
		return
	}
	st.do(lifecycle.Close, lifecycle.System, replied.Add(g.o.Policy.RatingWindow).Add(time.Duration(rng.IntN(12*3600))*time.Second), message.Change{})
}

// final writes the final reply at `at` and, where the board signs replies
// off, the office's approval; it reports whether the reply is published
// by the present.
func (st *story) final(at time.Time) bool {
	body := st.w.fill(st.w.pick(replyPatterns), map[string]string{"title": st.m.Title, "unit": st.names[0]})
	if !st.reply(lifecycle.FinalReply, at, body) {
		return false
	}
	if !st.m.ReplyPending {
		return true
	}
	if !st.do(lifecycle.ApproveReply, lifecycle.Office, st.after(2*time.Hour, 30*time.Hour), message.Change{}) {
		return false
	}
	st.rec.Replies[len(st.rec.Replies)-1].Published = true
	return true
}

// reply writes an interim or final reply with its event.
func (st *story) reply(a lifecycle.Action, at time.Time, body string) bool {
	if !st.do(a, lifecycle.Handler, at, message.Change{Note: body}) {
		return false
	}
	kind := message.Interim
	if a == lifecycle.FinalReply {
		kind = message.Final
	}
	st.rec.Replies = append(st.rec.Replies, message.Reply{Kind: kind, Body: body, UnitID: st.m.UnitID,
		Published: kind == message.Interim || !st.m.ReplyPending, CreatedAt: st.last})
	return true
}

// rating draws the author's stars: mostly 好评, as on the real board.
func (st *story) rating(at time.Time) message.Rating {
	good := [][3]int{{5, 5, 5}, {5, 5, 5}, {5, 5, 5}, {5, 4, 5}, {4, 4, 4}, {4, 5, 4}, {3, 4, 4}}
	bad := [][3]int{{1, 1, 1}, {1, 1, 1}, {2, 1, 2}, {3, 3, 3}, {2, 3, 2}}
	s := bad[st.rng.IntN(len(bad))]
	if st.rng.Float64() < goodShare {
		s = good[st.rng.IntN(len(good))]
	}
	return message.Rating{Resolution: s[0], Attitude: s[1], Speed: s[2], Comment: st.w.pick(ratingComments), CreatedAt: at}
}

// do takes one step if it happens by the present and the lifecycle
// allows it, and logs it; false ends the story.
func (st *story) do(a lifecycle.Action, by lifecycle.Party, at time.Time, c message.Change) bool {
	g, m := st.g, st.m
	if st.err != nil || at.After(g.o.To) {
		return false
	}
	if at.Before(st.last) {
		at = st.last
	}
	in := lifecycle.Input{Action: a, Parties: []lifecycle.Party{by}, Note: c.Note, Days: c.Days, At: at,
		SameUnit: c.UnitID != 0 && c.UnitID == m.UnitID}
	out, err := lifecycle.Decide(m.Facts(st.signoff), in, g.o.Policy)
	if err != nil {
		// A generator that draws a step the lifecycle refuses is broken.
		st.err = err
		return false
	}
	ev := message.Event{Action: a, From: out.From, To: out.To, UnitID: m.UnitID, Note: c.Note, At: at}
	if a == lifecycle.Assign || a == lifecycle.Transfer {
		ev.UnitID = c.UnitID
	}
	c.Action, c.Out, c.At = a, out, at
	m.Apply(c, g.o.Policy, g.o.Calendar)
	if message.LogsDeadline(a) {
		ev.Deadline = m.Deadline
	}
	st.rec.Events = append(st.rec.Events, ev)
	st.last = at
	return true
}

// after is a time between lo and hi after the last step.
func (st *story) after(lo, hi time.Duration) time.Time {
	return st.last.Add(lo + time.Duration(st.rng.Int64N(int64(hi-lo)))).Truncate(time.Second)
}

// officeHours moves a deadline-style time (the end of a day) to a time
// in that day's office hours, but never before the last step.
func (st *story) officeHours(end time.Time) time.Time {
	d := end.In(calendar.China)
	at := time.Date(d.Year(), d.Month(), d.Day(), 9, 0, 0, 0, calendar.China).Add(time.Duration(st.rng.IntN(9*3600)) * time.Second)
	if !at.After(st.last) {
		at = st.last.Add(time.Duration(1+st.rng.IntN(120)) * time.Minute)
	}
	return at
}

// sortStrings sorts in place, for a stable order of map keys.
func sortStrings(s []string) { slices.Sort(s) }
