package web

import (
	"net/http"
	"strconv"
	"time"

	"liuyan/internal/calendar"
	"liuyan/internal/campaign"
	"liuyan/internal/catalog"
	"liuyan/internal/message"
	"liuyan/internal/region"
	"liuyan/internal/stats"
	"liuyan/internal/store"
	"liuyan/internal/workflow"
)

type homePage struct {
	frame
	Period     string // 2026年下半年
	PeriodCode string // 2026H2, as the reports name periods
	Figures    stats.Figures
	Latest     []item
	Hot        []store.HotIssue // computed by the text-mining job; empty until it has run
	Provinces  []region.Region
	// Campaigns are those taking suggestions now.
	Campaigns []*campaign.Campaign
}

// latestShown is how many recently answered messages the home page lists,
// hotShown how many of the nation's hot issues.
const (
	latestShown = 8
	hotShown    = 5
)

// home is the front page: this half-year's headline counts, the latest
// replies, and the ways in (search, regions, writing).
func (w *Web) home(rw http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	u := userOf(r)
	now := w.now()
	from, to, name, code := halfYear(now)
	p := &homePage{Period: name, PeriodCode: code, Provinces: region.Provinces()}
	p.Nav = "home"
	var err error
	if p.Figures, err = w.stats.Totals(ctx, stats.Scope{}, stats.Period{From: from, To: to}); err != nil {
		return err
	}
	ms, err := w.store.LatestReplied(ctx, latestShown, workflow.ViewerOf(u))
	if err != nil {
		return err
	}
	if p.Latest, err = w.items(ctx, u, ms, listOpts{}); err != nil {
		return err
	}
	if p.Hot, err = w.store.HotIssues(ctx, "", hotShown); err != nil {
		return err
	}
	if p.Campaigns, err = w.openCampaigns(r); err != nil {
		return err
	}
	ids := make([]int64, len(ms))
	for i, m := range ms {
		ids[i] = m.ID
	}
	replies, err := w.store.LatestReplies(ctx, ids, message.Final)
	if err != nil {
		return err
	}
	for i := range p.Latest {
		if rep, ok := replies[p.Latest[i].ID]; ok {
			p.Latest[i].Reply = &rep
		}
	}
	return w.render(rw, r, http.StatusOK, "home", p)
}

// halfYear is the half-year holding now on the Chinese calendar: its
// bounds, its name and its code.
func halfYear(now time.Time) (from, to time.Time, name, code string) {
	t := now.In(calendar.China)
	y := t.Year()
	if t.Month() <= time.June {
		from = time.Date(y, time.January, 1, 0, 0, 0, 0, calendar.China)
		return from, from.AddDate(0, 6, 0), catalog.T("web.period.h1", y), periodCode(y, 1)
	}
	from = time.Date(y, time.July, 1, 0, 0, 0, 0, calendar.China)
	return from, from.AddDate(0, 6, 0), catalog.T("web.period.h2", y), periodCode(y, 2)
}

func periodCode(year, half int) string {
	return strconv.Itoa(year) + "H" + strconv.Itoa(half)
}
