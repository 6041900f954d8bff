package stats

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
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

// YearBefore is the same period a year earlier, for 同比.
func (p Period) YearBefore() Period {
	from, to := p.From.AddDate(-1, 0, 0), p.To.AddDate(-1, 0, 0)
	name := shiftYear(p.Name)
	return Period{From: from, To: to, Name: name}
}

// shiftYear writes a period's name a year earlier.
func shiftYear(name string) string {
	if m := periodRE.FindStringSubmatch(name); m != nil {
		y, _ := strconv.Atoi(m[1])
		return strconv.Itoa(y-1) + name[4:]
	}
	var f, l string
	if n, _ := fmt.Sscanf(name, "%10s..%10s", &f, &l); n == 2 {
		ff, _ := time.Parse(time.DateOnly, f)
		ll, _ := time.Parse(time.DateOnly, l)
		return ff.AddDate(-1, 0, 0).Format(time.DateOnly) + ".." + ll.AddDate(-1, 0, 0).Format(time.DateOnly)
	}
	return name
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
