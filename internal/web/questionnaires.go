package web

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"liuyan/internal/account"
	"liuyan/internal/catalog"
	"liuyan/internal/participation"
	"liuyan/internal/questionnaire"
	"liuyan/internal/ratelimit"
	"liuyan/internal/report"
)

type questionnairePage struct {
	frame
	Q         *questionnaire.Questionnaire
	Open      bool
	Upcoming  bool
	Responded bool
	// Answers are what the person chose, by question, to show back after a
	// refused response: choice indexes and values as strings.
	Answers map[int64][]string
	Form    *form
	Manage  bool
	Scale   []int
}

// Has says whether the person chose value for question id.
func (p *questionnairePage) Has(id int64, value int) bool {
	for _, v := range p.Answers[id] {
		if v == strconv.Itoa(value) {
			return true
		}
	}
	return false
}

// Text is the person's text answer to question id.
func (p *questionnairePage) Text(id int64) string {
	if v := p.Answers[id]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// questionnairePage shows a questionnaire's questions as a form while it
// is open, or why it cannot be answered.
func (w *Web) questionnairePage(rw http.ResponseWriter, r *http.Request) error {
	return w.showQuestionnaire(rw, r, http.StatusOK, nil, nil)
}

func (w *Web) showQuestionnaire(rw http.ResponseWriter, r *http.Request, status int, f *form, answers map[int64][]string) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return errNotFound
	}
	q, err := w.part.Questionnaire(r.Context(), id)
	if err != nil {
		return err
	}
	u := userOf(r)
	now := w.part.Clock()
	p := &questionnairePage{Q: q, Open: q.Open(now), Upcoming: now.Before(q.OpensAt), Form: f, Answers: answers, Scale: []int{1, 2, 3, 4, 5}}
	if p.Form == nil {
		p.Form = newForm()
	}
	if p.Responded, err = w.part.Responded(r.Context(), u, q); err != nil {
		return err
	}
	if p.Manage, err = w.part.Manages(r.Context(), u, q); err != nil {
		return err
	}
	p.Title, p.Nav = q.Title, "campaigns"
	return w.render(rw, r, status, "questionnaire", p)
}

// questionnaireAnswer stores a response read from the form: q<ID> holds a
// choice's index (several for multiple choice), a scale value or text.
// Visitors answering an anonymous questionnaire are limited per address.
func (w *Web) questionnaireAnswer(rw http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return errNotFound
	}
	u := userOf(r)
	if u == nil {
		if err := throttle(w.limits.Answer, ratelimit.ClientIP(r)); err != nil {
			return err
		}
	}
	if err := parseForm(rw, r); err != nil {
		return err
	}
	q, err := w.part.Questionnaire(r.Context(), id)
	if err != nil {
		return err
	}
	answers := map[int64][]string{}
	var as []questionnaire.Answer
	f := newForm()
	for _, qu := range q.Questions {
		vals := r.PostForm["q"+strconv.FormatInt(qu.ID, 10)]
		answers[qu.ID] = vals
		a := questionnaire.Answer{QuestionID: qu.ID}
		for _, v := range vals {
			v = strings.TrimSpace(v)
			if v == "" {
				continue
			}
			switch qu.Kind {
			case questionnaire.Text:
				a.Text = v
			case questionnaire.Scale:
				a.Scale, _ = strconv.Atoi(v)
			default:
				n, err := strconv.Atoi(v)
				if err != nil {
					n = -1 // refused by Check as out of range
				}
				a.Choices = append(a.Choices, n)
			}
		}
		as = append(as, a)
	}
	err = w.part.Respond(r.Context(), u, id, as)
	if errors.Is(err, participation.ErrLoginRequired) {
		return errSignIn
	}
	if err == nil {
		http.Redirect(rw, r, withDone("/questionnaires/"+r.PathValue("id"), "answered"), http.StatusSeeOther)
		return nil
	}
	status := w.explain(f, err)
	if status == 0 {
		return err
	}
	return w.showQuestionnaire(rw, r, status, f, answers)
}

type resultsPage struct {
	frame
	Q         *questionnaire.Questionnaire
	Results   questionnaire.Results
	Charts    map[int64]*chartData
	ScriptURL string
	Manage    bool
	// Search is the text searched for among free-text answers, Found
	// what matched (for those who manage the questionnaire).
	Search   string
	Searched bool
	Found    []questionnaire.AnswerRow
	Problem  string
}

// MeanOf writes a scale question's mean with two decimals.
func (p *resultsPage) MeanOf(m *float64) string { return strconv.FormatFloat(*m, 'f', 2, 64) }

// Share is count over answered, as a percentage.
func (p *resultsPage) Share(count, answered int) string { return pct(count, answered) }

// questionnaireResults shows the results as charts and tables: public
// once the questionnaire closes, to those who manage it at any time, with
// the export and a search of free-text answers for them.
func (w *Web) questionnaireResults(rw http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return errNotFound
	}
	u := userOf(r)
	q, res, err := w.part.Results(r.Context(), u, id)
	if err != nil {
		// Results not yet public: say so on the page; anything else is an
		// error page (not found among them).
		pr, ok := w.part.Explain(err)
		if !ok || pr.Code != "results_not_yet" {
			return err
		}
		if q, err = w.part.Questionnaire(r.Context(), id); err != nil {
			return err
		}
		p := &resultsPage{Q: q, Problem: pr.Message()}
		p.Title, p.Nav = q.Title, "campaigns"
		return w.render(rw, r, http.StatusConflict, "questionnaire_results", p)
	}
	p := &resultsPage{Q: q, Results: res, Charts: map[int64]*chartData{}, ScriptURL: report.ScriptPath()}
	if p.Manage, err = w.part.Manages(r.Context(), u, q); err != nil {
		return err
	}
	for _, qr := range res.Questions {
		if qr.Kind == questionnaire.Text {
			continue
		}
		labels := qr.Options
		if qr.Kind == questionnaire.Scale {
			labels = []string{"1", "2", "3", "4", "5"}
		}
		c := chartOf(fmt.Sprintf("chart-q%d", qr.ID), qr.Text, map[string]any{
			"tooltip": map[string]any{"trigger": "axis"}, "grid": map[string]any{"containLabel": true},
			"xAxis": map[string]any{"type": "value", "minInterval": 1}, "yAxis": map[string]any{"type": "category", "data": labels, "inverse": true},
			"series": []any{map[string]any{"type": "bar", "data": qr.Counts}},
		})
		p.Charts[qr.ID] = &c
	}
	if s, ok := r.URL.Query()["q"]; ok && p.Manage {
		p.Search, p.Searched = strings.TrimSpace(s[0]), true
		found, err := w.part.Search(r.Context(), u, id, p.Search)
		if err != nil {
			f := newForm()
			if w.explain(f, err) == 0 {
				return err
			}
			p.Problem = f.Error
		}
		p.Found = found
	}
	p.Title, p.Nav = catalog.T("web.questionnaire.results_of", q.Title), "campaigns"
	return w.render(rw, r, http.StatusOK, "questionnaire_results", p)
}

// questionnaireExport sends every answer as XLSX to those who manage the
// questionnaire.
func (w *Web) questionnaireExport(rw http.ResponseWriter, r *http.Request) error {
	u, err := need(r)
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return errNotFound
	}
	var buf bytes.Buffer
	if err := w.part.Export(r.Context(), u, id, &buf); err != nil {
		if p, ok := w.part.Explain(err); ok && p.Code == "forbidden" {
			return errForbidden
		}
		return err
	}
	rw.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	rw.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=questionnaire-%d.xlsx", id))
	_, err = rw.Write(buf.Bytes())
	return err
}

// newQuestions is how many question rows the creation form offers; rows
// left empty are skipped, so the form works without scripts.
const newQuestions = 8

type questionnaireNewPage struct {
	frame
	Form     *form
	Rows     []int
	Kinds    []questionnaire.Kind
	Campaign string // the campaign it will be attached to, if any
}

// questionnaireNew shows the form to create a questionnaire, for admins
// and offices; ?campaign= attaches it to a campaign.
func (w *Web) questionnaireNew(rw http.ResponseWriter, r *http.Request) error {
	if _, err := need(r, account.Admin, account.Office); err != nil {
		return err
	}
	f := newForm()
	w.defaultDays(f, 14)
	f.Values["campaign"] = r.URL.Query().Get("campaign")
	return w.showQuestionnaireNew(rw, r, http.StatusOK, f)
}

func (w *Web) showQuestionnaireNew(rw http.ResponseWriter, r *http.Request, status int, f *form) error {
	p := &questionnaireNewPage{Form: f, Kinds: questionnaire.Kinds}
	for i := 1; i <= newQuestions; i++ {
		p.Rows = append(p.Rows, i)
	}
	if id, err := strconv.ParseInt(f.V("campaign"), 10, 64); err == nil {
		if c, err := w.part.Campaign(r.Context(), id); err == nil {
			p.Campaign = c.Title
		}
	}
	p.Title, p.Nav = catalog.T("web.questionnaire.new.title"), "campaigns"
	return w.render(rw, r, status, "questionnaire_new", p)
}

// questionnaireCreate creates a questionnaire from the form: per row a
// kind, a question, whether it is required, and options one per line.
func (w *Web) questionnaireCreate(rw http.ResponseWriter, r *http.Request) error {
	u, err := need(r, account.Admin, account.Office)
	if err != nil {
		return err
	}
	if err := parseForm(rw, r); err != nil {
		return err
	}
	names := []string{"title", "description", "opens", "closes", "anonymous", "campaign"}
	for i := 1; i <= newQuestions; i++ {
		n := strconv.Itoa(i)
		names = append(names, "kind"+n, "text"+n, "required"+n, "options"+n)
	}
	f := readForm(r, names...)
	q := &questionnaire.Questionnaire{Title: f.V("title"), Description: f.V("description"), Anonymous: f.V("anonymous") == "1"}
	q.CampaignID, _ = strconv.ParseInt(f.V("campaign"), 10, 64)
	q.OpensAt, q.ClosesAt = days(f)
	for i := 1; i <= newQuestions; i++ {
		n := strconv.Itoa(i)
		if f.V("text"+n) == "" {
			continue
		}
		q.Questions = append(q.Questions, questionnaire.Question{Kind: questionnaire.Kind(f.V("kind" + n)), Text: f.V("text" + n),
			Required: f.V("required"+n) == "1", Options: strings.Split(f.V("options"+n), "\n")})
	}
	err = w.part.CreateQuestionnaire(r.Context(), u, q)
	if err == nil {
		http.Redirect(rw, r, withDone("/questionnaires/"+strconv.FormatInt(q.ID, 10), "questionnaire_created"), http.StatusSeeOther)
		return nil
	}
	status := w.explain(f, err)
	if status == 0 {
		return err
	}
	if status == http.StatusForbidden {
		return errForbidden
	}
	return w.showQuestionnaireNew(rw, r, status, f)
}
