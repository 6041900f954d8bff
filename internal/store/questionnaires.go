package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"liuyan/internal/questionnaire"
)

// optionSep separates a question's options in one column; options are
// single-line text, so a newline never occurs inside one.
const optionSep = "\n"

const questionnaireColumns = "q.id, q.title, q.description, COALESCE(q.campaign_id, 0), q.opens_at, q.closes_at, q.anonymous, q.created_by, q.created_at"

func scanQuestionnaire(row scanner) (*questionnaire.Questionnaire, error) {
	var q questionnaire.Questionnaire
	err := row.Scan(&q.ID, &q.Title, &q.Description, &q.CampaignID, &q.OpensAt, &q.ClosesAt, &q.Anonymous, &q.CreatedBy, &q.CreatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("store: unable to read questionnaire: %w", err)
	}
	q.OpensAt, q.ClosesAt, q.CreatedAt = q.OpensAt.UTC(), q.ClosesAt.UTC(), q.CreatedAt.UTC()
	q.Questions = []questionnaire.Question{}
	return &q, nil
}

// InsertQuestionnaire stores a questionnaire with its questions and sets
// their IDs.
func (t *Tx) InsertQuestionnaire(ctx context.Context, q *questionnaire.Questionnaire) error {
	id, err := t.insertID(ctx, `INSERT INTO questionnaires (title, description, campaign_id, opens_at, closes_at, anonymous, created_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, q.Title, q.Description, nullID(q.CampaignID), q.OpensAt.UTC(), q.ClosesAt.UTC(),
		q.Anonymous, q.CreatedBy, q.CreatedAt.UTC())
	if err != nil {
		return fmt.Errorf("store: unable to insert questionnaire: %w", err)
	}
	q.ID = id
	for i := range q.Questions {
		qu := &q.Questions[i]
		if qu.ID, err = t.insertID(ctx, `INSERT INTO questions (questionnaire_id, position, kind, text, required, options)
			VALUES (?, ?, ?, ?, ?, ?)`, id, qu.Position, string(qu.Kind), qu.Text, qu.Required, strings.Join(qu.Options, optionSep)); err != nil {
			return fmt.Errorf("store: unable to insert question: %w", err)
		}
	}
	return nil
}

// Questionnaire returns a questionnaire with its questions in order.
func (s *Store) Questionnaire(ctx context.Context, id int64) (*questionnaire.Questionnaire, error) {
	q, err := scanQuestionnaire(s.reader().queryRow(ctx, "SELECT "+questionnaireColumns+" FROM questionnaires q WHERE q.id = ?", id))
	if err != nil {
		return nil, err
	}
	qs, err := collect(ctx, s.reader(), func(r scanner) (questionnaire.Question, error) {
		var qu questionnaire.Question
		var opts string
		err := r.Scan(&qu.ID, &qu.Position, &qu.Kind, &qu.Text, &qu.Required, &opts)
		qu.Options = []string{}
		if opts != "" {
			qu.Options = strings.Split(opts, optionSep)
		}
		return qu, err
	}, "SELECT id, position, kind, text, required, options FROM questions WHERE questionnaire_id = ? ORDER BY position", id)
	if err != nil {
		return nil, fmt.Errorf("store: unable to read questions: %w", err)
	}
	if qs != nil {
		q.Questions = qs
	}
	return q, nil
}

// Questionnaires lists questionnaires, the latest to open first; with a
// campaign ID, only those attached to it. Questions are not loaded.
func (s *Store) Questionnaires(ctx context.Context, campaignID int64, limit int) ([]*questionnaire.Questionnaire, error) {
	q := "SELECT " + questionnaireColumns + " FROM questionnaires q"
	var args []any
	if campaignID != 0 {
		q += " WHERE q.campaign_id = ?"
		args = append(args, campaignID)
	}
	q += fmt.Sprintf(" ORDER BY q.opens_at DESC, q.id DESC LIMIT %d", max(limit, 1))
	qs, err := collect(ctx, s.reader(), scanQuestionnaire, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list questionnaires: %w", err)
	}
	return qs, nil
}

// InsertResponse stores one response with its answer rows. respondent
// identifies who answered, for one response each: a second response with
// the same key is ErrConflict and stores nothing; an empty key (a visitor
// in anonymous mode) is never a conflict.
func (t *Tx) InsertResponse(ctx context.Context, questionnaireID int64, respondent string, at time.Time, rows []questionnaire.AnswerRow) (int64, error) {
	var key any
	if respondent != "" {
		key = respondent
	}
	id, err := t.insertID(ctx, "INSERT INTO responses (questionnaire_id, respondent, created_at) VALUES (?, ?, ?)", questionnaireID, key, at.UTC())
	if isUnique(err) {
		return 0, ErrConflict
	}
	if err != nil {
		return 0, fmt.Errorf("store: unable to insert response: %w", err)
	}
	for _, r := range rows {
		if _, err := t.exec(ctx, "INSERT INTO answers (response_id, question_id, value, text) VALUES (?, ?, ?, ?)",
			id, r.QuestionID, r.Value, r.Text); err != nil {
			return 0, fmt.Errorf("store: unable to insert answer: %w", err)
		}
	}
	return id, nil
}

// Responded says whether the respondent has answered the questionnaire.
func (s *Store) Responded(ctx context.Context, questionnaireID int64, respondent string) (bool, error) {
	var n int
	err := s.reader().queryRow(ctx, "SELECT COUNT(*) FROM responses WHERE questionnaire_id = ? AND respondent = ?", questionnaireID, respondent).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("store: unable to read responses: %w", err)
	}
	return n > 0, nil
}

// ResponseCount counts a questionnaire's responses.
func (s *Store) ResponseCount(ctx context.Context, questionnaireID int64) (int, error) {
	var n int
	if err := s.reader().queryRow(ctx, "SELECT COUNT(*) FROM responses WHERE questionnaire_id = ?", questionnaireID).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: unable to count responses: %w", err)
	}
	return n, nil
}

// AnswerCounts counts a questionnaire's answers in SQL: per question and
// value for choice and scale questions, and per question the responses
// that answer it.
func (s *Store) AnswerCounts(ctx context.Context, q *questionnaire.Questionnaire) (questionnaire.Counts, error) {
	c := questionnaire.Counts{Values: map[int64]map[int]int{}, Answered: map[int64]int{}}
	if len(q.Questions) == 0 {
		return c, nil
	}
	var all, counted []any // every question; those counted by value (not text)
	for _, qu := range q.Questions {
		all = append(all, qu.ID)
		if qu.Kind != questionnaire.Text {
			counted = append(counted, qu.ID)
		}
	}
	type count struct {
		question int64
		value, n int
	}
	var values []count
	var err error
	if len(counted) > 0 {
		values, err = collect(ctx, s.reader(), func(r scanner) (count, error) {
			var x count
			err := r.Scan(&x.question, &x.value, &x.n)
			return x, err
		}, "SELECT a.question_id, a.value, COUNT(*) FROM answers a WHERE a.question_id IN ("+placeholders(len(counted))+
			") GROUP BY a.question_id, a.value", counted...)
		if err != nil {
			return c, fmt.Errorf("store: unable to count answers: %w", err)
		}
	}
	answered, err := collect(ctx, s.reader(), func(r scanner) (count, error) {
		var x count
		err := r.Scan(&x.question, &x.n)
		return x, err
	}, "SELECT a.question_id, COUNT(DISTINCT a.response_id) FROM answers a WHERE a.question_id IN ("+placeholders(len(all))+
		") GROUP BY a.question_id", all...)
	if err != nil {
		return c, fmt.Errorf("store: unable to count answers: %w", err)
	}
	for _, x := range values {
		if c.Values[x.question] == nil {
			c.Values[x.question] = map[int]int{}
		}
		c.Values[x.question][x.value] = x.n
	}
	for _, x := range answered {
		c.Answered[x.question] = x.n
	}
	return c, nil
}

const answerRowSelect = `SELECT a.response_id, r.created_at, a.question_id, a.value, a.text
	FROM answers a JOIN responses r ON r.id = a.response_id WHERE r.questionnaire_id = ?`

func scanAnswerRow(r scanner) (questionnaire.AnswerRow, error) {
	var a questionnaire.AnswerRow
	err := r.Scan(&a.ResponseID, &a.At, &a.QuestionID, &a.Value, &a.Text)
	a.At = a.At.UTC()
	return a, err
}

// AnswerRows reads every answer of a questionnaire, by response in order.
func (s *Store) AnswerRows(ctx context.Context, questionnaireID int64) ([]questionnaire.AnswerRow, error) {
	rows, err := collect(ctx, s.reader(), scanAnswerRow, answerRowSelect+" ORDER BY a.response_id, a.question_id, a.value", questionnaireID)
	if err != nil {
		return nil, fmt.Errorf("store: unable to read answers: %w", err)
	}
	return rows, nil
}

// SearchAnswers finds free-text answers of one questionnaire containing
// text (a plain substring match, case-insensitive for Latin letters),
// newest first.
func (s *Store) SearchAnswers(ctx context.Context, questionnaireID int64, text string, limit int) ([]questionnaire.AnswerRow, error) {
	pattern, ok := containing(strings.ToLower(text))
	if !ok {
		return nil, nil
	}
	rows, err := collect(ctx, s.reader(), scanAnswerRow, answerRowSelect+
		fmt.Sprintf(` AND a.text <> '' AND LOWER(a.text) LIKE ? ESCAPE '\' ORDER BY a.response_id DESC LIMIT %d`, max(limit, 1)),
		questionnaireID, pattern)
	if err != nil {
		return nil, fmt.Errorf("store: unable to search answers: %w", err)
	}
	return rows, nil
}
