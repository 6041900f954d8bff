package mask

import "testing"

func TestValidID18(t *testing.T) {
	tests := []struct {
		name string
		id   string
		want bool
	}{
		{"GB 11643 example", "11010519491231002X", true},
		{"lower-case x", "11010519491231002x", true},
		{"digit check", "330106198511114568", true},
		{"leap day", "110101200002290018", true},
		{"wrong check", "110105194912310021", false},
		{"no such day", "110101190002290018", false},
		{"no such month", "110101199013010018", false},
		{"no such province", "201902281234567890", false},
		{"born before 1900", "110101189912310018", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := []byte(tc.id)
			if got := validID18(d[:17], d[17]); got != tc.want {
				t.Errorf("validID18(%s) = %v, want %v", tc.id, got, tc.want)
			}
		})
	}
}

// TestID18CheckMatchesDefinition recomputes the check character of
// ISO 7064 MOD 11-2 from its definition: the weight of position i (from
// the left, of 17) is 2^(17-i) mod 11, and the check value c satisfies
// (sum + c) mod 11 == 1, written X when it is 10.
func TestID18CheckMatchesDefinition(t *testing.T) {
	for _, body := range []string{"11010519491231002", "43010219900307123", "33010619851111456", "65010219991231999"} {
		sum, w := 0, 1
		for i := 16; i >= 0; i-- {
			w = w * 2 % 11
			sum += int(body[i]-'0') * w
		}
		c := (12 - sum%11) % 11
		want := byte('0' + c)
		if c == 10 {
			want = 'X'
		}
		if got := id18Check([]byte(body)); got != want {
			t.Errorf("id18Check(%s) = %c, want %c", body, got, want)
		}
	}
}

func TestValidID15(t *testing.T) {
	tests := []struct {
		id   string
		want bool
	}{
		{"430102900307123", true},
		{"110105491231002", true},
		{"430102901307123", false},
		{"201902281234567", false},
	}
	for _, tc := range tests {
		if got := validID15([]byte(tc.id)); got != tc.want {
			t.Errorf("validID15(%s) = %v, want %v", tc.id, got, tc.want)
		}
	}
}

func TestLuhn(t *testing.T) {
	tests := []struct {
		number string
		want   bool
	}{
		{"4111111111111111", true}, // the well-known Visa test number
		{"5555555555554444", true}, // the well-known Mastercard test number
		{"6222021234567890128", true},
		{"6217001234567893", true},
		{"6217001234567894", false},
		{"4111111111111112", false},
	}
	for _, tc := range tests {
		if got := luhn([]byte(tc.number)); got != tc.want {
			t.Errorf("luhn(%s) = %v, want %v", tc.number, got, tc.want)
		}
	}
}

// TestNegativeFixtures makes sure the numbers the other tests expect to be
// left alone really fail the checks they are meant to fail, so those tests
// test what they say.
func TestNegativeFixtures(t *testing.T) {
	order := []byte("430102199003071235")
	if validID18(order[:17], order[17]) || luhn(order) {
		t.Errorf("%s should fail both the ID checksum and Luhn", order)
	}
	year := []byte("2019022812345675")
	if !luhn(year) || bankPrefix(year) {
		t.Errorf("%s should pass Luhn but not look like a card", year)
	}
}

func TestValidDate(t *testing.T) {
	tests := []struct {
		y, m, d int
		want    bool
	}{
		{2000, 2, 29, true},
		{1900, 2, 29, false},
		{2019, 2, 28, true},
		{2019, 2, 29, false},
		{2019, 4, 31, false},
		{2019, 12, 31, true},
		{2019, 0, 1, false},
		{2019, 1, 0, false},
	}
	for _, tc := range tests {
		if got := validDate(tc.y, tc.m, tc.d); got != tc.want {
			t.Errorf("validDate(%d, %d, %d) = %v, want %v", tc.y, tc.m, tc.d, got, tc.want)
		}
	}
}
