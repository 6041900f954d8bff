package web

import (
	"net/http"
	"slices"

	"liuyan/internal/account"
	"liuyan/internal/catalog"
	"liuyan/internal/region"
	"liuyan/internal/stats"
)

type performancePage struct {
	frame
	Perf *stats.Performance
	// Region is the region asked for; Regions are those to pick from: the
	// supervisor's own and the ones below it, and the one asked for with
	// the ones below it, to go down the tree.
	Region  string
	Regions []region.Region
	Period  string
	Problem string
}

// performance shows supervisors how the units handling their region's
// messages did, month by month: volume received, reply rate, on-time
// rate, median handling days, satisfaction and the mean reply-quality
// score. Supervisors see their own region subtree, admins any region;
// nobody else, as the scores are a working grade, not a public verdict.
func (w *Web) performance(rw http.ResponseWriter, r *http.Request) error {
	u, err := need(r, account.Supervisor, account.Admin)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	code := q.Get("region")
	if code == "" && u.Role == account.Supervisor {
		code = u.RegionCode
	}
	if _, ok := region.Get(code); code != "" && !ok {
		return errNotFound
	}
	if !stats.MaySeePerformance(u, code) {
		return errForbidden
	}
	p := &performancePage{Region: code, Period: q.Get("period")}
	root := ""
	if u.Role == account.Supervisor {
		root = u.RegionCode
	}
	if reg, ok := region.Get(root); ok {
		p.Regions = append(p.Regions, reg)
	}
	p.Regions = append(p.Regions, region.Children(root)...)
	if reg, ok := region.Get(code); ok && code != root {
		if !slices.ContainsFunc(p.Regions, func(r region.Region) bool { return r.Code == code }) {
			p.Regions = append(p.Regions, reg)
		}
		p.Regions = append(p.Regions, region.Children(code)...)
	}
	p.Title, p.Nav = catalog.T("web.perf.title", stats.ScopeName(code)), "performance"
	period, err := stats.PeriodFromQuery(q, w.stats.Clock())
	if err == nil {
		p.Perf, err = w.stats.UnitPerformance(r.Context(), stats.Scope{Region: code}, period)
	}
	if pr, ok := w.stats.Explain(r.Context(), err); ok {
		p.Problem = catalog.T(pr.Key, pr.Args...)
		return w.render(rw, r, http.StatusUnprocessableEntity, "performance", p)
	}
	if err != nil {
		return err
	}
	if p.Period == "" {
		p.Period = period.Name
	}
	return w.render(rw, r, http.StatusOK, "performance", p)
}
