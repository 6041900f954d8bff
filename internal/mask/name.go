package mask

import (
	"strings"
	"unicode/utf8"
)

// Name masks an author's display name for public pages. Surrounding spaces
// are dropped; then the first character is kept, and the last one too when
// the name has three or more characters, and every character between them
// becomes '*': "张三" → "张*", "欧阳修文" → "欧**文", "zhang123" →
// "z******3". A one-character name becomes "*", since keeping its first
// character would keep all of it. An empty name stays empty. Name is
// idempotent, and an invalid UTF-8 byte counts as one character.
func Name(s string) string {
	s = strings.TrimSpace(s)
	n := utf8.RuneCountInString(s)
	switch n {
	case 0:
		return ""
	case 1:
		return "*"
	}
	_, first := utf8.DecodeRuneInString(s)
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:first])
	if n == 2 {
		b.WriteByte('*')
		return b.String()
	}
	_, last := utf8.DecodeLastRuneInString(s)
	b.WriteString(strings.Repeat("*", n-2))
	b.WriteString(s[len(s)-last:])
	return b.String()
}
