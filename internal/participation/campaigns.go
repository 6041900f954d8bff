package participation

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"liuyan/internal/account"
	"liuyan/internal/board"
	"liuyan/internal/campaign"
	"liuyan/internal/lifecycle"
	"liuyan/internal/message"
	"liuyan/internal/questionnaire"
	"liuyan/internal/stats"
	"liuyan/internal/store"
	"liuyan/internal/workflow"
)

// Service carries out campaign and questionnaire actions.
type Service struct {
	Store *store.Store
	Desk  *workflow.Desk
	Stats *stats.Service
	// Now is the clock; nil is the Desk's.
	Now func() time.Time
}

// Errors beyond the Desk's, explained by Explain.
var (
	ErrAlreadySupported = errors.New("participation: already supported")
	ErrAlreadyAnswered  = errors.New("participation: already answered")
	ErrLoginRequired    = errors.New("participation: login required")
)

// errForbidden is the lifecycle's refusal of the wrong person, so that a
// refusal reads and maps the same as on messages.
var errForbidden = &lifecycle.Error{Code: lifecycle.CodeForbidden}

// Clock is the service's now, which decides whether a campaign or a
// questionnaire is open.
func (s *Service) Clock() time.Time { return s.now() }

func (s *Service) now() time.Time {
	switch {
	case s.Now != nil:
		return s.Now().UTC()
	case s.Desk != nil && s.Desk.Now != nil:
		return s.Desk.Now().UTC()
	}
	return time.Now().UTC()
}

func inputErr(key string, args ...any) error { return &message.InputError{Key: key, Args: args} }

// CreateCampaign launches a campaign for an admin, or for a board office
// to its own board, with an audit entry.
func (s *Service) CreateCampaign(ctx context.Context, u *account.User, d campaign.Draft) (*campaign.Campaign, error) {
	if u == nil {
		return nil, ErrLoginRequired
	}
	// The role is checked before the input, so that a citizen learns only
	// that campaigns are not theirs to launch.
	if u.Role != account.Admin && u.Role != account.Office {
		return nil, errForbidden
	}
	d.Normalize()
	if err := d.Validate(); err != nil {
		return nil, err
	}
	if !campaign.MayCreate(u, d.BoardIDs) {
		return nil, errForbidden
	}
	bs, err := s.Store.BoardsByID(ctx, d.BoardIDs)
	if err != nil {
		return nil, err
	}
	if len(bs) != len(d.BoardIDs) {
		return nil, inputErr("error.unknown_board")
	}
	c := &campaign.Campaign{Title: d.Title, Description: d.Description, Tags: d.Tags, OpensAt: d.OpensAt.UTC(), ClosesAt: d.ClosesAt.UTC(),
		Public: d.Public, BoardIDs: d.BoardIDs, CreatedBy: u.ID, CreatedAt: s.now()}
	if c.Tags == nil {
		c.Tags = []string{}
	}
	err = s.Store.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.InsertCampaign(ctx, c); err != nil {
			return err
		}
		return tx.Audit(ctx, u.ID, "campaign_create", c.Title, fmt.Sprintf("campaign %d", c.ID))
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// Campaign returns a campaign; campaigns are public notices.
func (s *Service) Campaign(ctx context.Context, id int64) (*campaign.Campaign, error) {
	c, err := s.Store.Campaign(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return nil, workflow.ErrNotFound
	}
	return c, err
}

// SuggestionDraft is what a citizen writes to a campaign.
type SuggestionDraft struct {
	BoardID int64 // one of the campaign's boards; 0 for its first
	Domain  string
	Title   string
	Body    string
	Tags    []string
	Channel string
}

// Suggest files a suggestion: a message of type 建言 carrying the
// campaign, through the Desk like every message, so it is validated,
// masked, checked for sensitive words and moderated. The campaign must be
// open; its topic tags come first among the message's tags, and a campaign
// whose suggestions are not public files them as private messages.
func (s *Service) Suggest(ctx context.Context, u *account.User, campaignID int64, d SuggestionDraft, idempotencyKey string) (*message.Message, bool, error) {
	if u == nil {
		return nil, false, ErrLoginRequired
	}
	c, err := s.Campaign(ctx, campaignID)
	if err != nil {
		return nil, false, err
	}
	if err := phaseError(c.PhaseAt(s.now())); err != nil {
		return nil, false, err
	}
	if d.BoardID == 0 && len(c.BoardIDs) > 0 {
		d.BoardID = c.BoardIDs[0]
	}
	if !c.Addresses(d.BoardID) {
		return nil, false, inputErr("error.campaign_board")
	}
	tags := slices.Clone(c.Tags)
	for _, t := range d.Tags {
		if t = strings.TrimSpace(t); t != "" && !slices.Contains(tags, t) {
			tags = append(tags, t)
		}
	}
	if max := s.Desk.Limits.TagsMax; len(tags) > max {
		tags = tags[:max]
	}
	return s.Desk.Submit(ctx, u, message.Draft{BoardID: d.BoardID, Type: campaign.SuggestionType, Domain: d.Domain,
		Title: d.Title, Body: d.Body, Public: c.Public, Tags: tags, Channel: d.Channel, CampaignID: c.ID}, idempotencyKey)
}

// phaseError refuses suggestions and support outside the open phase.
func phaseError(p campaign.Phase) error {
	switch p {
	case campaign.Upcoming:
		return inputErr("error.campaign_upcoming")
	case campaign.Closed:
		return inputErr("error.campaign_closed")
	}
	return nil
}

// visibleSuggestion returns an accepted suggestion the person may see, or
// workflow.ErrNotFound: a private or pending suggestion's existence is
// never revealed to those who may not see it.
func (s *Service) visibleSuggestion(ctx context.Context, u *account.User, messageID int64) (*store.Suggestion, *campaign.Campaign, error) {
	sg, err := s.Store.Suggestion(ctx, messageID, workflow.ViewerOf(u))
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil, workflow.ErrNotFound
	}
	if err != nil {
		return nil, nil, err
	}
	c, err := s.Campaign(ctx, sg.CampaignID)
	if err != nil {
		return nil, nil, err
	}
	return sg, c, nil
}

// accepted says the suggestion passed moderation and is published.
func accepted(m *message.Message) bool {
	return m.Status != lifecycle.Submitted && m.Status != lifecycle.Rejected
}

// Support records a person's 支持 of a suggestion while the campaign is
// open, once per account, and returns the new count.
func (s *Service) Support(ctx context.Context, u *account.User, messageID int64) (int, error) {
	if u == nil {
		return 0, ErrLoginRequired
	}
	sg, c, err := s.visibleSuggestion(ctx, u, messageID)
	if err != nil {
		return 0, err
	}
	if !accepted(sg.Message) {
		return 0, workflow.ErrNotFound
	}
	if err := phaseError(c.PhaseAt(s.now())); err != nil {
		return 0, err
	}
	err = s.Store.InTx(ctx, func(tx *store.Tx) error { return tx.AddSupport(ctx, messageID, u.ID, s.now()) })
	if errors.Is(err, store.ErrConflict) {
		return 0, ErrAlreadySupported
	}
	if err != nil {
		return 0, err
	}
	return sg.Supports + 1, nil
}

// Feedback records staff's outcome of a suggestion — adopted (采纳) or
// answered — with the feedback published on the campaign's page, and its
// audit entry. The office of the suggestion's board and admins may give
// it, before or after the campaign closes, and may revise it.
func (s *Service) Feedback(ctx context.Context, u *account.User, messageID int64, outcome, feedback string) (*store.Suggestion, error) {
	if u == nil {
		return nil, ErrLoginRequired
	}
	sg, c, err := s.visibleSuggestion(ctx, u, messageID)
	if err != nil {
		return nil, err
	}
	if !campaign.MayAnswer(u, c, sg.Message.BoardID) {
		return nil, errForbidden
	}
	o, err := campaign.ParseOutcome(outcome)
	if err != nil {
		return nil, err
	}
	feedback = strings.TrimSpace(feedback)
	if feedback == "" {
		return nil, inputErr("error.feedback_empty")
	}
	if err := message.ValidateNote(feedback, s.Desk.Limits); err != nil {
		return nil, err
	}
	if !accepted(sg.Message) {
		return nil, inputErr("error.suggestion_pending")
	}
	at := s.now()
	err = s.Store.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.SetOutcome(ctx, messageID, o, feedback, u.ID, at); err != nil {
			return err
		}
		return tx.Audit(ctx, u.ID, "campaign_"+string(o), sg.Message.Title, fmt.Sprintf("message %d: %s", messageID, excerpt(feedback, 80)))
	})
	if err != nil {
		return nil, err
	}
	sg.Outcome, sg.Feedback, sg.FeedbackAt = o, feedback, at
	return sg, nil
}

func excerpt(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// Page is what a campaign's page shows a person.
type Page struct {
	Campaign *campaign.Campaign
	Phase    campaign.Phase
	Boards   []board.Board
	Summary  *stats.CampaignSummary
	// Top are the most supported suggestions, Adopted those with
	// feedback, Latest the newest: each only what the person may see.
	Top, Adopted, Latest []store.Suggestion
	// Supported marks the suggestions the person has supported.
	Supported map[int64]bool
	// Manage says the person may adopt and answer suggestions here.
	Manage         bool
	Questionnaires []*questionnaire.Questionnaire
}

// PageOf gathers a campaign's page for a person.
func (s *Service) PageOf(ctx context.Context, u *account.User, id int64) (*Page, error) {
	c, err := s.Campaign(ctx, id)
	if err != nil {
		return nil, err
	}
	p := &Page{Campaign: c, Phase: c.PhaseAt(s.now()), Manage: campaign.MayManage(u, c)}
	bs, err := s.Store.BoardsByID(ctx, c.BoardIDs)
	if err != nil {
		return nil, err
	}
	for _, id := range c.BoardIDs {
		p.Boards = append(p.Boards, bs[id])
	}
	if p.Summary, err = s.Stats.Campaign(ctx, c); err != nil {
		return nil, err
	}
	v := workflow.ViewerOf(u)
	if p.Top, err = s.Store.Suggestions(ctx, store.SuggestionFilter{CampaignID: id, BySupport: true, Limit: 10}, v); err != nil {
		return nil, err
	}
	if p.Adopted, err = s.Store.Suggestions(ctx, store.SuggestionFilter{CampaignID: id,
		Outcomes: []campaign.Outcome{campaign.Adopted, campaign.Answered}, Limit: 50}, v); err != nil {
		return nil, err
	}
	if p.Latest, err = s.Store.Suggestions(ctx, store.SuggestionFilter{CampaignID: id, Limit: 50}, v); err != nil {
		return nil, err
	}
	var ids []int64
	for _, l := range [][]store.Suggestion{p.Top, p.Adopted, p.Latest} {
		for _, sg := range l {
			ids = append(ids, sg.Message.ID)
		}
	}
	var uid int64
	if u != nil {
		uid = u.ID
	}
	if p.Supported, err = s.Store.Supported(ctx, uid, ids); err != nil {
		return nil, err
	}
	if p.Questionnaires, err = s.Store.Questionnaires(ctx, id, 20); err != nil {
		return nil, err
	}
	return p, nil
}
