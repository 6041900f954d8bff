package report_test

import (
	"bytes"
	"context"
	"io"
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
		if html := get("/reports/000000/2026H1", 200, "text/html"); !bytes.Contains(html, []byte("2026年上半年，全国网民通过留言板留言")) {
			t.Error("the country's report lacks its lead")
		}
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
