package questionnaire

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"liuyan/internal/message"
)

// Kind is what a question asks for.
type Kind string

// The kinds of question.
const (
	Single   Kind = "single"   // one option
	Multiple Kind = "multiple" // any number of options
	Scale    Kind = "scale"    // 1 to 5
	Text     Kind = "text"     // free text
)

// Kinds lists every kind.
var Kinds = []Kind{Single, Multiple, Scale, Text}

// ScaleMax is the top of a scale question; the bottom is 1.
const ScaleMax = 5

// Limits of a questionnaire's text.
const (
	TitleMax       = 60
	DescriptionMax = 2000
	QuestionsMax   = 50
	QuestionMax    = 200
	OptionsMax     = 20
	OptionMax      = 60
	AnswerMax      = 1000
)

// Question is one question.
type Question struct {
	ID       int64    `json:"id"`
	Position int      `json:"position"`
	Kind     Kind     `json:"kind"`
	Text     string   `json:"text"`
	Required bool     `json:"required"`
	Options  []string `json:"options"`
}

// Questionnaire is a set of questions open for a period.
type Questionnaire struct {
	ID          int64  `json:"id"`
	Title       string `json:"title"`
	Description string `json:"description"`
	// CampaignID attaches the questionnaire to a campaign; 0 for none.
	CampaignID int64     `json:"campaign_id,omitempty"`
	OpensAt    time.Time `json:"opens_at"`
	ClosesAt   time.Time `json:"closes_at"`
	// Anonymous keeps no account with a response, and lets visitors
	// without an account answer (bounded per address by a rate limit).
	Anonymous bool       `json:"anonymous"`
	Questions []Question `json:"questions"`
	CreatedBy int64      `json:"created_by"`
	CreatedAt time.Time  `json:"created_at"`
}

// Open says whether answers are taken at now: from OpensAt inclusive to
// ClosesAt exclusive.
func (q *Questionnaire) Open(now time.Time) bool {
	return !now.Before(q.OpensAt) && now.Before(q.ClosesAt)
}

func invalid(key string, args ...any) error { return &message.InputError{Key: key, Args: args} }

// Normalize trims a new questionnaire's text and numbers its questions.
func (q *Questionnaire) Normalize() {
	q.Title = strings.TrimSpace(q.Title)
	q.Description = strings.TrimSpace(q.Description)
	for i := range q.Questions {
		qu := &q.Questions[i]
		qu.Position = i + 1
		qu.Text = strings.TrimSpace(qu.Text)
		qu.Kind = Kind(strings.TrimSpace(string(qu.Kind)))
		opts := []string{}
		for _, o := range qu.Options {
			if o = strings.TrimSpace(o); o != "" {
				opts = append(opts, o)
			}
		}
		qu.Options = opts
	}
}

// Validate checks a normalized new questionnaire: its text, dates and
// questions. Choice questions need two distinct options or more; scale
// and text questions take none.
func (q *Questionnaire) Validate() error {
	texts := []string{q.Title, q.Description}
	for _, qu := range q.Questions {
		texts = append(append(texts, qu.Text), qu.Options...)
	}
	for _, s := range texts {
		if !utf8.ValidString(s) {
			return invalid("error.invalid_utf8")
		}
	}
	switch n := utf8.RuneCountInString(q.Title); {
	case n == 0:
		return invalid("error.questionnaire_title_empty")
	case n > TitleMax:
		return invalid("error.questionnaire_title_too_long", TitleMax)
	}
	if utf8.RuneCountInString(q.Description) > DescriptionMax {
		return invalid("error.questionnaire_description_too_long", DescriptionMax)
	}
	if q.OpensAt.IsZero() || q.ClosesAt.IsZero() {
		return invalid("error.dates_missing")
	}
	if !q.ClosesAt.After(q.OpensAt) {
		return invalid("error.dates_order")
	}
	if len(q.Questions) == 0 {
		return invalid("error.questionnaire_no_questions")
	}
	if len(q.Questions) > QuestionsMax {
		return invalid("error.questionnaire_too_many_questions", QuestionsMax)
	}
	for _, qu := range q.Questions {
		n := qu.Position
		if !slices.Contains(Kinds, qu.Kind) {
			return invalid("error.question_kind", n)
		}
		if l := utf8.RuneCountInString(qu.Text); l == 0 || l > QuestionMax {
			return invalid("error.question_text", n, QuestionMax)
		}
		choice := qu.Kind == Single || qu.Kind == Multiple
		if !choice && len(qu.Options) > 0 {
			return invalid("error.question_no_options", n)
		}
		if !choice {
			continue
		}
		if len(qu.Options) < 2 || len(qu.Options) > OptionsMax {
			return invalid("error.question_options", n, OptionsMax)
		}
		seen := map[string]bool{}
		for _, o := range qu.Options {
			if seen[o] || utf8.RuneCountInString(o) > OptionMax {
				return invalid("error.question_option", n, OptionMax)
			}
			seen[o] = true
		}
	}
	return nil
}

// Answer is one answer to one question: Choices are 0-based option
// indexes (one for single choice), Scale is 1–5, Text is free text.
type Answer struct {
	QuestionID int64  `json:"question_id"`
	Choices    []int  `json:"choices,omitempty"`
	Scale      int    `json:"scale,omitempty"`
	Text       string `json:"text,omitempty"`
}

// empty says the answer gives nothing.
func (a Answer) empty() bool {
	return len(a.Choices) == 0 && a.Scale == 0 && strings.TrimSpace(a.Text) == ""
}

// Check validates a response against the questions and returns it in
// question order, without empty answers to optional questions. Every
// required question needs an answer; an answer must fit its question's
// kind; no question may be answered twice or be unknown.
func (q *Questionnaire) Check(answers []Answer) ([]Answer, error) {
	byID := map[int64]Answer{}
	for _, a := range answers {
		if _, dup := byID[a.QuestionID]; dup {
			return nil, invalid("error.answer_twice")
		}
		if !slices.ContainsFunc(q.Questions, func(qu Question) bool { return qu.ID == a.QuestionID }) {
			return nil, invalid("error.answer_unknown_question")
		}
		byID[a.QuestionID] = a
	}
	var out []Answer
	for _, qu := range q.Questions {
		a, ok := byID[qu.ID]
		if !ok || a.empty() {
			if qu.Required {
				return nil, invalid("error.answer_required", qu.Position)
			}
			continue
		}
		a.Text = strings.TrimSpace(a.Text)
		if err := qu.fits(a); err != nil {
			return nil, err
		}
		if qu.Kind == Multiple {
			a.Choices = slices.Clone(a.Choices)
			slices.Sort(a.Choices)
		}
		out = append(out, a)
	}
	return out, nil
}

// fits checks an answer against the question's kind.
func (qu Question) fits(a Answer) error {
	wrong := invalid("error.answer_kind", qu.Position)
	switch qu.Kind {
	case Single, Multiple:
		if a.Scale != 0 || a.Text != "" || (qu.Kind == Single && len(a.Choices) != 1) {
			return wrong
		}
		seen := map[int]bool{}
		for _, c := range a.Choices {
			if c < 0 || c >= len(qu.Options) || seen[c] {
				return wrong
			}
			seen[c] = true
		}
	case Scale:
		if len(a.Choices) != 0 || a.Text != "" || a.Scale < 1 || a.Scale > ScaleMax {
			return invalid("error.answer_scale", qu.Position, ScaleMax)
		}
	case Text:
		if len(a.Choices) != 0 || a.Scale != 0 {
			return wrong
		}
		if !utf8.ValidString(a.Text) {
			return invalid("error.invalid_utf8")
		}
		if utf8.RuneCountInString(a.Text) > AnswerMax {
			return invalid("error.answer_too_long", qu.Position, AnswerMax)
		}
	}
	return nil
}
