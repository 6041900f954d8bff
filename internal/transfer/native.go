package transfer

import (
	"context"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"time"

	"liuyan/internal/catalog"
	"liuyan/internal/lifecycle"
	"liuyan/internal/mask"
	"liuyan/internal/message"
	"liuyan/internal/store"
	"liuyan/internal/vocab"
)

// nativeColumns are the columns of liuyan's export, in order. The same
// names serve CSV and XLSX (one cell each; lists as JSON text) and JSON
// lines (one key each; lists as JSON arrays). status_name is for people
// reading the file and is not read back.
var nativeColumns = []string{
	"id", "source", "source_id", "region_code", "board", "author_login", "author_name",
	"type", "domain", "tags", "title", "body", "public", "channel", "status", "status_name",
	"unit", "unit_region", "likes", "dislikes",
	"created_at", "published_at", "first_reply_at", "replied_at", "clock_start", "deadline",
	"extension_days", "pending_extension", "followup_count", "reply_pending", "reject_reason", "updated_at",
	"resolution", "attitude", "speed", "rating_comment", "rated_at",
	"replies", "followups", "events",
}

// NativeSource is the source an export gives the messages written on this
// board, with their ID as the source ID; imported messages keep theirs.
const NativeSource = "liuyan"

// eventJSON, replyJSON and followupJSON are the lists of the export: units
// by name and region instead of IDs, which mean nothing in another store.
type eventJSON struct {
	Action lifecycle.Action `json:"action"`
	From   lifecycle.State  `json:"from"`
	To     lifecycle.State  `json:"to"`
	unitRef
	Note string    `json:"note,omitempty"`
	At   time.Time `json:"at"`
	// Deadline is the deadline the event set or was about, so that figures
	// over imported history count on-time replies against a 督办's deadline.
	Deadline time.Time `json:"deadline,omitzero"`
}

type replyJSON struct {
	Kind message.ReplyKind `json:"kind"`
	Body string            `json:"body"`
	unitRef
	Published bool      `json:"published"`
	At        time.Time `json:"at"`
}

type followupJSON struct {
	Body string    `json:"body"`
	At   time.Time `json:"at"`
}

// nativeRow is what a row of the export holds beyond the item's fields.
type nativeRow struct {
	regionCode       string
	board            string
	public           bool
	channel          string
	status           lifecycle.State
	unit             unitRef
	publishedAt      time.Time
	firstReplyAt     time.Time
	repliedAt        time.Time
	clockStart       time.Time
	deadline         time.Time
	updatedAt        time.Time
	extensionDays    int
	pendingExtension int
	followupCount    int
	replyPending     bool
	rejectReason     string
	rating           *message.Rating
	replies          []replyJSON
	followups        []followupJSON
	events           []eventJSON
}

// noted are the actions whose note is the text of a reply or follow-up;
// the export leaves such notes out, as the lists hold the text already.
var noted = map[lifecycle.Action]bool{lifecycle.InterimReply: true, lifecycle.FinalReply: true, lifecycle.Followup: true}

// texts returns, for each event in order, the reply or follow-up text its
// note would repeat, or "" for events that add none.
func texts(events []lifecycle.Action, replies []string, followups []string) []string {
	out := make([]string, len(events))
	r, f := 0, 0
	for i, a := range events {
		switch {
		case (a == lifecycle.InterimReply || a == lifecycle.FinalReply) && r < len(replies):
			out[i] = replies[r]
			r++
		case a == lifecycle.Followup && f < len(followups):
			out[i] = followups[f]
			f++
		}
	}
	return out
}

// nativeValues lays out a record as the export's columns. unitOf names a
// unit by ID; boardName and boardRegion are the message's board. In a
// public export the text is the masked text, the author's login is left
// out and notes are dropped, as the public sees them.
func nativeValues(rec *store.Record, boardName string, unitOf func(int64) unitRef, public bool) []any {
	m := &rec.Message
	source, sourceID := rec.Source, rec.SourceID
	if source == "" {
		source, sourceID = NativeSource, strconv.FormatInt(m.ID, 10)
	}
	title, body, login, name, reason := m.Title, m.Body, rec.Author.Login, rec.Author.Name, m.RejectReason
	if public {
		title, body, login, name, reason = m.PublicTitle, m.PublicBody, "", mask.Name(name), ""
	}
	actions := make([]lifecycle.Action, len(rec.Events))
	for i, e := range rec.Events {
		actions[i] = e.Action
	}
	replyTexts := make([]string, len(rec.Replies))
	replies := make([]replyJSON, len(rec.Replies))
	for i, r := range rec.Replies {
		replyTexts[i] = r.Body
		replies[i] = replyJSON{Kind: r.Kind, Body: r.Body, unitRef: unitOf(r.UnitID), Published: r.Published, At: china(r.CreatedAt)}
	}
	followTexts := make([]string, len(rec.Followups))
	follows := make([]followupJSON, len(rec.Followups))
	for i, f := range rec.Followups {
		followTexts[i] = f.Body
		follows[i] = followupJSON{Body: publicText(f.Body, public), At: china(f.CreatedAt)}
	}
	repeat := texts(actions, replyTexts, followTexts)
	events := make([]eventJSON, len(rec.Events))
	for i, e := range rec.Events {
		note := e.Note
		if public || (noted[e.Action] && note == repeat[i]) {
			note = ""
		}
		var u unitRef
		if e.UnitID != 0 {
			u = unitOf(e.UnitID)
		}
		events[i] = eventJSON{Action: e.Action, From: e.From, To: e.To, unitRef: u, Note: note, At: china(e.At), Deadline: china(e.Deadline)}
	}
	var unit unitRef
	if m.UnitID != 0 {
		unit = unitOf(m.UnitID)
	}
	var res, att, spd any = "", "", ""
	var comment string
	var rated time.Time
	if g := rec.Rating; g != nil {
		res, att, spd, comment, rated = g.Resolution, g.Attitude, g.Speed, publicText(g.Comment, public), g.CreatedAt
	}
	tags := m.Tags
	if tags == nil {
		tags = []string{}
	}
	return []any{
		m.ID, source, sourceID, m.RegionCode, boardName, login, name,
		m.Type, m.Domain, tags, title, body, m.Public, m.Channel, string(m.Status), catalog.T("state." + string(m.Status)),
		unit.Name, unit.Region, rec.Likes, rec.Dislikes,
		m.CreatedAt, m.PublishedAt, m.FirstReplyAt, m.RepliedAt, m.ClockStart, m.Deadline,
		m.ExtensionDays, m.PendingExtension, m.Followups, m.ReplyPending, reason, m.UpdatedAt,
		res, att, spd, comment, rated,
		replies, follows, events,
	}
}

// nativeReader reads liuyan's export.
type nativeReader struct {
	col map[string]int
}

func newNativeReader(c columns) (*nativeReader, error) {
	required := []string{"source_id", "region_code", "board", "type", "domain", "title", "body", "status", "created_at", "events"}
	fields := make([][]string, len(required))
	for i, r := range required {
		fields[i] = []string{r}
	}
	if _, err := c.require(fields...); err != nil {
		return nil, err
	}
	col := make(map[string]int, len(nativeColumns))
	for _, n := range nativeColumns {
		col[n] = c.pick(n)
	}
	return &nativeReader{col: col}, nil
}

func (r *nativeReader) namesBoards() bool { return true }

func (r *nativeReader) item(cells []string, line int, l *vocab.Set) (*item, error) {
	get := func(name string) string { return cell(cells, r.col[name]) }
	it := &item{line: line, source: get("source"), sourceID: get("source_id"), author: get("author_login"),
		authorName: get("author_name"), forum: get("board"), typ: get("type"), domain: get("domain")}
	if it.sourceID == "" {
		it.sourceID = get("id")
	}
	if it.sourceID == "" {
		return nil, rejectf(line, "transfer.empty_field", "source_id")
	}
	// liuyan's own export: retired terms still name old messages.
	if !l.Known(vocab.Type, it.typ) {
		return nil, rejectf(line, "transfer.bad_type", it.typ)
	}
	if !l.Known(vocab.Domain, it.domain) {
		return nil, rejectf(line, "transfer.bad_domain", it.domain)
	}
	if err := text(it, get("title"), get("body"), "title", "body"); err != nil {
		return nil, err
	}
	n := &nativeRow{regionCode: get("region_code"), board: it.forum, channel: get("channel"),
		status: lifecycle.State(get("status")), rejectReason: get("reject_reason"),
		unit: unitRef{Name: get("unit"), Region: get("unit_region")}}
	if !n.status.Valid() {
		return nil, rejectf(line, "transfer.bad_status", n.status)
	}
	var err error
	if it.created, err = when(get("created_at"), line, "created_at", true); err != nil {
		return nil, err
	}
	for _, t := range []struct {
		name string
		dst  *time.Time
	}{{"published_at", &n.publishedAt}, {"first_reply_at", &n.firstReplyAt}, {"replied_at", &n.repliedAt},
		{"clock_start", &n.clockStart}, {"deadline", &n.deadline}, {"updated_at", &n.updatedAt}} {
		if *t.dst, err = when(get(t.name), line, t.name, false); err != nil {
			return nil, err
		}
	}
	for _, c := range []struct {
		name string
		dst  *int
	}{{"likes", &it.likes}, {"dislikes", &it.dislikes}, {"extension_days", &n.extensionDays},
		{"pending_extension", &n.pendingExtension}, {"followup_count", &n.followupCount}} {
		if *c.dst, err = count(get(c.name), line, c.name); err != nil {
			return nil, err
		}
	}
	if n.public, err = flag(get("public"), line, "public", true); err != nil {
		return nil, err
	}
	if n.replyPending, err = flag(get("reply_pending"), line, "reply_pending", false); err != nil {
		return nil, err
	}
	if s := get("tags"); s != "" {
		if err := json.Unmarshal([]byte(s), &it.tags); err != nil {
			return nil, rejectf(line, "transfer.bad_list", "tags", err)
		}
	}
	for _, l := range []struct {
		name string
		dst  any
	}{{"replies", &n.replies}, {"followups", &n.followups}, {"events", &n.events}} {
		if s := get(l.name); s != "" {
			if err := json.Unmarshal([]byte(s), l.dst); err != nil {
				return nil, rejectf(line, "transfer.bad_list", l.name, err)
			}
		}
	}
	if g := get("resolution"); g != "" {
		var stars [3]int
		for i, name := range []string{"resolution", "attitude", "speed"} {
			if stars[i], err = count(get(name), line, name); err != nil {
				return nil, err
			}
		}
		if message.ValidateStars(stars[:]...) != nil {
			return nil, rejectf(line, "transfer.bad_grade", "resolution/attitude/speed", stars)
		}
		rated, err := when(get("rated_at"), line, "rated_at", true)
		if err != nil {
			return nil, err
		}
		n.rating = &message.Rating{Resolution: stars[0], Attitude: stars[1], Speed: stars[2], Comment: get("rating_comment"), CreatedAt: rated.UTC()}
	}
	it.native = n
	return it, nil
}

// flag reads true or false; "" is def.
func flag(s string, line int, field string, def bool) (bool, error) {
	switch strings.ToLower(s) {
	case "":
		return def, nil
	case "true", "1", "是":
		return true, nil
	case "false", "0", "否":
		return false, nil
	}
	return false, rejectf(line, "transfer.bad_flag", field, s)
}

// nativeRecord turns a row of the export into a record for board b, the
// log, replies and follow-ups as the file gives them, units found or
// created by name, and the notes the export left out put back.
func nativeRecord(ctx context.Context, d *resolver, it *item, boardID int64) (*store.Record, error) {
	n := it.native
	m := message.Message{BoardID: boardID, RegionCode: n.regionCode, Type: it.typ, Domain: it.domain, Tags: it.tags,
		Title: it.title, Body: it.body, PublicTitle: mask.Text(it.title), PublicBody: mask.Text(it.body),
		Public: n.public, Channel: n.channel, Status: n.status, RejectReason: n.rejectReason,
		ClockStart: n.clockStart.UTC(), Deadline: n.deadline.UTC(), ExtensionDays: n.extensionDays,
		PendingExtension: n.pendingExtension, Followups: n.followupCount, ReplyPending: n.replyPending,
		CreatedAt: it.created.UTC(), PublishedAt: n.publishedAt.UTC(), FirstReplyAt: n.firstReplyAt.UTC(),
		RepliedAt: n.repliedAt.UTC(), UpdatedAt: n.updatedAt.UTC()}
	if !slices.Contains(message.Channels, m.Channel) {
		m.Channel = importChannel
	}
	if m.UpdatedAt.IsZero() {
		m.UpdatedAt = m.CreatedAt
	}
	rec := &store.Record{Likes: it.likes, Dislikes: it.dislikes, Rating: n.rating}
	var err error
	if n.unit.Name != "" {
		if m.UnitID, err = d.unit(ctx, n.unit); err != nil {
			return nil, err
		}
	}
	replyTexts := make([]string, len(n.replies))
	for i, r := range n.replies {
		id, err := d.unit(ctx, r.unitRef)
		if err != nil {
			return nil, err
		}
		replyTexts[i] = r.Body
		rec.Replies = append(rec.Replies, message.Reply{Kind: r.Kind, Body: r.Body, UnitID: id, Published: r.Published, CreatedAt: r.At.UTC()})
	}
	followTexts := make([]string, len(n.followups))
	for i, f := range n.followups {
		followTexts[i] = f.Body
		rec.Followups = append(rec.Followups, message.Followup{Body: f.Body, CreatedAt: f.At.UTC()})
	}
	actions := make([]lifecycle.Action, len(n.events))
	for i, e := range n.events {
		actions[i] = e.Action
	}
	repeat := texts(actions, replyTexts, followTexts)
	for i, e := range n.events {
		var unit int64
		if e.Name != "" {
			if unit, err = d.unit(ctx, e.unitRef); err != nil {
				return nil, err
			}
		}
		note := e.Note
		if note == "" && noted[e.Action] {
			note = repeat[i]
		}
		rec.Events = append(rec.Events, message.Event{Action: e.Action, From: e.From, To: e.To, UnitID: unit, Note: note, At: e.At.UTC(), Deadline: e.Deadline.UTC()})
	}
	if err := checkHistory(rec.Events, m.Status); err != nil {
		return nil, &rowError{line: it.line, reason: err.Error()}
	}
	rec.Message = m
	return rec, nil
}
