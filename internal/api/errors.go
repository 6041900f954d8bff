package api

import (
	"errors"
	"log/slog"
	"net/http"
	"strings"

	"liuyan/internal/account"
	"liuyan/internal/catalog"
	"liuyan/internal/lifecycle"
	"liuyan/internal/message"
	"liuyan/internal/password"
	"liuyan/internal/store"
	"liuyan/internal/workflow"
)

type errorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// writeError writes the error envelope with a catalogue sentence.
func writeError(w http.ResponseWriter, r *http.Request, status int, code, key string, args ...any) {
	var b errorBody
	b.Error.Code, b.Error.Message = code, catalog.T(key, args...)
	writeJSON(w, status, b)
}

// lifecycleStatus maps refusals to HTTP: the wrong person is 403, the
// wrong moment 409, wrong content 422.
var lifecycleStatus = map[lifecycle.Code]int{
	lifecycle.CodeForbidden:     http.StatusForbidden,
	lifecycle.CodeWrongState:    http.StatusConflict,
	lifecycle.CodeNoteRequired:  http.StatusUnprocessableEntity,
	lifecycle.CodeExtensionUsed: http.StatusConflict,
	lifecycle.CodeExtensionDays: http.StatusUnprocessableEntity,
	lifecycle.CodeNoPending:     http.StatusConflict,
	lifecycle.CodeSameUnit:      http.StatusUnprocessableEntity,
	lifecycle.CodeReplyPending:  http.StatusConflict,
	lifecycle.CodeFollowupLimit: http.StatusConflict,
	lifecycle.CodeRatingClosed:  http.StatusConflict,
	lifecycle.CodeUnknownAction: http.StatusBadRequest,
}

var accountKeys = map[error]string{
	account.ErrLoginInvalid: "error.login_invalid",
	account.ErrNameInvalid:  "error.name_invalid",
	account.ErrRoleInvalid:  "error.role_invalid",
	password.ErrTooShort:    "error.password_short",
	password.ErrTooLong:     "error.password_long",
	password.ErrTooSimple:   "error.password_simple",
}

// fail turns any error from below into the right answer. Unknown errors
// are logged and answered with a plain 500, never with their text.
func (a *API) fail(w http.ResponseWriter, r *http.Request, err error) {
	var le *lifecycle.Error
	var ie *message.InputError
	switch {
	case errors.As(err, &le):
		status := lifecycleStatus[le.Code]
		switch le.Code {
		case lifecycle.CodeWrongState:
			writeError(w, r, status, string(le.Code), "error.wrong_state",
				catalog.T("state."+string(le.State)), catalog.T("action."+string(le.Action)))
		case lifecycle.CodeNoteRequired:
			writeError(w, r, status, string(le.Code), "error.note_required", catalog.T("note."+string(le.Action)))
		case lifecycle.CodeExtensionDays:
			writeError(w, r, status, string(le.Code), "error.extension_days", a.Desk.Policy.MaxExtension)
		case lifecycle.CodeFollowupLimit:
			writeError(w, r, status, string(le.Code), "error.followup_limit", a.Desk.Policy.MaxFollowups)
		default:
			writeError(w, r, status, string(le.Code), "error."+string(le.Code))
		}
	case errors.As(err, &ie):
		status := http.StatusUnprocessableEntity
		if ie.Key == "error.invalid_utf8" {
			status = http.StatusBadRequest
		}
		writeError(w, r, status, strings.TrimPrefix(ie.Key, "error."), ie.Key, ie.Args...)
	case errors.Is(err, errUnauthorized):
		writeError(w, r, http.StatusUnauthorized, "unauthorized", "error.unauthorized")
	case errors.Is(err, errBadJSON):
		writeError(w, r, http.StatusBadRequest, "bad_json", "error.bad_json")
	case errors.Is(err, errInvalidUTF8):
		writeError(w, r, http.StatusBadRequest, "invalid_utf8", "error.invalid_utf8")
	case errors.Is(err, errTooLarge):
		writeError(w, r, http.StatusRequestEntityTooLarge, "body_too_large", "error.body_too_large")
	case errors.Is(err, workflow.ErrNotFound), errors.Is(err, store.ErrNotFound):
		writeError(w, r, http.StatusNotFound, "not_found", "error.not_found")
	case errors.Is(err, workflow.ErrAlreadyRated):
		writeError(w, r, http.StatusConflict, "already_rated", "error.already_rated")
	case accountKey(err) != "":
		key := accountKey(err)
		writeError(w, r, http.StatusUnprocessableEntity, strings.TrimPrefix(key, "error."), key)
	default:
		a.Log.Error("request failed", slog.String("method", r.Method), slog.String("path", r.URL.Path), slog.Any("err", err))
		writeError(w, r, http.StatusInternalServerError, "internal", "error.internal")
	}
}

func accountKey(err error) string {
	for e, key := range accountKeys {
		if errors.Is(err, e) {
			return key
		}
	}
	return ""
}
