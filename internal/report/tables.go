package report

import (
	"strconv"

	"liuyan/internal/catalog"
	"liuyan/internal/stats"
)

// Kind says how a column's values are written.
type Kind int

// Column kinds.
const (
	Text   Kind = iota // a string
	Count              // an int64
	Ratio              // a *float64 shown as a percentage
	Number             // a *float64 with two decimals, or a *int
)

// Column is one column of a table.
type Column struct {
	Name string
	Kind Kind
}

// Table is one table of the report: a sheet of the workbook, a CSV file
// of the zip, a table of the page.
type Table struct {
	Name    string // Chinese, at most 31 characters (a sheet name)
	File    string // the CSV file's name, ASCII
	Columns []Column
	Rows    [][]any
}

// text writes a cell as the page and the CSV show it.
func (c Column) text(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case int64:
		if c.Kind == Count {
			return strconv.FormatInt(x, 10)
		}
		return count(x)
	case int:
		return strconv.Itoa(x)
	case *int:
		return days(x)
	case *float64:
		if c.Kind == Ratio {
			return percent(x)
		}
		if x == nil {
			return "—"
		}
		return strconv.FormatFloat(*x, 'f', 2, 64)
	}
	return ""
}

func col(key string, k Kind) Column { return Column{Name: catalog.T(key), Kind: k} }

// tables lays the report's figures out as tables.
func tables(r *Report) []Table {
	f, p, y := r.Summary.Figures, r.Summary.Previous, r.Summary.YoY
	out := []Table{{
		Name: catalog.T("report.table.summary"), File: "summary.csv",
		Columns: []Column{col("report.col.figure", Text), col("report.col.current", Number), col("report.col.year_before", Number), col("report.col.yoy", Ratio)},
		Rows: [][]any{
			{catalog.T("report.fig.messages"), f.Messages, p.Messages, y["messages"]},
			{catalog.T("report.fig.replies"), f.Replies, p.Replies, y["replies"]},
			{catalog.T("report.fig.reply_rate"), pct(f.ReplyRate), pct(p.ReplyRate), y["reply_rate"]},
			{catalog.T("report.fig.cohort_rate"), pct(f.CohortRate), pct(p.CohortRate), y["cohort_rate"]},
			{catalog.T("report.fig.ratings"), f.Ratings, p.Ratings, y["ratings"]},
			{catalog.T("report.fig.satisfaction"), pct(f.Satisfaction), pct(p.Satisfaction), y["satisfaction"]},
			{catalog.T("report.fig.median_days"), f.MedianDays, p.MedianDays, y["median_days"]},
			{catalog.T("report.fig.p90_days"), f.P90Days, p.P90Days, y["p90_days"]},
			{catalog.T("report.fig.on_time_rate"), pct(f.OnTimeRate), pct(p.OnTimeRate), y["on_time_rate"]},
			{catalog.T("report.fig.followups"), f.Followups, p.Followups, y["followups"]},
			{catalog.T("report.fig.overdue"), r.Summary.Overdue, nil, nil},
			{catalog.T("report.fig.joined"), r.Summary.JoinedUnits, nil, nil},
		},
	}}
	out = append(out, Table{Name: catalog.T("report.table.months"), File: "months.csv",
		Columns: []Column{col("report.col.month", Text), col("report.fig.messages", Count), col("report.fig.replies", Count), col("report.fig.reply_rate", Ratio)},
		Rows:    groupRows(r.Months, func(g stats.Group) []any { return []any{g.Name, g.Messages, g.Replies, g.ReplyRate} })})
	out = append(out, Table{Name: catalog.T("report.table.domains"), File: "domains.csv",
		Columns: []Column{col("report.col.domain", Text), col("report.fig.messages", Count), col("report.col.share", Ratio), col("report.fig.replies", Count), col("report.fig.reply_rate", Ratio)},
		Rows:    groupRows(r.Domains, func(g stats.Group) []any { return []any{g.Name, g.Messages, g.MessageShare, g.Replies, g.ReplyRate} })})
	out = append(out, Table{Name: catalog.T("report.table.levels"), File: "levels.csv",
		Columns: []Column{col("report.col.level", Text), col("report.fig.replies", Count), col("report.col.share", Ratio), col("report.fig.messages", Count)},
		Rows:    groupRows(r.Levels, func(g stats.Group) []any { return []any{g.Name, g.Replies, g.ReplyShare, g.Messages} })})
	if r.Subregions != nil {
		out = append(out, Table{Name: catalog.T("report.table.regions"), File: "regions.csv",
			Columns: []Column{col("report.col.region", Text), col("report.fig.messages", Count), col("report.fig.replies", Count),
				col("report.fig.reply_rate", Ratio), col("report.fig.satisfaction", Ratio), col("report.fig.median_days", Number)},
			Rows: groupRows(r.Subregions, func(g stats.Group) []any {
				return []any{g.Name, g.Messages, g.Replies, g.ReplyRate, g.Satisfaction, g.MedianDays}
			})})
	}
	if r.Ranking != nil {
		t := Table{Name: catalog.T("report.table.ranking"), File: "ranking.csv",
			Columns: []Column{col("report.col.rank", Text), col("report.col.region", Text), col("report.col.heat", Number),
				col("report.col.activity", Number), col("report.col.effort", Number), col("report.fig.satisfaction", Number),
				col("report.fig.messages", Count), col("report.fig.replies", Count), col("report.fig.followups", Count),
				col("report.fig.ratings", Count), col("report.col.boards", Count)}}
		for _, it := range r.Ranking.Items {
			rank := catalog.T("report.unranked")
			if it.Rank > 0 {
				rank = strconv.Itoa(it.Rank)
			}
			in := it.Inputs
			t.Rows = append(t.Rows, []any{rank, it.Name, it.Heat, it.Activity, it.Effort, it.Satisfaction,
				in.Messages, in.Replies, in.Followups, in.Ratings, in.Boards})
		}
		out = append(out, t)
	}
	zero := Table{Name: catalog.T("report.table.zero_reply"), File: "zero_reply.csv",
		Columns: []Column{col("report.col.kind", Text), col("report.col.name", Text), col("report.fig.messages", Count)}}
	for _, z := range r.ZeroReply.Regions {
		zero.Rows = append(zero.Rows, []any{catalog.T("report.kind.region"), z.Name, z.Messages})
	}
	for _, b := range r.ZeroReply.Boards {
		zero.Rows = append(zero.Rows, []any{catalog.T("report.kind.board"), b.RegionName + " " + b.Name, b.Messages})
	}
	first := Table{Name: catalog.T("report.table.first_time"), File: "first_time.csv",
		Columns: []Column{col("report.col.board", Text), col("report.col.region", Text), col("report.col.first_reply", Text)}}
	for _, b := range r.FirstTime.Boards {
		first.Rows = append(first.Rows, []any{b.Name, b.RegionName, dateName(b.FirstReplyAt)})
	}
	cover := Table{Name: catalog.T("report.table.coverage"), File: "coverage.csv",
		Columns: []Column{col("report.col.region", Text), col("report.col.cities", Count), col("report.col.cities_replied", Count), col("report.col.share", Ratio),
			col("report.col.counties", Count), col("report.col.counties_replied", Count), col("report.col.share", Ratio)}}
	for _, c := range r.Coverage.Coverage {
		cover.Rows = append(cover.Rows, []any{c.Name, int64(c.Cities), int64(c.CitiesReplied), c.CityShare, int64(c.Counties), int64(c.CountiesReplied), c.CountyShare})
	}
	overdue := Table{Name: catalog.T("report.table.overdue"), File: "overdue.csv",
		Columns: []Column{col("report.col.unit", Text), col("report.col.overdue", Count)}}
	for _, u := range r.Overdue.Units {
		overdue.Rows = append(overdue.Rows, []any{u.Name, u.Overdue})
	}
	joined := Table{Name: catalog.T("report.table.joined"), File: "joined.csv",
		Columns: []Column{col("report.col.department", Text), col("report.col.region", Text), col("report.col.joined", Text)}}
	for _, b := range r.Joined {
		joined.Rows = append(joined.Rows, []any{b.Name, stats.ScopeName(b.RegionCode), dateName(&b.JoinedAt)})
	}
	out = append(out, zero, first, cover, overdue, joined)
	if len(r.Campaigns) > 0 {
		out = append(out, campaignTable(r.Campaigns))
	}
	return out
}

// campaignChart sets each campaign's suggestions beside the adopted ones.
func campaignChart(cs []stats.CampaignFigures) chart {
	names, suggestions, adopted := []string{}, []int64{}, []int64{}
	for _, c := range cs {
		names, suggestions, adopted = append(names, c.Title), append(suggestions, c.Suggestions), append(adopted, c.Adopted)
	}
	return chart{ID: "campaigns", Option: map[string]any{
		"title":   map[string]any{"text": catalog.T("report.table.campaigns")},
		"tooltip": map[string]any{"trigger": "axis"}, "legend": map[string]any{"bottom": 0},
		"xAxis": map[string]any{"type": "value"}, "yAxis": map[string]any{"type": "category", "data": names},
		"series": []any{
			map[string]any{"name": catalog.T("report.col.suggestions"), "type": "bar", "data": suggestions},
			map[string]any{"name": catalog.T("report.col.adopted"), "type": "bar", "data": adopted},
		},
	}}
}

// campaignTable lists the period's campaigns with their figures; reports
// of periods without campaigns leave it out.
func campaignTable(cs []stats.CampaignFigures) Table {
	t := Table{Name: catalog.T("report.table.campaigns"), File: "campaigns.csv",
		Columns: []Column{col("report.col.campaign", Text), col("report.col.suggestions", Count), col("report.col.participants", Count),
			col("report.col.supports", Count), col("report.col.adopted", Count), col("report.col.adoption_rate", Ratio), col("report.col.feedback_rate", Ratio)}}
	for _, c := range cs {
		t.Rows = append(t.Rows, []any{c.Title, c.Suggestions, c.Participants, c.Supports, c.Adopted, c.AdoptionRate, c.FeedbackRate})
	}
	return t
}

func groupRows(b *stats.Breakdown, row func(stats.Group) []any) [][]any {
	out := make([][]any, len(b.Groups))
	for i, g := range b.Groups {
		out[i] = row(g)
	}
	return out
}

// pct turns a ratio into a percentage for a Number column.
func pct(r *float64) *float64 {
	if r == nil {
		return nil
	}
	v := *r * 100
	return &v
}
