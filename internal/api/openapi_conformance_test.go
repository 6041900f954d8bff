package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"

	"liuyan/internal/api"
	"liuyan/internal/api/openapi"
)

var router = sync.OnceValues(func() (routers.Router, error) {
	doc, err := openapi.Doc()
	if err != nil {
		return nil, err
	}
	// The document's server is relative ("/"); the test servers listen on
	// random ports, so match paths alone.
	c := *doc
	c.Servers = nil
	return legacy.NewRouter(&c)
})

// conformsToOpenAPI checks every API answer the tests receive against the
// OpenAPI document: the path and method must be documented, the status
// listed, and the body must match its schema. So every test of this
// package is also a test of the document.
func conformsToOpenAPI(t *testing.T, req *http.Request, res *http.Response) {
	t.Helper()
	if !strings.HasPrefix(req.URL.Path, "/api/v1/") {
		return
	}
	rt, err := router()
	if err != nil {
		t.Fatal(err)
	}
	route, params, err := rt.FindRoute(req)
	if err != nil {
		t.Errorf("%s %s is not in the OpenAPI document: %v", req.Method, req.URL.Path, err)
		return
	}
	raw, _ := io.ReadAll(res.Body)
	res.Body.Close()
	res.Body = io.NopCloser(bytes.NewReader(raw))
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route,
			Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}},
		Status:  res.StatusCode,
		Header:  res.Header,
		Body:    io.NopCloser(bytes.NewReader(raw)),
		Options: &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	}
	if err := openapi3filter.ValidateResponse(context.Background(), in); err != nil {
		t.Errorf("%s %s → %d does not match the OpenAPI document: %v\n%s", req.Method, req.URL.Path, res.StatusCode, err, clip(raw))
	}
}

func clip(b []byte) string {
	if len(b) > 400 {
		return string(b[:400]) + "…"
	}
	return string(b)
}

// TestDocumentServed checks the document and its page are served.
func TestDocumentServed(t *testing.T) {
	mux := http.NewServeMux()
	openapi.Register(mux)
	for path, want := range map[string]string{"/api/openapi.json": `"openapi":"3.1.0"`, "/api/docs": "/api/v1/messages/{id}/rating"} {
		req, _ := http.NewRequest("GET", path, nil)
		rec := &recorder{header: http.Header{}}
		mux.ServeHTTP(rec, req)
		if rec.status != 0 && rec.status != 200 || !strings.Contains(rec.body.String(), want) {
			t.Errorf("%s: %d %s", path, rec.status, clip(rec.body.Bytes()))
		}
	}
	var doc map[string]any
	req, _ := http.NewRequest("GET", "/api/openapi.json", nil)
	rec := &recorder{header: http.Header{}}
	mux.ServeHTTP(rec, req)
	if err := json.Unmarshal(rec.body.Bytes(), &doc); err != nil || doc["x-templates"] != nil {
		t.Errorf("served document: %v, templates leaked: %v", err, doc["x-templates"] != nil)
	}
}

type recorder struct {
	header http.Header
	body   bytes.Buffer
	status int
}

func (r *recorder) Header() http.Header         { return r.header }
func (r *recorder) Write(b []byte) (int, error) { return r.body.Write(b) }
func (r *recorder) WriteHeader(s int)           { r.status = s }

// routeList is an api.Mux that only notes the patterns registered on it.
type routeList []string

func (l *routeList) HandleFunc(pattern string, _ func(http.ResponseWriter, *http.Request)) {
	*l = append(*l, pattern)
}

// TestEveryRouteDocumented registers every API route the server serves
// on a recorder and wants each /api/v1 route in the OpenAPI document with
// its method, and each documented operation served: a route added without
// its description, or a description left behind, fails here.
func TestEveryRouteDocumented(t *testing.T) {
	var routes routeList
	a := &api.API{}
	a.Register(&routes)
	a.RegisterStats(&routes, nil)
	a.RegisterParticipation(&routes, nil)
	doc, err := openapi.Doc()
	if err != nil {
		t.Fatal(err)
	}
	served := map[string]bool{}
	for _, pattern := range routes {
		method, path, ok := strings.Cut(pattern, " ")
		if !ok || !strings.HasPrefix(path, "/api/v1/") {
			continue
		}
		served[method+" "+path] = true
		if item := doc.Paths.Value(path); item == nil || item.GetOperation(method) == nil {
			t.Errorf("%s is served but not in the OpenAPI document", pattern)
		}
	}
	if len(served) < 50 {
		t.Fatalf("only %d routes recorded: %v", len(served), routes)
	}
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			if !served[method+" "+path] {
				t.Errorf("%s %s is in the OpenAPI document but not served", method, path)
			}
		}
	}
}
