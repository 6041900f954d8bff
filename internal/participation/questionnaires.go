package participation

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"liuyan/internal/account"
	"liuyan/internal/campaign"
	"liuyan/internal/questionnaire"
	"liuyan/internal/store"
	"liuyan/internal/workflow"
)

// mayManage says whether a person may create a questionnaire attached to
// c (nil for none) or read its answers in full: admins always; board
// offices for their own questionnaires and those of campaigns addressed
// to their board.
func mayManage(u *account.User, q *questionnaire.Questionnaire, c *campaign.Campaign) bool {
	if u == nil {
		return false
	}
	switch u.Role {
	case account.Admin:
		return true
	case account.Office:
		return (q != nil && q.CreatedBy == u.ID) || (c != nil && campaign.MayManage(u, c))
	}
	return false
}

// CreateQuestionnaire stores a new questionnaire for an admin or a board
// office, attached to a campaign it manages if one is named.
func (s *Service) CreateQuestionnaire(ctx context.Context, u *account.User, q *questionnaire.Questionnaire) error {
	if u == nil {
		return ErrLoginRequired
	}
	if u.Role != account.Admin && u.Role != account.Office {
		return errForbidden
	}
	var c *campaign.Campaign
	if q.CampaignID != 0 {
		var err error
		if c, err = s.Store.Campaign(ctx, q.CampaignID); errors.Is(err, store.ErrNotFound) {
			return inputErr("error.unknown_campaign")
		} else if err != nil {
			return err
		}
		if !mayManage(u, nil, c) {
			return errForbidden
		}
	}
	q.Normalize()
	if err := q.Validate(); err != nil {
		return err
	}
	q.OpensAt, q.ClosesAt = q.OpensAt.UTC(), q.ClosesAt.UTC()
	q.CreatedBy, q.CreatedAt = u.ID, s.now()
	return s.Store.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.InsertQuestionnaire(ctx, q); err != nil {
			return err
		}
		return tx.Audit(ctx, u.ID, "questionnaire_create", q.Title, fmt.Sprintf("questionnaire %d", q.ID))
	})
}

// Questionnaire returns a questionnaire with its questions; questionnaires
// are public notices.
func (s *Service) Questionnaire(ctx context.Context, id int64) (*questionnaire.Questionnaire, error) {
	q, err := s.Store.Questionnaire(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return nil, workflow.ErrNotFound
	}
	return q, err
}

// respondent is the key that allows one response per account. In
// anonymous mode a signed-in person's key is a one-way hash, so the
// stored response cannot be listed by account; a visitor has no key.
func respondent(q *questionnaire.Questionnaire, u *account.User) string {
	switch {
	case u == nil:
		return ""
	case q.Anonymous:
		sum := sha256.Sum256([]byte("liuyan questionnaire " + strconv.FormatInt(q.ID, 10) + " respondent " + strconv.FormatInt(u.ID, 10)))
		return "h:" + hex.EncodeToString(sum[:16])
	}
	return "u:" + strconv.FormatInt(u.ID, 10)
}

// Respond stores a response: the questionnaire must be open, a login is
// needed unless it is anonymous, every required question answered, and an
// account answers once. Visitors' answers in anonymous mode are limited
// per address by the caller (internal/ratelimit).
func (s *Service) Respond(ctx context.Context, u *account.User, id int64, answers []questionnaire.Answer) error {
	q, err := s.Questionnaire(ctx, id)
	if err != nil {
		return err
	}
	if !q.Anonymous && u == nil {
		return ErrLoginRequired
	}
	now := s.now()
	if now.Before(q.OpensAt) {
		return inputErr("error.questionnaire_upcoming")
	}
	if !q.Open(now) {
		return inputErr("error.questionnaire_closed")
	}
	checked, err := q.Check(answers)
	if err != nil {
		return err
	}
	err = s.Store.InTx(ctx, func(tx *store.Tx) error {
		_, err := tx.InsertResponse(ctx, q.ID, respondent(q, u), now, questionnaire.Rows(checked))
		return err
	})
	if errors.Is(err, store.ErrConflict) {
		return ErrAlreadyAnswered
	}
	return err
}

// Responded says whether a signed-in person has answered.
func (s *Service) Responded(ctx context.Context, u *account.User, q *questionnaire.Questionnaire) (bool, error) {
	if u == nil {
		return false, nil
	}
	return s.Store.Responded(ctx, q.ID, respondent(q, u))
}

// Results tallies a questionnaire's answers. They are public once it
// closes, and open to those who manage it at any time.
func (s *Service) Results(ctx context.Context, u *account.User, id int64) (*questionnaire.Questionnaire, questionnaire.Results, error) {
	q, err := s.Questionnaire(ctx, id)
	if err != nil {
		return nil, questionnaire.Results{}, err
	}
	if q.Open(s.now()) || s.now().Before(q.OpensAt) {
		ok, err := s.Manages(ctx, u, q)
		if err != nil {
			return nil, questionnaire.Results{}, err
		}
		if !ok {
			return nil, questionnaire.Results{}, inputErr("error.results_not_yet")
		}
	}
	n, err := s.Store.ResponseCount(ctx, q.ID)
	if err != nil {
		return nil, questionnaire.Results{}, err
	}
	counts, err := s.Store.AnswerCounts(ctx, q)
	if err != nil {
		return nil, questionnaire.Results{}, err
	}
	return q, questionnaire.Tally(q, n, counts), nil
}

// Manages says whether the person may read every answer of q, export them
// and search their text.
func (s *Service) Manages(ctx context.Context, u *account.User, q *questionnaire.Questionnaire) (bool, error) {
	var c *campaign.Campaign
	if q.CampaignID != 0 && u != nil && u.Role == account.Office {
		var err error
		if c, err = s.Store.Campaign(ctx, q.CampaignID); err != nil {
			return false, err
		}
	}
	return mayManage(u, q, c), nil
}

// managed loads a questionnaire for one who manages it; others are
// refused as forbidden, since the questionnaire itself is public.
func (s *Service) managed(ctx context.Context, u *account.User, id int64) (*questionnaire.Questionnaire, error) {
	if u == nil {
		return nil, ErrLoginRequired
	}
	q, err := s.Questionnaire(ctx, id)
	if err != nil {
		return nil, err
	}
	ok, err := s.Manages(ctx, u, q)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, errForbidden
	}
	return q, nil
}

// Export writes every answer as an XLSX workbook for those who manage the
// questionnaire: free text may hold personal data, so it is not public.
func (s *Service) Export(ctx context.Context, u *account.User, id int64, w io.Writer) error {
	q, err := s.managed(ctx, u, id)
	if err != nil {
		return err
	}
	n, err := s.Store.ResponseCount(ctx, q.ID)
	if err != nil {
		return err
	}
	rows, err := s.Store.AnswerRows(ctx, q.ID)
	if err != nil {
		return err
	}
	return questionnaire.WriteXLSX(w, q, questionnaire.Tally(q, n, questionnaire.CountRows(q, rows)), rows)
}

// SearchLimit is the most free-text answers a search returns.
const SearchLimit = 100

// Search finds free-text answers of a questionnaire containing text, for
// those who manage it.
func (s *Service) Search(ctx context.Context, u *account.User, id int64, text string) ([]questionnaire.AnswerRow, error) {
	q, err := s.managed(ctx, u, id)
	if err != nil {
		return nil, err
	}
	text = strings.TrimSpace(text)
	if text == "" || !utf8.ValidString(text) || utf8.RuneCountInString(text) > 50 {
		return nil, inputErr("error.search_text", 50)
	}
	return s.Store.SearchAnswers(ctx, q.ID, text, SearchLimit)
}
