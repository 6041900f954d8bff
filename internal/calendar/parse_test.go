package calendar

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/iotest"
	"time"
)

func TestParseCustomCalendar(t *testing.T) {
	// A deployment with a local holiday, in a made-up year so that the test is
	// about the format rather than any real arrangement. The data carries a
	// byte-order mark and Windows line ends, as a file saved by a spreadsheet
	// or a Windows editor would.
	const data = "\uFEFF# a custom calendar\r\n" +
		"covers 2031\r\n" +
		"\r\n" +
		"2031-04-01 off 三月三   # Tuesday\r\n" +
		"2031-04-02 off          # Wednesday, no name\r\n" +
		"2031-04-05 work 三月三调休\r\n" +
		"2031-04-06 off 三月三   # a Sunday restated: harmless\r\n"
	cal, err := Parse(strings.NewReader(data))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	tests := []struct {
		date string
		want bool
	}{
		{"2031-03-31", true},  // Monday
		{"2031-04-01", false}, // Tuesday off
		{"2031-04-02", false}, // Wednesday off
		{"2031-04-03", true},  // Thursday
		{"2031-04-05", true},  // Saturday worked
		{"2031-04-06", false}, // Sunday
	}
	for _, tt := range tests {
		if got := cal.IsWorkday(at(t, tt.date+" 12:00")); got != tt.want {
			t.Errorf("IsWorkday(%s) = %v, want %v", tt.date, got, tt.want)
		}
	}
	if !cal.Covers(2031) || cal.Covers(2030) {
		t.Errorf("Covers(2031), Covers(2030) = %v, %v; want true, false", cal.Covers(2031), cal.Covers(2030))
	}
	// Monday 31 March, 3 working days: Thursday 3rd (1), Friday 4th (2),
	// Saturday 5th, worked (3).
	if got, want := cal.AddWorkdays(at(t, "2031-03-31 09:00"), 3), endOf(t, "2031-04-05"); !got.Equal(want) {
		t.Errorf("AddWorkdays = %v, want %v", got, want)
	}
}

func TestParseEmpty(t *testing.T) {
	cal, err := Parse(strings.NewReader("# nothing but a comment\n\n"))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if !cal.IsWorkday(time.Date(2020, time.October, 1, 12, 0, 0, 0, China)) {
		t.Error("an empty calendar should count Thursday 2020-10-01 as a working day")
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		data string
		line int
		msg  string // a fragment of the message
	}{
		{"bad date", "covers 2020\n2020-13-01 off 元旦\n", 2, `invalid date "2020-13-01"`},
		{"no such day", "\n\n2019-02-29 off 春节\n", 3, `invalid date "2019-02-29"`},
		{"not a date", "元旦 2020-01-01 off\n", 1, `invalid date "元旦"`},
		{"missing kind", "2020-01-01\n", 1, `missing "off" or "work"`},
		{"unknown kind", "# c\n2020-01-01 holiday 元旦\n", 2, `unknown kind "holiday"`},
		{"worked weekday", "2020-01-20 work 春节调休\n", 1, "2020-01-20 is a Monday"},
		{"listed twice", "2020-01-24 off 春节\n# c\n2020-01-24 off 除夕\n", 3, "already listed on line 1"},
		{"work and off on one date", "2020-01-19 work 春节调休\n2020-01-19 off 春节\n", 2, "already listed on line 1"},
		{"covers without year", "covers\n", 1, `want "covers YYYY"`},
		{"covers with extra text", "covers 2020 国办发明电\n", 1, `want "covers YYYY"`},
		{"covers bad year", "covers 20x0\n", 1, `invalid year "20x0"`},
		{"covers short year", "covers 202\n", 1, `invalid year "202"`},
		{"covers twice", "covers 2020\n\ncovers 2020\n", 3, "year 2020 already covered on line 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cal, err := Parse(strings.NewReader(tt.data))
			if err == nil {
				t.Fatalf("Parse(%q) = %v, want an error", tt.data, cal)
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("Parse(%q) error %v is not a *ParseError", tt.data, err)
			}
			if pe.Line != tt.line {
				t.Errorf("Parse(%q) error on line %d, want line %d (%v)", tt.data, pe.Line, tt.line, err)
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("Parse(%q) error %q, want it to contain %q", tt.data, err, tt.msg)
			}
			if want := fmt.Sprintf("line %d:", tt.line); !strings.Contains(err.Error(), want) {
				t.Errorf("Parse(%q) error %q does not name %q", tt.data, err, want)
			}
		})
	}
}

func TestParseReadError(t *testing.T) {
	broken := errors.New("disk gone")
	_, err := Parse(iotest.ErrReader(broken))
	if !errors.Is(err, broken) {
		t.Errorf("Parse(failing reader) error = %v, want it to wrap %v", err, broken)
	}
}

func TestDefaultDataParses(t *testing.T) {
	cal, err := Parse(strings.NewReader(chinaData))
	if err != nil {
		t.Fatalf("embedded cn_holidays.txt: %v", err)
	}
	if len(cal.days) == 0 {
		t.Fatal("embedded cn_holidays.txt has no exceptions")
	}
}
