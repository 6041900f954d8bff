package api

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"liuyan/internal/account"
	"liuyan/internal/campaign"
	"liuyan/internal/participation"
	"liuyan/internal/ratelimit"
	"liuyan/internal/stats"
	"liuyan/internal/store"
	"liuyan/internal/workflow"
)

// RegisterParticipation adds campaigns (征集活动), questionnaires (问卷)
// and the figures by campaign under /api/v1.
func (a *API) RegisterParticipation(mux Mux, p *participation.Service) {
	h := participationHandlers{a: a, p: p}
	mux.HandleFunc("GET /api/v1/campaigns", h.campaignList)
	mux.HandleFunc("POST /api/v1/campaigns", h.campaignCreate)
	mux.HandleFunc("GET /api/v1/campaigns/{id}", h.campaignGet)
	mux.HandleFunc("GET /api/v1/campaigns/{id}/suggestions", h.suggestionList)
	mux.HandleFunc("POST /api/v1/campaigns/{id}/suggestions", h.suggestionCreate)
	mux.HandleFunc("POST /api/v1/suggestions/{id}/support", h.suggestionSupport)
	mux.HandleFunc("POST /api/v1/suggestions/{id}/feedback", h.suggestionFeedback)
	mux.HandleFunc("GET /api/v1/stats/campaigns", h.campaignStats)
	mux.HandleFunc("GET /api/v1/questionnaires", h.questionnaireList)
	mux.HandleFunc("POST /api/v1/questionnaires", h.questionnaireCreate)
	mux.HandleFunc("GET /api/v1/questionnaires/{id}", h.questionnaireGet)
	mux.HandleFunc("POST /api/v1/questionnaires/{id}/responses", h.questionnaireRespond)
	mux.HandleFunc("GET /api/v1/questionnaires/{id}/results", h.questionnaireResults)
	mux.HandleFunc("GET /api/v1/questionnaires/{id}/export", h.questionnaireExport)
	mux.HandleFunc("GET /api/v1/questionnaires/{id}/answers", h.questionnaireSearch)
}

type participationHandlers struct {
	a *API
	p *participation.Service
}

func (h participationHandlers) fail(w http.ResponseWriter, r *http.Request, err error) {
	h.a.failWith(w, r, h.p.Explain, err)
}

// target reads the caller and the {id} of the path; on failure it has
// answered.
func (h participationHandlers) target(w http.ResponseWriter, r *http.Request, required bool) (*account.User, int64, bool) {
	get := h.a.user
	if required {
		get = h.a.mustUser
	}
	u, err := get(r)
	if err != nil {
		h.fail(w, r, err)
		return nil, 0, false
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		h.fail(w, r, workflow.ErrNotFound)
		return nil, 0, false
	}
	return u, id, true
}

// campaignJSON is a campaign with its phase now.
type campaignJSON struct {
	*campaign.Campaign
	Phase campaign.Phase `json:"phase"`
}

func (h participationHandlers) present(c *campaign.Campaign) campaignJSON {
	return campaignJSON{Campaign: c, Phase: c.PhaseAt(h.p.Clock())}
}

// suggestionJSON is a suggestion as one viewer may see it.
type suggestionJSON struct {
	Message    messageJSON      `json:"message"`
	Supports   int              `json:"supports"`
	Supported  bool             `json:"supported"`
	Outcome    campaign.Outcome `json:"outcome"`
	Feedback   string           `json:"feedback"`
	FeedbackAt *time.Time       `json:"feedback_at"`
}

func presentSuggestions(u *account.User, sgs []store.Suggestion, supported map[int64]bool) []suggestionJSON {
	now := time.Now()
	out := make([]suggestionJSON, 0, len(sgs))
	for _, sg := range sgs {
		m := workflow.AsSeenBy(u, sg.Message)
		s := suggestionJSON{Message: present(m, true, now), Supports: sg.Supports, Supported: supported[sg.Message.ID],
			Outcome: sg.Outcome, Feedback: sg.Feedback}
		if !sg.FeedbackAt.IsZero() {
			at := sg.FeedbackAt
			s.FeedbackAt = &at
		}
		out = append(out, s)
	}
	return out
}

// campaignList answers GET /api/v1/campaigns?period=: every campaign, or
// those open at some time in the period, the latest to open first.
func (h participationHandlers) campaignList(w http.ResponseWriter, r *http.Request) {
	var f store.CampaignFilter
	if r.URL.Query().Get("period") != "" {
		p, err := stats.PeriodFromQuery(r.URL.Query(), h.p.Stats.Clock())
		if err != nil {
			h.fail(w, r, err)
			return
		}
		f.From, f.To = p.From, p.To
	}
	f.Limit = 200
	cs, err := h.a.Store.Campaigns(r.Context(), f)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	items := make([]campaignJSON, 0, len(cs))
	for _, c := range cs {
		items = append(items, h.present(c))
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": items})
}

type campaignInput struct {
	Title       string    `json:"title"`
	Description string    `json:"description"`
	Tags        []string  `json:"tags"`
	OpensAt     time.Time `json:"opens_at"`
	ClosesAt    time.Time `json:"closes_at"`
	Public      *bool     `json:"public"`
	BoardIDs    []int64   `json:"board_ids"`
}

// campaignCreate answers POST /api/v1/campaigns, for admins and board offices.
func (h participationHandlers) campaignCreate(w http.ResponseWriter, r *http.Request) {
	u, err := h.a.mustUser(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in campaignInput
	if err := decode(r, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	c, err := h.p.CreateCampaign(r.Context(), u, campaign.Draft{Title: in.Title, Description: in.Description, Tags: in.Tags,
		OpensAt: in.OpensAt, ClosesAt: in.ClosesAt, Public: in.Public == nil || *in.Public, BoardIDs: in.BoardIDs})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, h.present(c))
}

// campaignGet answers GET /api/v1/campaigns/{id}: the campaign with its
// figures and summary, the most supported and the adopted suggestions
// the caller may see, and its questionnaires.
func (h participationHandlers) campaignGet(w http.ResponseWriter, r *http.Request) {
	u, id, ok := h.target(w, r, false)
	if !ok {
		return
	}
	pg, err := h.p.PageOf(r.Context(), u, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	qs := make([]map[string]any, 0, len(pg.Questionnaires))
	for _, q := range pg.Questionnaires {
		qs = append(qs, map[string]any{"id": q.ID, "title": q.Title, "opens_at": q.OpensAt, "closes_at": q.ClosesAt})
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"campaign": h.present(pg.Campaign), "summary": pg.Summary,
		"top":            presentSuggestions(u, pg.Top, pg.Supported),
		"adopted":        presentSuggestions(u, pg.Adopted, pg.Supported),
		"questionnaires": qs,
	})
}

// suggestionList answers GET /api/v1/campaigns/{id}/suggestions?sort=support&outcome=adopted|answered&limit=.
func (h participationHandlers) suggestionList(w http.ResponseWriter, r *http.Request) {
	u, id, ok := h.target(w, r, false)
	if !ok {
		return
	}
	if _, err := h.p.Campaign(r.Context(), id); err != nil {
		h.fail(w, r, err)
		return
	}
	q := r.URL.Query()
	f := store.SuggestionFilter{CampaignID: id, BySupport: q.Get("sort") == "support", Limit: 50}
	if o := q.Get("outcome"); o != "" {
		out, err := campaign.ParseOutcome(o)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		f.Outcomes = []campaign.Outcome{out}
	}
	if l := q.Get("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n < 1 || n > 100 {
			writeError(w, r, http.StatusUnprocessableEntity, "bad_limit", "error.bad_limit", 100)
			return
		}
		f.Limit = n
	}
	sgs, err := h.a.Store.Suggestions(r.Context(), f, workflow.ViewerOf(u))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	ids := make([]int64, len(sgs))
	for i, sg := range sgs {
		ids[i] = sg.Message.ID
	}
	var uid int64
	if u != nil {
		uid = u.ID
	}
	supported, err := h.a.Store.Supported(r.Context(), uid, ids)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": presentSuggestions(u, sgs, supported)})
}

type suggestionInput struct {
	BoardID int64    `json:"board_id"`
	Domain  string   `json:"domain"`
	Title   string   `json:"title"`
	Body    string   `json:"body"`
	Tags    []string `json:"tags"`
	Channel string   `json:"channel"`
}

// suggestionCreate answers POST /api/v1/campaigns/{id}/suggestions: a
// suggestion through the message pipeline, under the posting limits.
func (h participationHandlers) suggestionCreate(w http.ResponseWriter, r *http.Request) {
	u, id, ok := h.target(w, r, true)
	if !ok {
		return
	}
	if throttled(w, r, h.a.limits().PostIP, ratelimit.ClientIP(r)) ||
		throttled(w, r, h.a.limits().Post, strconv.FormatInt(u.ID, 10)) {
		return
	}
	var in suggestionInput
	if err := decode(r, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	key := strings.TrimSpace(r.Header.Get("Idempotency-Key"))
	if len(key) > maxIdempotencyKey {
		key = key[:maxIdempotencyKey]
	}
	m, created, err := h.p.Suggest(r.Context(), u, id, participation.SuggestionDraft{BoardID: in.BoardID, Domain: in.Domain,
		Title: in.Title, Body: in.Body, Tags: in.Tags, Channel: in.Channel}, key)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	status := http.StatusCreated
	if !created {
		status = http.StatusOK
	}
	writeJSON(w, status, present(m, true, time.Now()))
}

// suggestionSupport answers POST /api/v1/suggestions/{id}/support.
func (h participationHandlers) suggestionSupport(w http.ResponseWriter, r *http.Request) {
	u, id, ok := h.target(w, r, true)
	if !ok {
		return
	}
	n, err := h.p.Support(r.Context(), u, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"supports": n, "supported": true})
}

// suggestionFeedback answers POST /api/v1/suggestions/{id}/feedback
// {outcome: adopted|answered, feedback}, for the board's office and admins.
func (h participationHandlers) suggestionFeedback(w http.ResponseWriter, r *http.Request) {
	u, id, ok := h.target(w, r, true)
	if !ok {
		return
	}
	var in struct {
		Outcome  string `json:"outcome"`
		Feedback string `json:"feedback"`
	}
	if err := decode(r, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	sg, err := h.p.Feedback(r.Context(), u, id, in.Outcome, in.Feedback)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, presentSuggestions(u, []store.Suggestion{*sg}, nil)[0])
}

// campaignStats answers GET /api/v1/stats/campaigns?period=&region=: the
// figures of every campaign open in the period (default: this half-year),
// addressed to boards within the region when one is named.
func (h participationHandlers) campaignStats(w http.ResponseWriter, r *http.Request) {
	p, err := stats.PeriodFromQuery(r.URL.Query(), h.p.Stats.Clock())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	fs, err := h.p.Stats.Campaigns(r.Context(), p, r.URL.Query().Get("region"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"period": p.Name, "period_label": p.Label(), "items": fs})
}
