package mask

// Numbers are read as chains of chunks. A chunk is a maximal run of digits
// and '*'; a chain is a run of chunks joined by exactly one space or dash
// ("138 1234 5678", "0731-88889999"), or an area code in brackets followed
// by the local number ("(0571)87654321"). A finding is always a whole number
// of chunks of one chain, so a phone number is never cut out of a longer run
// of digits.
//
// A chain holding a '*' is skipped: it has been masked before, by us or by
// the author, and leaving it alone is what makes Text idempotent, since
// masking turns digits into '*' without changing where chunks and chains
// begin and end.

type chunk struct {
	start, end int  // rune indices
	star       bool // holds a '*'
	paren      bool // is an area code in brackets joined to the next chunk
}

// maxDigits is the most digits a finding can have: a 19-digit bank card.
const maxDigits = 19

// numbers appends the phone, ID and bank card numbers of the text to out.
func (t *text) numbers(out []match) []match {
	var chain []chunk
	for k := 0; k < len(t.r); {
		if !isDigitOrStar(t.r[k]) {
			k++
			continue
		}
		c := chunk{start: k}
		for ; k < len(t.r) && isDigitOrStar(t.r[k]); k++ {
			c.star = c.star || t.r[k] == '*'
		}
		c.end = k
		if n := len(chain); n > 0 && !t.join(&chain[n-1], c) {
			out = t.chainNumbers(chain, out)
			chain = chain[:0]
		}
		chain = append(chain, c)
	}
	return t.chainNumbers(chain, out)
}

// join reports whether c continues the chain that ends with prev, and marks
// prev when the two are joined by a bracketed area code.
func (t *text) join(prev *chunk, c chunk) bool {
	sep := t.r[prev.end]
	gap := c.start - prev.end
	if gap == 1 && (sep == ' ' || sep == '-') {
		return true
	}
	if sep == ')' && t.at(prev.start-1) == '(' && (gap == 1 || (gap == 2 && t.r[prev.end+1] == ' ')) {
		prev.paren = true
		return true
	}
	return false
}

// chainNumbers appends the findings of one chain to out, scanning from the
// left and taking, at each chunk, the longest finding that starts there.
func (t *text) chainNumbers(cs []chunk, out []match) []match {
	for _, c := range cs {
		if c.star {
			return out
		}
	}
	for i := 0; i < len(cs); {
		m, last, ok := t.numberAt(cs, i)
		if !ok {
			i++
			continue
		}
		out = append(out, m)
		i = last + 1
	}
	return out
}

// numberAt returns the longest finding made of chunks cs[i..last].
func (t *text) numberAt(cs []chunk, i int) (best match, last int, found bool) {
	if i == 0 && !t.leftOK(cs[0].start) {
		return match{}, 0, false
	}
	var digitBuf [maxDigits]byte
	var lenBuf [maxDigits]int
	d, lens := digitBuf[:0], lenBuf[:0]
	for j := i; j < len(cs); j++ {
		c := cs[j]
		if len(d)+c.end-c.start > maxDigits {
			break
		}
		for k := c.start; k < c.end; k++ {
			d = append(d, byte(t.r[k]))
		}
		lens = append(lens, c.end-c.start)
		n := number{
			t: t, cs: cs, i: i, j: j, d: d, lens: lens,
			paren:   i == 0 && j > 0 && cs[0].paren,
			last:    j == len(cs)-1,
			rightOK: j < len(cs)-1 || t.rightOK(c.end),
		}
		if m, ok := n.match(); ok && (!found || m.end > best.end) {
			best, last, found = m, j, true
		}
	}
	return best, last, found
}

// leftOK reports whether a number may start at rune k: not straight after a
// letter (a product code, a road number like G60), an underscore, an at
// sign, or a decimal point.
func (t *text) leftOK(k int) bool {
	switch c := t.at(k - 1); {
	case isLetter(c), c == '@', c == '_':
		return false
	case c == '.':
		return !isDigitOrStar(t.at(k - 2))
	}
	return true
}

// rightOK reports whether a number may end before rune k; see leftOK.
func (t *text) rightOK(k int) bool {
	switch c := t.at(k); {
	case isLetter(c), c == '@', c == '_':
		return false
	case c == '.':
		return !isDigitOrStar(t.at(k + 1))
	}
	return true
}

func isDigitOrStar(r rune) bool { return isDigit(r) || r == '*' }

// number is the candidate made of chunks cs[i..j] of a chain: their digits
// d and lengths lens.
type number struct {
	t       *text
	cs      []chunk
	i, j    int
	d       []byte
	lens    []int
	paren   bool // uses the bracketed area code join: only a landline may
	last    bool // cs[j] ends the chain
	rightOK bool // nothing after cs[j] forbids an end there
}

// match tries the kinds from the most specific check to the least.
func (n number) match() (match, bool) {
	if n.paren {
		return n.landline()
	}
	if m, ok := n.id(); ok {
		return m, true
	}
	if m, ok := n.bank(); ok {
		return m, true
	}
	if m, ok := n.mobile(); ok {
		return m, true
	}
	return n.landline()
}

func (n number) span(kind string, head, tail int) match {
	start, end := n.cs[n.i].start, n.cs[n.j].end
	return match{start: start, end: end, from: start, to: end, head: head, tail: tail, kind: kind}
}

// id finds an 18-digit ID number (written whole or as 6-8-4, the last
// character possibly X) or a 15-digit one (whole or 6-6-3).
func (n number) id() (match, bool) {
	m := n.span(KindID, 1, 1)
	switch {
	case len(n.d) == 18 && n.rightOK && (shape(n.lens, 18) || shape(n.lens, 6, 8, 4)) && validID18(n.d[:17], n.d[17]):
	case len(n.d) == 17 && n.last && (shape(n.lens, 17) || shape(n.lens, 6, 8, 3)) &&
		upper(n.t.at(m.end)) == 'X' && n.t.rightOK(m.end+1) && validID18(n.d, 'X'):
		m.end++
		m.to++
	case len(n.d) == 15 && n.rightOK && (shape(n.lens, 15) || shape(n.lens, 6, 6, 3)) && validID15(n.d):
	default:
		return match{}, false
	}
	return m, true
}

// bank finds a 16–19 digit card number, whole or in groups of four.
func (n number) bank() (match, bool) {
	if len(n.d) < 16 || !n.rightOK || !(len(n.lens) == 1 || groupsOfFour(n.lens)) || !bankPrefix(n.d) || !luhn(n.d) {
		return match{}, false
	}
	return n.span(KindBank, 0, 4), true
}

// mobile finds an 11-digit mobile number, possibly after a country code 86,
// +86 or 0086.
func (n number) mobile() (match, bool) {
	if !n.rightOK {
		return match{}, false
	}
	m := n.span(KindPhone, 3, 2)
	plus := n.t.at(m.start-1) == '+'
	switch {
	case mobileShape(n.d, n.lens):
	case len(n.lens) > 1 && (string(n.d[:n.lens[0]]) == "86" || string(n.d[:n.lens[0]]) == "0086") &&
		mobileShape(n.d[n.lens[0]:], n.lens[1:]):
		m.from = n.cs[n.i+1].start
		if plus {
			m.start--
		}
	case len(n.d) == 13 && len(n.lens) == 1 && plus && string(n.d[:2]) == "86" && mobileShape(n.d[2:], []int{11}):
		m.from += 2
		m.start--
	default:
		return match{}, false
	}
	return m, true
}

func mobileShape(d []byte, lens []int) bool {
	return len(d) == 11 && d[0] == '1' && d[1] >= '3' && d[1] <= '9' &&
		(shape(lens, 11) || shape(lens, 3, 4, 4) || shape(lens, 3, 8) || shape(lens, 7, 4))
}

// landline finds an area code followed by a 7 or 8 digit local number:
// 0731-88889999, (0571)87654321, 0571 8765 4321, 073188889999.
func (n number) landline() (match, bool) {
	if !n.rightOK {
		return match{}, false
	}
	m := n.span(KindPhone, 0, 2)
	if len(n.lens) > 1 {
		a := n.lens[0]
		if !validArea(n.d[:a]) || !localShape(n.d[a:], n.lens[1:]) {
			return match{}, false
		}
		m.from = n.cs[n.i+1].start
		if n.paren {
			m.start--
		}
		return m, true
	}
	for _, a := range []int{3, 4} {
		if len(n.d) > a && validArea(n.d[:a]) && localShape(n.d[a:], []int{len(n.d) - a}) {
			m.from += a
			return m, true
		}
	}
	return match{}, false
}

// validArea reports whether a is a long-distance area code: 010 and 02x
// have three digits, the others four (0 then 3–9).
func validArea(a []byte) bool {
	switch len(a) {
	case 3:
		return a[0] == '0' && ((a[1] == '1' && a[2] == '0') || a[1] == '2')
	case 4:
		return a[0] == '0' && a[1] >= '3'
	}
	return false
}

// localShape reports whether d is a local telephone number: 7 or 8 digits,
// never starting with 0 or 1.
func localShape(d []byte, lens []int) bool {
	return (len(d) == 7 || len(d) == 8) && d[0] >= '2' &&
		(len(lens) == 1 || shape(lens, 3, 4) || shape(lens, 4, 4) || shape(lens, 4, 3))
}

// shape reports whether the chunk lengths are exactly want.
func shape(lens []int, want ...int) bool {
	if len(lens) != len(want) {
		return false
	}
	for i := range lens {
		if lens[i] != want[i] {
			return false
		}
	}
	return true
}

// groupsOfFour reports whether a card number is written in groups of four
// digits, the last group possibly shorter.
func groupsOfFour(lens []int) bool {
	if len(lens) < 2 {
		return false
	}
	for _, l := range lens[:len(lens)-1] {
		if l != 4 {
			return false
		}
	}
	return lens[len(lens)-1] <= 4
}
