package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"sort"
	"strings"
	"sync"
)

//go:embed static
var staticFS embed.FS

// asset is one static file, served under a URL with its checksum.
type asset struct {
	name  string // path under static/, such as "app.css"
	url   string // /static/<sum>/<name>
	sum   string
	ctype string
	body  []byte
}

// assets are the static files, the generated icons among them, by name.
type assets struct {
	byName map[string]*asset
	// version changes whenever any asset does; the service worker's cache
	// is named after it.
	version string
	// pages are the templates, parsed with the assets' URLs.
	pages *pages
}

// loadAssets reads the embedded static folder and draws the icons.
func loadAssets() (*assets, error) {
	a := &assets{byName: map[string]*asset{}}
	err := fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := staticFS.ReadFile(p)
		if err != nil {
			return err
		}
		a.add(strings.TrimPrefix(p, "static/"), body)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("web: unable to read static files: %w", err)
	}
	// The icons are drawn side by side: they are most of the start-up's
	// work, and a server starts on a machine with cores to spare.
	drawn := make([][]byte, len(icons))
	errs := make([]error, len(icons))
	var wg sync.WaitGroup
	for i, ic := range icons {
		wg.Go(func() { drawn[i], errs[i] = drawIcon(ic.size, ic.maskable) })
	}
	wg.Wait()
	for i, ic := range icons {
		if errs[i] != nil {
			return nil, fmt.Errorf("web: unable to draw icon %s: %w", ic.name, errs[i])
		}
		a.add(ic.name, drawn[i])
	}
	names := make([]string, 0, len(a.byName))
	for n := range a.byName {
		names = append(names, n)
	}
	sort.Strings(names)
	h := sha256.New()
	for _, n := range names {
		h.Write([]byte(a.byName[n].url))
	}
	a.version = hex.EncodeToString(h.Sum(nil))[:12]
	return a, nil
}

func (a *assets) add(name string, body []byte) {
	sum := sha256.Sum256(body)
	s := hex.EncodeToString(sum[:])[:12]
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	a.byName[name] = &asset{name: name, url: "/static/" + s + "/" + name, sum: s, ctype: ctype, body: body}
}

// URL is the checksummed address of a static file. An unknown name is a
// bug in a template, caught when the templates are first executed in tests.
func (a *assets) URL(name string) (string, error) {
	f, ok := a.byName[name]
	if !ok {
		return "", fmt.Errorf("web: no static file %q", name)
	}
	return f.url, nil
}

// urls lists every asset's URL, for the service worker to keep offline.
func (a *assets) urls() []string {
	out := make([]string, 0, len(a.byName))
	for _, f := range a.byName {
		if !strings.HasSuffix(f.name, ".txt") {
			out = append(out, f.url)
		}
	}
	sort.Strings(out)
	return out
}

// static serves a file whose URL carries its current checksum, cached for
// a year; a stale checksum is a 404, never the wrong content.
func (w *Web) static(rw http.ResponseWriter, r *http.Request) error {
	f, ok := w.assets.byName[r.PathValue("name")]
	if !ok || f.sum != r.PathValue("sum") {
		return errNotFound
	}
	rw.Header().Set("Content-Type", f.ctype)
	rw.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	_, err := rw.Write(f.body)
	return err
}
