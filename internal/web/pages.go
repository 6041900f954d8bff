package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"liuyan/internal/account"
	"liuyan/internal/calendar"
	"liuyan/internal/catalog"
	"liuyan/internal/lifecycle"
	"liuyan/internal/message"
	"liuyan/internal/region"
)

//go:embed templates
var templateFS embed.FS

// pages holds one template set per page: the shared layout and parts
// with the page's own "content".
type pages struct {
	byName map[string]*template.Template
}

func parsePages(a *assets) (*pages, error) {
	shared := []string{"templates/layout.html", "templates/parts.html"}
	files, err := fs.Glob(templateFS, "templates/pages/*.html")
	if err != nil {
		return nil, err
	}
	p := &pages{byName: map[string]*template.Template{}}
	// The layout and parts are parsed once and each page added to a copy:
	// parsing them again for every page was most of the templates' share
	// of the server's start.
	base, err := parseFiles(template.New("layout.html").Funcs(funcMap(a)), shared...)
	if err != nil {
		return nil, fmt.Errorf("web: unable to parse the layout: %w", err)
	}
	for _, f := range files {
		t, err := base.Clone()
		if err == nil {
			t, err = parseFiles(t, f)
		}
		if err != nil {
			return nil, fmt.Errorf("web: unable to parse %s: %w", f, err)
		}
		p.byName[strings.TrimSuffix(path.Base(f), ".html")] = t
	}
	return p, nil
}

// parseFiles adds the embedded files to t, each as a template named after
// its file as ParseFS names them, with the catalogue's constant strings
// folded in (foldConstants).
func parseFiles(t *template.Template, names ...string) (*template.Template, error) {
	for _, n := range names {
		src, err := fs.ReadFile(templateFS, n)
		if err != nil {
			return nil, err
		}
		into := t
		if base := path.Base(n); base != t.Name() {
			into = t.New(base)
		}
		if _, err := into.Parse(foldConstants(string(src))); err != nil {
			return nil, err
		}
	}
	return t, nil
}

// frame is what the layout needs on every page. Page data embeds it.
type frame struct {
	Title  string // the page's title, already in Chinese
	User   *account.User
	Nav    string // the navigation entry to mark as current
	Notice string // a confirmation after an action
	Search string // the search box's text
	Path   string // the request URI, for "sign in and come back"
	// Anonymous renders the page without the account, for the offline
	// page the service worker keeps.
	Anonymous bool
	// Feed is the page's Atom feed, served by internal/feed, for readers
	// that discover it from the page.
	Feed *feedLink
	// Unread counts the signed-in person's unread notifications, up to
	// unreadMost, for the link in the masthead.
	Unread int
}

type feedLink struct{ Title, URL string }

func (f *frame) base() *frame { return f }

type framed interface{ base() *frame }

// render executes a page into a buffer first, so that a failing template
// yields a clean error page instead of half a page.
func (w *Web) render(rw http.ResponseWriter, r *http.Request, status int, name string, data framed) error {
	body, err := w.execute(r, name, data)
	if err != nil {
		return err
	}
	return sendPage(rw, status, data.base().User != nil, body)
}

// execute renders a page for request r: the frame filled in for its
// viewer, then the template.
func (w *Web) execute(r *http.Request, name string, data framed) ([]byte, error) {
	t, ok := w.pages.byName[name]
	if !ok {
		return nil, fmt.Errorf("web: no page %q", name)
	}
	f := data.base()
	if !f.Anonymous {
		f.User = userOf(r)
	}
	if f.User != nil {
		n, err := w.store.UnreadNotifications(r.Context(), f.User.ID, f.User.UnitID, unreadMost)
		if err != nil {
			// The count is a courtesy: a page does not fail for it.
			w.log.Warn("unread notifications not counted", "err", err)
		}
		f.Unread = n
	}
	f.Path = r.URL.RequestURI()
	if done := r.URL.Query().Get("done"); done != "" && catalog.Has("web.done."+done) {
		f.Notice = catalog.T("web.done." + done)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", data); err != nil {
		return nil, fmt.Errorf("web: unable to render %s: %w", name, err)
	}
	return buf.Bytes(), nil
}

// sendPage sends a rendered page with the headers every page has.
func sendPage(rw http.ResponseWriter, status int, personal bool, body []byte) error {
	pageHeaders(rw, personal)
	rw.WriteHeader(status)
	_, err := rw.Write(body)
	return err
}

// pageHeaders sets a page's type and caching headers.
func pageHeaders(rw http.ResponseWriter, personal bool) {
	h := rw.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	// Pages of a signed-in person are theirs alone; public pages may be
	// kept but must be checked, as states change.
	if personal {
		h.Set("Cache-Control", "private, no-store")
	} else {
		h.Set("Cache-Control", "no-cache")
	}
	h.Set("Vary", "Cookie")
}

func funcMap(a *assets) template.FuncMap {
	return template.FuncMap{
		"t":     catalog.T,
		"asset": a.URL,
		// state and action take any string-like value, as templates pass
		// both lifecycle values and plain strings.
		"state":    func(s any) string { return catalog.T("state." + fmt.Sprint(s)) },
		"action":   func(a any) string { return catalog.T("action." + fmt.Sprint(a)) },
		"role":     func(r account.Role) string { return catalog.T("role." + string(r)) },
		"date":     func(t time.Time) string { return inChina(t, "2006-01-02") },
		"datetime": func(t time.Time) string { return inChina(t, "2006-01-02 15:04") },
		"excerpt":  excerpt,
		"pct":      pct,
		"rate":     rate,
		"mul100":   func(f float64) float64 { return f * 100 },
		"mean":     mean,
		"days":     workdays,
		// num64, lastDay and add serve the campaign and questionnaire
		// pages: int64 counts, exclusive end times, indexes.
		"num64":   func(n int64) string { return num(int(n)) },
		"lastDay": func(t time.Time) time.Time { return t.Add(-time.Second) },
		"add":     func(a, b int) int { return a + b },
		"num":     num,
		"stars":   func(n int) string { return strings.Repeat("★", n) + strings.Repeat("☆", 5-n) },
		"grade":   func(r *message.Rating) string { return catalog.T("grade." + strconv.Itoa(r.Grade())) },
		"regionName": func(code string) string {
			if r, ok := region.Get(code); ok {
				return r.Name
			}
			return ""
		},
		"regionFull": region.FullName,
		"short":      shortName,
		"has": func(acts []lifecycle.Action, name string) bool {
			for _, a := range acts {
				if string(a) == name {
					return true
				}
			}
			return false
		},
		// seq counts from one number to another, down when to is smaller.
		"seq": func(from, to int) []int {
			step := 1
			if to < from {
				step = -1
			}
			var out []int
			for i := from; i != to+step; i += step {
				out = append(out, i)
			}
			return out
		},
		"list": func(xs ...string) []string { return xs },
		"dict": func(kv ...any) (map[string]any, error) {
			if len(kv)%2 != 0 {
				return nil, fmt.Errorf("dict needs pairs")
			}
			m := make(map[string]any, len(kv)/2)
			for i := 0; i < len(kv); i += 2 {
				k, ok := kv[i].(string)
				if !ok {
					return nil, fmt.Errorf("dict key %v is not a string", kv[i])
				}
				m[k] = kv[i+1]
			}
			return m, nil
		},
	}
}

// inChina formats a time on the Chinese civil clock, which is what a
// reader anywhere expects of a Chinese board; the zero time is blank.
func inChina(t time.Time, layout string) string {
	if t.IsZero() {
		return ""
	}
	return t.In(calendar.China).Format(layout)
}

// excerpt cuts s to n characters with an ellipsis.
func excerpt(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// pct formats part/whole as a percentage with one decimal, or a dash when
// there is nothing to divide.
func pct(part, whole int) string {
	if whole == 0 {
		return "—"
	}
	return strconv.FormatFloat(float64(part)*100/float64(whole), 'f', 1, 64) + "%"
}

// num writes an integer with thousands separators.
func num(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + num(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// shortName is a province's name as a list of provinces shows it:
// 浙江 for 浙江省, 广西 for 广西壮族自治区, 北京 for 北京市.
func shortName(name string) string {
	for _, suffix := range []string{"壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "省", "市"} {
		if s, ok := strings.CutSuffix(name, suffix); ok && s != "" {
			return s
		}
	}
	return name
}
