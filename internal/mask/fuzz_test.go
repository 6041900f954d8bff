package mask

import (
	"testing"
	"unicode/utf8"
)

// FuzzText checks, for any input, that Text does not panic, keeps the
// number of characters, changes characters only to a star and only inside the
// spans Find reports, and is idempotent. Seeds are the table cases and the
// real messages of testdata.
func FuzzText(f *testing.F) {
	for _, tc := range textCases {
		f.Add(tc.in)
	}
	for _, line := range readLines(f, "testdata/tipdm_personal.txt") {
		f.Add(line)
	}
	for _, line := range readLines(f, "testdata/tipdm_clean.txt") {
		f.Add(line)
	}
	f.Fuzz(func(t *testing.T, s string) {
		once := Text(s)
		if n, m := utf8.RuneCountInString(s), utf8.RuneCountInString(once); n != m {
			t.Fatalf("Text(%q) = %q: %d characters, want %d", s, once, m, n)
		}
		if twice := Text(once); twice != once {
			t.Fatalf("Text not idempotent on %q:\n once %q\ntwice %q", s, once, twice)
		}
		checkMasking(t, s)
	})
}
