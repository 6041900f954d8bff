package report

import (
	"strings"

	"liuyan/internal/catalog"
	"liuyan/internal/stats"
)

// narrate writes the report's paragraphs in the seed's style:
// "2020年上半年，X省网民通过留言板留言N件，同比增长M%；各级领导干部回复K件……".
func narrate(r *Report) []string {
	f, y := r.Summary.Figures, r.Summary.YoY
	var out []string
	first := catalog.T("report.lead", r.Period.Label(), r.RegionName, count(f.Messages), change(y["messages"]),
		count(f.Replies), change(y["replies"]), percent(f.ReplyRate))
	if f.Ratings > 0 {
		first += catalog.T("report.satisfaction", count(f.Ratings), percent(f.Satisfaction))
	}
	out = append(out, first+"。")
	if f.MedianDays != nil {
		out = append(out, catalog.T("report.timeliness", *f.MedianDays, *f.P90Days, percent(f.OnTimeRate)))
	}
	if top := leading(r.Domains, 3); len(top) > 0 {
		parts := make([]string, len(top))
		for i, g := range top {
			parts[i] = catalog.T("report.share_item", g.Name, count(g.Messages), percent(g.MessageShare))
		}
		out = append(out, catalog.T("report.domains", strings.Join(parts, "，")))
	}
	if f.Replies > 0 && r.Levels != nil {
		var parts []string
		for _, g := range r.Levels.Groups {
			if g.Replies > 0 {
				parts = append(parts, catalog.T("report.share_item", g.Name, count(g.Replies), percent(g.ReplyShare)))
			}
		}
		out = append(out, catalog.T("report.levels", strings.Join(parts, "，")))
	}
	if s := subregionSentence(r); s != "" {
		out = append(out, s)
	}
	if r.ZeroReply != nil && len(r.ZeroReply.Regions) > 0 {
		names := make([]string, len(r.ZeroReply.Regions))
		for i, z := range r.ZeroReply.Regions {
			names[i] = z.Name
		}
		out = append(out, catalog.T("report.zero_reply", strings.Join(names, "、")))
	}
	if len(r.Campaigns) > 0 {
		var suggestions, adopted int64
		for _, c := range r.Campaigns {
			suggestions, adopted = suggestions+c.Suggestions, adopted+c.Adopted
		}
		out = append(out, catalog.T("report.campaigns", len(r.Campaigns), count(suggestions), count(adopted)))
	}
	if r.FirstTime != nil && len(r.FirstTime.Boards) > 0 {
		names := make([]string, 0, 5)
		for _, b := range r.FirstTime.Boards[:min(5, len(r.FirstTime.Boards))] {
			names = append(names, b.Name)
		}
		out = append(out, catalog.T("report.first_time", len(r.FirstTime.Boards), strings.Join(names, "、")))
	}
	if r.Coverage != nil && len(r.Coverage.Coverage) == 1 {
		c := r.Coverage.Coverage[0]
		if c.Cities > 0 {
			out = append(out, catalog.T("report.coverage_cities", c.Cities, c.CitiesReplied, percent(c.CityShare)))
		}
		if c.Counties > 0 {
			out = append(out, catalog.T("report.coverage_counties", c.Counties, c.CountiesReplied, percent(c.CountyShare)))
		}
	}
	out = append(out, catalog.T("report.joined", len(r.Joined), count(r.Summary.JoinedTotal)))
	if r.Summary.Overdue > 0 {
		out = append(out, catalog.T("report.overdue", count(r.Summary.Overdue)))
	}
	return out
}

// leading returns up to n groups with messages, largest first.
func leading(b *stats.Breakdown, n int) []stats.Group {
	var out []stats.Group
	for _, g := range b.Groups {
		if g.Messages > 0 && len(out) < n {
			out = append(out, g)
		}
	}
	return out
}

// subregionSentence names the subordinate regions with the highest and
// lowest reply rates among those with messages.
func subregionSentence(r *Report) string {
	if r.Subregions == nil {
		return ""
	}
	var best, worst *stats.Group
	for i := range r.Subregions.Groups {
		g := &r.Subregions.Groups[i]
		if g.Messages == 0 || g.Key == r.Region {
			continue
		}
		if best == nil || *g.ReplyRate > *best.ReplyRate {
			best = g
		}
		if worst == nil || *g.ReplyRate < *worst.ReplyRate {
			worst = g
		}
	}
	if best == nil || best == worst {
		return ""
	}
	return catalog.T("report.subregions", best.Name, percent(best.ReplyRate), worst.Name, percent(worst.ReplyRate))
}
