package message

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// Channels a message can arrive through.
var Channels = []string{"web", "app", "mini", "api", "open311"}

// Limits bounds the size of what citizens write; the body limit is
// configurable per deployment.
type Limits struct {
	TitleMax int // in characters
	BodyMax  int // in characters
	NoteMax  int // replies, reasons, follow-ups
	TagsMax  int
}

// DefaultLimits match the real board: titles up to 50 characters, bodies up
// to 2,000.
var DefaultLimits = Limits{TitleMax: 50, BodyMax: 2000, NoteMax: 5000, TagsMax: 5}

// Draft is what an author submits.
type Draft struct {
	BoardID int64
	Type    string
	Domain  string
	Title   string
	Body    string
	Public  bool
	Tags    []string
	Channel string
	// CampaignID files the message as a suggestion to a campaign; the
	// caller (internal/campaign) checks the campaign is open first.
	CampaignID int64
}

// InputError is invalid input, with a catalogue key and its arguments.
type InputError struct {
	Key  string
	Args []any
}

func (e *InputError) Error() string { return "message: invalid input: " + e.Key }

func invalid(key string, args ...any) error { return &InputError{Key: key, Args: args} }

// Normalize trims the draft in place; Validate expects a normalized draft.
func (d *Draft) Normalize() {
	d.Title = strings.TrimSpace(d.Title)
	d.Body = strings.TrimSpace(d.Body)
	d.Type = strings.TrimSpace(d.Type)
	d.Domain = strings.TrimSpace(d.Domain)
	tags := d.Tags[:0]
	for _, t := range d.Tags {
		if t = strings.TrimSpace(t); t != "" && !slices.Contains(tags, t) {
			tags = append(tags, t)
		}
	}
	d.Tags = tags
	if d.Channel == "" {
		d.Channel = "api"
	}
}

// Lists are the types and domains a new message may have: the admin-
// managed lists (vocab.Set), passed in so that this package stays free of
// storage.
type Lists interface {
	Types() []string
	Domains() []string
}

// Validate checks a draft's text, type, domain and tags. The board is
// checked by the caller, who can look it up.
func (d *Draft) Validate(l Limits, lists Lists) error {
	for _, s := range append([]string{d.Title, d.Body, d.Type, d.Domain}, d.Tags...) {
		if err := checkText(s); err != nil {
			return err
		}
	}
	switch n := utf8.RuneCountInString(d.Title); {
	case n == 0:
		return invalid("error.title_empty")
	case n > l.TitleMax:
		return invalid("error.title_too_long", l.TitleMax)
	}
	switch n := utf8.RuneCountInString(d.Body); {
	case n == 0:
		return invalid("error.body_empty")
	case n > l.BodyMax:
		return invalid("error.body_too_long", l.BodyMax)
	}
	if types := lists.Types(); !slices.Contains(types, d.Type) {
		return invalid("error.unknown_type", strings.Join(types, "、"))
	}
	if domains := lists.Domains(); !slices.Contains(domains, d.Domain) {
		return invalid("error.unknown_domain", strings.Join(domains, "、"))
	}
	if len(d.Tags) > l.TagsMax {
		return invalid("error.too_many_tags", l.TagsMax)
	}
	for _, t := range d.Tags {
		if utf8.RuneCountInString(t) > 20 {
			return invalid("error.tag_too_long", 20)
		}
	}
	if !slices.Contains(Channels, d.Channel) {
		d.Channel = "api"
	}
	return nil
}

// checkText refuses text that cannot be stored as text: bytes that are
// not UTF-8, and NUL, which PostgreSQL's text columns cannot hold (the
// embedded store would keep it, so the two would disagree).
func checkText(s string) error {
	switch {
	case !utf8.ValidString(s):
		return invalid("error.invalid_utf8")
	case strings.IndexByte(s, 0) >= 0:
		return invalid("error.nul")
	}
	return nil
}

// ValidateNote checks free text attached to an action (a reason, a reply, a
// follow-up): valid UTF-8 and within the limit. Emptiness is the
// lifecycle's concern, since only some actions need a note.
func ValidateNote(s string, l Limits) error {
	if err := checkText(s); err != nil {
		return err
	}
	if utf8.RuneCountInString(s) > l.NoteMax {
		return invalid("error.note_too_long", l.NoteMax)
	}
	return nil
}

// ValidateStars checks the three star scores.
func ValidateStars(scores ...int) error {
	for _, s := range scores {
		if s < 1 || s > 5 {
			return invalid("error.rating_range")
		}
	}
	return nil
}

// FindWords returns the words of list that occur in text, in list order.
// A message that contains one is still accepted and still goes to the
// moderator like every other; the words are marked for the moderator's
// attention, nothing is dropped.
func FindWords(text string, list []string) []string {
	var found []string
	for _, w := range list {
		if w != "" && strings.Contains(text, w) {
			found = append(found, w)
		}
	}
	return found
}
