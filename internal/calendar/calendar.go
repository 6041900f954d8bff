package calendar

import (
	_ "embed"
	"slices"
	"strings"
	"sync"
	"time"
)

// China is the zone of Chinese civil dates: UTC+8 all year round. It is a
// fixed zone, so results do not depend on the time-zone database of the
// machine.
var China = time.FixedZone("CST", 8*60*60)

// Calendar knows which dates are working days. Dates are civil dates in
// China: every time.Time handed to a method is first converted to China time
// and only its date is used.
//
// A date listed in the calendar's data is a day off or a working day as the
// data says; any other date follows the weekend rule, Monday to Friday
// working and Saturday and Sunday off. The zero value is a calendar of
// weekends only. A Calendar is never changed after Parse, so it is safe for
// concurrent use.
type Calendar struct {
	// changed holds the days whose status differs from the weekend rule:
	// true for a worked weekend day, false for a weekday off.
	changed map[day]bool
	// days lists the keys of changed in ascending order, and shift[i] is the
	// number of working days that the exceptions days[:i] add to the weekend
	// rule (negative when they take away more than they add), so that working
	// days can be counted over any span without walking it day by day.
	days  []day
	shift []int64
	// covered holds the years whose official notice is fully in the data.
	covered map[int]bool
}

//go:embed cn_holidays.txt
var chinaData string

var defaultCalendar = sync.OnceValue(func() *Calendar {
	c, err := Parse(strings.NewReader(chinaData))
	if err != nil {
		panic("calendar: embedded cn_holidays.txt: " + err.Error())
	}
	return c
})

// Default returns the Chinese official calendar embedded in the binary: the
// State Council's holiday notices from 2019 on (see cn_holidays.txt and
// Covers). It is parsed once, on first use, and shared.
func Default() *Calendar {
	return defaultCalendar()
}

// IsWorkday reports whether t's date in China is a working day.
func (c *Calendar) IsWorkday(t time.Time) bool {
	return c.isWorkday(dayOf(t))
}

// AddWorkdays returns the deadline for something that arrived at from and is
// due in n working days.
//
// The counting starts on the next working day after from's date: the day of
// arrival never counts, even when it is a working day and from is early in
// the morning. The result is the end of the n-th working day, 23:59:59.999999999
// China time of that date, in the China zone. So a message arriving on a
// Friday with 1 working day is due at the end of the next Monday, unless
// that Monday is a holiday or the weekend between is worked.
//
// For n == 0 the result is the end of from's own date, whether or not it is
// a working day. For n < 0 it is the end of the -n-th working day before
// from's date (the day of from not counting), which is how far back a
// reminder "one working day before the deadline" lies.
func (c *Calendar) AddWorkdays(from time.Time, n int) time.Time {
	d := dayOf(from)
	switch {
	case n > 0:
		return c.nth(c.before(d+1) + int64(n) - 1).end()
	case n < 0:
		return c.nth(c.before(d) + int64(n)).end()
	default:
		return d.end()
	}
}

// WorkdaysBetween counts the working days after from's date up to and
// including to's date, both dates taken in China; it is 0 when to's date is
// from's date or earlier. It is the inverse of AddWorkdays:
// WorkdaysBetween(from, AddWorkdays(from, n)) == n for every n >= 1, so the
// working days a message took to be answered are WorkdaysBetween(published,
// replied).
func (c *Calendar) WorkdaysBetween(from, to time.Time) int {
	a, b := dayOf(from), dayOf(to)
	if b <= a {
		return 0
	}
	return int(c.before(b+1) - c.before(a+1))
}

// Covers reports whether the official notice for the given year is fully in
// the calendar's data. Outside the covered years the calendar still answers,
// but by the weekend rule alone (plus whatever dates the data happens to
// list), so deadlines there may miss public holidays.
func (c *Calendar) Covers(year int) bool {
	return c.covered[year]
}

func (c *Calendar) isWorkday(d day) bool {
	if w, ok := c.changed[d]; ok {
		return w
	}
	return !d.weekend()
}

// before returns the number of working days before day d, counted from a
// fixed origin (so it may be negative); only differences between two of its
// values mean anything.
func (c *Calendar) before(d day) int64 {
	i, _ := slices.BinarySearch(c.days, d)
	var s int64
	if i > 0 {
		s = c.shift[i]
	}
	return weekdaysBefore(d) + s
}

// nth returns the working day that has exactly k working days before it, in
// the numbering of before: the smallest day d with before(d+1) > k.
func (c *Calendar) nth(k int64) day {
	// Start from the day the weekend rule alone would give, then widen the
	// bracket until it holds the answer: the exceptions move it by at most a
	// few days per exception, so this takes few steps even for calendars
	// full of holidays.
	guess := day(7*floorDiv(k, 5) - 3)
	lo, hi := guess-1, guess
	for step := day(8); c.before(lo+1) > k; step *= 2 {
		lo -= step
	}
	for step := day(8); c.before(hi+1) <= k; step *= 2 {
		hi += step
	}
	for hi-lo > 1 {
		mid := lo + (hi-lo)/2
		if c.before(mid+1) > k {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi
}

// day is a civil date, numbered in days from 1970-01-01.
type day int64

const secondsPerDay = 24 * 60 * 60

// dayOf returns t's date in China.
func dayOf(t time.Time) day {
	y, m, d := t.In(China).Date()
	return civil(y, m, d)
}

// civil returns the day of a calendar date.
func civil(y int, m time.Month, d int) day {
	return day(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / secondsPerDay)
}

// weekday returns the day of the week; 1970-01-01 was a Thursday.
func (d day) weekday() time.Weekday {
	return time.Weekday(floorMod(int64(d)+int64(time.Thursday), 7))
}

// weekend reports whether d is a Saturday or a Sunday.
func (d day) weekend() bool {
	wd := d.weekday()
	return wd == time.Saturday || wd == time.Sunday
}

// end returns the last instant of d in China.
func (d day) end() time.Time {
	return time.Date(1970, time.January, 1+int(d), 23, 59, 59, 999999999, China)
}

// weekdaysBefore counts the Mondays to Fridays before d, from the Monday
// 1969-12-29 (day -3) on; it is negative for earlier days.
func weekdaysBefore(d day) int64 {
	k := int64(d) + 3
	return 5*floorDiv(k, 7) + min(floorMod(k, 7), 5)
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func floorMod(a, b int64) int64 {
	return a - b*floorDiv(a, b)
}
