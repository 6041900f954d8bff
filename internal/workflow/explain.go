package workflow

import (
	"errors"
	"strings"

	"liuyan/internal/account"
	"liuyan/internal/catalog"
	"liuyan/internal/lifecycle"
	"liuyan/internal/message"
	"liuyan/internal/password"
	"liuyan/internal/store"
	"liuyan/internal/vocab"
)

// Problem is an error explained for the person who caused it: a stable
// code for programs and a catalogue sentence for people.
type Problem struct {
	// Code is the API's error code, such as "title_empty" or "wrong_state".
	Code string
	// Key and Args give the sentence: catalog.T(Key, Args...).
	Key  string
	Args []any
}

// Message is the problem in Simplified Chinese.
func (p Problem) Message() string { return catalog.T(p.Key, p.Args...) }

// accountKeys are the catalogue keys of account and password validation.
var accountKeys = map[error]string{
	account.ErrLoginInvalid: "error.login_invalid",
	account.ErrNameInvalid:  "error.name_invalid",
	account.ErrRoleInvalid:  "error.role_invalid",
	account.ErrEmailInvalid: "error.email_invalid",
	password.ErrTooShort:    "error.password_short",
	password.ErrTooLong:     "error.password_long",
	password.ErrTooSimple:   "error.password_simple",
}

// Explain says what to tell a person about an error from the Desk, the
// lifecycle, message or account validation, or the store's not-found.
// It reports false for anything else, which is a fault of ours to log,
// not a sentence to show. The API and the web pages both explain errors
// here, so that a refusal reads the same everywhere.
func (d *Desk) Explain(err error) (Problem, bool) {
	var le *lifecycle.Error
	var ie *message.InputError
	var vp *vocab.Problem
	switch {
	case errors.As(err, &vp):
		return Problem{Code: strings.TrimPrefix(vp.Key, "error."), Key: vp.Key, Args: vp.Args}, true
	case errors.As(err, &le):
		p := Problem{Code: string(le.Code), Key: "error." + string(le.Code)}
		switch le.Code {
		case lifecycle.CodeWrongState:
			p.Args = []any{catalog.T("state." + string(le.State)), catalog.T("action." + string(le.Action))}
		case lifecycle.CodeNoteRequired:
			p.Args = []any{catalog.T("note." + string(le.Action))}
		case lifecycle.CodeExtensionDays, lifecycle.CodeFollowupLimit, lifecycle.CodeSuperviseDays:
			p.Args = []any{le.Limit}
		}
		return p, true
	case errors.As(err, &ie):
		return Problem{Code: strings.TrimPrefix(ie.Key, "error."), Key: ie.Key, Args: ie.Args}, true
	case errors.Is(err, ErrNotFound), errors.Is(err, store.ErrNotFound):
		return Problem{Code: "not_found", Key: "error.not_found"}, true
	case errors.Is(err, ErrAlreadyRated):
		return Problem{Code: "already_rated", Key: "error.already_rated"}, true
	}
	for e, key := range accountKeys {
		if errors.Is(err, e) {
			return Problem{Code: strings.TrimPrefix(key, "error."), Key: key}, true
		}
	}
	return Problem{}, false
}
