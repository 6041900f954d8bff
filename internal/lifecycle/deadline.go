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
}

// DefaultPolicy is DESIGN §3 but for the handling days of each type,
// which are data (the managed list of types, internal/vocab: 7 working
// days for complaints and requests for help, 5 for the rest): 5 days for
// a type the list does not know, one extension of up to 10, three
// follow-ups, 30 days to rate.
func DefaultPolicy() Policy {
	return Policy{
		DefaultDays:  5,
		MaxExtension: 10,
		MaxFollowups: 3,
		RatingWindow: 30 * 24 * time.Hour,
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
