package cli

import (
	"archive/zip"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"liuyan/internal/stats"
	"liuyan/internal/store/storetest"
)

// TestReportOnDemo loads the demo and writes 浙江's report for 2026H1 as
// HTML, XLSX and CSV, on both stores; the workbook is read back with
// excelize and its numbers checked against the figures.
func TestReportOnDemo(t *testing.T) {
	for _, backend := range []string{"sqlite", "postgres"} {
		t.Run(backend, func(t *testing.T) {
			dir := t.TempDir()
			if backend == "postgres" {
				t.Setenv("DATABASE_URL", storetest.PostgresURL(t))
			} else {
				t.Setenv("DATABASE_URL", "")
			}
			ctx := context.Background()
			var out bytes.Buffer
			if err := demoCmd(ctx, []string{"--data", dir}, &out); err != nil {
				t.Fatal(err)
			}
			c := common{dataDir: dir}
			s, d, err := c.openDesk(ctx)
			if err != nil {
				t.Fatal(err)
			}
			p, _ := stats.ParsePeriod("2026H1")
			sum, err := stats.ForDesk(d).Summary(ctx, stats.Scope{Region: "330000"}, p)
			s.Close()
			if err != nil {
				t.Fatal(err)
			}
			if sum.Figures.Messages < 20 || sum.Figures.Replies < 10 {
				t.Fatalf("the demo has too little in 浙江 in 2026H1 to test with: %+v", sum.Figures)
			}

			files := map[string]string{}
			for _, format := range []string{"html", "xlsx", "csv"} {
				files[format] = filepath.Join(dir, "report."+format)
				out.Reset()
				if err := reportCmd(ctx, []string{"--data", dir, "--region", "330000", "--period", "2026H1", "--format", format, "-o", files[format]}, &out); err != nil {
					t.Fatalf("report --format %s: %v", format, err)
				}
			}
			lead := "2026年上半年，浙江省网民通过留言板留言" + strconv.FormatInt(sum.Figures.Messages, 10) + "件"
			html, err := os.ReadFile(files["html"])
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range []string{lead, "回复率", "echarts", "月度留言量", "总热度排名"} {
				if !bytes.Contains(html, []byte(want)) {
					t.Errorf("the HTML report lacks %q", want)
				}
			}

			x, err := excelize.OpenFile(files["xlsx"])
			if err != nil {
				t.Fatalf("the workbook does not open: %v", err)
			}
			defer x.Close()
			sheets := x.GetSheetList()
			for _, want := range []string{"报告", "总体情况", "月度留言量", "领域分布", "回复层级", "下辖地区", "总热度排名", "零回复", "回复覆盖面"} {
				if !contains(sheets, want) {
					t.Errorf("sheets %v lack %s", sheets, want)
				}
			}
			if v, _ := x.GetCellValue("报告", "A3"); !strings.HasPrefix(v, lead) {
				t.Errorf("narrative %q, want it to start %q", v, lead)
			}
			for cell, want := range map[string]int64{"B2": sum.Figures.Messages, "B3": sum.Figures.Replies, "C2": sum.Previous.Messages} {
				v, _ := x.GetCellValue("总体情况", cell)
				if v != strconv.FormatInt(want, 10) {
					t.Errorf("总体情况 %s = %q, want %d", cell, v, want)
				}
			}
			rows, err := x.GetRows("月度留言量")
			if err != nil || len(rows) != 7 {
				t.Fatalf("月度留言量 has %d rows (%v), want a header and six months", len(rows), err)
			}
			var total int64
			for _, r := range rows[1:] {
				n, _ := strconv.ParseInt(r[1], 10, 64)
				total += n
			}
			if total != sum.Figures.Messages {
				t.Errorf("the months add up to %d messages, the summary says %d", total, sum.Figures.Messages)
			}
			if charts := zipNames(t, files["xlsx"], "xl/charts/"); len(charts) != 1 {
				t.Errorf("the workbook has charts %v, want the volume chart", charts)
			}
			if csvs := zipNames(t, files["csv"], ""); !contains(csvs, "summary.csv") || !contains(csvs, "months.csv") || !contains(csvs, "narrative.txt") {
				t.Errorf("the CSV zip holds %v", csvs)
			}
		})
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// zipNames lists the files of a zip whose names start with prefix.
func zipNames(t *testing.T, path, prefix string) []string {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	var out []string
	for _, f := range z.File {
		if strings.HasPrefix(f.Name, prefix) {
			out = append(out, f.Name)
		}
	}
	return out
}

// TestReportBadInput wants clear refusals that write nothing.
func TestReportBadInput(t *testing.T) {
	t.Setenv("DATABASE_URL", "")
	dir := t.TempDir()
	for _, args := range [][]string{
		{"--format", "pdf"},
		{"--period", "2020H3"},
		{"--region", "999999", "--period", "2020H1"},
	} {
		out := filepath.Join(dir, "out")
		err := reportCmd(context.Background(), append([]string{"--data", dir, "-o", out}, args...), &bytes.Buffer{})
		if err == nil {
			t.Errorf("%v: no error", args)
		}
		if _, statErr := os.Stat(out); statErr == nil {
			t.Errorf("%v: wrote %s", args, out)
		}
	}
}
