package lifecycle

import "time"

// Calendar counts working days. The lifecycle takes it as an interface so
// that it stays free of data loading; internal/calendar provides the
// official Chinese one.
type Calendar interface {
	AddWorkdays(from time.Time, n int) time.Time
}

// Policy holds the deadline and limit rules. DESIGN §3 gives the defaults;
// a board may carry its own.
type Policy struct {
	// Days maps a message type to its handling time in working days.
	Days map[string]int
	// DefaultDays applies to a type missing from Days.
	DefaultDays int
	// MaxExtension bounds the one extension a unit may ask for.
	MaxExtension int
	// MaxFollowups bounds how often an author may follow up.
	MaxFollowups int
	// RatingWindow is how long the author may rate a final reply before the
	// message closes unrated.
	RatingWindow time.Duration
	// RemindDays is how many working days before its deadline the unit is
	// reminded of an open message (催办 by the job runner).
	RemindDays int
	// MaxSupervision bounds the working days a formal supervision (督办)
	// may give until its new deadline.
	MaxSupervision int
}

// DefaultPolicy is DESIGN §3 but for the handling days of each type,
// which are data (the managed list of types, internal/vocab: 7 working
// days for complaints and requests for help, 5 for the rest): 5 days for
// a type the list does not know, one extension of up to 10, three
// follow-ups, 30 days to rate; a reminder 2 working days before the
// deadline, and a supervised deadline at most 15 working days away.
func DefaultPolicy() Policy {
	return Policy{
		DefaultDays:    5,
		MaxExtension:   10,
		MaxFollowups:   3,
		RatingWindow:   30 * 24 * time.Hour,
		RemindDays:     2,
		MaxSupervision: 15,
	}
}

// HandlingDays is the working days allowed for a message of this type.
func (p Policy) HandlingDays(msgType string) int {
	if d, ok := p.Days[msgType]; ok {
		return d
	}
	return p.DefaultDays
}

// Deadline is when a final reply is due: the handling days of the type
// counted from the moment the clock started (publication, or the latest
// follow-up), plus an approved extension. It is cut to the second, since
// PostgreSQL keeps microseconds and SQLite nanoseconds, and a deadline
// must read back the same from both.
func (p Policy) Deadline(cal Calendar, msgType string, clockStart time.Time, extension int) time.Time {
	return cal.AddWorkdays(clockStart, p.HandlingDays(msgType)+extension).Truncate(time.Second)
}

// Overdue says an open message has passed its deadline at now.
func Overdue(s State, deadline, now time.Time) bool {
	return s.Open() && !deadline.IsZero() && now.After(deadline)
}

// Supervised is the deadline a formal supervision (督办) taken at sets:
// days working days from then, cut to the second like every deadline.
func (p Policy) Supervised(cal Calendar, at time.Time, days int) time.Time {
	return cal.AddWorkdays(at, days).Truncate(time.Second)
}

// Extended is the deadline after an approved extension of days working
// days: counted on from the deadline in force, so that an extension after
// a formal supervision extends the supervised deadline. For a deadline
// set by publication this is the same as Deadline with the extension, as
// working days add up.
func (p Policy) Extended(cal Calendar, deadline time.Time, days int) time.Time {
	return cal.AddWorkdays(deadline, days).Truncate(time.Second)
}

// RemindAt is when the unit is reminded of a deadline: the end of the
// RemindDays-th working day before it.
func (p Policy) RemindAt(cal Calendar, deadline time.Time) time.Time {
	return cal.AddWorkdays(deadline, -p.RemindDays)
}
