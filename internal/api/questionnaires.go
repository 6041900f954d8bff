package api

import (
	"bytes"
	"net/http"
	"strconv"
	"time"

	"liuyan/internal/questionnaire"
	"liuyan/internal/ratelimit"
)

// questionnaireList answers GET /api/v1/questionnaires?campaign=ID.
func (h participationHandlers) questionnaireList(w http.ResponseWriter, r *http.Request) {
	var cid int64
	if c := r.URL.Query().Get("campaign"); c != "" {
		var err error
		if cid, err = strconv.ParseInt(c, 10, 64); err != nil || cid <= 0 {
			writeError(w, r, http.StatusUnprocessableEntity, "unknown_campaign", "error.unknown_campaign")
			return
		}
	}
	qs, err := h.a.Store.Questionnaires(r.Context(), cid, 200)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	now := h.p.Clock()
	items := make([]map[string]any, 0, len(qs))
	for _, q := range qs {
		items = append(items, questionnaireSummary(q, now))
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": items})
}

// questionnaireSummary is a questionnaire in a list, without questions.
func questionnaireSummary(q *questionnaire.Questionnaire, now time.Time) map[string]any {
	return map[string]any{"id": q.ID, "title": q.Title, "description": q.Description, "campaign_id": q.CampaignID,
		"opens_at": q.OpensAt, "closes_at": q.ClosesAt, "anonymous": q.Anonymous, "open": q.Open(now)}
}

type questionnaireInput struct {
	Title       string    `json:"title"`
	Description string    `json:"description"`
	CampaignID  int64     `json:"campaign_id"`
	OpensAt     time.Time `json:"opens_at"`
	ClosesAt    time.Time `json:"closes_at"`
	Anonymous   bool      `json:"anonymous"`
	Questions   []struct {
		Kind     string   `json:"kind"`
		Text     string   `json:"text"`
		Required bool     `json:"required"`
		Options  []string `json:"options"`
	} `json:"questions"`
}

// questionnaireCreate answers POST /api/v1/questionnaires, for admins and
// board offices.
func (h participationHandlers) questionnaireCreate(w http.ResponseWriter, r *http.Request) {
	u, err := h.a.mustUser(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var in questionnaireInput
	if err := decode(r, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	q := &questionnaire.Questionnaire{Title: in.Title, Description: in.Description, CampaignID: in.CampaignID,
		OpensAt: in.OpensAt, ClosesAt: in.ClosesAt, Anonymous: in.Anonymous}
	for _, qu := range in.Questions {
		q.Questions = append(q.Questions, questionnaire.Question{Kind: questionnaire.Kind(qu.Kind), Text: qu.Text,
			Required: qu.Required, Options: qu.Options})
	}
	if err := h.p.CreateQuestionnaire(r.Context(), u, q); err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, h.questionnaireJSON(q, false))
}

func (h participationHandlers) questionnaireJSON(q *questionnaire.Questionnaire, responded bool) map[string]any {
	out := questionnaireSummary(q, h.p.Clock())
	out["questions"], out["responded"] = q.Questions, responded
	return out
}

// questionnaireGet answers GET /api/v1/questionnaires/{id}: the
// questionnaire with its questions, and whether the caller has answered.
func (h participationHandlers) questionnaireGet(w http.ResponseWriter, r *http.Request) {
	u, id, ok := h.target(w, r, false)
	if !ok {
		return
	}
	q, err := h.p.Questionnaire(r.Context(), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	responded, err := h.p.Responded(r.Context(), u, q)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, h.questionnaireJSON(q, responded))
}

// questionnaireRespond answers POST /api/v1/questionnaires/{id}/responses
// {answers: [{question_id, choices|scale|text}]}. Visitors may answer an
// anonymous questionnaire without a token, a limited number per address.
func (h participationHandlers) questionnaireRespond(w http.ResponseWriter, r *http.Request) {
	u, id, ok := h.target(w, r, false)
	if !ok {
		return
	}
	if u == nil && throttled(w, r, h.a.limits().Answer, ratelimit.ClientIP(r)) {
		return
	}
	var in struct {
		Answers []questionnaire.Answer `json:"answers"`
	}
	if err := decode(r, &in); err != nil {
		h.fail(w, r, err)
		return
	}
	if err := h.p.Respond(r.Context(), u, id, in.Answers); err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"responded": true})
}

// questionnaireResults answers GET /api/v1/questionnaires/{id}/results:
// counts for charts, public once the questionnaire closes.
func (h participationHandlers) questionnaireResults(w http.ResponseWriter, r *http.Request) {
	u, id, ok := h.target(w, r, false)
	if !ok {
		return
	}
	_, res, err := h.p.Results(r.Context(), u, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, res)
}

// questionnaireExport answers GET /api/v1/questionnaires/{id}/export with
// an XLSX workbook, for those who manage the questionnaire.
func (h participationHandlers) questionnaireExport(w http.ResponseWriter, r *http.Request) {
	u, id, ok := h.target(w, r, true)
	if !ok {
		return
	}
	var buf bytes.Buffer
	if err := h.p.Export(r.Context(), u, id, &buf); err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", "attachment; filename=questionnaire-"+strconv.FormatInt(id, 10)+".xlsx")
	_, _ = w.Write(buf.Bytes())
}

// questionnaireSearch answers GET /api/v1/questionnaires/{id}/answers?q=:
// free-text answers containing q, for those who manage the questionnaire.
func (h participationHandlers) questionnaireSearch(w http.ResponseWriter, r *http.Request) {
	u, id, ok := h.target(w, r, true)
	if !ok {
		return
	}
	rows, err := h.p.Search(r.Context(), u, id, r.URL.Query().Get("q"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	items := make([]map[string]any, 0, len(rows))
	for _, a := range rows {
		items = append(items, map[string]any{"response_id": a.ResponseID, "question_id": a.QuestionID, "text": a.Text, "at": a.At})
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": items})
}
