package web

import (
	"context"
	"strconv"
	"time"

	"liuyan/internal/account"
	"liuyan/internal/lifecycle"
	"liuyan/internal/message"
	"liuyan/internal/search"
	"liuyan/internal/workflow"
)

// item is one message in a list, as the viewer sees it.
type item struct {
	*message.Message
	Board    string
	Unit     string // the unit holding it, shown to staff
	Href     string
	Overdue  bool
	DueSoon  bool
	Reply    *message.Reply // the latest final reply, on the home page
	ShowBody bool
	// Hit is the title and body snippet a search marked, in search results.
	Hit *search.Highlights
}

// urgency says whether an open message is past its deadline, or due by
// the end of the next working day, when the unit is reminded (DESIGN §3).
func (w *Web) urgency(m *message.Message, now time.Time) (overdue, dueSoon bool) {
	if lifecycle.Overdue(m.Status, m.Deadline, now) {
		return true, false
	}
	return false, m.Status.Open() && !m.Deadline.IsZero() && !m.Deadline.After(w.soon(now))
}

// soon is the end of the next working day: what is due by then is due soon.
func (w *Web) soon(now time.Time) time.Time {
	return w.desk.Calendar.AddWorkdays(now, 1)
}

// listOpts says how a list shows its messages.
type listOpts struct {
	// href links each message; nil links to its public page.
	href     func(*message.Message) string
	showBody bool
	// units names the unit holding each message, for staff's lists.
	units bool
}

// items prepares messages for a list: masked unless the viewer is one of
// their parties (workflow.AsSeenBy), with board names and deadline flags.
func (w *Web) items(ctx context.Context, u *account.User, ms []*message.Message, o listOpts) ([]item, error) {
	return w.itemsAt(ctx, u, ms, o, w.now())
}

// itemsAt is items with the deadline flags as at now.
func (w *Web) itemsAt(ctx context.Context, u *account.User, ms []*message.Message, o listOpts, now time.Time) ([]item, error) {
	ids := make([]int64, 0, len(ms))
	for _, m := range ms {
		ids = append(ids, m.BoardID)
	}
	names, err := w.store.BoardNames(ctx, ids)
	if err != nil {
		return nil, err
	}
	units := map[int64]string{}
	if o.units {
		ids = ids[:0]
		for _, m := range ms {
			ids = append(ids, m.UnitID)
		}
		if units, err = w.store.UnitNames(ctx, ids); err != nil {
			return nil, err
		}
	}
	out := make([]item, len(ms))
	for i, m := range ms {
		seen := workflow.AsSeenBy(u, m)
		it := item{Message: seen, Board: names[m.BoardID], Unit: units[m.UnitID], Href: messageHref(m), ShowBody: o.showBody}
		if o.href != nil {
			it.Href = o.href(m)
		}
		it.Overdue, it.DueSoon = w.urgency(m, now)
		out[i] = it
	}
	return out, nil
}

func messageHref(m *message.Message) string { return "/messages/" + strconv.FormatInt(m.ID, 10) }
