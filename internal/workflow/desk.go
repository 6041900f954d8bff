package workflow

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"liuyan/internal/account"
	"liuyan/internal/board"
	"liuyan/internal/lifecycle"
	"liuyan/internal/mask"
	"liuyan/internal/message"
	"liuyan/internal/notify"
	"liuyan/internal/region"
	"liuyan/internal/store"
	"liuyan/internal/textmine/dedupe"
	"liuyan/internal/vocab"
)

// Desk is where messages are submitted and handled.
type Desk struct {
	Store    *store.Store
	Calendar lifecycle.Calendar
	// Policy is the base of every board's deadline rules: what the lists
	// (a type's handling days) and a board's own rules do not set.
	Policy lifecycle.Policy
	Limits message.Limits
	// Now is the clock; tests and the demo generator set their own.
	Now func() time.Time
	// Suggest reads a message's domain from its text (the classifier of
	// internal/textmine); nil leaves the suggestion empty.
	Suggest func(title, body string) (label string, confidence float64)
	// ScoreReply scores a final reply 0–100 for supervisors (internal/
	// textmine/replyscore); nil leaves replies unscored.
	ScoreReply func(m *message.Message, r message.Reply) int
	// OnEvent hears of every committed lifecycle event (for metrics).
	OnEvent func(lifecycle.Action)
	// CloseBatch is how many messages CloseUnrated closes per
	// transaction; 0 means the store's default (defaultCloseBatch).
	CloseBatch int
}

// Lists returns the current lists and boards' rules. The store keeps them
// in memory and hears every change, this instance's at commit and, on
// PostgreSQL, other instances' by NOTIFY (store.Vocab).
func (d *Desk) Lists(ctx context.Context) (*vocab.Set, error) {
	return d.Store.Vocab(ctx, d.Policy)
}

// committed tells OnEvent of an event that is now stored.
func (d *Desk) committed(a lifecycle.Action) {
	if d.OnEvent != nil {
		d.OnEvent(a)
	}
}

// duplicateWindow is how far back a new message is compared for
// near-duplicates: a re-post after half a year is a new complaint.
const duplicateWindow = 180 * 24 * time.Hour

// ErrNotFound means the message does not exist or the person may not see
// it; the two are deliberately the same answer.
var ErrNotFound = errors.New("workflow: not found")

// ErrAlreadyRated means the author rated the message before.
var ErrAlreadyRated = errors.New("workflow: already rated")

// Clock is the Desk's now, by which deadlines are set and judged; pages
// and answers that say "overdue" ask it rather than the wall clock.
func (d *Desk) Clock() time.Time { return d.now() }

func (d *Desk) now() time.Time {
	if d.Now != nil {
		return d.Now().UTC()
	}
	return time.Now().UTC()
}

// ViewerOf says what a person may see, for the store's visibility rule.
func ViewerOf(u *account.User) store.Viewer {
	if u == nil {
		return store.Viewer{}
	}
	v := store.Viewer{UserID: u.ID}
	switch u.Role {
	case account.Admin, account.Moderator:
		v.All = true
	case account.Office:
		v.BoardID = u.BoardID
	case account.Handler:
		v.UnitID = u.UnitID
	case account.Supervisor:
		v.RegionPrefix = region.Prefix(u.RegionCode)
	}
	return v
}

// Parties are the relations a person has to a message, which decide what
// they may do to it (see lifecycle.Rules).
func Parties(u *account.User, m *message.Message) []lifecycle.Party {
	if u == nil {
		return nil
	}
	var ps []lifecycle.Party
	if u.ID == m.AuthorID {
		ps = append(ps, lifecycle.Author)
	}
	switch u.Role {
	case account.Moderator:
		ps = append(ps, lifecycle.Moderator)
	case account.Admin:
		ps = append(ps, lifecycle.Admin)
	case account.Office:
		if u.BoardID == m.BoardID {
			ps = append(ps, lifecycle.Office)
		}
	case account.Handler:
		if m.UnitID != 0 && u.UnitID == m.UnitID {
			ps = append(ps, lifecycle.Handler)
		}
	case account.Supervisor:
		if region.Within(m.RegionCode, u.RegionCode) {
			ps = append(ps, lifecycle.Supervisor)
		}
	}
	return ps
}

// Submit validates a draft and stores it as a submitted message with its
// first event. With an idempotency key, a repeat of the same request
// returns the message stored the first time and created false.
func (d *Desk) Submit(ctx context.Context, u *account.User, draft message.Draft, idempotencyKey string) (*message.Message, bool, error) {
	return d.SubmitWith(ctx, u, draft, idempotencyKey, nil)
}

// SubmitWith is Submit with more to store in the message's transaction:
// with is called, once the message has its ID, only when the message is
// new, and an error from it stores nothing. The web form's images go in this
// way, so that a message is never saved without the images its author sent.
func (d *Desk) SubmitWith(ctx context.Context, u *account.User, draft message.Draft, idempotencyKey string, with func(*store.Tx, *message.Message) error) (*message.Message, bool, error) {
	draft.Normalize()
	lists, err := d.Lists(ctx)
	if err != nil {
		return nil, false, err
	}
	if err := draft.Validate(d.Limits, lists); err != nil {
		return nil, false, err
	}
	b, err := d.Store.Board(ctx, draft.BoardID)
	if errors.Is(err, store.ErrNotFound) {
		return nil, false, &message.InputError{Key: "error.unknown_board"}
	}
	if err != nil {
		return nil, false, err
	}
	if _, err := lifecycle.Decide(lifecycle.Facts{}, lifecycle.Input{Action: lifecycle.Submit, Parties: []lifecycle.Party{lifecycle.Author}}, lists.Policy(b.ID)); err != nil {
		return nil, false, err
	}
	words, err := d.Store.WordsToFlag(ctx)
	if err != nil {
		return nil, false, err
	}
	at := d.now()
	m := &message.Message{
		BoardID: b.ID, RegionCode: b.RegionCode, AuthorID: u.ID, AuthorName: u.Name,
		Type: draft.Type, Domain: draft.Domain, Tags: draft.Tags, Title: draft.Title, Body: draft.Body,
		PublicTitle: mask.Text(draft.Title), PublicBody: mask.Text(draft.Body),
		Public: draft.Public, Channel: draft.Channel, Status: lifecycle.Submitted,
		CreatedAt: at, UpdatedAt: at, IdempotencyKey: idempotencyKey,
		Flagged:     message.FindWords(draft.Title+"\n"+draft.Body, words),
		Fingerprint: uint64(dedupe.Of(draft.Title, draft.Body)),
		CampaignID:  draft.CampaignID,
	}
	if d.Suggest != nil {
		label, conf := d.Suggest(draft.Title, draft.Body)
		m.SuggestedDomain, _ = lists.DomainFor(label)
		m.Confidence = conf
	}
	dups, err := d.Store.BeginDuplicateSearch(ctx, m.Fingerprint, dedupe.MaxDistance, at.Add(-duplicateWindow))
	if err != nil {
		return nil, false, err
	}
	var created bool
	err = d.Store.InTx(ctx, func(tx *store.Tx) error {
		var err error
		if m.DuplicateOf, err = tx.NearDuplicate(ctx, dups); err != nil {
			return err
		}
		created, err = tx.InsertMessage(ctx, m)
		if err != nil || !created {
			return err
		}
		if err := record(ctx, tx, &message.Event{MessageID: m.ID, ActorID: u.ID, Action: lifecycle.Submit,
			From: "", To: lifecycle.Submitted, At: at}, m); err != nil {
			return err
		}
		if with != nil {
			return with(tx, m)
		}
		return nil
	})
	if errors.Is(err, store.ErrConflict) {
		// Another request with the same key committed first; answer with its message.
		created, err = false, nil
		if m.ID, err = d.Store.MessageIDByKey(ctx, u.ID, idempotencyKey); err != nil {
			return nil, false, err
		}
	}
	if err != nil {
		return nil, false, err
	}
	if created {
		d.committed(lifecycle.Submit)
	}
	if !created {
		earlier, err := d.Store.Message(ctx, m.ID, ViewerOf(u))
		if err != nil {
			return nil, false, err
		}
		if earlier.Title != draft.Title || earlier.Body != draft.Body || earlier.BoardID != draft.BoardID {
			return nil, false, &message.InputError{Key: "error.idempotency_reuse"}
		}
		return earlier, false, nil
	}
	return m, true, nil
}

// Act is one attempted action on a message.
type Act struct {
	Action lifecycle.Action
	Note   string
	UnitID int64  // assign, transfer
	Days   int    // extension
	Domain string // reclassify
	Rating *message.Rating
}

// Do carries out an action for a person: visibility first (ErrNotFound for
// what they may not see), then the lifecycle's decision, then the outcome
// and its event in one transaction.
func (d *Desk) Do(ctx context.Context, u *account.User, id int64, act Act) (*message.Message, error) {
	if _, err := d.Store.Message(ctx, id, ViewerOf(u)); errors.Is(err, store.ErrNotFound) {
		return nil, ErrNotFound
	} else if err != nil {
		return nil, err
	}
	act.Note = strings.TrimSpace(act.Note)
	if err := message.ValidateNote(act.Note, d.Limits); err != nil {
		return nil, err
	}
	if act.Action == lifecycle.Rate {
		if act.Rating == nil {
			return nil, &message.InputError{Key: "error.rating_range"}
		}
		if err := message.ValidateStars(act.Rating.Resolution, act.Rating.Attitude, act.Rating.Speed); err != nil {
			return nil, err
		}
		if err := message.ValidateNote(act.Rating.Comment, d.Limits); err != nil {
			return nil, err
		}
	}
	lists, err := d.Lists(ctx)
	if err != nil {
		return nil, err
	}
	var m *message.Message
	err = d.Store.InTx(ctx, func(tx *store.Tx) error {
		if act.Action == lifecycle.Reclassify {
			// Before the message's row lock, as the fold takes them: see
			// store.HoldStats.
			if err := tx.HoldStats(ctx); err != nil {
				return err
			}
		}
		var err error
		if m, err = tx.MessageForUpdate(ctx, id); err != nil {
			return err
		}
		b, err := tx.Board(ctx, m.BoardID)
		if err != nil {
			return err
		}
		return d.apply(ctx, tx, lists, u.ID, Parties(u, m), m, b, act)
	})
	if err != nil {
		return nil, err
	}
	d.committed(act.Action)
	return m, nil
}

// apply decides and stores one action inside a transaction.
// The caller reads lists before its transaction begins: read inside it,
// through the pool, a miss would wait for a second connection while
// holding one, and with every connection held so would every action.
func (d *Desk) apply(ctx context.Context, tx *store.Tx, lists *vocab.Set, actorID int64, parties []lifecycle.Party, m *message.Message, b *board.Board, act Act) error {
	at := d.now()
	policy := lists.Policy(b.ID)
	in := lifecycle.Input{Action: act.Action, Parties: parties, Note: act.Note, Days: act.Days, At: at}
	if act.Action == lifecycle.Assign || act.Action == lifecycle.Transfer {
		if _, err := tx.Unit(ctx, act.UnitID); errors.Is(err, store.ErrNotFound) {
			return &message.InputError{Key: "error.unknown_unit"}
		} else if err != nil {
			return err
		}
		in.SameUnit = act.UnitID == m.UnitID
	}
	if act.Action == lifecycle.Rate {
		in.Note = act.Rating.Comment
	}
	if act.Action == lifecycle.Reclassify {
		if !lists.Allowed(vocab.Domain, act.Domain) {
			return &message.InputError{Key: "error.unknown_domain", Args: []any{strings.Join(lists.Domains(), "、")}}
		}
		if act.Domain == m.Domain {
			return &message.InputError{Key: "error.same_domain"}
		}
	}
	out, err := lifecycle.Decide(m.Facts(b.SignoffRequired), in, policy)
	if err != nil {
		return err
	}
	ev := &message.Event{MessageID: m.ID, ActorID: actorID, Action: act.Action, From: out.From, To: out.To,
		UnitID: m.UnitID, Note: act.Note, At: at}
	switch act.Action {
	case lifecycle.Assign, lifecycle.Transfer:
		ev.UnitID = act.UnitID
	case lifecycle.InterimReply, lifecycle.FinalReply:
		kind := message.Interim
		if act.Action == lifecycle.FinalReply {
			kind = message.Final
		}
		r := &message.Reply{MessageID: m.ID, Kind: kind, Body: act.Note, UnitID: m.UnitID, HandlerID: actorID,
			Published: !out.ReplyWaits, CreatedAt: at}
		if err := tx.InsertReply(ctx, r); err != nil {
			return err
		}
		if kind == message.Final && d.ScoreReply != nil {
			if err := tx.SetReplyQuality(ctx, r.ID, d.ScoreReply(m, *r)); err != nil {
				return err
			}
		}
	case lifecycle.ApproveReply:
		if err := tx.PublishPendingReply(ctx, m.ID); err != nil {
			return err
		}
	case lifecycle.Followup:
		if err := tx.InsertFollowup(ctx, &message.Followup{MessageID: m.ID, Body: act.Note, CreatedAt: at}); err != nil {
			return err
		}
	case lifecycle.Reclassify:
		// The event keeps the correction, which is what retraining learns from.
		ev.Note = m.Domain + " → " + act.Domain
		if err := tx.NoteDomainChange(ctx, m.ID, m.Domain); err != nil {
			return err
		}
	case lifecycle.Rate:
		r := *act.Rating
		r.MessageID, r.CreatedAt = m.ID, at
		if err := tx.InsertRating(ctx, &r); errors.Is(err, store.ErrConflict) {
			return ErrAlreadyRated
		} else if err != nil {
			return err
		}
	}
	m.Apply(message.Change{Action: act.Action, Out: out, At: at, Note: act.Note, UnitID: act.UnitID, Days: act.Days, Domain: act.Domain},
		policy, d.Calendar)
	if message.LogsDeadline(act.Action) {
		// The deadline set, or the one a notice is about: the log says which
		// deadline was in force when, for the figures and the timeline.
		ev.Deadline = m.Deadline
	}
	if err := tx.UpdateMessage(ctx, m); err != nil {
		return err
	}
	return record(ctx, tx, ev, m)
}

// record appends the event and, in the same transaction, what it causes:
// webhook deliveries and notifications.
func record(ctx context.Context, tx *store.Tx, ev *message.Event, m *message.Message) error {
	if err := tx.AppendEvent(ctx, ev); err != nil {
		return err
	}
	return tx.Enqueue(ctx, ev, m, notify.For(ev, m))
}

// noticeBatch bounds the deadline notices sent per run; the rest wait for
// the next run.
const noticeBatch = 500

// NoticeDeadlines tells units of their deadlines: a reminder (催办) when
// an open message enters its last Policy.RemindDays working days, and an
// overdue notice once the deadline has passed. Each is a logged event by
// the system, notifying the unit, and goes out once per message and
// deadline: a new deadline (督办, an extension, a follow-up) earns new
// notices. Running it twice at once, here or on another instance, sends
// nothing twice, as the database keeps one notice per message, kind and
// deadline. A message found overdue before its reminder went out gets the
// overdue notice only.
func (d *Desk) NoticeDeadlines(ctx context.Context) (reminded, overdue int, err error) {
	now := d.now()
	due, err := d.Store.DeadlinesDue(ctx, now, d.Calendar.AddWorkdays(now, d.Policy.RemindDays+1), noticeBatch)
	if err != nil {
		return 0, 0, err
	}
	lists, err := d.Lists(ctx)
	if err != nil {
		return 0, 0, err
	}
	for _, dd := range due {
		act := lifecycle.NoticeOverdue
		if !now.After(dd.Deadline) {
			if !now.After(d.Policy.RemindAt(d.Calendar, dd.Deadline)) {
				continue
			}
			act = lifecycle.RemindDeadline
		}
		err := d.Store.InTx(ctx, func(tx *store.Tx) error {
			m, err := tx.MessageForUpdate(ctx, dd.MessageID)
			if err != nil {
				return err
			}
			if !m.Deadline.Equal(dd.Deadline) {
				return errStale
			}
			b, err := tx.Board(ctx, m.BoardID)
			if err != nil {
				return err
			}
			return d.apply(ctx, tx, lists, 0, []lifecycle.Party{lifecycle.System}, m, b, Act{Action: act})
		})
		var le *lifecycle.Error
		if errors.As(err, &le) || errors.Is(err, errStale) || errors.Is(err, store.ErrConflict) {
			continue // answered, moved or noticed by another run meanwhile
		}
		if err != nil {
			return reminded, overdue, err
		}
		d.committed(act)
		if act == lifecycle.RemindDeadline {
			reminded++
		} else {
			overdue++
		}
	}
	return reminded, overdue, nil
}

// errStale says a message's deadline changed after it was listed.
var errStale = errors.New("workflow: deadline changed meanwhile")

// defaultCloseBatch is how many messages CloseUnrated closes per
// transaction unless the desk says otherwise: enough that a backlog of
// millions takes thousands of transactions, not millions, and few enough
// that one holds the locks of a bounded number of rows (and of their
// boards) for about a second. SQLite has one writer, so a batch there
// holds up every submission while it runs; sqliteCloseBatch keeps that
// under a tenth of a second.
const (
	defaultCloseBatch = 1000
	sqliteCloseBatch  = 100
)

// CloseUnrated closes the replied messages whose author did not rate them
// within the rating window. The job runner calls it; the events carry no
// actor, as the system took the step. It works in batches of CloseBatch
// messages, one transaction each, until none is left: a batch locks its
// messages and re-checks each one's state, so a message rated or followed
// up meanwhile is passed over, and two runs at once (the job lease aside)
// close and log each message once. A failed batch changes nothing and
// ends the run; the batches before it stay closed.
func (d *Desk) CloseUnrated(ctx context.Context) (int, error) {
	limit := d.CloseBatch
	switch {
	case limit > 0:
	case d.Store.Dialect() == store.SQLite:
		limit = sqliteCloseBatch
	default:
		limit = defaultCloseBatch
	}
	before := d.now().Add(-d.Policy.RatingWindow)
	closed := 0
	var after store.RepliedKey
	for {
		keys, err := d.Store.RepliedBefore(ctx, before, after, limit)
		if err != nil || len(keys) == 0 {
			return closed, err
		}
		n, err := d.closeBatch(ctx, keys)
		if err != nil {
			return closed, err
		}
		for range n {
			d.committed(lifecycle.Close)
		}
		closed += n
		if len(keys) < limit {
			return closed, nil
		}
		after = keys[len(keys)-1]
	}
}

// closeBatch closes the listed messages still open to closing in one
// transaction and reports how many it closed. It locks the messages first,
// in ID order, and only then closes them board by board in board order,
// because closing a message bumps its board's page_version: taking every
// message's lock before any board's, and the boards in ascending order,
// is the order a single action (message, then board) and the fold (boards
// ascending) take them in, so a batch cannot deadlock with either.
func (d *Desk) closeBatch(ctx context.Context, keys []store.RepliedKey) (int, error) {
	ids := make([]int64, len(keys))
	for i, k := range keys {
		ids[i] = k.ID
	}
	slices.Sort(ids)
	lists, err := d.Lists(ctx)
	if err != nil {
		return 0, err
	}
	closed := 0
	err = d.Store.InTx(ctx, func(tx *store.Tx) error {
		closed = 0
		ms := make([]*message.Message, 0, len(ids))
		for _, id := range ids {
			m, err := tx.MessageForUpdate(ctx, id)
			if err != nil {
				return err
			}
			ms = append(ms, m)
		}
		slices.SortFunc(ms, func(a, b *message.Message) int {
			return cmp.Or(cmp.Compare(a.BoardID, b.BoardID), cmp.Compare(a.ID, b.ID))
		})
		var b *board.Board
		for _, m := range ms {
			if b == nil || b.ID != m.BoardID {
				var err error
				if b, err = tx.Board(ctx, m.BoardID); err != nil {
					return err
				}
			}
			// Decide refuses before anything is written, so a refused
			// message leaves the batch's transaction as it was.
			err := d.apply(ctx, tx, lists, 0, []lifecycle.Party{lifecycle.System}, m, b, Act{Action: lifecycle.Close})
			var le *lifecycle.Error
			if errors.As(err, &le) {
				continue // rated or followed up meanwhile
			}
			if err != nil {
				return err
			}
			closed++
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return closed, nil
}
