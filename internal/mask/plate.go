package mask

import "strings"

// provinces are the one-character province abbreviations that begin a
// civilian plate (GA 36).
const provinces = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"

// plateSuffixes end a plate with four serial characters: 学 (driving school),
// 警 (police), 挂 (trailer), 港/澳 (Hong Kong and Macao), 领 (consulate),
// 试 (test) and 超 (oversize).
const plateSuffixes = "学警挂港澳领试超"

// plates finds plate numbers: a province character, the letter of the
// issuing city, an optional separator (·, a space, a dash or a dot), then
// either five serial characters (letters other than I and O, at least three
// digits), six for new-energy vehicles (D or F first or last), or four
// followed by one of plateSuffixes. The serial must not run on into more
// letters or digits. Only the serial is masked.
func (t *text) plates(out []match) []match {
	for k := 0; k+3 < len(t.r); k++ {
		if !isLetter(t.r[k+1]) || !strings.ContainsRune(provinces, t.r[k]) {
			continue
		}
		p := k + 2
		if isPlateSep(t.r[p]) {
			p++
		}
		n := 0
		for p+n < len(t.r) && isAlnum(t.r[p+n]) {
			n++
		}
		serial := t.r[p : p+n]
		end := p + n
		switch {
		case n == 6 && newEnergySerial(serial):
		case n == 5 && serialDigits(serial) >= 3:
		case n == 4 && serialDigits(serial) >= 3 && strings.ContainsRune(plateSuffixes, t.at(end)):
			end++
		default:
			continue
		}
		out = append(out, match{start: k, end: end, from: p, to: p + n, kind: KindPlate})
		k = end - 1
	}
	return out
}

func isPlateSep(r rune) bool {
	switch r {
	case '·', '•', '∙', '・', '･', '.', '-', ' ':
		return true
	}
	return false
}

// serialDigits returns how many digits the serial has, or -1 when it holds
// I or O, which plates never use because they look like 1 and 0.
func serialDigits(serial []rune) int {
	digits := 0
	for _, r := range serial {
		switch upper(r) {
		case 'I', 'O':
			return -1
		}
		if isDigit(r) {
			digits++
		}
	}
	return digits
}

// newEnergySerial reports whether a six-character serial is a new-energy
// one: D or F (electric or hybrid) then five characters with at most one
// letter (small vehicles), or five digits then D or F (large vehicles).
func newEnergySerial(serial []rune) bool {
	isDF := func(r rune) bool { r = upper(r); return r == 'D' || r == 'F' }
	if isDF(serial[0]) && serialDigits(serial[1:]) >= 4 {
		return true
	}
	return isDF(serial[5]) && serialDigits(serial[:5]) == 5
}
