package corpus

import (
	"errors"
	"strings"
	"time"

	"liuyan/internal/calendar"
	"liuyan/internal/catalog"
)

// layouts are the forms the platform's exports mix: slashes without
// leading zeros, ISO dashes, with or without seconds, and a few dates
// without a time.
var layouts = []string{
	"2006/1/2 15:04:05",
	"2006-1-2 15:04:05",
	"2006/1/2 15:04",
	"2006-1-2 15:04",
	"2006/1/2",
	"2006-1-2",
}

// ParseTime reads a 留言时间 or 答复时间 cell as China time. A date without
// a time is midnight of that date.
func ParseTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, l := range layouts {
		if t, err := time.ParseInLocation(l, s, calendar.China); err == nil {
			return t, nil
		}
	}
	return time.Time{}, errors.New(catalog.T("textmine.bad_time", s))
}

// FormatTime writes a time the way the task's tables show it.
func FormatTime(t time.Time) string {
	return t.In(calendar.China).Format("2006/01/02 15:04:05")
}

// FormatDate writes the date of t the way the task's tables show ranges.
func FormatDate(t time.Time) string {
	return t.In(calendar.China).Format("2006/01/02")
}
