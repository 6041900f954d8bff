package report

import (
	"time"

	"liuyan/internal/calendar"
	"strconv"
	"strings"

	"liuyan/internal/catalog"
)

// count writes a count with thousands separators: 51,864.
func count(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// percent writes a ratio as a percentage with two decimals: 66.29%; a
// missing ratio is a dash.
func percent(r *float64) string {
	if r == nil {
		return "—"
	}
	return strconv.FormatFloat(*r*100, 'f', 2, 64) + "%"
}

// days writes a whole number of working days; a missing one is a dash.
func days(d *int) string {
	if d == nil {
		return "—"
	}
	return strconv.Itoa(*d)
}

// change writes 同比 in words: 同比增长53.00%, 同比下降4.10%, 与上年同期持平;
// nothing when the year before has no figure to compare with.
func change(r *float64) string {
	switch {
	case r == nil:
		return ""
	case *r > 0:
		return catalog.T("report.yoy_up", percent(r))
	case *r < 0:
		v := -*r
		return catalog.T("report.yoy_down", percent(&v))
	}
	return catalog.T("report.yoy_flat")
}

// dateName writes a China date: 2020年3月12日.
func dateName(t *time.Time) string {
	y, m, d := t.In(calendar.China).Date()
	return catalog.T("stats.date", y, int(m), d)
}
