package web

import (
	"errors"
	"net/http"
	"strings"

	"liuyan/internal/lifecycle"
)

// form is a submitted form as the page shows it back: what the person
// typed, and the error beside each field that was wrong, or a form-level
// error that belongs to no field.
type form struct {
	Values map[string]string
	Errors map[string]string
	Error  string
}

func newForm() *form {
	return &form{Values: map[string]string{}, Errors: map[string]string{}}
}

// readForm keeps the named fields of a request, trimmed of the spaces
// around them.
func readForm(r *http.Request, names ...string) *form {
	f := newForm()
	for _, n := range names {
		f.Values[n] = strings.TrimSpace(r.PostFormValue(n))
	}
	return f
}

// V is a field's value; E is its error. A nil form has neither, so that
// a page shown for the first time needs no empty form.
func (f *form) V(name string) string {
	if f == nil {
		return ""
	}
	return f.Values[name]
}

// E is the error to show beside a field.
func (f *form) E(name string) string {
	if f == nil {
		return ""
	}
	return f.Errors[name]
}

// Failed says whether any error was recorded.
func (f *form) Failed() bool {
	return f != nil && (len(f.Errors) > 0 || f.Error != "")
}

// fieldOf says which field of a form a problem code belongs to; problems
// of no field are shown above the form.
var fieldOf = map[string]string{
	"title_empty": "title", "title_too_long": "title",
	"body_empty": "body", "body_too_long": "body",
	"unknown_type": "type", "unknown_domain": "domain", "unknown_board": "board_id",
	"too_many_tags": "tags", "tag_too_long": "tags",
	"note_required": "note", "note_too_long": "note",
	"extension_days": "days", "supervise_days": "days", "unknown_unit": "unit_id", "same_unit": "unit_id",
	"rating_range":  "rating",
	"login_invalid": "login", "login_taken": "login", "name_invalid": "name",
	"password_short": "password", "password_long": "password", "password_simple": "password",
}

// explain records an error from the Desk or validation on the form,
// beside its field when it has one, and returns the status to answer
// with: 403 for the wrong person, 422 for the rest. It returns 0 for
// errors that are no fault of the person, which the caller returns as a
// server error.
func (w *Web) explain(f *form, err error) int {
	p, ok := w.part.Explain(err) // the Desk's explanations and those of campaigns and questionnaires
	if !ok {
		return 0
	}
	if field, ok := fieldOf[p.Code]; ok {
		f.Errors[field] = p.Message()
	} else {
		f.Error = p.Message()
	}
	if p.Code == string(lifecycle.CodeForbidden) {
		return http.StatusForbidden
	}
	return http.StatusUnprocessableEntity
}

// parseForm reads a url-encoded form of at most maxFormBytes.
func parseForm(rw http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(rw, r.Body, maxFormBytes)
	err := r.ParseForm()
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return errTooLarge
	case err != nil:
		return errBadForm
	}
	return nil
}
