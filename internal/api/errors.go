package api

import (
	"errors"
	"log/slog"
	"net/http"

	"liuyan/internal/catalog"
	"liuyan/internal/lifecycle"
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
	writeJSON(w, status, problemBody(code, catalog.T(key, args...)))
}

func problemBody(code, msg string) errorBody {
	var b errorBody
	b.Error.Code, b.Error.Message = code, msg
	return b
}

// lifecycleStatus maps refusals to HTTP: the wrong person is 403, the
// wrong moment 409, wrong content 422.
var lifecycleStatus = map[lifecycle.Code]int{
	lifecycle.CodeForbidden:     http.StatusForbidden,
	lifecycle.CodeWrongState:    http.StatusConflict,
	lifecycle.CodeNoteRequired:  http.StatusUnprocessableEntity,
	lifecycle.CodeExtensionUsed: http.StatusConflict,
	lifecycle.CodeExtensionDays: http.StatusUnprocessableEntity,
	lifecycle.CodeSuperviseDays: http.StatusUnprocessableEntity,
	lifecycle.CodeNoPending:     http.StatusConflict,
	lifecycle.CodeSameUnit:      http.StatusUnprocessableEntity,
	lifecycle.CodeReplyPending:  http.StatusConflict,
	lifecycle.CodeFollowupLimit: http.StatusConflict,
	lifecycle.CodeRatingClosed:  http.StatusConflict,
	lifecycle.CodeUnknownAction: http.StatusBadRequest,
}

// statusOf maps an explained problem to HTTP: the wrong person is 403,
// the wrong moment 409, wrong content 422, bad encoding 400.
func statusOf(code string) int {
	if s, ok := lifecycleStatus[lifecycle.Code(code)]; ok {
		return s
	}
	switch code {
	case "not_found":
		return http.StatusNotFound
	case "already_rated", "term_taken", "term_in_use", "already_supported", "already_answered", "campaign_upcoming", "campaign_closed",
		"questionnaire_upcoming", "questionnaire_closed", "results_not_yet":
		return http.StatusConflict
	case "unauthorized":
		return http.StatusUnauthorized
	case "invalid_utf8":
		return http.StatusBadRequest
	}
	return http.StatusUnprocessableEntity
}

// fail turns any error from below into the right answer. Unknown errors
// are logged and answered with a plain 500, never with their text.
func (a *API) fail(w http.ResponseWriter, r *http.Request, err error) {
	a.failWith(w, r, a.Desk.Explain, err)
}

// failWith is fail with another explainer, one that knows more errors
// than the Desk's (internal/participation's).
func (a *API) failWith(w http.ResponseWriter, r *http.Request, explain func(error) (workflow.Problem, bool), err error) {
	if p, ok := explain(err); ok {
		writeJSON(w, statusOf(p.Code), problemBody(p.Code, p.Message()))
		return
	}
	switch {
	case errors.Is(err, errUnauthorized):
		writeError(w, r, http.StatusUnauthorized, "unauthorized", "error.unauthorized")
	case errors.Is(err, errBadJSON):
		writeError(w, r, http.StatusBadRequest, "bad_json", "error.bad_json")
	case errors.Is(err, errInvalidUTF8):
		writeError(w, r, http.StatusBadRequest, "invalid_utf8", "error.invalid_utf8")
	case errors.Is(err, errTooLarge):
		writeError(w, r, http.StatusRequestEntityTooLarge, "body_too_large", "error.body_too_large")
	case store.IsUnavailable(err):
		// The database is away (a restart, a failover): nothing was
		// stored, and the client should simply try again shortly.
		a.Log.Warn("database unavailable", slog.String("path", r.URL.Path), slog.Any("err", err))
		w.Header().Set("Retry-After", "5")
		writeError(w, r, http.StatusServiceUnavailable, "unavailable", "error.unavailable")
	default:
		a.Log.Error("request failed", slog.String("method", r.Method), slog.String("path", r.URL.Path), slog.Any("err", err))
		writeError(w, r, http.StatusInternalServerError, "internal", "error.internal")
	}
}
