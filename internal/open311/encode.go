package open311

import (
	"encoding/json"
	"encoding/xml"
	"net/http"
	"strings"
)

// format is json or xml, from the path's extension.
type format string

// formatOf splits "requests.json" into "requests" and json. Open311 names
// the format by extension; a path without one is refused.
func formatOf(name string) (string, format, bool) {
	switch {
	case strings.HasSuffix(name, ".json"):
		return strings.TrimSuffix(name, ".json"), "json", true
	case strings.HasSuffix(name, ".xml"):
		return strings.TrimSuffix(name, ".xml"), "xml", true
	}
	return name, "", false
}

// write encodes v; for XML, root names the outer element and, when v is a
// list, item names each entry (<services><service>…), as the spec gives.
func write(w http.ResponseWriter, f format, status int, root, item string, v any) {
	if f == "xml" {
		w.Header().Set("Content-Type", "text/xml; charset=utf-8")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(xml.Header))
		enc := xml.NewEncoder(w)
		start := xml.StartElement{Name: xml.Name{Local: root}}
		if items, ok := v.([]any); ok {
			_ = enc.EncodeToken(start)
			for _, it := range items {
				_ = enc.EncodeElement(it, xml.StartElement{Name: xml.Name{Local: item}})
			}
			_ = enc.EncodeToken(start.End())
		} else {
			_ = enc.EncodeElement(v, start)
		}
		_ = enc.Flush()
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

// apiError is one entry of the spec's errors list.
type apiError struct {
	Code        int    `json:"code" xml:"code"`
	Description string `json:"description" xml:"description"`
}

func writeErr(w http.ResponseWriter, f format, status int, description string) {
	if f == "" {
		f = "json"
	}
	write(w, f, status, "errors", "error", []any{apiError{Code: status, Description: description}})
}

// list turns a typed slice into the []any that write expects.
func list[T any](xs []T) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}
