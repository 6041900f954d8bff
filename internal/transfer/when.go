package transfer

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"liuyan/internal/calendar"
	"liuyan/internal/catalog"
)

// layouts are the ways the files write a time: slashes or dashes without
// leading zeros, with seconds, minutes or no time at all, Chinese dates,
// and liuyan's own RFC 3339. A time without a zone is China time.
var layouts = []string{
	"2006/1/2 15:04:05",
	"2006-1-2 15:04:05",
	"2006/1/2 15:04",
	"2006-1-2 15:04",
	"2006/1/2",
	"2006-1-2",
	"2006-1-2T15:04:05",
	"2006年1月2日 15:04:05",
	"2006年1月2日 15:04",
	"2006年1月2日",
}

// parseTime reads a time cell. Besides the layouts it takes a Unix time
// in seconds (10 digits, as the board's API gives dateline) or
// milliseconds (13 digits), and a spreadsheet's date serial number (five
// digits and a fraction, as a date cell of an XLSX file reads raw).
func parseTime(s string) (time.Time, error) {
	t, err := readTime(strings.TrimSpace(s))
	if err != nil {
		return t, err
	}
	if t.Before(earliest) || !t.Before(latest) {
		return time.Time{}, errors.New(catalog.T("transfer.time_range", s))
	}
	return t, nil
}

// earliest and latest bound the times a file may give, the span the
// figures cover: a year 0 or 9999 is a broken cell, and would put events
// before the zero time the log's checks start from.
var (
	earliest = time.Date(1990, 1, 1, 0, 0, 0, 0, calendar.China)
	latest   = time.Date(2100, 1, 1, 0, 0, 0, 0, calendar.China)
)

func readTime(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, nil
	}
	for _, l := range layouts {
		if t, err := time.ParseInLocation(l, s, calendar.China); err == nil {
			return t, nil
		}
	}
	if digits(s) {
		n, _ := strconv.ParseInt(s, 10, 64)
		switch len(s) {
		case 10:
			return time.Unix(n, 0), nil
		case 13:
			return time.UnixMilli(n), nil
		}
	}
	if intPart, _, _ := strings.Cut(s, "."); len(intPart) == 5 && digits(intPart) {
		if f, err := strconv.ParseFloat(s, 64); err == nil {
			if t, err := excelize.ExcelDateToTime(f, false); err == nil {
				// The serial number counts civil days and has no zone;
				// its binary fraction lands a hair off the second.
				t = t.Round(time.Second)
				return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, calendar.China), nil
			}
		}
	}
	return time.Time{}, errors.New(catalog.T("transfer.bad_time", s))
}

func digits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// formatTime writes a time the way liuyan's export does: RFC 3339 in China
// time, to the precision stored, and "" for none.
func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(calendar.China).Format(time.RFC3339Nano)
}
