package web

import (
	"testing"
	"time"

	"liuyan/internal/calendar"
)

func TestPickRegion(t *testing.T) {
	cases := []struct{ province, city, county, want string }{
		{"", "", "", ""},
		{"330000", "", "", "330000"},
		{"330000", "330100", "330114", "330114"},
		{"330000", "330100", "", "330100"},
		// A city left over from another province is ignored, and so is
		// everything below it.
		{"430000", "330100", "330114", "430000"},
		{"330000", "330200", "330114", "330200"},
		// A municipality's districts sit directly under it.
		{"110000", "110105", "", "110105"},
		{"999999", "330100", "", ""},
	}
	for _, c := range cases {
		if got := pickRegion(c.province, c.city, c.county); got != c.want {
			t.Errorf("pickRegion(%q, %q, %q) = %q, want %q", c.province, c.city, c.county, got, c.want)
		}
	}
}

func TestLocalPath(t *testing.T) {
	cases := map[string]string{
		"/write":               "/write",
		"/boards/3?type=咨询":    "/boards/3?type=咨询",
		"":                     "/",
		"write":                "/",
		"//evil.example/x":     "/",
		`/\evil.example`:       "/",
		"https://evil.example": "/",
		"javascript:alert(1)":  "/",
	}
	for in, want := range cases {
		if got := localPath(in); got != want {
			t.Errorf("localPath(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFormatting(t *testing.T) {
	for in, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 331000: "331,000", 10000000: "10,000,000", -51864: "-51,864"} {
		if got := num(in); got != want {
			t.Errorf("num(%d) = %q, want %q", in, got, want)
		}
	}
	pcts := []struct {
		part, whole int
		want        string
	}{{34380, 51864, "66.3%"}, {0, 0, "—"}, {5, 5, "100.0%"}}
	for _, c := range pcts {
		if got := pct(c.part, c.whole); got != c.want {
			t.Errorf("pct(%d, %d) = %q, want %q", c.part, c.whole, got, c.want)
		}
	}
	if got := excerpt("学林街与文泽路口的工地\n连续两周", 8); got != "学林街与文泽路口…" {
		t.Errorf("excerpt: %q", got)
	}
	for in, want := range map[string]string{"浙江省": "浙江", "广西壮族自治区": "广西", "北京市": "北京", "新疆维吾尔自治区": "新疆", "西藏自治区": "西藏"} {
		if got := shortName(in); got != want {
			t.Errorf("shortName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestHalfYear(t *testing.T) {
	cases := []struct {
		at         time.Time
		name, code string
		from       string
	}{
		{time.Date(2026, 11, 27, 2, 0, 0, 0, time.UTC), "2026年下半年", "2026H2", "2026-07-01"},
		// 30 June 20:00 UTC is already 1 July in China.
		{time.Date(2026, 6, 30, 20, 0, 0, 0, time.UTC), "2026年下半年", "2026H2", "2026-07-01"},
		{time.Date(2026, 6, 30, 12, 0, 0, 0, time.UTC), "2026年上半年", "2026H1", "2026-01-01"},
		{time.Date(2020, 1, 1, 0, 0, 0, 0, calendar.China), "2020年上半年", "2020H1", "2020-01-01"},
	}
	for _, c := range cases {
		from, to, name, code := halfYear(c.at)
		if name != c.name || code != c.code || from.Format("2006-01-02") != c.from || to.Sub(from) < 181*24*time.Hour {
			t.Errorf("halfYear(%v) = %v %v %s %s", c.at, from, to, name, code)
		}
	}
}
