package api

import (
	"liuyan/internal/ratelimit"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"liuyan/internal/account"
	"liuyan/internal/lifecycle"
	"liuyan/internal/message"
	"liuyan/internal/region"
	"liuyan/internal/search"
	"liuyan/internal/store"
	"liuyan/internal/workflow"
)

// maxIdempotencyKey bounds the Idempotency-Key header.
const maxIdempotencyKey = 200

type draftJSON struct {
	BoardID int64    `json:"board_id"`
	Type    string   `json:"type"`
	Domain  string   `json:"domain"`
	Title   string   `json:"title"`
	Body    string   `json:"body"`
	Public  *bool    `json:"public"`
	Tags    []string `json:"tags"`
	Channel string   `json:"channel"`
}

// messageCreate submits a message. The same Idempotency-Key from the same
// author returns the first message (200) instead of creating another (201).
func (a *API) messageCreate(w http.ResponseWriter, r *http.Request) {
	u, err := a.mustUser(r)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if throttled(w, r, a.limits().PostIP, ratelimit.ClientIP(r)) ||
		throttled(w, r, a.limits().Post, strconv.FormatInt(u.ID, 10)) {
		return
	}
	var in draftJSON
	if err := decode(r, &in); err != nil {
		a.fail(w, r, err)
		return
	}
	key := strings.TrimSpace(r.Header.Get("Idempotency-Key"))
	if len(key) > maxIdempotencyKey {
		key = key[:maxIdempotencyKey]
	}
	public := in.Public == nil || *in.Public
	m, created, err := a.Desk.Submit(r.Context(), u, message.Draft{BoardID: in.BoardID, Type: in.Type, Domain: in.Domain,
		Title: in.Title, Body: in.Body, Public: public, Tags: in.Tags, Channel: in.Channel}, key)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	status := http.StatusCreated
	if !created {
		status = http.StatusOK
	}
	writeJSON(w, status, present(m, true, a.Desk.Clock()))
}

// messageJSON is a message as one viewer may see it.
type messageJSON struct {
	*message.Message
	Overdue bool `json:"overdue"`
}

// present prepares a message for a viewer: those outside the handling
// chain get the masked text and a masked author (workflow.Masked).
func present(m *message.Message, unmasked bool, now time.Time) messageJSON {
	if !unmasked {
		m = workflow.Masked(m)
	}
	return messageJSON{Message: m, Overdue: lifecycle.Overdue(m.Status, m.Deadline, now)}
}

// messageList lists messages the viewer may see, newest first, with a
// keyset cursor: ?board=&region=&status=&type=&domain=&unit=&mine=1&limit=&cursor=.
// With ?q= it searches them instead (messageSearch).
func (a *API) messageList(w http.ResponseWriter, r *http.Request) {
	u, err := a.user(r)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	q := r.URL.Query()
	f, bad := listFilter(q)
	if bad != nil {
		writeError(w, r, bad.status, bad.code, bad.key, bad.args...)
		return
	}
	if q.Get("mine") == "1" {
		if u == nil {
			a.fail(w, r, errUnauthorized)
			return
		}
		f.AuthorID = u.ID
	}
	if text := q.Get("q"); strings.TrimSpace(text) != "" {
		a.messageSearch(w, r, u, f, text)
		return
	}
	ms, err := a.Store.Messages(r.Context(), f, workflow.ViewerOf(u))
	if err != nil {
		a.fail(w, r, err)
		return
	}
	now := a.Desk.Clock()
	items := make([]messageJSON, 0, len(ms))
	for _, m := range ms {
		// A list shows the masked text unless the viewer acts on the
		// message; the detail view also unmasks for units that held it.
		items = append(items, present(m, workflow.Unmasked(u, m, nil), now))
	}
	out := map[string]any{"items": items, "next_cursor": nil}
	if len(ms) == f.Limit {
		out["next_cursor"] = strconv.FormatInt(ms[len(ms)-1].ID, 10)
	}
	writeJSON(w, http.StatusOK, out)
}

// hitJSON is a message found by a search, with its highlights cut from
// the text the viewer is shown.
type hitJSON struct {
	messageJSON
	Highlights search.Highlights `json:"highlights"`
}

// messageSearch answers ?q=: the messages the viewer may see, within the
// list's filters, whose title or body holds every word of q, best first.
// Ranked hits have no keyset, so the cursor is the number of hits on the
// pages before; the ranking stops at store.SearchWindow hits.
func (a *API) messageSearch(w http.ResponseWriter, r *http.Request, u *account.User, f store.Filter, text string) {
	sq, err := search.Parse(text)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	offset := int(min(f.Before, store.SearchWindow))
	f.Before = 0
	hits, err := a.Store.SearchMessages(r.Context(), sq, f, offset, workflow.ViewerOf(u))
	if err != nil {
		a.fail(w, r, err)
		return
	}
	now := time.Now()
	items := make([]hitJSON, 0, len(hits))
	for _, h := range hits {
		m := present(h.Message, workflow.Unmasked(u, h.Message, nil), now)
		items = append(items, hitJSON{m, sq.Highlight(m.Title, m.Body)})
	}
	out := map[string]any{"items": items, "next_cursor": nil}
	if next := offset + len(hits); len(hits) == f.Limit && next < store.SearchWindow {
		out["next_cursor"] = strconv.Itoa(next)
	}
	writeJSON(w, http.StatusOK, out)
}

// messageGet returns one message with its timeline, replies, follow-ups,
// rating, deadline and the actions the viewer may take.
func (a *API) messageGet(w http.ResponseWriter, r *http.Request) {
	u, id, ok := a.messageTarget(w, r, false)
	if !ok {
		return
	}
	rec, err := a.Desk.Record(r.Context(), u, id)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	b := rec.Board
	board := map[string]any{"id": b.ID, "name": b.Name, "region_code": b.RegionCode}
	events, replies, followups, allowed := rec.Events, rec.Replies, rec.Followups, rec.Allowed
	if events == nil {
		events = []message.Event{}
	}
	if replies == nil {
		replies = []message.Reply{}
	}
	if followups == nil {
		followups = []message.Followup{}
	}
	if allowed == nil {
		allowed = []lifecycle.Action{}
	}
	writeJSON(w, http.StatusOK, struct {
		messageJSON
		Board     map[string]any     `json:"board"`
		Events    []message.Event    `json:"events"`
		Replies   []message.Reply    `json:"replies"`
		Followups []message.Followup `json:"followups"`
		Rating    *message.Rating    `json:"rating"`
		Allowed   []lifecycle.Action `json:"allowed_actions"`
	}{present(rec.Message, true, a.Desk.Clock()), board, events, replies, followups, rec.Rating, allowed})
}

// queryError is a refused query parameter.
type queryError struct {
	status    int
	code, key string
	args      []any
}

// listFilter reads a message list's query parameters: ?board=&region=
// &status=&type=&domain=&unit=&limit=&cursor= (mine is the caller's, as it
// needs the signed-in user).
func listFilter(q url.Values) (store.Filter, *queryError) {
	f := store.Filter{Type: q.Get("type"), Domain: q.Get("domain"), Status: lifecycle.State(q.Get("status")), Limit: 20}
	if f.Status != "" && !f.Status.Valid() {
		return f, &queryError{http.StatusUnprocessableEntity, "unknown_status", "error.unknown_status", nil}
	}
	if code := q.Get("region"); code != "" {
		if _, ok := region.Get(code); !ok {
			return f, &queryError{http.StatusUnprocessableEntity, "unknown_region", "error.unknown_region", nil}
		}
		f.RegionPrefix = region.Prefix(code)
	}
	ints := []struct {
		name string
		dst  *int64
	}{{"board", &f.BoardID}, {"unit", &f.UnitID}, {"cursor", &f.Before}}
	for _, p := range ints {
		if s := q.Get(p.name); s != "" {
			n, err := strconv.ParseInt(s, 10, 64)
			if err != nil || n <= 0 {
				return f, &queryError{http.StatusBadRequest, "bad_" + p.name, "error.bad_cursor", nil}
			}
			*p.dst = n
		}
	}
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 100 {
			return f, &queryError{http.StatusBadRequest, "bad_limit", "error.bad_limit", []any{100}}
		}
		f.Limit = n
	}
	return f, nil
}
