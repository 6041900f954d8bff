package participation_test

import (
	"context"
	"errors"
	"strconv"
	"testing"
	"time"

	"liuyan/internal/account"
	"liuyan/internal/calendar"
	"liuyan/internal/lifecycle"
	"liuyan/internal/message"
	"liuyan/internal/participation"
	"liuyan/internal/questionnaire"
	"liuyan/internal/stats"
	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
	"liuyan/internal/workflow"
)

// TestAnonymousResponsesKeepNoAccount checks anonymous mode's promise: a
// signed-in person still answers once, but the stored response cannot be
// looked up by their account, while a named questionnaire's can.
func TestAnonymousResponsesKeepNoAccount(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		now := time.Date(2026, 3, 2, 10, 0, 0, 0, calendar.China)
		d := &workflow.Desk{Store: s, Calendar: calendar.Default(), Policy: lifecycle.DefaultPolicy(), Limits: message.DefaultLimits,
			Now: func() time.Time { return now }}
		p := &participation.Service{Store: s, Desk: d, Stats: stats.ForDesk(d)}
		admin := &account.User{Login: "admin", Name: "管理员", Role: account.Admin, PasswordHash: "x"}
		citizen := &account.User{Login: "xiaowei", Name: "小微企业主", Role: account.Citizen, PasswordHash: "x"}
		err := s.InTx(ctx, func(tx *store.Tx) error {
			if err := tx.CreateUser(ctx, admin); err != nil {
				return err
			}
			return tx.CreateUser(ctx, citizen)
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, anonymous := range []bool{true, false} {
			q := &questionnaire.Questionnaire{Title: "复工复产政策知晓度调查", Anonymous: anonymous, OpensAt: now.Add(-time.Hour), ClosesAt: now.Add(time.Hour),
				Questions: []questionnaire.Question{{Kind: questionnaire.Scale, Text: "对惠企政策的了解程度", Required: true}}}
			if err := p.CreateQuestionnaire(ctx, admin, q); err != nil {
				t.Fatal(err)
			}
			answer := []questionnaire.Answer{{QuestionID: q.Questions[0].ID, Scale: 4}}
			if err := p.Respond(ctx, citizen, q.ID, answer); err != nil {
				t.Fatal(err)
			}
			if err := p.Respond(ctx, citizen, q.ID, answer); !errors.Is(err, participation.ErrAlreadyAnswered) {
				t.Errorf("anonymous %v: second response: %v", anonymous, err)
			}
			byAccount, err := s.Responded(ctx, q.ID, "u:"+strconv.FormatInt(citizen.ID, 10))
			if err != nil {
				t.Fatal(err)
			}
			if byAccount == anonymous {
				t.Errorf("anonymous %v: response found by account: %v", anonymous, byAccount)
			}
			if responded, err := p.Responded(ctx, citizen, q); err != nil || !responded {
				t.Errorf("anonymous %v: the citizen is not told they answered (%v)", anonymous, err)
			}
			if err := p.Respond(ctx, nil, q.ID, answer); anonymous == errors.Is(err, participation.ErrLoginRequired) {
				t.Errorf("anonymous %v: a visitor's response: %v", anonymous, err)
			}
		}
	})
}
