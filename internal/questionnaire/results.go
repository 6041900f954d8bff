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

// Counts are a questionnaire's answers counted: per question and value
// (an option's index or a scale value; text answers are not counted by
// value), and per question how many responses answer it.
type Counts struct {
	Values   map[int64]map[int]int
	Answered map[int64]int
}

// CountRows counts stored rows, for those who hold every row already (the
// export); the store counts the same in SQL for the results page.
func CountRows(q *Questionnaire, rows []AnswerRow) Counts {
	c := Counts{Values: map[int64]map[int]int{}, Answered: map[int64]int{}}
	text := map[int64]bool{}
	for _, qu := range q.Questions {
		text[qu.ID] = qu.Kind == Text
	}
	seen := map[[2]int64]bool{}
	for _, r := range rows {
		if key := [2]int64{r.ResponseID, r.QuestionID}; !seen[key] {
			seen[key] = true
			c.Answered[r.QuestionID]++
		}
		if text[r.QuestionID] {
			continue
		}
		if c.Values[r.QuestionID] == nil {
			c.Values[r.QuestionID] = map[int]int{}
		}
		c.Values[r.QuestionID][r.Value]++
	}
	return c
}

// Tally turns counted answers into each question's result: responses per
// option or scale value, how many answered, and a scale's mean. It is the
// one definition of a questionnaire's results.
func Tally(q *Questionnaire, responses int, c Counts) Results {
	out := Results{Responses: responses, Questions: make([]Result, len(q.Questions))}
	for i, qu := range q.Questions {
		r := Result{Question: qu, Counts: []int{}, Answered: c.Answered[qu.ID]}
		values := c.Values[qu.ID]
		switch qu.Kind {
		case Single, Multiple:
			r.Counts = make([]int, len(qu.Options))
			for k := range r.Counts {
				r.Counts[k] = values[k]
			}
		case Scale:
			r.Counts = make([]int, ScaleMax)
			sum := 0
			for v := 1; v <= ScaleMax; v++ {
				r.Counts[v-1] = values[v]
				sum += v * values[v]
			}
			if r.Answered > 0 {
				m := float64(sum) / float64(r.Answered)
				r.Mean = &m
			}
		}
		out.Questions[i] = r
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
