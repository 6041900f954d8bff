package web

import (
	"bytes"
	"html/template"
	"strings"
	"testing"

	"liuyan/internal/catalog"
)

// TestFoldConstants checks that folding the catalogue's strings into a
// template changes nothing a page shows: the same bytes in text, in
// RCDATA and beside attributes, which keep their calls.
func TestFoldConstants(t *testing.T) {
	src := `<title>{{t "web.site.name"}}</title>
<p class="x" title="{{t "web.site.tagline"}}">{{t "web.site.name"}} · {{t "web.footer.about"}}{{if true}}<b>{{t "web.nav.home"}}</b>{{end}}</p>
<textarea>{{t "web.site.description"}}</textarea><a href="/?q={{t "web.nav.search"}}">{{t "web.nav.search" }}</a>
<script src="/x.js"></script>{{t "web.skip"}}<img alt="{{t "web.skip"}}">`
	folded := foldConstants(src)
	if n := strings.Count(folded, "{{t "); n != 4 {
		t.Errorf("%d calls left, want the three in attributes and the one not written as {{t \"key\"}}:\n%s", n, folded)
	}
	render := func(s string) string {
		tm := template.Must(template.New("x").Funcs(template.FuncMap{"t": catalog.T}).Parse(s))
		var b bytes.Buffer
		if err := tm.Execute(&b, nil); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	if a, b := render(src), render(folded); a != b {
		t.Errorf("folded page differs:\n%s\n%s", a, b)
	}
	// A string with every character the escaper changes, as html/template
	// escapes it in text.
	odd := "a&b<c>\"d'e+f\x00"
	var b bytes.Buffer
	if err := template.Must(template.New("y").Parse("{{.}}")).Execute(&b, odd); err != nil {
		t.Fatal(err)
	}
	if got := htmlText.Replace(odd); got != b.String() {
		t.Errorf("escaped %q, html/template %q", got, b.String())
	}
}
