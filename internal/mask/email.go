package mask

// emails finds e-mail addresses: a local part of letters, digits and
// ._%+-* before an at sign, and a domain of at least two labels whose last
// label is two or more letters. '*' is accepted in the local part so that a
// masked address is still recognised as the same address, which keeps Text
// idempotent.
func (t *text) emails() []match {
	var out []match
	prevEnd := 0
	for k, c := range t.r {
		if c != '@' {
			continue
		}
		start := k
		for start > prevEnd && isLocal(t.r[start-1]) {
			start--
		}
		for start < k && t.r[start] == '.' {
			start++
		}
		if start == k {
			continue
		}
		end := t.domainEnd(k + 1)
		if end < 0 {
			continue
		}
		out = append(out, match{start: start, end: end, from: start, to: k, head: 1, kind: KindEmail})
		prevEnd = end
	}
	return out
}

func isLocal(r rune) bool {
	switch r {
	case '.', '_', '%', '+', '-', '*':
		return true
	}
	return isAlnum(r)
}

// domainEnd returns the end of the longest domain starting at rune p, or -1
// when there is none.
func (t *text) domainEnd(p int) int {
	end := -1
	labels := 0
	for q := p; ; q++ {
		start := q
		letters := true
		for q < len(t.r) && (isAlnum(t.r[q]) || t.r[q] == '-') {
			letters = letters && isLetter(t.r[q])
			q++
		}
		if q == start {
			return end
		}
		labels++
		if labels >= 2 && letters && q-start >= 2 {
			end = q
		}
		if t.at(q) != '.' {
			return end
		}
	}
}
