package report

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"html/template"
	"io"
	"sort"
	"strings"
	"sync"

	"liuyan/internal/catalog"
	"liuyan/internal/region"
	"liuyan/internal/stats"
)

//go:embed templates/report.html
var pageHTML string

//go:embed assets/echarts.min.js
var echartsJS string

// chinaJSON is the China province map of ECharts 4.9.0 (GeoJSON, each
// province keyed by its code; coordinates packed as ECharts 4 shipped them,
// which ECharts still reads).
//
//go:embed assets/china.json
var chinaJSON string

var page = template.Must(template.New("report").Parse(pageHTML))

// script is what pages load: ECharts with the China map registered as
// "china" (the name under which ECharts also draws the South China Sea
// islands inset).
var script = sync.OnceValue(func() string {
	return echartsJS + "\n;echarts.registerMap(\"china\"," + chinaJSON + ");\n"
})

// scriptName is the script's name under /reports/assets/, with its
// checksum, so that browsers may keep it for good.
var scriptName = sync.OnceValue(func() string {
	sum := sha256.Sum256([]byte(script()))
	return "echarts-" + hex.EncodeToString(sum[:6]) + ".min.js"
})

// mapNames maps each province's name in the map to its code, read from the
// map once.
var mapNames = sync.OnceValue(func() map[string]string {
	var m struct {
		Features []struct {
			Properties struct{ ID, Name string } `json:"properties"`
		} `json:"features"`
	}
	if err := json.Unmarshal([]byte(chinaJSON), &m); err != nil {
		panic("report: the embedded China map is not JSON: " + err.Error())
	}
	names := make(map[string]string, len(m.Features))
	for _, f := range m.Features {
		names[f.Properties.Name] = f.Properties.ID
	}
	return names
})

// pageData is what the template shows.
type pageData struct {
	Title        string
	Words        map[string]string
	Form         *form
	Downloads    []link
	Cards        []card
	Narrative    []string
	Charts       []chart
	Tables       []htmlTable
	InlineScript template.JS
	ScriptURL    string
}

type form struct{ Action, Region, Period string }

type link struct{ Name, URL string }

type card struct{ Name, Value, Note string }

type htmlTable struct {
	Name string
	Head []string
	Rows [][]string
}

// chart is one ECharts chart: an element ID and its option.
type chart struct {
	ID     string         `json:"id"`
	Option map[string]any `json:"option"`
}

// htmlOptions say how a page is served: offline files carry ECharts inside.
type htmlOptions struct {
	inline    bool
	form      *form
	downloads []link
}

// WriteHTML writes the report as one self-contained page: ECharts is
// inside it, so the file opens offline.
func (r *Report) WriteHTML(w io.Writer) error {
	return r.writeHTML(w, htmlOptions{inline: true})
}

func (r *Report) writeHTML(w io.Writer, o htmlOptions) error {
	f := r.Summary.Figures
	d := pageData{
		Title: catalog.T("report.title", r.Period.Label(), r.RegionName),
		Words: map[string]string{
			"Region": catalog.T("report.word.region"), "Period": catalog.T("report.word.period"), "Show": catalog.T("report.word.show"),
			"Narrative": catalog.T("report.word.narrative"), "Charts": catalog.T("report.word.charts"),
		},
		Form: o.form, Downloads: o.downloads, Narrative: r.Narrative, Charts: r.charts(),
		Cards: []card{
			{catalog.T("report.fig.messages"), count(f.Messages), strings.TrimPrefix(change(r.Summary.YoY["messages"]), "，")},
			{catalog.T("report.fig.replies"), count(f.Replies), strings.TrimPrefix(change(r.Summary.YoY["replies"]), "，")},
			{catalog.T("report.card.reply_rate"), percent(f.ReplyRate), ""},
			{catalog.T("report.card.satisfaction"), percent(f.Satisfaction), catalog.T("report.card.ratings", count(f.Ratings))},
			{catalog.T("report.card.median_days"), days(f.MedianDays), catalog.T("report.card.p90", days(f.P90Days))},
			{catalog.T("report.card.on_time_rate"), percent(f.OnTimeRate), ""},
			{catalog.T("report.fig.overdue"), count(r.Summary.Overdue), ""},
		},
	}
	for _, t := range r.Tables {
		ht := htmlTable{Name: t.Name}
		for _, c := range t.Columns {
			ht.Head = append(ht.Head, c.Name)
		}
		for _, row := range t.Rows {
			cells := make([]string, len(row))
			for i, c := range t.Columns {
				cells[i] = c.text(row[i])
			}
			ht.Rows = append(ht.Rows, cells)
		}
		d.Tables = append(d.Tables, ht)
	}
	if o.inline {
		d.InlineScript = template.JS(script())
	} else {
		d.ScriptURL = "/reports/assets/" + scriptName()
	}
	return page.Execute(w, d)
}

// charts are the page's charts: volume by month, topic and level shares,
// reply rate and satisfaction by region, and the heat ranking.
func (r *Report) charts() []chart {
	var out []chart
	months, messages, replies := []string{}, []int64{}, []int64{}
	for _, g := range r.Months.Groups {
		months, messages, replies = append(months, g.Name), append(messages, g.Messages), append(replies, g.Replies)
	}
	out = append(out, chart{ID: "months", Option: map[string]any{
		"title":   map[string]any{"text": catalog.T("report.table.months")},
		"tooltip": map[string]any{"trigger": "axis"}, "legend": map[string]any{"bottom": 0},
		"xAxis": map[string]any{"type": "category", "data": months}, "yAxis": map[string]any{"type": "value"},
		"series": []any{
			map[string]any{"name": catalog.T("report.fig.messages"), "type": "bar", "data": messages},
			map[string]any{"name": catalog.T("report.fig.replies"), "type": "line", "data": replies},
		},
	}})
	out = append(out, pie("domains", catalog.T("report.table.domains"), r.Domains, func(g stats.Group) int64 { return g.Messages }))
	out = append(out, pie("levels", catalog.T("report.table.levels"), r.Levels, func(g stats.Group) int64 { return g.Replies }))
	if r.Subregions != nil {
		names, rates, satisfied := []string{}, []any{}, []any{}
		for _, g := range r.Subregions.Groups {
			if g.Messages == 0 && g.Replies == 0 {
				continue
			}
			names, rates, satisfied = append(names, g.Name), append(rates, hundred(g.ReplyRate)), append(satisfied, hundred(g.Satisfaction))
		}
		out = append(out, chart{ID: "regions", Option: map[string]any{
			"title":   map[string]any{"text": catalog.T("report.table.regions")},
			"tooltip": map[string]any{"trigger": "axis"}, "legend": map[string]any{"bottom": 0},
			"xAxis": map[string]any{"type": "value"}, "yAxis": map[string]any{"type": "category", "data": names},
			"series": []any{
				map[string]any{"name": catalog.T("report.fig.reply_rate"), "type": "bar", "data": rates},
				map[string]any{"name": catalog.T("report.fig.satisfaction"), "type": "bar", "data": satisfied},
			},
		}})
	}
	if r.Region == "" && r.Subregions != nil {
		out = append(out, provinceMap(r.Subregions))
	}
	if r.Ranking != nil {
		names, heat, act, eff, sat := []string{}, []any{}, []any{}, []any{}, []any{}
		for _, it := range r.Ranking.Items {
			if it.Rank == 0 || len(names) == 20 {
				continue
			}
			names = append(names, it.Name)
			heat, act, eff, sat = append(heat, round(it.Heat)), append(act, round(it.Activity)), append(eff, round(it.Effort)), append(sat, round(it.Satisfaction))
		}
		out = append(out, chart{ID: "ranking", Option: map[string]any{
			"title":   map[string]any{"text": catalog.T("report.table.ranking")},
			"tooltip": map[string]any{"trigger": "axis"}, "legend": map[string]any{"bottom": 0},
			"xAxis": map[string]any{"type": "category", "data": names}, "yAxis": map[string]any{"type": "value", "max": 100},
			"series": []any{
				map[string]any{"name": catalog.T("report.col.heat"), "type": "bar", "data": heat},
				map[string]any{"name": catalog.T("report.col.activity"), "type": "line", "data": act},
				map[string]any{"name": catalog.T("report.col.effort"), "type": "line", "data": eff},
				map[string]any{"name": catalog.T("report.fig.satisfaction"), "type": "line", "data": sat},
			},
		}})
	}
	if len(r.Campaigns) > 0 {
		out = append(out, campaignChart(r.Campaigns))
	}
	return out
}

// provinceMap colours the provinces of the country by reply rate, with
// their satisfaction and volume in the tooltip. The map names provinces
// briefly (河南, 内蒙古); nameMap gives each the name the figures use.
func provinceMap(b *stats.Breakdown) chart {
	byCode := map[string]stats.Group{}
	for _, g := range b.Groups {
		byCode[g.Key] = g
	}
	nameMap, data := map[string]string{}, []any{}
	for short, code := range mapNames() {
		if r, ok := region.Get(code); ok {
			nameMap[short] = r.Name
		}
		if g, ok := byCode[code]; ok && g.ReplyRate != nil {
			data = append(data, map[string]any{"name": g.Name, "value": hundred(g.ReplyRate), "messages": g.Messages})
		}
	}
	sort.Slice(data, func(i, j int) bool {
		return data[i].(map[string]any)["name"].(string) < data[j].(map[string]any)["name"].(string)
	})
	return chart{ID: "map", Option: map[string]any{
		"title":     map[string]any{"text": catalog.T("report.chart.map")},
		"tooltip":   map[string]any{"trigger": "item", "formatter": "{b}: {c}%"},
		"visualMap": map[string]any{"min": 0, "max": 100, "left": "left", "bottom": 0, "calculable": true},
		"series": []any{map[string]any{"name": catalog.T("report.fig.reply_rate"), "type": "map", "map": "china",
			"roam": true, "nameMap": nameMap, "data": data}},
	}}
}

func pie(id, title string, b *stats.Breakdown, value func(stats.Group) int64) chart {
	data := []any{}
	for _, g := range b.Groups {
		if v := value(g); v > 0 {
			data = append(data, map[string]any{"name": g.Name, "value": v})
		}
	}
	return chart{ID: id, Option: map[string]any{
		"title":   map[string]any{"text": title},
		"tooltip": map[string]any{"trigger": "item", "formatter": "{b}: {c} ({d}%)"},
		"series":  []any{map[string]any{"type": "pie", "radius": []string{"35%", "65%"}, "data": data}},
	}}
}

// hundred turns a ratio into a percentage with two decimals for a chart.
func hundred(r *float64) any {
	if r == nil {
		return nil
	}
	v := *r * 100
	return round(&v)
}

func round(v *float64) any {
	if v == nil {
		return nil
	}
	return float64(int64(*v*100+0.5)) / 100
}
