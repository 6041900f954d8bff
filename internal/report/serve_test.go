package report_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"liuyan/internal/calendar"
	"liuyan/internal/demo"
	"liuyan/internal/lifecycle"
	"liuyan/internal/message"
	"liuyan/internal/report"
	"liuyan/internal/stats"
	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
	"liuyan/internal/workflow"
)

// TestPages serves the statistics page and the reports over the demo, on
// both stores, and checks what each answers.
func TestPages(t *testing.T) {
	storetest.Seeded(t, func(t *testing.T, s *store.Store) {
		now := time.Date(2026, 11, 27, 10, 0, 0, 0, calendar.China)
		d := &workflow.Desk{Store: s, Calendar: calendar.Default(), Policy: lifecycle.DefaultPolicy(), Limits: message.DefaultLimits,
			Now: func() time.Time { return now }}
		if _, err := demo.Load(context.Background(), d); err != nil {
			t.Fatal(err)
		}
		svc := stats.ForDesk(d)
		mux := http.NewServeMux()
		(&report.Handler{Stats: svc}).Register(mux)
		srv := httptest.NewServer(mux)
		defer srv.Close()

		sum, err := svc.Summary(context.Background(), stats.Scope{Region: "430000"}, mustPeriod(t, "2025"))
		if err != nil {
			t.Fatal(err)
		}
		lead := "2025年，湖南省网民通过留言板留言"
		get := func(path string, status int, contentType string) []byte {
			t.Helper()
			res, err := http.Get(srv.URL + path)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			body, _ := io.ReadAll(res.Body)
			if res.StatusCode != status || !strings.HasPrefix(res.Header.Get("Content-Type"), contentType) {
				t.Fatalf("GET %s: %d %s, want %d %s: %.200s", path, res.StatusCode, res.Header.Get("Content-Type"), status, contentType, body)
			}
			return body
		}
		page := get("/stats?region=430000&period=2025", 200, "text/html")
		for _, want := range []string{lead, `name="region" value="430000"`, "/reports/430000/2025?format=xlsx", "/reports/assets/echarts-"} {
			if !bytes.Contains(page, []byte(want)) {
				t.Errorf("the statistics page lacks %q", want)
			}
		}
		script := page[bytes.Index(page, []byte("/reports/assets/echarts-")):]
		script = script[:bytes.IndexByte(script, '"')]
		if js := get(string(script), 200, "text/javascript"); !bytes.Contains(js, []byte("echarts")) {
			t.Error("the ECharts asset is not ECharts")
		}
		get("/reports/assets/echarts-000000000000.min.js", 404, "text/plain")

		if html := get("/reports/430000/2025", 200, "text/html"); !bytes.Contains(html, []byte(lead)) {
			t.Error("the HTML report lacks its lead")
		}
		if !bytes.Contains(get(string(script), 200, "text/javascript"), []byte(`echarts.registerMap("china",{"type":"FeatureCollection"`)) {
			t.Error("the script does not register the China map")
		}
		country := get("/reports/000000/2026H1", 200, "text/html")
		if !bytes.Contains(country, []byte("2026年上半年，全国网民通过留言板留言")) {
			t.Error("the country's report lacks its lead")
		}
		checkProvinceMap(t, svc, country)
		x, err := excelize.OpenReader(bytes.NewReader(get("/reports/430000/2025?format=xlsx", 200, "application/vnd.openxmlformats")))
		if err != nil {
			t.Fatal(err)
		}
		if v, _ := x.GetCellValue("总体情况", "B2"); v != itoa(sum.Figures.Messages) {
			t.Errorf("the workbook's 留言量 %q, want %d", v, sum.Figures.Messages)
		}
		x.Close()
		get("/reports/430000/2025?format=csv", 200, "application/zip")

		for path, status := range map[string]int{
			"/reports/430000/2025H3":            400,
			"/reports/999999/2025":              404,
			"/reports/430000/2025?format=pdf":   400,
			"/stats?period=2025Q5":              400,
			"/stats?region=12345&period=2025":   404,
			"/reports/430000/2025-01-01..2025-": 400,
		} {
			body := get(path, status, "text/plain")
			if !bytes.ContainsAny(body, "无效不存在") {
				t.Errorf("%s: %s", path, body)
			}
		}
	})
}

func mustPeriod(t *testing.T, s string) stats.Period {
	p, err := stats.ParsePeriod(s)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// checkProvinceMap finds the country report's map chart and checks that
// each province with messages is named as the figures name it and coloured
// by its reply rate.
func checkProvinceMap(t *testing.T, svc *stats.Service, page []byte) {
	t.Helper()
	start := bytes.Index(page, []byte("var charts = "))
	if start < 0 {
		t.Fatal("the country's report has no charts")
	}
	line := page[start+len("var charts = "):]
	line = line[:bytes.IndexByte(line, '\n')]
	var charts []struct {
		ID     string          `json:"id"`
		Option json.RawMessage `json:"option"`
	}
	if err := json.Unmarshal(bytes.TrimSuffix(bytes.TrimSpace(line), []byte(";")), &charts); err != nil {
		t.Fatalf("the charts are not JSON: %v: %.200s", err, line)
	}
	var option struct {
		Series []struct {
			Map     string            `json:"map"`
			NameMap map[string]string `json:"nameMap"`
			Data    []struct {
				Name  string  `json:"name"`
				Value float64 `json:"value"`
			} `json:"data"`
		} `json:"series"`
	}
	b, err := svc.Breakdown(context.Background(), stats.Scope{}, mustPeriod(t, "2026H1"), stats.ByRegion)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range charts {
		if c.ID != "map" {
			continue
		}
		if err := json.Unmarshal(c.Option, &option); err != nil {
			t.Fatal(err)
		}
		series := option.Series[0]
		if series.Map != "china" || series.NameMap["湖南"] != "湖南省" || series.NameMap["内蒙古"] != "内蒙古自治区" {
			t.Errorf("the map is %q with names %v", series.Map, series.NameMap)
		}
		got := map[string]float64{}
		for _, d := range series.Data {
			got[d.Name] = d.Value
		}
		shown := 0
		for _, g := range b.Groups {
			if g.ReplyRate == nil {
				continue
			}
			shown++
			if want := math.Round(*g.ReplyRate*100*100) / 100; math.Abs(got[g.Name]-want) > 1e-9 {
				t.Errorf("%s on the map: %v, want %v", g.Name, got[g.Name], want)
			}
		}
		if shown == 0 || len(got) != shown {
			t.Errorf("the map shows %d provinces, the figures %d", len(got), shown)
		}
		return
	}
	t.Error("the country's report has no map")
}
