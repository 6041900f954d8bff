package stats

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"liuyan/internal/calendar"
)

// Period is a span of China dates: From is the first day, To the day after
// the last, both at midnight China time.
type Period struct {
	From, To time.Time
	// Name is the canonical spelling: 2020H1, 2020Q3, 2020, 2020-05, or
	// 2020-01-01..2020-06-30 for dates.
	Name string
}

// ErrBadPeriod is returned for a period that cannot be read.
var ErrBadPeriod = errors.New("stats: bad period")

var periodRE = regexp.MustCompile(`^(\d{4})(?:(H[12])|(Q[1-4])|-(\d{2}))?$`)

// ParsePeriod reads 2020H1, 2020Q3, 2020 or 2020-05.
func ParsePeriod(s string) (Period, error) {
	m := periodRE.FindStringSubmatch(s)
	if m == nil {
		return Period{}, ErrBadPeriod
	}
	year, _ := strconv.Atoi(m[1])
	if year < 1990 || year > 2100 {
		return Period{}, ErrBadPeriod
	}
	first, months := 1, 12
	switch {
	case m[2] != "":
		first, months = 1+6*int(m[2][1]-'1'), 6
	case m[3] != "":
		first, months = 1+3*int(m[3][1]-'1'), 3
	case m[4] != "":
		mo, _ := strconv.Atoi(m[4])
		if mo < 1 || mo > 12 {
			return Period{}, ErrBadPeriod
		}
		first, months = mo, 1
	}
	from := time.Date(year, time.Month(first), 1, 0, 0, 0, 0, calendar.China)
	return Period{From: from, To: from.AddDate(0, months, 0), Name: s}, nil
}

// PeriodNamed reads a period by its name in either spelling: 2020H1,
// 2020Q3, 2020, 2020-05, or 2020-01-01..2020-06-30 — what Name holds, and
// what the reports' addresses and the report command take.
func PeriodNamed(s string) (Period, error) {
	if first, last, ok := strings.Cut(s, ".."); ok {
		return Between(first, last)
	}
	return ParsePeriod(s)
}

// Between is the period from the first date to the last, both included,
// written YYYY-MM-DD.
func Between(first, last string) (Period, error) {
	f, err1 := time.ParseInLocation(time.DateOnly, first, calendar.China)
	l, err2 := time.ParseInLocation(time.DateOnly, last, calendar.China)
	if err1 != nil || err2 != nil || l.Before(f) || f.Year() < 1990 || l.Year() > 2100 {
		return Period{}, ErrBadPeriod
	}
	return Period{From: f, To: l.AddDate(0, 0, 1), Name: first + ".." + last}, nil
}

// Containing is the half-year that holds t, the default period of the pages.
func Containing(t time.Time) Period {
	t = t.In(calendar.China)
	h := 1
	if t.Month() > time.June {
		h = 2
	}
	p, _ := ParsePeriod(fmt.Sprintf("%dH%d", t.Year(), h))
	return p
}

// YearBefore is the same period a year earlier, for 同比. A named period
// (2020H1) becomes the one named a year earlier; a span of dates becomes
// the same dates a year earlier, 29 February being the 28th, and its
// name always says exactly the days it spans.
func (p Period) YearBefore() Period {
	if m := periodRE.FindStringSubmatch(p.Name); m != nil {
		y, _ := strconv.Atoi(m[1])
		return Period{From: p.From.AddDate(-1, 0, 0), To: p.To.AddDate(-1, 0, 0), Name: strconv.Itoa(y-1) + p.Name[4:]}
	}
	from, last := yearEarlier(p.From), yearEarlier(p.Last())
	return Period{From: from, To: last.AddDate(0, 0, 1), Name: from.Format(time.DateOnly) + ".." + last.Format(time.DateOnly)}
}

// yearEarlier is the same China date a year before; 29 February, which
// that year lacks, becomes the 28th rather than rolling into March.
func yearEarlier(t time.Time) time.Time {
	y, m, d := t.In(calendar.China).Date()
	if m == time.February && d == 29 {
		d = 28
	}
	return time.Date(y-1, m, d, 0, 0, 0, 0, calendar.China)
}

// Last is the period's last day.
func (p Period) Last() time.Time { return p.To.AddDate(0, 0, -1) }

// days returns the period as yyyymmdd days, To exclusive.
func (p Period) days() (from, to int) { return dayOf(p.From), dayOf(p.To) }

// dayOf is the China date of t as yyyymmdd, the rollups' day.
func dayOf(t time.Time) int {
	y, m, d := t.In(calendar.China).Date()
	return y*10000 + int(m)*100 + d
}
