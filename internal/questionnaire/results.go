package questionnaire

import (
	"time"
)

// AnswerRow is one stored answer value: a chosen option's index, a scale
// value, or a text. A multiple-choice answer is one row per option.
type AnswerRow struct {
	ResponseID int64
	At         time.Time
	QuestionID int64
	Value      int
	Text       string
}

// Result is one question's tally.
type Result struct {
	Question
	// Answered is how many responses answer the question.
	Answered int `json:"answered"`
	// Counts are the responses per option (choice questions) or per
	// value 1…5 (scale questions); empty for text questions.
	Counts []int `json:"counts"`
	// Mean is a scale question's average; nil otherwise or unanswered.
	Mean *float64 `json:"mean"`
}

// Results are a questionnaire's tallies.
type Results struct {
	Responses int      `json:"responses"`
	Questions []Result `json:"questions"`
}

// Tally counts the answers of responses (every stored response, even one
// that skips every optional question) question by question.
func Tally(q *Questionnaire, responses int, rows []AnswerRow) Results {
	out := Results{Responses: responses, Questions: make([]Result, len(q.Questions))}
	index := map[int64]int{}
	for i, qu := range q.Questions {
		index[qu.ID] = i
		r := Result{Question: qu, Counts: []int{}}
		switch qu.Kind {
		case Single, Multiple:
			r.Counts = make([]int, len(qu.Options))
		case Scale:
			r.Counts = make([]int, ScaleMax)
		}
		out.Questions[i] = r
	}
	seen := map[[2]int64]bool{}
	sums := make([]int, len(q.Questions))
	for _, row := range rows {
		i, ok := index[row.QuestionID]
		if !ok {
			continue
		}
		r := &out.Questions[i]
		if key := [2]int64{row.ResponseID, row.QuestionID}; !seen[key] {
			seen[key] = true
			r.Answered++
		}
		switch r.Kind {
		case Single, Multiple:
			if row.Value >= 0 && row.Value < len(r.Counts) {
				r.Counts[row.Value]++
			}
		case Scale:
			if row.Value >= 1 && row.Value <= ScaleMax {
				r.Counts[row.Value-1]++
				sums[i] += row.Value
			}
		}
	}
	for i := range out.Questions {
		r := &out.Questions[i]
		if r.Kind == Scale && r.Answered > 0 {
			m := float64(sums[i]) / float64(r.Answered)
			r.Mean = &m
		}
	}
	return out
}

// Rows turns checked answers into stored rows.
func Rows(answers []Answer) []AnswerRow {
	var out []AnswerRow
	for _, a := range answers {
		switch {
		case len(a.Choices) > 0:
			for _, c := range a.Choices {
				out = append(out, AnswerRow{QuestionID: a.QuestionID, Value: c})
			}
		case a.Scale != 0:
			out = append(out, AnswerRow{QuestionID: a.QuestionID, Value: a.Scale})
		default:
			out = append(out, AnswerRow{QuestionID: a.QuestionID, Text: a.Text})
		}
	}
	return out
}
