package transfer

import (
	"testing"
	"time"

	"liuyan/internal/calendar"
)

func TestParseTime(t *testing.T) {
	at := func(y int, m time.Month, d, h, min, s int) time.Time {
		return time.Date(y, m, d, h, min, s, 0, calendar.China)
	}
	cases := []struct {
		in   string
		want time.Time
	}{
		{"2019/2/28 11:25:05", at(2019, 2, 28, 11, 25, 5)},
		{"2019-02-28 11:25:05", at(2019, 2, 28, 11, 25, 5)},
		{" 2020/1/6 12:09:38 ", at(2020, 1, 6, 12, 9, 38)},
		{"2019/4/25 9:32", at(2019, 4, 25, 9, 32, 0)},
		{"2026-06-12", at(2026, 6, 12, 0, 0, 0)},
		{"2019/8/1", at(2019, 8, 1, 0, 0, 0)},
		{"2019年2月28日 11:25:05", at(2019, 2, 28, 11, 25, 5)},
		{"2026-06-12T08:30:00+08:00", at(2026, 6, 12, 8, 30, 0)},
		{"2026-06-12T00:30:00Z", at(2026, 6, 12, 8, 30, 0)},
		{"1781238305", time.Unix(1781238305, 0)},
		{"1781238305123", time.UnixMilli(1781238305123)},
		{"43524.4757523148", at(2019, 2, 28, 11, 25, 5)}, // a spreadsheet's date cell, read raw
		{"43524", at(2019, 2, 28, 0, 0, 0)},
	}
	for _, c := range cases {
		got, err := parseTime(c.in)
		if err != nil || !got.Equal(c.want) {
			t.Errorf("parseTime(%q) = %v, %v; want %v", c.in, got, err, c.want)
		}
	}
	for _, bad := range []string{"", "昨天", "2019/13/1", "2019-02-30 10:00:00", "12345678", "28/2/2019",
		// Out of the span figures cover (a fuzz find: year 0 broke the log).
		"0000/1/1 0:00:00", "1989-12-31 23:59:59", "2100-01-01", "9999-12-31T23:59:59Z"} {
		if got, err := parseTime(bad); err == nil {
			t.Errorf("parseTime(%q) = %v, want an error", bad, got)
		}
	}
}
