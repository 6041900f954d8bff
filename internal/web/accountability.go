package web

import (
	"net/http"
	"strconv"

	"liuyan/internal/catalog"
	"liuyan/internal/region"
	"liuyan/internal/stats"
)

type accountabilityPage struct {
	frame
	Sheet *stats.Accountability
	// Region is the region shown ("" for the country); Up is its parent's
	// page and Children the pages of the regions below it.
	Region   string
	Up       string
	Children []region.Region
	// Query is what the form asks, as typed; Problem is why it was refused.
	Period, Threshold, MinVolume string
	Problem                      string
}

// accountability is the public accountability sheet (督查通报) of a
// region, or of the country at /accountability: the units with overdue
// messages now, the boards and regions that left their messages
// unanswered, and those whose reply rate is under the threshold, each
// with the minimum volume rule. It shows names and counts only, never a
// message, so private messages count without being seen.
func (w *Web) accountability(rw http.ResponseWriter, r *http.Request) error {
	code := r.PathValue("code")
	if _, ok := region.Get(code); code != "" && !ok {
		return errNotFound
	}
	q := r.URL.Query()
	p := &accountabilityPage{Region: code, Children: region.Children(code),
		Period: q.Get("period"), Threshold: q.Get("threshold"), MinVolume: q.Get("min_volume")}
	if code != "" {
		p.Up = "/accountability"
		if path := region.Path(code); len(path) > 1 {
			p.Up += "/" + path[len(path)-2].Code
		}
	}
	p.Title, p.Nav = catalog.T("web.accountability.title", stats.ScopeName(code)), "accountability"
	period, err := stats.PeriodFromQuery(q, w.stats.Clock())
	var o stats.ListOptions
	if err == nil {
		o, err = stats.ListOptionsFromQuery(q)
	}
	if err == nil {
		p.Sheet, err = w.stats.Accountability(r.Context(), stats.Scope{Region: code}, period, o)
	}
	if pr, ok := w.stats.Explain(r.Context(), err); ok {
		p.Problem = catalog.T(pr.Key, pr.Args...)
		return w.render(rw, r, http.StatusUnprocessableEntity, "accountability", p)
	}
	if err != nil {
		return err
	}
	if p.Threshold == "" {
		p.Threshold = strconv.FormatFloat(o.Threshold, 'f', -1, 64)
	}
	if p.MinVolume == "" {
		p.MinVolume = strconv.FormatInt(o.MinVolume, 10)
	}
	if p.Period == "" {
		p.Period = period.Name
	}
	return w.render(rw, r, http.StatusOK, "accountability", p)
}

// rate formats a rate as a percentage with one decimal, or a dash when
// there was nothing to divide.
func rate(r *float64) string {
	if r == nil {
		return "—"
	}
	return strconv.FormatFloat(*r*100, 'f', 1, 64) + "%"
}

// mean formats a mean score with one decimal, or a dash.
func mean(m *float64) string {
	if m == nil {
		return "—"
	}
	return strconv.FormatFloat(*m, 'f', 1, 64)
}

// workdays formats a number of working days, or a dash.
func workdays(d *int) string {
	if d == nil {
		return "—"
	}
	return catalog.T("web.perf.days", *d)
}
