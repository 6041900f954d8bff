package questionnaire

import (
	"errors"
	"slices"
	"testing"
	"time"

	"liuyan/internal/message"
)

func survey() *Questionnaire {
	now := time.Date(2020, 3, 1, 0, 0, 0, 0, time.UTC)
	q := &Questionnaire{Title: " 小微企业和个体工商户开复工情况 ", OpensAt: now, ClosesAt: now.Add(72 * time.Hour), Questions: []Question{
		{ID: 11, Kind: Single, Text: "贵单位目前的复工情况", Required: true, Options: []string{"已全面复工", "部分复工", " ", "尚未复工"}},
		{ID: 12, Kind: Multiple, Text: "目前面临的主要困难", Options: []string{"资金周转", "用工短缺", "订单不足"}},
		{ID: 13, Kind: Scale, Text: "对惠企政策的满意度", Required: true},
		{ID: 14, Kind: Text, Text: "其他意见建议"},
	}}
	q.Normalize()
	return q
}

func key(err error) string {
	var ie *message.InputError
	if errors.As(err, &ie) {
		return ie.Key
	}
	if err != nil {
		return err.Error()
	}
	return ""
}

func TestValidate(t *testing.T) {
	q := survey()
	if err := q.Validate(); err != nil {
		t.Fatalf("a good questionnaire: %v", err)
	}
	if q.Title != "小微企业和个体工商户开复工情况" || len(q.Questions[0].Options) != 3 || q.Questions[3].Position != 4 {
		t.Errorf("normalized %+v", q)
	}
	for name, tc := range map[string]struct {
		change func(q *Questionnaire)
		want   string
	}{
		"no title":        {func(q *Questionnaire) { q.Title = "" }, "error.questionnaire_title_empty"},
		"dates":           {func(q *Questionnaire) { q.ClosesAt = q.OpensAt }, "error.dates_order"},
		"no questions":    {func(q *Questionnaire) { q.Questions = nil }, "error.questionnaire_no_questions"},
		"kind":            {func(q *Questionnaire) { q.Questions[0].Kind = "rank" }, "error.question_kind"},
		"one option":      {func(q *Questionnaire) { q.Questions[1].Options = []string{"资金周转"} }, "error.question_options"},
		"repeated option": {func(q *Questionnaire) { q.Questions[1].Options = []string{"资金周转", "资金周转"} }, "error.question_option"},
		"scale options":   {func(q *Questionnaire) { q.Questions[2].Options = []string{"好"} }, "error.question_no_options"},
		"empty question":  {func(q *Questionnaire) { q.Questions[3].Text = "" }, "error.question_text"},
	} {
		q := survey()
		tc.change(q)
		if got := key(q.Validate()); got != tc.want {
			t.Errorf("%s: %q, want %q", name, got, tc.want)
		}
	}
}

func TestCheckAndTally(t *testing.T) {
	q := survey()
	for name, tc := range map[string]struct {
		answers []Answer
		want    string
	}{
		"required missing": {[]Answer{{QuestionID: 13, Scale: 3}}, "error.answer_required"},
		"two singles":      {[]Answer{{QuestionID: 11, Choices: []int{0, 1}}, {QuestionID: 13, Scale: 3}}, "error.answer_kind"},
		"option range":     {[]Answer{{QuestionID: 11, Choices: []int{3}}, {QuestionID: 13, Scale: 3}}, "error.answer_kind"},
		"scale range":      {[]Answer{{QuestionID: 11, Choices: []int{0}}, {QuestionID: 13, Scale: 6}}, "error.answer_scale"},
		"twice":            {[]Answer{{QuestionID: 11, Choices: []int{0}}, {QuestionID: 11, Choices: []int{1}}}, "error.answer_twice"},
		"unknown":          {[]Answer{{QuestionID: 99, Text: "无"}}, "error.answer_unknown_question"},
		"text as choice":   {[]Answer{{QuestionID: 11, Choices: []int{0}}, {QuestionID: 13, Scale: 2}, {QuestionID: 14, Choices: []int{0}}}, "error.answer_kind"},
	} {
		if _, err := q.Check(tc.answers); key(err) != tc.want {
			t.Errorf("%s: %v, want %s", name, err, tc.want)
		}
	}
	a, err := q.Check([]Answer{{QuestionID: 13, Scale: 4}, {QuestionID: 12, Choices: []int{2, 0}}, {QuestionID: 11, Choices: []int{1}}, {QuestionID: 14, Text: "  "}})
	if err != nil {
		t.Fatal(err)
	}
	if len(a) != 3 || a[0].QuestionID != 11 || !slices.Equal(a[1].Choices, []int{0, 2}) {
		t.Fatalf("checked %+v", a)
	}
	b, _ := q.Check([]Answer{{QuestionID: 11, Choices: []int{0}}, {QuestionID: 13, Scale: 5}, {QuestionID: 14, Text: "建议减免房租"}})
	var rows []AnswerRow
	for i, as := range [][]Answer{a, b} {
		for _, r := range Rows(as) {
			r.ResponseID = int64(i + 1)
			rows = append(rows, r)
		}
	}
	res := Tally(q, 3, CountRows(q, rows))
	if res.Responses != 3 || !slices.Equal(res.Questions[0].Counts, []int{1, 1, 0}) || res.Questions[1].Answered != 1 ||
		!slices.Equal(res.Questions[1].Counts, []int{1, 0, 1}) || *res.Questions[2].Mean != 4.5 || res.Questions[3].Answered != 1 ||
		res.Questions[3].Mean != nil {
		t.Errorf("tally %+v", res)
	}
}

func TestOpen(t *testing.T) {
	q := survey()
	for at, want := range map[time.Time]bool{q.OpensAt.Add(-time.Second): false, q.OpensAt: true, q.ClosesAt.Add(-time.Second): true, q.ClosesAt: false} {
		if q.Open(at) != want {
			t.Errorf("open at %v: want %v", at, want)
		}
	}
}
