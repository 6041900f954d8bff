package api

import (
	"net/http"
	"strconv"

	"liuyan/internal/lifecycle"
	"liuyan/internal/message"
	"liuyan/internal/workflow"
)

// actionBody is every field an action endpoint accepts; each action reads
// the ones it needs.
type actionBody struct {
	Reason     string `json:"reason"`
	Note       string `json:"note"`
	Body       string `json:"body"`
	UnitID     int64  `json:"unit_id"`
	Days       int    `json:"days"` // extend: extra working days; supervise: working days to the new deadline
	Kind       string `json:"kind"`
	Resolution int    `json:"resolution"`
	Attitude   int    `json:"attitude"`
	Speed      int    `json:"speed"`
	Comment    string `json:"comment"`
	Domain     string `json:"domain"`
}

// actionRoutes maps the path after /api/v1/messages/{id}/ to its action;
// "replies" is decided by the body's kind.
var actionRoutes = map[string]lifecycle.Action{
	"accept":          lifecycle.Accept,
	"reject":          lifecycle.Reject,
	"assign":          lifecycle.Assign,
	"sign":            lifecycle.Sign,
	"return":          lifecycle.Return,
	"transfer":        lifecycle.Transfer,
	"extend":          lifecycle.RequestExtend,
	"extend/approve":  lifecycle.ApproveExtend,
	"replies":         lifecycle.FinalReply,
	"replies/approve": lifecycle.ApproveReply,
	"followups":       lifecycle.Followup,
	"rating":          lifecycle.Rate,
	"urge":            lifecycle.SuperviseUrge,
	"supervise":       lifecycle.SuperviseFormal,
	"domain":          lifecycle.Reclassify,
}

// messageAction handles one lifecycle action and answers with the message
// as it now stands.
func (a *API) messageAction(act lifecycle.Action) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		u, id, ok := a.messageTarget(w, r, true)
		if !ok {
			return
		}
		if act == lifecycle.Followup && throttled(w, r, a.limits().Followup, strconv.FormatInt(u.ID, 10)) {
			return
		}
		var in actionBody
		if r.ContentLength != 0 {
			if err := decode(r, &in); err != nil {
				a.fail(w, r, err)
				return
			}
		}
		do := workflow.Act{Action: act, UnitID: in.UnitID, Days: in.Days, Domain: in.Domain, Note: firstOf(in.Reason, in.Body, in.Note)}
		switch act {
		case lifecycle.FinalReply:
			switch message.ReplyKind(in.Kind) {
			case message.Interim:
				do.Action = lifecycle.InterimReply
			case message.Final:
			default:
				writeError(w, r, http.StatusUnprocessableEntity, "reply_kind", "error.reply_kind")
				return
			}
		case lifecycle.Rate:
			do.Rating = &message.Rating{Resolution: in.Resolution, Attitude: in.Attitude, Speed: in.Speed, Comment: in.Comment}
		}
		m, err := a.Desk.Do(r.Context(), u, id, do)
		if err != nil {
			a.fail(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, present(m, true, a.Desk.Clock()))
	}
}

// firstOf returns the first non-empty string: actions name their text
// reason, body or note, and clients should not have to remember which.
func firstOf(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
