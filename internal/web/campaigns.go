package web

import (
	"crypto/rand"
	"encoding/json"
	"maps"
	"net/http"
	"strconv"
	"strings"
	"time"

	"liuyan/internal/account"
	"liuyan/internal/calendar"
	"liuyan/internal/campaign"
	"liuyan/internal/catalog"
	"liuyan/internal/message"
	"liuyan/internal/participation"
	"liuyan/internal/questionnaire"
	"liuyan/internal/ratelimit"
	"liuyan/internal/report"
	"liuyan/internal/stats"
	"liuyan/internal/store"
	"liuyan/internal/workflow"
)

// The fields of the campaign and questionnaire forms that problems belong to.
func init() {
	maps.Copy(fieldOf, map[string]string{
		"campaign_title_empty": "title", "campaign_title_too_long": "title",
		"campaign_description_empty": "description", "campaign_description_too_long": "description",
		"dates_missing": "closes", "dates_order": "closes", "campaign_no_boards": "boards", "campaign_too_many_boards": "boards",
		"campaign_board": "board_id", "questionnaire_title_empty": "title", "questionnaire_title_too_long": "title",
		"questionnaire_description_too_long": "description",
	})
}

type campaignsPage struct {
	frame
	Open, Upcoming, Closed []*campaign.Campaign
	// Questionnaires are the latest, with or without a campaign.
	Questionnaires []*questionnaire.Questionnaire
	// MayCreate shows the link to launch a campaign.
	MayCreate bool
}

// campaigns lists the campaigns: those taking suggestions first, then
// those about to open, then those closed.
func (w *Web) campaigns(rw http.ResponseWriter, r *http.Request) error {
	cs, err := w.store.Campaigns(r.Context(), store.CampaignFilter{Limit: 200})
	if err != nil {
		return err
	}
	p := &campaignsPage{}
	now := w.part.Clock()
	for _, c := range cs {
		switch c.PhaseAt(now) {
		case campaign.Open:
			p.Open = append(p.Open, c)
		case campaign.Upcoming:
			p.Upcoming = append(p.Upcoming, c)
		default:
			p.Closed = append(p.Closed, c)
		}
	}
	if p.Questionnaires, err = w.store.Questionnaires(r.Context(), 0, 20); err != nil {
		return err
	}
	if u := userOf(r); u != nil {
		p.MayCreate = u.Role == account.Admin || u.Role == account.Office
	}
	p.Title, p.Nav = catalog.T("web.campaigns.title"), "campaigns"
	return w.render(rw, r, http.StatusOK, "campaigns", p)
}

// openCampaigns are the campaigns taking suggestions now, for the home page.
func (w *Web) openCampaigns(r *http.Request) ([]*campaign.Campaign, error) {
	now := w.part.Clock()
	cs, err := w.store.Campaigns(r.Context(), store.CampaignFilter{From: now, To: now.Add(time.Nanosecond), Limit: 5})
	if err != nil {
		return nil, err
	}
	return cs, nil
}

// suggestionRow is a suggestion as one person sees it on the page.
type suggestionRow struct {
	store.Suggestion
	M         *message.Message // masked unless the person handles it
	Supported bool
}

type campaignPage struct {
	frame
	*participation.Page
	Top, Adopted, Latest []suggestionRow
	Form                 *form // the suggestion form as sent back
	// Problem is a refused support or feedback, shown above the lists.
	Problem   string
	Domains   []string
	Limits    message.Limits
	Charts    []chartData
	ScriptURL string
	Key       string // the suggestion form's idempotency key
}

// chartData is one ECharts chart: its title and its option as JSON, read
// by static/charts.js; the same figures stand in tables beside it for
// readers without scripts.
type chartData struct {
	ID     string
	Title  string
	Option string
}

func chartOf(id, title string, option map[string]any) chartData {
	b, _ := json.Marshal(option)
	return chartData{ID: id, Title: title, Option: string(b)}
}

// campaignPage shows a campaign: its call, figures, the suggestion form
// while it is open, the most supported and the adopted suggestions, and
// after it closes the summary with charts.
func (w *Web) campaignPage(rw http.ResponseWriter, r *http.Request) error {
	return w.showCampaign(rw, r, http.StatusOK, nil, "")
}

func (w *Web) showCampaign(rw http.ResponseWriter, r *http.Request, status int, f *form, problem string) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return errNotFound
	}
	u := userOf(r)
	pg, err := w.part.PageOf(r.Context(), u, id)
	if err != nil {
		return err
	}
	lists, err := w.desk.Lists(r.Context())
	if err != nil {
		return err
	}
	p := &campaignPage{Page: pg, Form: f, Problem: problem, Domains: lists.Domains(), Limits: w.desk.Limits,
		ScriptURL: report.ScriptPath()}
	rows := func(sgs []store.Suggestion) []suggestionRow {
		out := make([]suggestionRow, len(sgs))
		for i, sg := range sgs {
			out[i] = suggestionRow{Suggestion: sg, M: workflow.AsSeenBy(u, sg.Message), Supported: pg.Supported[sg.Message.ID]}
		}
		return out
	}
	p.Top, p.Adopted, p.Latest = rows(pg.Top), rows(pg.Adopted), rows(pg.Latest)
	if f == nil {
		p.Form = newForm()
	}
	if p.Form.V("key") == "" {
		p.Form.Values["key"] = rand.Text()
	}
	if pg.Phase == campaign.Closed {
		p.Charts = campaignCharts(pg.Summary)
	}
	p.Title, p.Nav = pg.Campaign.Title, "campaigns"
	return w.render(rw, r, status, "campaign", p)
}

// campaignCharts draws a closed campaign's summary: suggestions by day,
// by domain, and what became of them.
func campaignCharts(s *stats.CampaignSummary) []chartData {
	days, counts := []string{}, []int64{}
	for _, g := range s.ByDay {
		days, counts = append(days, g.Key), append(counts, g.Count)
	}
	domains := []map[string]any{}
	for _, g := range s.ByDomain {
		domains = append(domains, map[string]any{"name": g.Name, "value": g.Count})
	}
	pending := s.Suggestions - s.Adopted - s.Answered
	outcomes := []map[string]any{
		{"name": catalog.T("web.campaign.outcome.adopted"), "value": s.Adopted},
		{"name": catalog.T("web.campaign.outcome.answered"), "value": s.Answered},
		{"name": catalog.T("web.campaign.outcome.pending"), "value": pending},
	}
	pie := func(data any) map[string]any {
		return map[string]any{"tooltip": map[string]any{"trigger": "item"}, "legend": map[string]any{"bottom": 0},
			"series": []any{map[string]any{"type": "pie", "radius": []string{"35%", "65%"}, "data": data}}}
	}
	return []chartData{
		chartOf("chart-days", catalog.T("web.campaign.chart.days"), map[string]any{
			"tooltip": map[string]any{"trigger": "axis"},
			"xAxis":   map[string]any{"type": "category", "data": days}, "yAxis": map[string]any{"type": "value", "minInterval": 1},
			"series": []any{map[string]any{"name": catalog.T("web.campaign.fig.suggestions"), "type": "bar", "data": counts}},
		}),
		chartOf("chart-domains", catalog.T("web.campaign.chart.domains"), pie(domains)),
		chartOf("chart-outcomes", catalog.T("web.campaign.chart.outcomes"), pie(outcomes)),
	}
}

// suggestionFields are the suggestion form's fields.
var suggestionFields = []string{"board_id", "domain", "title", "body", "tags", "key"}

// suggest files a suggestion to a campaign through the message pipeline,
// under the posting limits.
func (w *Web) suggest(rw http.ResponseWriter, r *http.Request) error {
	u, err := need(r)
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return errNotFound
	}
	if err := throttle(w.limits.PostIP, ratelimit.ClientIP(r)); err != nil {
		return err
	}
	if err := throttle(w.limits.Post, strconv.FormatInt(u.ID, 10)); err != nil {
		return err
	}
	if err := parseForm(rw, r); err != nil {
		return err
	}
	f := readForm(r, suggestionFields...)
	board, _ := strconv.ParseInt(f.V("board_id"), 10, 64)
	_, _, err = w.part.Suggest(r.Context(), u, id, participation.SuggestionDraft{BoardID: board, Domain: f.V("domain"),
		Title: f.V("title"), Body: f.V("body"), Tags: splitTags(f.V("tags")), Channel: "web"},
		"web-"+f.V("key"))
	if err == nil {
		http.Redirect(rw, r, withDone("/campaigns/"+r.PathValue("id"), "suggested"), http.StatusSeeOther)
		return nil
	}
	status := w.explain(f, err)
	if status == 0 {
		return err
	}
	return w.showCampaign(rw, r, status, f, "")
}

// suggestionAct supports a suggestion or gives staff feedback on it, then
// returns to its campaign's page.
func (w *Web) suggestionAct(rw http.ResponseWriter, r *http.Request) error {
	u, err := need(r)
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return errNotFound
	}
	if err := parseForm(rw, r); err != nil {
		return err
	}
	f := readForm(r, "campaign", "outcome", "feedback")
	action := r.PathValue("action")
	switch action {
	case "support":
		_, err = w.part.Support(r.Context(), u, id)
	case "feedback":
		_, err = w.part.Feedback(r.Context(), u, id, f.V("outcome"), f.V("feedback"))
	default:
		return errNotFound
	}
	back := "/campaigns/" + f.V("campaign")
	if _, perr := strconv.ParseInt(f.V("campaign"), 10, 64); perr != nil {
		back = "/campaigns"
	}
	if err == nil {
		http.Redirect(rw, r, withDone(back, action)+"#s-"+r.PathValue("id"), http.StatusSeeOther)
		return nil
	}
	problem := newForm()
	status := w.explain(problem, err)
	if status == 0 {
		return err
	}
	if problem.Error == "" {
		for _, e := range problem.Errors {
			problem.Error = e
		}
	}
	if status == http.StatusForbidden {
		return errForbidden
	}
	r.SetPathValue("id", f.V("campaign"))
	return w.showCampaign(rw, r, status, nil, problem.Error)
}

type campaignNewPage struct {
	frame
	Form *form
	// Board is the office's own board, the only one it may address.
	Board string
}

// campaignFields are the fields of the launch form.
var campaignFields = []string{"title", "description", "tags", "opens", "closes", "public", "boards"}

// campaignNew shows the form to launch a campaign, for admins and offices.
func (w *Web) campaignNew(rw http.ResponseWriter, r *http.Request) error {
	u, err := need(r, account.Admin, account.Office)
	if err != nil {
		return err
	}
	f := newForm()
	w.defaultDays(f, 30)
	f.Values["public"] = "1"
	return w.showCampaignNew(rw, r, http.StatusOK, u, f)
}

func (w *Web) showCampaignNew(rw http.ResponseWriter, r *http.Request, status int, u *account.User, f *form) error {
	p := &campaignNewPage{Form: f}
	if u.Role == account.Office {
		b, err := w.store.Board(r.Context(), u.BoardID)
		if err != nil {
			return err
		}
		p.Board = b.Name
		f.Values["boards"] = strconv.FormatInt(b.ID, 10)
	}
	p.Title, p.Nav = catalog.T("web.campaign.new.title"), "campaigns"
	return w.render(rw, r, status, "campaign_new", p)
}

// campaignCreate launches a campaign from the form. Dates are whole days
// on the Chinese civil calendar: from the start of the first to the end
// of the last.
func (w *Web) campaignCreate(rw http.ResponseWriter, r *http.Request) error {
	u, err := need(r, account.Admin, account.Office)
	if err != nil {
		return err
	}
	if err := parseForm(rw, r); err != nil {
		return err
	}
	f := readForm(r, campaignFields...)
	d := campaign.Draft{Title: f.V("title"), Description: f.V("description"), Public: f.V("public") == "1",
		Tags: splitTags(f.V("tags"))}
	d.OpensAt, d.ClosesAt = days(f)
	for _, s := range strings.FieldsFunc(f.V("boards"), func(r rune) bool { return r == ',' || r == ' ' || r == '，' }) {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			f.Errors["boards"] = catalog.T("error.unknown_board")
			return w.showCampaignNew(rw, r, http.StatusUnprocessableEntity, u, f)
		}
		d.BoardIDs = append(d.BoardIDs, id)
	}
	c, err := w.part.CreateCampaign(r.Context(), u, d)
	if err == nil {
		http.Redirect(rw, r, withDone("/campaigns/"+strconv.FormatInt(c.ID, 10), "campaign_created"), http.StatusSeeOther)
		return nil
	}
	status := w.explain(f, err)
	if status == 0 {
		return err
	}
	return w.showCampaignNew(rw, r, status, u, f)
}

// defaultDays fills the opens and closes fields of a new campaign or
// questionnaire: from today, for n days.
func (w *Web) defaultDays(f *form, n int) {
	today := w.part.Clock().In(calendar.China)
	f.Values["opens"] = today.Format(time.DateOnly)
	f.Values["closes"] = today.AddDate(0, 0, n-1).Format(time.DateOnly)
}

// days reads the opens and closes fields as whole days on the Chinese
// civil calendar: from the start of the first to the end of the last.
// A field that is not a date reads as the zero time, which validation
// refuses.
func days(f *form) (opens, closes time.Time) {
	opens, closes = dayStart(f.V("opens")), dayStart(f.V("closes"))
	if !closes.IsZero() {
		closes = closes.AddDate(0, 0, 1)
	}
	return opens, closes
}

// dayStart reads a YYYY-MM-DD date as the start of that day in China; the
// zero time for anything else.
func dayStart(s string) time.Time {
	t, err := time.ParseInLocation(time.DateOnly, s, calendar.China)
	if err != nil {
		return time.Time{}
	}
	return t.UTC()
}
