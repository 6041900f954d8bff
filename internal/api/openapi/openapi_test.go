package openapi

import "testing"

func TestDocumentIsValid(t *testing.T) {
	doc, err := Doc()
	if err != nil {
		t.Fatal(err)
	}
	if doc.OpenAPI != "3.1.0" {
		t.Errorf("version %s", doc.OpenAPI)
	}
	for _, p := range []string{"/api/v1/messages", "/api/v1/messages/{id}/rating", "/api/v1/regions/{code}"} {
		if doc.Paths.Value(p) == nil {
			t.Errorf("no path %s", p)
		}
	}
	if op := doc.Paths.Value("/api/v1/messages/{id}/rating").Post; op == nil || op.RequestBody == nil {
		t.Error("the rating action lost its template")
	}
}
