package calendar

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
)

// ParseError reports a line of calendar data that Parse could not accept.
type ParseError struct {
	// Line is the 1-based number of the offending line.
	Line int
	// Msg says what is wrong with it.
	Msg string
}

// Error returns the message with its line number.
func (e *ParseError) Error() string {
	return fmt.Sprintf("calendar: line %d: %s", e.Line, e.Msg)
}

// Parse reads a calendar in the format of the embedded cn_holidays.txt: one
// entry a line, "#" starting a comment, blank lines ignored, and each entry
// one of
//
//	2020-01-24 off 春节        a day off (a weekday holiday, or a weekend day restated)
//	2020-01-19 work 春节调休   a Saturday or Sunday that is a working day
//	covers 2020                the year's official notice is fully entered
//
// The name after off or work is optional free text. A date may be listed
// once only, and work is accepted on Saturdays and Sundays only, since a
// weekday listed as worked is most likely a typing mistake. A malformed line
// is reported as a *ParseError naming its line number.
func Parse(r io.Reader) (*Calendar, error) {
	c := &Calendar{changed: map[day]bool{}, covered: map[int]bool{}}
	listed := map[day]int{}    // date → line it was listed on
	coveredAt := map[int]int{} // year → line of its covers entry
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if n == 1 {
			line = strings.TrimPrefix(line, "\uFEFF")
		}
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		fields := strings.Fields(line)
		if len(fields) == 0 {
			continue
		}
		fail := func(format string, args ...any) error {
			return &ParseError{Line: n, Msg: fmt.Sprintf(format, args...)}
		}

		if fields[0] == "covers" {
			if len(fields) != 2 {
				return nil, fail(`want "covers YYYY"`)
			}
			year, err := strconv.Atoi(fields[1])
			if err != nil || len(fields[1]) != 4 {
				return nil, fail("invalid year %q", fields[1])
			}
			if at, ok := coveredAt[year]; ok {
				return nil, fail("year %d already covered on line %d", year, at)
			}
			coveredAt[year] = n
			c.covered[year] = true
			continue
		}

		t, err := time.Parse(time.DateOnly, fields[0])
		if err != nil {
			return nil, fail("invalid date %q, want YYYY-MM-DD", fields[0])
		}
		d := civil(t.Date())
		if len(fields) < 2 {
			return nil, fail(`missing "off" or "work" after %s`, fields[0])
		}
		var work bool
		switch fields[1] {
		case "off":
		case "work":
			work = true
			if !d.weekend() {
				return nil, fail("%s is a %s, a working day already; only a Saturday or Sunday can be listed as work", fields[0], d.weekday())
			}
		default:
			return nil, fail(`unknown kind %q, want "off" or "work"`, fields[1])
		}
		if at, ok := listed[d]; ok {
			return nil, fail("%s already listed on line %d", fields[0], at)
		}
		listed[d] = n
		if work != !d.weekend() {
			c.changed[d] = work
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("calendar: unable to read: %w", err)
	}

	c.days = make([]day, 0, len(c.changed))
	for d := range c.changed {
		c.days = append(c.days, d)
	}
	slices.Sort(c.days)
	c.shift = make([]int64, len(c.days)+1)
	for i, d := range c.days {
		delta := int64(-1)
		if c.changed[d] {
			delta = 1
		}
		c.shift[i+1] = c.shift[i] + delta
	}
	return c, nil
}
