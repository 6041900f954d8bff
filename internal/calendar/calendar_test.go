package calendar

import (
	"math/rand/v2"
	"testing"
	"time"
)

// at parses a China wall-clock time such as "2020-09-25 10:00".
func at(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.ParseInLocation("2006-01-02 15:04", s, China)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// endOf returns the last instant of a China date such as "2020-10-12".
func endOf(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.ParseInLocation(time.DateOnly, s, China)
	if err != nil {
		t.Fatal(err)
	}
	return v.Add(24*time.Hour - time.Nanosecond)
}

func TestIsWorkday(t *testing.T) {
	cal := Default()
	tests := []struct {
		name string
		when string // China time
		want bool
	}{
		{"plain Wednesday", "2021-03-10 09:00", true},
		{"plain Saturday", "2021-03-13 09:00", false},
		{"plain Sunday", "2021-03-14 09:00", false},
		{"weekday holiday: Qingming 2023 on a Wednesday", "2023-04-05 09:00", false},
		{"weekday holiday: National Day 2020 extended by Mid-Autumn", "2020-10-08 09:00", false},
		{"worked Sunday before National Day 2020", "2020-09-27 09:00", true},
		{"worked Saturday after National Day 2020", "2020-10-10 09:00", true},
		{"worked Sunday before Spring Festival 2024", "2024-02-04 09:00", true},
		{"worked Sunday after Spring Festival 2024", "2024-02-18 09:00", true},
		{"New Year's Eve 2024 was only encouraged as leave", "2024-02-09 09:00", true},
		{"New Year's Eve 2025 is a statutory holiday", "2025-01-28 09:00", false},
		{"Spring Festival 2020 extension, Friday", "2020-01-31 09:00", false},
		{"Spring Festival 2020 extension cancelled worked Saturday", "2020-02-01 09:00", false},
		{"work resumed after the 2020 extension", "2020-02-03 09:00", true},
		{"Labour Day 2019 as changed in March 2019", "2019-05-02 09:00", false},
		{"worked Sunday after Labour Day 2019", "2019-05-05 09:00", true},
		{"worked Saturday of the 2019 notice, in 2018", "2018-12-29 09:00", true},
		{"New Year 2023 break began on 2022-12-31", "2022-12-31 09:00", false},
		{"2023 New Year make-up Monday", "2023-01-02 09:00", false},
		{"Spring Festival 2026, ninth day", "2026-02-23 09:00", false},
		{"worked Saturday after Spring Festival 2026", "2026-02-28 09:00", true},
		{"outside the data: weekday", "2030-01-01 09:00", true},
		{"outside the data: Saturday", "2030-01-05 09:00", false},
		{"last second of a working day", "2020-09-30 23:59", true},
		{"first minute of National Day", "2020-10-01 00:00", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cal.IsWorkday(at(t, tt.when)); got != tt.want {
				t.Errorf("IsWorkday(%s) = %v, want %v", tt.when, got, tt.want)
			}
		})
	}
}

func TestIsWorkdayConvertsToChinaTime(t *testing.T) {
	cal := Default()
	tests := []struct {
		utc  string
		want bool
	}{
		// 2020-09-30 15:59 UTC is 23:59 on Wednesday 30 September in China.
		{"2020-09-30T15:59:00Z", true},
		// 2020-09-30 16:00 UTC is already National Day in China.
		{"2020-09-30T16:00:00Z", false},
		// Sunday 2020-09-26 18:00 UTC is Sunday 27 September 02:00 in China, a worked Sunday.
		{"2020-09-26T18:00:00Z", true},
	}
	for _, tt := range tests {
		v, err := time.Parse(time.RFC3339, tt.utc)
		if err != nil {
			t.Fatal(err)
		}
		if got := cal.IsWorkday(v); got != tt.want {
			t.Errorf("IsWorkday(%s) = %v, want %v", tt.utc, got, tt.want)
		}
	}
}

func TestAddWorkdays(t *testing.T) {
	cal := Default()
	tests := []struct {
		name string
		from string // China time
		n    int
		want string // China date whose end is the deadline
	}{
		// Friday 2020-09-25, 7 working days. Saturday 26th is off; Sunday 27th is
		// worked (1); Monday 28th to Wednesday 30th (2, 3, 4); 1 to 8 October are
		// National Day and Mid-Autumn; Friday 9th (5); Saturday 10th is worked (6);
		// Sunday 11th is off; Monday 12th (7).
		{"7 days across National Day 2020", "2020-09-25 10:00", 7, "2020-10-12"},
		// The same message arriving late in the evening: the day of arrival never
		// counts, however late, so nothing changes.
		{"late arrival does not count its day", "2020-09-25 23:59", 7, "2020-10-12"},
		// Thursday 2020-01-23. The first notice gave 24 to 30 January off and
		// 31 January as working; the extension added 31 January to 2 February, so
		// the first working day is Monday 3 February.
		{"Spring Festival 2020 extension, 1 day", "2020-01-23 16:00", 1, "2020-02-03"},
		// ... and 5 working days are 3 to 7 February.
		{"Spring Festival 2020 extension, 5 days", "2020-01-23 16:00", 5, "2020-02-07"},
		// Friday 2024-02-02: Saturday 3rd is off, Sunday 4th is worked.
		{"worked Sunday 2024-02-04", "2024-02-02 11:00", 1, "2024-02-04"},
		// Thursday 2024-02-08: Friday 9th (1), 10 to 17 February off, Sunday 18th
		// worked (2).
		{"worked Sunday 2024-02-18", "2024-02-08 11:00", 2, "2024-02-18"},
		// Arriving on a holiday, Sunday 2023-10-01: 2 to 6 October are off,
		// Saturday 7th is worked.
		{"arrival on a holiday", "2023-10-01 08:00", 1, "2023-10-07"},
		// Tuesday 2023-04-04: Wednesday 5th is Qingming, so Thursday 6th (1) and
		// Friday 7th (2).
		{"weekday holiday skipped", "2023-04-04 08:00", 2, "2023-04-07"},
		// Friday 2018-12-28: Saturday 29th is worked under the 2019 notice.
		{"worked Saturday from the 2019 notice", "2018-12-28 08:00", 1, "2018-12-29"},
		// Outside the data, weekends only: Friday 2030-01-04 to Monday 7th.
		{"outside the data", "2030-01-04 08:00", 1, "2030-01-07"},
		// Zero days: the end of the day of arrival, holiday or not.
		{"zero days", "2020-10-01 08:00", 0, "2020-10-01"},
		// One working day back from Monday 2020-10-12 is the worked Saturday 10th.
		{"one day back to a worked Saturday", "2020-10-12 08:00", -1, "2020-10-10"},
		// Back from Friday 2020-10-09 across the holiday: Wednesday 30 September
		// (1) and Tuesday 29th (2).
		{"two days back across a holiday", "2020-10-09 08:00", -2, "2020-09-29"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := cal.AddWorkdays(at(t, tt.from), tt.n)
			want := endOf(t, tt.want)
			if !got.Equal(want) {
				t.Errorf("AddWorkdays(%s, %d) = %v, want %v", tt.from, tt.n, got, want)
			}
			if got.Location() != China {
				t.Errorf("AddWorkdays(%s, %d) is in %v, want %v", tt.from, tt.n, got.Location(), China)
			}
		})
	}
}

func TestAddWorkdaysConvertsToChinaTime(t *testing.T) {
	// 2020-09-26 16:30 UTC is 00:30 on Sunday 27 September in China, a worked
	// Sunday that is the day of arrival and so does not count: the first working
	// day after it is Monday the 28th. Counting from the UTC date (Saturday)
	// would wrongly give Sunday.
	from := time.Date(2020, time.September, 26, 16, 30, 0, 0, time.UTC)
	got := Default().AddWorkdays(from, 1)
	if want := endOf(t, "2020-09-28"); !got.Equal(want) {
		t.Errorf("AddWorkdays(%v, 1) = %v, want %v", from, got, want)
	}
	if h, m, s := got.Clock(); h != 23 || m != 59 || s != 59 || got.Nanosecond() != 999999999 {
		t.Errorf("AddWorkdays(%v, 1) = %v, want 23:59:59.999999999 China time", from, got)
	}
}

func TestWorkdaysBetween(t *testing.T) {
	cal := Default()
	tests := []struct {
		name     string
		from, to string // China time
		want     int
	}{
		{"same moment", "2020-09-25 10:00", "2020-09-25 10:00", 0},
		{"same day, later", "2020-09-25 10:00", "2020-09-25 18:00", 0},
		{"earlier day", "2020-09-25 10:00", "2020-09-24 10:00", 0},
		{"across National Day 2020 (see TestAddWorkdays)", "2020-09-25 10:00", "2020-10-12 08:00", 7},
		{"within the holiday", "2020-10-01 10:00", "2020-10-08 10:00", 0},
		{"holiday then the first day back", "2020-09-30 10:00", "2020-10-09 10:00", 1},
		{"the worked Sunday counts", "2020-09-26 10:00", "2020-09-27 10:00", 1},
		{"Spring Festival 2020 with its extension", "2020-01-23 10:00", "2020-02-03 10:00", 1},
		// 2030 is outside the data: 1 to 31 January 2030 has 22 weekdays after
		// New Year's Day (Tuesday the 1st): Wednesday 2nd to Thursday 31st.
		{"outside the data", "2030-01-01 10:00", "2030-01-31 10:00", 22},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cal.WorkdaysBetween(at(t, tt.from), at(t, tt.to)); got != tt.want {
				t.Errorf("WorkdaysBetween(%s, %s) = %d, want %d", tt.from, tt.to, got, tt.want)
			}
		})
	}
}

// randomMoment returns a random instant between 2019-01-01 and 2027-12-31 in
// China.
func randomMoment(r *rand.Rand) time.Time {
	start := time.Date(2019, time.January, 1, 0, 0, 0, 0, China)
	end := time.Date(2028, time.January, 1, 0, 0, 0, 0, China)
	return start.Add(time.Duration(r.Int64N(int64(end.Sub(start)))))
}

func TestAddWorkdaysInvertsWorkdaysBetween(t *testing.T) {
	cal := Default()
	r := rand.New(rand.NewPCG(2019, 2027))
	for range 20000 {
		from := randomMoment(r)
		n := 1 + r.IntN(40)
		due := cal.AddWorkdays(from, n)
		if got := cal.WorkdaysBetween(from, due); got != n {
			t.Fatalf("WorkdaysBetween(%v, AddWorkdays(%v, %d) = %v) = %d, want %d", from, from, n, due, got, n)
		}
		if !cal.IsWorkday(due) {
			t.Fatalf("AddWorkdays(%v, %d) = %v, not a working day", from, n, due)
		}
		// The deadline is the first day with n working days: the day before it
		// has one fewer.
		if got := cal.WorkdaysBetween(from, due.AddDate(0, 0, -1)); got != n-1 {
			t.Fatalf("WorkdaysBetween(%v, day before %v) = %d, want %d", from, due, got, n-1)
		}
	}
}

// TestAgainstDayByDay checks the counting arithmetic against walking the days
// one by one with IsWorkday, over spans of up to several years and across the
// edges of the data.
func TestAgainstDayByDay(t *testing.T) {
	cal := Default()
	r := rand.New(rand.NewPCG(1, 2))
	start := time.Date(2017, time.January, 1, 12, 0, 0, 0, China)
	const days = 13 * 366 // into 2029
	for range 400 {
		from := start.AddDate(0, 0, r.IntN(days))
		to := start.AddDate(0, 0, r.IntN(days))
		want := 0
		for d := from.AddDate(0, 0, 1); !d.After(to); d = d.AddDate(0, 0, 1) {
			if cal.IsWorkday(d) {
				want++
			}
		}
		if got := cal.WorkdaysBetween(from, to); got != want {
			t.Fatalf("WorkdaysBetween(%v, %v) = %d, want %d", from, to, got, want)
		}

		n := r.IntN(600) - 300
		var walked time.Time
		switch {
		case n > 0:
			d, left := from, n
			for left > 0 {
				d = d.AddDate(0, 0, 1)
				if cal.IsWorkday(d) {
					left--
				}
			}
			walked = d
		case n < 0:
			d, left := from, -n
			for left > 0 {
				d = d.AddDate(0, 0, -1)
				if cal.IsWorkday(d) {
					left--
				}
			}
			walked = d
		default:
			walked = from
		}
		y, m, dd := walked.Date()
		want2 := time.Date(y, m, dd, 23, 59, 59, 999999999, China)
		if got := cal.AddWorkdays(from, n); !got.Equal(want2) {
			t.Fatalf("AddWorkdays(%v, %d) = %v, want %v", from, n, got, want2)
		}
	}
}

// TestStatutoryDaysPerYear checks the data against the law: moving days off
// around a holiday (调休) is a swap of a weekday off for a worked weekend day,
// and a statutory day that falls on a weekend is made up on a weekday, so in
// each year the weekdays off minus the worked weekend days equal the
// statutory holidays of 全国年节及纪念日放假办法: 11 days until 2024, 13 from
// 2025, plus the 2 days the 2020 extension added (Friday 31 January, and
// Saturday 1 February no longer worked).
func TestStatutoryDaysPerYear(t *testing.T) {
	cal := Default()
	for year := 2019; year <= 2027; year++ {
		want := 11
		if year >= 2025 {
			want = 13
		}
		if year == 2020 {
			want += 2
		}
		got := 0
		for d := time.Date(year, time.January, 1, 12, 0, 0, 0, China); d.Year() == year; d = d.AddDate(0, 0, 1) {
			weekend := d.Weekday() == time.Saturday || d.Weekday() == time.Sunday
			switch work := cal.IsWorkday(d); {
			case !weekend && !work:
				got++
			case weekend && work:
				got--
			}
		}
		if got != want {
			t.Errorf("%d: weekdays off minus worked weekend days = %d, want %d", year, got, want)
		}
	}
}

func TestCovers(t *testing.T) {
	cal := Default()
	for year := 2015; year <= 2030; year++ {
		// 2027 stays provisional until its notice has been checked; see
		// cn_holidays.txt.
		want := year >= 2019 && year <= 2026
		if got := cal.Covers(year); got != want {
			t.Errorf("Covers(%d) = %v, want %v", year, got, want)
		}
	}
}

func TestZeroCalendarIsWeekendsOnly(t *testing.T) {
	var cal Calendar
	tests := []struct {
		from string
		n    int
		want string
	}{
		// National Day 2020 is ignored: Friday 25 September plus 7 weekdays.
		{"2020-09-25 10:00", 7, "2020-10-06"},
		{"2020-09-25 10:00", 1, "2020-09-28"},
		{"2020-09-28 10:00", -1, "2020-09-25"},
	}
	for _, tt := range tests {
		if got, want := cal.AddWorkdays(at(t, tt.from), tt.n), endOf(t, tt.want); !got.Equal(want) {
			t.Errorf("zero Calendar AddWorkdays(%s, %d) = %v, want %v", tt.from, tt.n, got, want)
		}
	}
	if cal.IsWorkday(at(t, "2020-10-01 10:00")) != true {
		t.Error("zero Calendar: Thursday 2020-10-01 should be a working day")
	}
	if cal.Covers(2020) {
		t.Error("zero Calendar covers 2020")
	}
}

func BenchmarkAddWorkdays(b *testing.B) {
	cal := Default()
	from := time.Date(2020, time.September, 25, 10, 0, 0, 0, China)
	for b.Loop() {
		cal.AddWorkdays(from, 7)
	}
}

func BenchmarkWorkdaysBetweenYears(b *testing.B) {
	cal := Default()
	from := time.Date(2019, time.January, 2, 10, 0, 0, 0, China)
	to := time.Date(2027, time.December, 30, 10, 0, 0, 0, China)
	for b.Loop() {
		cal.WorkdaysBetween(from, to)
	}
}
