package mask

// validID18 reports whether 17 digits and a check character form a
// plausible resident ID number (GB 11643): a province code, a birth date
// that exists, and the ISO 7064 MOD 11-2 check character.
func validID18(d []byte, check byte) bool {
	if len(d) != 17 || !validProvince(d[0], d[1]) || !validDate(atoi(d[6:10]), atoi(d[10:12]), atoi(d[12:14])) {
		return false
	}
	return id18Check(d) == byte(upper(rune(check)))
}

// id18Check returns the check character of the first 17 digits of an ID
// number: the weights are 2^(17-i) mod 11.
func id18Check(d []byte) byte {
	weights := [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i, w := range weights {
		sum += int(d[i]-'0') * w
	}
	return "10X98765432"[sum%11]
}

// validID15 reports whether 15 digits form a plausible first-generation ID
// number: a province code and a birth date 19YYMMDD that exists. These
// numbers carry no check digit.
func validID15(d []byte) bool {
	return len(d) == 15 && validProvince(d[0], d[1]) &&
		validDate(1900+atoi(d[6:8]), atoi(d[8:10]), atoi(d[10:12]))
}

// validProvince reports whether two digits are a GB/T 2260 province code,
// one of 81–83 used by the residence permits of Hong Kong, Macao and Taiwan
// residents, or 9 and a region digit, used by foreigners' permanent
// residence ID cards.
func validProvince(a, b byte) bool {
	switch a {
	case '1':
		return b >= '1' && b <= '5'
	case '2':
		return b >= '1' && b <= '3'
	case '3':
		return b >= '1' && b <= '7'
	case '4':
		return b >= '1' && b <= '6'
	case '5':
		return b >= '0' && b <= '4'
	case '6':
		return b >= '1' && b <= '5'
	case '7':
		return b == '1'
	case '8':
		return b >= '1' && b <= '3'
	case '9':
		return b >= '1' && b <= '6'
	}
	return false
}

// validDate reports whether the date exists, for years 1900 to 2099.
func validDate(y, m, d int) bool {
	if y < 1900 || y > 2099 || m < 1 || m > 12 || d < 1 {
		return false
	}
	days := [13]int{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m]
	if m == 2 && y%4 == 0 && (y%100 != 0 || y%400 == 0) {
		days = 29
	}
	return d <= days
}

// bankPrefix reports whether a card number starts like a payment card:
// 3 (JCB, American Express), 4 (Visa), 5 (Mastercard), 6 (UnionPay,
// Discover), 9 (older domestic cards), or 2221–2720 (Mastercard's 2-series,
// 16 digits). This keeps order numbers that begin with a year (2019…) out.
func bankPrefix(d []byte) bool {
	switch d[0] {
	case '3', '4', '5', '6', '9':
		return true
	case '2':
		p := atoi(d[:4])
		return len(d) == 16 && p >= 2221 && p <= 2720
	}
	return false
}

// luhn reports whether the last digit of d is its Luhn check digit.
func luhn(d []byte) bool {
	sum := 0
	for i := range d {
		v := int(d[len(d)-1-i] - '0')
		if i%2 == 1 {
			v *= 2
			if v > 9 {
				v -= 9
			}
		}
		sum += v
	}
	return sum%10 == 0
}

// atoi returns the value of a short run of ASCII digits.
func atoi(d []byte) int {
	v := 0
	for _, c := range d {
		v = v*10 + int(c-'0')
	}
	return v
}
