package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"liuyan/internal/campaign"
	"liuyan/internal/message"
)

const campaignColumns = "c.id, c.title, c.description, c.tags, c.opens_at, c.closes_at, c.public, c.created_by, c.created_at"

func scanCampaign(row scanner) (*campaign.Campaign, error) {
	var c campaign.Campaign
	var tags string
	err := row.Scan(&c.ID, &c.Title, &c.Description, &tags, &c.OpensAt, &c.ClosesAt, &c.Public, &c.CreatedBy, &c.CreatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("store: unable to read campaign: %w", err)
	}
	c.Tags = []string{}
	if tags != "" {
		c.Tags = strings.Split(tags, ",")
	}
	c.OpensAt, c.ClosesAt, c.CreatedAt = c.OpensAt.UTC(), c.ClosesAt.UTC(), c.CreatedAt.UTC()
	return &c, nil
}

// InsertCampaign stores a new campaign with its boards and sets its ID.
func (t *Tx) InsertCampaign(ctx context.Context, c *campaign.Campaign) error {
	id, err := t.insertID(ctx, `INSERT INTO campaigns (title, description, tags, opens_at, closes_at, public, created_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, c.Title, c.Description, strings.Join(c.Tags, ","), c.OpensAt.UTC(), c.ClosesAt.UTC(),
		c.Public, c.CreatedBy, c.CreatedAt.UTC())
	if err != nil {
		return fmt.Errorf("store: unable to insert campaign: %w", err)
	}
	c.ID = id
	for _, b := range c.BoardIDs {
		if _, err := t.exec(ctx, "INSERT INTO campaign_boards (campaign_id, board_id) VALUES (?, ?)", id, b); err != nil {
			return fmt.Errorf("store: unable to address campaign: %w", err)
		}
	}
	return nil
}

// Campaign returns one campaign with its boards.
func (s *Store) Campaign(ctx context.Context, id int64) (*campaign.Campaign, error) {
	c, err := scanCampaign(s.reader().queryRow(ctx, "SELECT "+campaignColumns+" FROM campaigns c WHERE c.id = ?", id))
	if err != nil {
		return nil, err
	}
	return c, loadCampaignBoards(ctx, s.reader(), c)
}

// CampaignFilter narrows the list of campaigns.
type CampaignFilter struct {
	// From and To keep campaigns open at some time in [From, To); zero
	// means unbounded.
	From, To time.Time
	Limit    int
}

// Campaigns lists campaigns, the latest to open first. Campaigns are
// public notices: everyone sees every campaign.
func (s *Store) Campaigns(ctx context.Context, f CampaignFilter) ([]*campaign.Campaign, error) {
	q := "SELECT " + campaignColumns + " FROM campaigns c WHERE TRUE"
	var args []any
	if !f.From.IsZero() {
		q += " AND c.closes_at > ?"
		args = append(args, f.From.UTC())
	}
	if !f.To.IsZero() {
		q += " AND c.opens_at < ?"
		args = append(args, f.To.UTC())
	}
	q += " ORDER BY c.opens_at DESC, c.id DESC"
	if f.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", f.Limit)
	}
	cs, err := collect(ctx, s.reader(), scanCampaign, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list campaigns: %w", err)
	}
	return cs, loadCampaignBoards(ctx, s.reader(), cs...)
}

func loadCampaignBoards(ctx context.Context, c conn, cs ...*campaign.Campaign) error {
	if len(cs) == 0 {
		return nil
	}
	byID := map[int64]*campaign.Campaign{}
	ids := make([]any, len(cs))
	for i, x := range cs {
		byID[x.ID], ids[i] = x, x.ID
		x.BoardIDs = []int64{}
	}
	type pair struct{ c, b int64 }
	ps, err := collect(ctx, c, func(r scanner) (pair, error) {
		var p pair
		err := r.Scan(&p.c, &p.b)
		return p, err
	}, "SELECT campaign_id, board_id FROM campaign_boards WHERE campaign_id IN ("+placeholders(len(ids))+") ORDER BY board_id", ids...)
	if err != nil {
		return fmt.Errorf("store: unable to read campaign boards: %w", err)
	}
	for _, p := range ps {
		byID[p.c].BoardIDs = append(byID[p.c].BoardIDs, p.b)
	}
	return nil
}

// insertSuggestion files a new message under its campaign, in the
// message's own transaction.
func (t *Tx) insertSuggestion(ctx context.Context, m *message.Message) error {
	if _, err := t.exec(ctx, "INSERT INTO campaign_suggestions (message_id, campaign_id) VALUES (?, ?)", m.ID, m.CampaignID); err != nil {
		return fmt.Errorf("store: unable to file suggestion: %w", err)
	}
	return nil
}

// Suggestion is a message filed to a campaign, with its support and the
// staff's feedback.
type Suggestion struct {
	Message    *message.Message
	CampaignID int64
	Supports   int
	Outcome    campaign.Outcome
	Feedback   string
	FeedbackAt time.Time
}

// SuggestionFilter narrows a campaign's suggestions.
type SuggestionFilter struct {
	CampaignID int64
	// Outcomes, when set, keeps suggestions with one of these outcomes.
	Outcomes []campaign.Outcome
	// BySupport orders the most supported first, the newer first among
	// equals; otherwise newest first.
	BySupport bool
	Limit     int
}

const suggestionFrom = messageFrom + " JOIN campaign_suggestions cs ON cs.message_id = m.id"

func scanSuggestion(row scanner) (Suggestion, error) {
	var sg Suggestion
	var at sql.NullTime
	m, err := scanMessage(multiScanner{row, func(dst ...any) []any {
		return append(dst, &sg.CampaignID, &sg.Supports, &sg.Outcome, &sg.Feedback, &at)
	}})
	if err != nil {
		return sg, err
	}
	m.CampaignID = sg.CampaignID
	sg.Message, sg.FeedbackAt = m, timeOf(at)
	return sg, nil
}

// multiScanner lets scanMessage read a row that has more columns after
// the message's.
type multiScanner struct {
	row   scanner
	extra func(dst ...any) []any
}

func (m multiScanner) Scan(dst ...any) error { return m.row.Scan(m.extra(dst...)...) }

const suggestionColumns = messageColumns + ", cs.campaign_id, cs.supports, cs.outcome, cs.feedback, cs.feedback_at"

// Suggestions lists a campaign's suggestions that the viewer may see
// (the one visibility rule, Viewer.where).
func (s *Store) Suggestions(ctx context.Context, f SuggestionFilter, v Viewer) ([]Suggestion, error) {
	cond, args := v.where()
	q := "SELECT " + suggestionColumns + suggestionFrom + " WHERE " + cond + " AND cs.campaign_id = ?"
	args = append(args, f.CampaignID)
	if len(f.Outcomes) > 0 {
		q += " AND cs.outcome IN (" + placeholders(len(f.Outcomes)) + ")"
		for _, o := range f.Outcomes {
			args = append(args, string(o))
		}
	}
	// Orders on cs's columns, so that its indexes give the order.
	if f.BySupport {
		q += " ORDER BY cs.supports DESC, cs.message_id DESC"
	} else {
		q += " ORDER BY cs.message_id DESC"
	}
	if f.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", f.Limit)
	}
	out, err := collect(ctx, s.reader(), scanSuggestion, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list suggestions: %w", err)
	}
	ms := make([]*message.Message, len(out))
	for i := range out {
		ms[i] = out[i].Message
	}
	return out, loadTags(ctx, s.reader(), ms...)
}

// Suggestion returns one suggestion the viewer may see, or ErrNotFound.
func (s *Store) Suggestion(ctx context.Context, messageID int64, v Viewer) (*Suggestion, error) {
	cond, args := v.where()
	sg, err := scanSuggestion(s.reader().queryRow(ctx, "SELECT "+suggestionColumns+suggestionFrom+" WHERE m.id = ? AND "+cond,
		append([]any{messageID}, args...)...))
	if err != nil {
		return nil, err
	}
	return &sg, loadTags(ctx, s.reader(), sg.Message)
}

// AddSupport records one account's support of a suggestion; a second
// support by the same account is ErrConflict and changes nothing.
func (t *Tx) AddSupport(ctx context.Context, messageID, userID int64, at time.Time) error {
	_, err := t.exec(ctx, "INSERT INTO campaign_supports (message_id, user_id, created_at) VALUES (?, ?, ?)", messageID, userID, at.UTC())
	if isUnique(err) {
		return ErrConflict
	}
	if err != nil {
		return fmt.Errorf("store: unable to record support: %w", err)
	}
	if _, err := t.exec(ctx, "UPDATE campaign_suggestions SET supports = supports + 1 WHERE message_id = ?", messageID); err != nil {
		return fmt.Errorf("store: unable to count support: %w", err)
	}
	return nil
}

// Supported returns which of the messages the account has supported.
func (s *Store) Supported(ctx context.Context, userID int64, messageIDs []int64) (map[int64]bool, error) {
	out := map[int64]bool{}
	if userID == 0 || len(messageIDs) == 0 {
		return out, nil
	}
	args := []any{userID}
	for _, id := range messageIDs {
		args = append(args, id)
	}
	ids, err := collect(ctx, s.reader(), scanID, "SELECT message_id FROM campaign_supports WHERE user_id = ? AND message_id IN ("+
		placeholders(len(messageIDs))+")", args...)
	if err != nil {
		return nil, fmt.Errorf("store: unable to read supports: %w", err)
	}
	for _, id := range ids {
		out[id] = true
	}
	return out, nil
}

// SetOutcome records staff feedback on a suggestion.
func (t *Tx) SetOutcome(ctx context.Context, messageID int64, o campaign.Outcome, feedback string, by int64, at time.Time) error {
	res, err := t.exec(ctx, "UPDATE campaign_suggestions SET outcome = ?, feedback = ?, feedback_by = ?, feedback_at = ? WHERE message_id = ?",
		string(o), feedback, by, at.UTC(), messageID)
	if err != nil {
		return fmt.Errorf("store: unable to record feedback: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

// CampaignTotal counts a campaign's accepted suggestions, private ones
// included (DESIGN §3: private messages count in every statistic): what
// internal/stats turns into a campaign's figures.
type CampaignTotal struct {
	Suggestions  int64
	Participants int64 // distinct authors
	Supports     int64
	Adopted      int64
	Answered     int64
}

// suggestionCounts are the sums every count of suggestions takes, over
// campaign_suggestions cs joined to their accepted messages m.
const suggestionCounts = `COUNT(*), COALESCE(SUM(cs.supports), 0),
	COALESCE(SUM(CASE WHEN cs.outcome = 'adopted' THEN 1 ELSE 0 END), 0),
	COALESCE(SUM(CASE WHEN cs.outcome = 'answered' THEN 1 ELSE 0 END), 0)
	FROM campaign_suggestions cs JOIN messages m ON m.id = cs.message_id AND m.published_at IS NOT NULL`

// CampaignTotals counts the accepted suggestions of campaigns, in one
// query; a campaign without any is missing from the map.
func (s *Store) CampaignTotals(ctx context.Context, ids []int64) (map[int64]CampaignTotal, error) {
	out := map[int64]CampaignTotal{}
	if len(ids) == 0 {
		return out, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	type row struct {
		id int64
		t  CampaignTotal
	}
	rows, err := collect(ctx, s.reader(), func(r scanner) (row, error) {
		var x row
		err := r.Scan(&x.id, &x.t.Participants, &x.t.Suggestions, &x.t.Supports, &x.t.Adopted, &x.t.Answered)
		return x, err
	}, "SELECT cs.campaign_id, COUNT(DISTINCT m.author_id), "+suggestionCounts+
		" WHERE cs.campaign_id IN ("+placeholders(len(ids))+") GROUP BY cs.campaign_id", args...)
	if err != nil {
		return nil, fmt.Errorf("store: unable to count suggestions: %w", err)
	}
	for _, x := range rows {
		out[x.id] = x.t
	}
	return out, nil
}

// SuggestionTally counts a campaign's accepted suggestions of one day of
// publication (China time), domain and board.
type SuggestionTally struct {
	Day         string // YYYY-MM-DD
	Domain      string
	BoardID     int64
	Suggestions int64
	Supports    int64
	Adopted     int64
	Answered    int64
}

// chinaDay is the SQL of the day of m.published_at on China's civil
// clock, which has no daylight saving: UTC+8 on both databases.
func (s *Store) chinaDay() string {
	if s.dialect == Postgres {
		return "to_char(m.published_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')"
	}
	return "date(m.published_at, '+8 hours')"
}

// SuggestionTallies counts a campaign's accepted suggestions by day,
// domain and board, in one pass over the campaign's index; callers add
// the cells up along the grouping they show.
func (s *Store) SuggestionTallies(ctx context.Context, campaignID int64) ([]SuggestionTally, error) {
	ts, err := collect(ctx, s.reader(), func(r scanner) (SuggestionTally, error) {
		var t SuggestionTally
		err := r.Scan(&t.Day, &t.Domain, &t.BoardID, &t.Suggestions, &t.Supports, &t.Adopted, &t.Answered)
		return t, err
	}, "SELECT "+s.chinaDay()+", m.domain, m.board_id, "+suggestionCounts+" WHERE cs.campaign_id = ? GROUP BY 1, 2, 3 ORDER BY 1, 2, 3", campaignID)
	if err != nil {
		return nil, fmt.Errorf("store: unable to count suggestions: %w", err)
	}
	return ts, nil
}
