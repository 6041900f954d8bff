package message

import (
	"time"

	"liuyan/internal/lifecycle"
)

// Message is one citizen's message to a board. Title and Body are the text
// as submitted; PublicTitle and PublicBody are the same with personal data
// masked, the only text shown to those outside the handling chain.
type Message struct {
	ID          int64           `json:"id"`
	BoardID     int64           `json:"board_id"`
	RegionCode  string          `json:"region_code"`
	AuthorID    int64           `json:"author_id"`
	AuthorName  string          `json:"author_name"`
	Type        string          `json:"type"`
	Domain      string          `json:"domain"`
	Tags        []string        `json:"tags"`
	Title       string          `json:"title"`
	Body        string          `json:"body"`
	PublicTitle string          `json:"-"`
	PublicBody  string          `json:"-"`
	Public      bool            `json:"public"`
	Channel     string          `json:"channel"`
	Status      lifecycle.State `json:"status"`
	// UnitID is the unit holding the message now; 0 before assignment.
	UnitID       int64  `json:"unit_id,omitempty"`
	RejectReason string `json:"reject_reason,omitempty"`
	// ClockStart is when the current handling clock started: publication,
	// or the latest follow-up.
	ClockStart       time.Time `json:"-"`
	Deadline         time.Time `json:"deadline,omitzero"`
	ExtensionDays    int       `json:"extension_days"`
	PendingExtension int       `json:"pending_extension"`
	Followups        int       `json:"followup_count"`
	ReplyPending     bool      `json:"reply_pending"`
	CreatedAt        time.Time `json:"created_at"`
	PublishedAt      time.Time `json:"published_at,omitzero"`
	FirstReplyAt     time.Time `json:"first_reply_at,omitzero"`
	RepliedAt        time.Time `json:"replied_at,omitzero"`
	UpdatedAt        time.Time `json:"updated_at"`
	IdempotencyKey   string    `json:"-"`
	// Flagged are the sensitive words found in the text, shown marked to
	// moderators; never to the public.
	Flagged []string `json:"flagged_words,omitempty"`
	// SuggestedDomain is the classifier's reading of the text, for staff
	// to confirm or correct; Confidence is its probability.
	SuggestedDomain string  `json:"suggested_domain,omitempty"`
	Confidence      float64 `json:"suggestion_confidence,omitempty"`
	// Fingerprint is the SimHash of title and body, for near-duplicates.
	Fingerprint uint64 `json:"-"`
	// DuplicateOf links a repeated or copy-pasted message to its original.
	DuplicateOf int64 `json:"duplicate_of,omitempty"`
	// CampaignID is the campaign a suggestion was written for (征集活动),
	// set when it is submitted; reads of messages leave it 0.
	CampaignID int64 `json:"campaign_id,omitempty"`
}

// Facts gives the lifecycle what it needs to judge an action.
func (m *Message) Facts(signoffRequired bool) lifecycle.Facts {
	return lifecycle.Facts{
		State:            m.Status,
		PendingExtension: m.PendingExtension,
		ExtensionUsed:    m.ExtensionDays > 0,
		Followups:        m.Followups,
		ReplyPending:     m.ReplyPending,
		SignoffRequired:  signoffRequired,
		RepliedAt:        m.RepliedAt,
	}
}

// Event is one entry of a message's append-only log.
type Event struct {
	ID        int64            `json:"id"`
	MessageID int64            `json:"message_id"`
	ActorID   int64            `json:"actor_id,omitempty"`
	Action    lifecycle.Action `json:"action"`
	From      lifecycle.State  `json:"from"`
	To        lifecycle.State  `json:"to"`
	UnitID    int64            `json:"unit_id,omitempty"`
	Note      string           `json:"note,omitempty"`
	At        time.Time        `json:"at"`
	// Deadline is the deadline the event set (accept, an approved
	// extension, a follow-up, 督办) or, for a reminder or overdue notice,
	// the deadline it was about; zero for the rest. The figures read the
	// deadline in force from here.
	Deadline time.Time `json:"deadline,omitzero"`
}

// ReplyKind tells interim from final replies.
type ReplyKind string

// Reply kinds.
const (
	Interim ReplyKind = "interim" // 阶段性回复
	Final   ReplyKind = "final"   // 正式回复
)

// Reply is an answer from a unit.
type Reply struct {
	ID        int64     `json:"id"`
	MessageID int64     `json:"message_id"`
	Kind      ReplyKind `json:"kind"`
	Body      string    `json:"body"`
	UnitID    int64     `json:"unit_id"`
	UnitName  string    `json:"unit_name"`
	HandlerID int64     `json:"-"`
	// Published is false while a final reply waits for sign-off.
	Published bool      `json:"published"`
	CreatedAt time.Time `json:"created_at"`
	// Quality is the 0–100 score of a final reply (internal/textmine/
	// replyscore), for supervisors; nil when not scored.
	Quality *int `json:"quality,omitempty"`
}

// Followup is the author asking again after a final reply (追问).
type Followup struct {
	ID        int64     `json:"id"`
	MessageID int64     `json:"message_id"`
	Body      string    `json:"body"`
	CreatedAt time.Time `json:"created_at"`
}

// Rating is the author's judgement of the final reply: three star scores.
type Rating struct {
	MessageID  int64     `json:"message_id"`
	Resolution int       `json:"resolution"` // 解决程度
	Attitude   int       `json:"attitude"`   // 办理态度
	Speed      int       `json:"speed"`      // 办理速度
	Comment    string    `json:"comment,omitempty"`
	CreatedAt  time.Time `json:"created_at"`
}

// Overall is the mean of the three scores (DESIGN §4).
func (r Rating) Overall() float64 {
	return float64(r.Resolution+r.Attitude+r.Speed) / 3
}

// Grade maps the overall score to the five labels of DESIGN §4, as a key
// 1..5 into the catalogue's "grade." entries: > 4 很满意, (3, 4] 满意,
// (2, 3] 基本满意, (1, 2] 不满意, ≤ 1 很不满意.
func (r Rating) Grade() int {
	o := r.Overall()
	switch {
	case o > 4:
		return 5
	case o > 3:
		return 4
	case o > 2:
		return 3
	case o > 1:
		return 2
	}
	return 1
}

// Good says the rating counts as 好评 (overall > 3).
func (r Rating) Good() bool { return r.Overall() > 3 }
