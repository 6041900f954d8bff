package lifecycle

import "fmt"

// Code names why an action was refused. The API maps each code to an HTTP
// status and the catalogue to a Chinese sentence, so the code is the
// contract and the English text is only for logs.
type Code string

// The refusal codes.
const (
	CodeUnknownAction Code = "unknown_action"
	CodeForbidden     Code = "forbidden"
	CodeWrongState    Code = "wrong_state"
	CodeNoteRequired  Code = "note_required"
	CodeExtensionUsed Code = "extension_used"
	CodeExtensionDays Code = "extension_days"
	CodeSuperviseDays Code = "supervise_days"
	CodeNoPending     Code = "nothing_pending"
	CodeSameUnit      Code = "same_unit"
	CodeReplyPending  Code = "reply_pending"
	CodeFollowupLimit Code = "followup_limit"
	CodeRatingClosed  Code = "rating_closed"
)

// Error is a refused action.
type Error struct {
	Code   Code
	Action Action // what was tried
	State  State  // the state it was tried in
	// Limit is the bound that was passed, for the extension and follow-up
	// limits, which a board may set itself.
	Limit int
	msg   string
}

func (e *Error) Error() string { return "lifecycle: " + e.msg }

func errorf(code Code, format string, args ...any) error {
	return &Error{Code: code, msg: fmt.Sprintf(format, args...)}
}

// overLimit is a refusal for passing a bound of the policy.
func overLimit(code Code, limit int, format string) error {
	return &Error{Code: code, Limit: limit, msg: fmt.Sprintf(format, limit)}
}
