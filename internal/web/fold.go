package web

import (
	"regexp"
	"strings"

	"liuyan/internal/catalog"
)

// constantText matches a catalogue string without arguments, {{t "key"}}.
var constantText = regexp.MustCompile(`\{\{t "([A-Za-z0-9_.]+)"\}\}`)

// htmlText escapes text as html/template escapes a value in HTML text and
// RCDATA (title, textarea), byte for byte.
var htmlText = strings.NewReplacer("\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;")

// foldConstants writes the catalogue's strings into a template's source
// where the page shows them as text, so rendering copies them rather than
// calling t and the escaper through reflection for each: a page shows
// dozens, and they were a good part of a public page's cost. Only text
// between tags is folded, where the escaping is known; inside a tag (an
// attribute) and inside script or style the call stays for html/template
// to escape by context.
func foldConstants(src string) string {
	var b strings.Builder
	b.Grow(len(src))
	inTag, raw := false, false
	for i := 0; i < len(src); {
		if strings.HasPrefix(src[i:], "{{") {
			end := strings.Index(src[i:], "}}")
			if end < 0 {
				b.WriteString(src[i:])
				break
			}
			action := src[i : i+end+2]
			if m := constantText.FindStringSubmatch(action); m != nil && len(m[0]) == len(action) && !inTag && !raw {
				b.WriteString(htmlText.Replace(catalog.T(m[1])))
			} else {
				b.WriteString(action)
			}
			i += len(action)
			continue
		}
		c := src[i]
		switch {
		case c == '<' && !inTag && i+1 < len(src) && (isLetter(src[i+1]) || src[i+1] == '/' || src[i+1] == '!'):
			inTag = true
			rest := strings.ToLower(src[i+1:])
			if strings.HasPrefix(rest, "script") || strings.HasPrefix(rest, "style") {
				raw = true
			} else if strings.HasPrefix(rest, "/script") || strings.HasPrefix(rest, "/style") {
				raw = false
			}
		case c == '>' && inTag:
			inTag = false
		}
		b.WriteByte(c)
		i++
	}
	return b.String()
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
