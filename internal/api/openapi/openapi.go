package openapi

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"slices"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
)

//go:embed openapi.yaml
var source []byte

// load parses and validates the document once. The YAML keeps repeated
// action operations as anchors under x-templates, which the parser
// expands; the extension itself is dropped from what clients see.
var load = sync.OnceValues(func() (*openapi3.T, error) {
	doc, err := openapi3.NewLoader().LoadFromData(source)
	if err != nil {
		return nil, fmt.Errorf("openapi: unable to load: %w", err)
	}
	delete(doc.Extensions, "x-templates")
	if err := doc.Validate(context.Background()); err != nil {
		return nil, fmt.Errorf("openapi: invalid document: %w", err)
	}
	return doc, nil
})

// Doc returns the parsed, validated document.
func Doc() (*openapi3.T, error) { return load() }

// Register serves the document and its page.
func Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /api/openapi.json", serveJSON)
	mux.HandleFunc("GET /api/docs", servePage)
}

func serveJSON(w http.ResponseWriter, r *http.Request) {
	doc, err := Doc()
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	b, err := json.Marshal(doc)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_, _ = w.Write(b)
}

// operation is one row of the readable page.
type operation struct {
	Method, Path, Summary, Description string
	Auth                               bool
	Params                             []string
	Body                               string
	Statuses                           []string
}

var page = template.Must(template.New("docs").Parse(`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>{{.Title}}</title>
<style>
body{font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;max-width:960px;margin:0 auto;padding:1rem;color:#222;line-height:1.6}
h1{color:#b5121b}code,pre{font-family:ui-monospace,Menlo,Consolas,monospace;background:#f6f6f6;border-radius:4px}
pre{padding:.6rem;overflow:auto;font-size:.85rem}section{border-top:1px solid #ddd;padding:.6rem 0}
.m{display:inline-block;min-width:4.5em;font-weight:700}.get{color:#1565c0}.post{color:#2e7d32}.lock{color:#b5121b;font-size:.85rem}
</style></head><body>
<h1>{{.Title}}</h1><p>{{.Summary}}</p><p>机器可读的文档：<a href="/api/openapi.json">/api/openapi.json</a>（OpenAPI {{.Version}}）</p>
{{range .Ops}}<section><div><span class="m {{.Method}}">{{.Method}}</span> <code>{{.Path}}</code>{{if .Auth}} <span class="lock">需登录</span>{{end}}</div>
<div>{{.Summary}}</div>{{if .Description}}<div>{{.Description}}</div>{{end}}
{{if .Params}}<div>参数：{{range .Params}}<code>{{.}}</code> {{end}}</div>{{end}}
{{if .Body}}<pre>{{.Body}}</pre>{{end}}
<div>返回：{{range .Statuses}}<code>{{.}}</code> {{end}}</div></section>{{end}}
</body></html>`))

func servePage(w http.ResponseWriter, r *http.Request) {
	doc, err := Doc()
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	var ops []operation
	paths := doc.Paths.InMatchingOrder()
	slices.Sort(paths)
	for _, p := range paths {
		item := doc.Paths.Value(p)
		for _, m := range []string{"GET", "POST"} {
			op := item.GetOperation(m)
			if op == nil {
				continue
			}
			o := operation{Method: strings.ToLower(m), Path: p, Summary: op.Summary, Description: op.Description,
				Auth: op.Security != nil && len(*op.Security) > 0}
			for _, prm := range op.Parameters {
				o.Params = append(o.Params, prm.Value.Name+"（"+prm.Value.In+"）")
			}
			if op.RequestBody != nil {
				if mt := op.RequestBody.Value.Content.Get("application/json"); mt != nil {
					b, _ := json.MarshalIndent(mt.Schema.Value, "", "  ")
					o.Body = string(b)
				}
			}
			o.Statuses = slices.Sorted(func(yield func(string) bool) {
				for code := range op.Responses.Map() {
					if !yield(code) {
						return
					}
				}
			})
			ops = append(ops, o)
		}
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_ = page.Execute(w, map[string]any{"Title": doc.Info.Title, "Summary": doc.Info.Summary, "Version": doc.OpenAPI, "Ops": ops})
}
