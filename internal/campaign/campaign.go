package campaign

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"liuyan/internal/account"
	"liuyan/internal/message"
)

// Campaign is a call for suggestions.
type Campaign struct {
	ID          int64     `json:"id"`
	Title       string    `json:"title"`
	Description string    `json:"description"`
	Tags        []string  `json:"tags"`
	OpensAt     time.Time `json:"opens_at"`
	ClosesAt    time.Time `json:"closes_at"`
	// Public says suggestions are shown to everyone once accepted; when
	// false every suggestion is filed as a private message, seen only by
	// its author and the staff who handle it, and counted all the same.
	Public    bool      `json:"public"`
	BoardIDs  []int64   `json:"board_ids"`
	CreatedBy int64     `json:"created_by"`
	CreatedAt time.Time `json:"created_at"`
}

// Phase is where a campaign stands in time.
type Phase string

// The phases: before it opens, while suggestions are taken, after.
const (
	Upcoming Phase = "upcoming"
	Open     Phase = "open"
	Closed   Phase = "closed"
)

// PhaseAt is the campaign's phase at now: open from OpensAt inclusive to
// ClosesAt exclusive.
func (c *Campaign) PhaseAt(now time.Time) Phase {
	switch {
	case now.Before(c.OpensAt):
		return Upcoming
	case now.Before(c.ClosesAt):
		return Open
	}
	return Closed
}

// Addresses says whether the campaign is addressed to a board.
func (c *Campaign) Addresses(boardID int64) bool { return slices.Contains(c.BoardIDs, boardID) }

// SuggestionType is the message type of every suggestion (建言).
const SuggestionType = "建言"

// Outcome is what staff made of a suggestion.
type Outcome string

// The outcomes: none yet, adopted (采纳), answered without adoption.
const (
	Pending  Outcome = ""
	Adopted  Outcome = "adopted"
	Answered Outcome = "answered"
)

// ParseOutcome reads an outcome that staff may give.
func ParseOutcome(s string) (Outcome, error) {
	switch o := Outcome(s); o {
	case Adopted, Answered:
		return o, nil
	}
	return "", invalid("error.campaign_outcome")
}

// Limits bound a campaign's text.
const (
	TitleMax       = 60
	DescriptionMax = 5000
	TagsMax        = 5
	TagMax         = 20
	BoardsMax      = 50
)

// Draft is a campaign as staff propose it.
type Draft struct {
	Title       string
	Description string
	Tags        []string
	OpensAt     time.Time
	ClosesAt    time.Time
	Public      bool
	BoardIDs    []int64
}

func invalid(key string, args ...any) error { return &message.InputError{Key: key, Args: args} }

// Normalize trims the draft and drops repeated tags and boards.
func (d *Draft) Normalize() {
	d.Title = strings.TrimSpace(d.Title)
	d.Description = strings.TrimSpace(d.Description)
	var tags []string
	for _, t := range d.Tags {
		if t = strings.TrimSpace(t); t != "" && !slices.Contains(tags, t) {
			tags = append(tags, t)
		}
	}
	d.Tags = tags
	slices.Sort(d.BoardIDs)
	d.BoardIDs = slices.Compact(d.BoardIDs)
}

// Validate checks a normalized draft's text, dates and boards; that the
// boards exist is the caller's to check.
func (d *Draft) Validate() error {
	for _, s := range append([]string{d.Title, d.Description}, d.Tags...) {
		if !utf8.ValidString(s) {
			return invalid("error.invalid_utf8")
		}
	}
	switch n := utf8.RuneCountInString(d.Title); {
	case n == 0:
		return invalid("error.campaign_title_empty")
	case n > TitleMax:
		return invalid("error.campaign_title_too_long", TitleMax)
	}
	switch n := utf8.RuneCountInString(d.Description); {
	case n == 0:
		return invalid("error.campaign_description_empty")
	case n > DescriptionMax:
		return invalid("error.campaign_description_too_long", DescriptionMax)
	}
	if len(d.Tags) > TagsMax {
		return invalid("error.too_many_tags", TagsMax)
	}
	for _, t := range d.Tags {
		if utf8.RuneCountInString(t) > TagMax {
			return invalid("error.tag_too_long", TagMax)
		}
	}
	if d.OpensAt.IsZero() || d.ClosesAt.IsZero() {
		return invalid("error.dates_missing")
	}
	if !d.ClosesAt.After(d.OpensAt) {
		return invalid("error.dates_order")
	}
	if len(d.BoardIDs) == 0 {
		return invalid("error.campaign_no_boards")
	}
	if len(d.BoardIDs) > BoardsMax {
		return invalid("error.campaign_too_many_boards", BoardsMax)
	}
	return nil
}

// MayCreate says whether a person may launch a campaign to these boards:
// admins to any, a board office to its own board only.
func MayCreate(u *account.User, boardIDs []int64) bool {
	if u == nil {
		return false
	}
	switch u.Role {
	case account.Admin:
		return true
	case account.Office:
		return len(boardIDs) > 0 && !slices.ContainsFunc(boardIDs, func(id int64) bool { return id != u.BoardID })
	}
	return false
}

// MayAnswer says whether a person may adopt or answer a suggestion filed
// to boardID in c: admins, and the office of that board when the
// campaign is addressed to it.
func MayAnswer(u *account.User, c *Campaign, boardID int64) bool {
	if u == nil {
		return false
	}
	switch u.Role {
	case account.Admin:
		return true
	case account.Office:
		return u.BoardID == boardID && c.Addresses(boardID)
	}
	return false
}

// MayManage says whether a person may see a campaign's staff view and
// attach questionnaires to it: admins, and the offices of its boards.
func MayManage(u *account.User, c *Campaign) bool {
	if u == nil {
		return false
	}
	return u.Role == account.Admin || (u.Role == account.Office && c.Addresses(u.BoardID))
}
