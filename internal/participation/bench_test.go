//go:build unix

package participation_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"syscall"
	"testing"
	"time"

	"liuyan/internal/account"
	"liuyan/internal/board"
	"liuyan/internal/calendar"
	"liuyan/internal/campaign"
	"liuyan/internal/directory"
	"liuyan/internal/lifecycle"
	"liuyan/internal/message"
	"liuyan/internal/participation"
	"liuyan/internal/questionnaire"
	"liuyan/internal/stats"
	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
	"liuyan/internal/workflow"
)

// cpuTime is the process's user and system CPU time so far. On a machine
// shared with other work, CPU time per operation says more than wall time
// for SQLite, which runs in the process; PostgreSQL's own work is not in it.
// benchDomains are domains of the seeded lists that suggestions are spread over.
var benchDomains = []string{"城建", "交通", "环保", "企业", "就业", "政务", "教育", "医疗"}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// loop runs f b.N times and reports its CPU time per operation beside
// the wall time.
func loop(b *testing.B, f func() error) {
	b.Helper()
	start := cpuTime()
	for b.Loop() {
		if err := f(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N)/1e6, "cpu-ms/op")
}

// BenchmarkCampaign measures, on each store, a campaign's page for a
// visitor (figures, summary groups, top, adopted and latest suggestions)
// and a questionnaire's results, with LIUYAN_BENCH_SUGGESTIONS suggestions
// and as many responses (5,000 unless set), against a board page's list
// of 50 messages measured in the same run. See BENCHMARKS.md.
//
//	go test -run '^$' -bench BenchmarkCampaign -benchtime 20x ./internal/participation/
func BenchmarkCampaign(b *testing.B) {
	n := 5000
	if v := os.Getenv("LIUYAN_BENCH_SUGGESTIONS"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 1 {
			b.Fatalf("LIUYAN_BENCH_SUGGESTIONS=%q", v)
		}
	}
	for _, backend := range []string{"sqlite", "postgres"} {
		b.Run(backend, func(b *testing.B) {
			var s *store.Store
			if backend == "sqlite" {
				s = storetest.SQLite(b)
			} else {
				s = storetest.Postgres(b)
			}
			ctx := context.Background()
			p, c, q, boardID := benchFixture(b, s, n)
			b.Run("board-list-baseline", func(b *testing.B) {
				loop(b, func() error {
					_, err := s.Messages(ctx, store.Filter{BoardID: boardID, Limit: 50}, store.Viewer{})
					return err
				})
			})
			b.Run("campaign-page", func(b *testing.B) {
				loop(b, func() error {
					pg, err := p.PageOf(ctx, nil, c.ID)
					if err == nil && pg.Summary.Suggestions != int64(n) {
						err = fmt.Errorf("%d suggestions counted, want %d", pg.Summary.Suggestions, n)
					}
					return err
				})
			})
			admin := &account.User{ID: 1, Role: account.Admin}
			b.Run("questionnaire-results", func(b *testing.B) {
				loop(b, func() error {
					_, res, err := p.Results(ctx, admin, q.ID)
					if err == nil && res.Responses != n {
						err = fmt.Errorf("%d responses, want %d", res.Responses, n)
					}
					return err
				})
			})
		})
	}
}

// benchFixture stores a campaign with n published suggestions by n/10
// citizens, supported at random, a fifth of them adopted, and a
// questionnaire with n responses. Rows are written straight to the store,
// in batches, as a fixture: the pipeline is tested elsewhere.
func benchFixture(b *testing.B, s *store.Store, n int) (*participation.Service, *campaign.Campaign, *questionnaire.Questionnaire, int64) {
	b.Helper()
	ctx := context.Background()
	if _, err := directory.SeedLeaders(ctx, s); err != nil {
		b.Fatal(err)
	}
	boards, err := s.Boards(ctx, "330100", board.Leader)
	if err != nil || len(boards) == 0 {
		b.Fatalf("boards: %v", err)
	}
	bd := boards[0]
	start := time.Date(2026, 2, 16, 0, 0, 0, 0, calendar.China)
	rng := rand.New(rand.NewPCG(1, 2))
	users := make([]*account.User, n/10+1)
	c := &campaign.Campaign{Title: "战疫情抓复产 意见建议与问题线索征集", Description: "征集意见建议。", Tags: []string{"复工复产"},
		OpensAt: start, ClosesAt: start.AddDate(0, 2, 0), Public: true, BoardIDs: []int64{bd.ID}, CreatedAt: start}
	q := &questionnaire.Questionnaire{Title: "小微企业和个体工商户开复工情况调查", OpensAt: start, ClosesAt: start.AddDate(0, 1, 0), CreatedAt: start,
		Questions: []questionnaire.Question{
			{Position: 1, Kind: questionnaire.Single, Text: "复工情况", Required: true, Options: []string{"已全面复工", "部分复工", "尚未复工"}},
			{Position: 2, Kind: questionnaire.Multiple, Text: "主要困难", Options: []string{"资金周转", "用工短缺", "原材料供应", "订单不足"}},
			{Position: 3, Kind: questionnaire.Scale, Text: "满意度", Required: true},
			{Position: 4, Kind: questionnaire.Text, Text: "意见建议"},
		}}
	err = s.InTx(ctx, func(tx *store.Tx) error {
		for i := range users {
			users[i] = &account.User{Login: fmt.Sprintf("c%05d", i), Name: "居民", Role: account.Citizen, PasswordHash: "x"}
			if err := tx.CreateUser(ctx, users[i]); err != nil {
				return err
			}
		}
		c.CreatedBy, q.CreatedBy = users[0].ID, users[0].ID
		if err := tx.InsertCampaign(ctx, c); err != nil {
			return err
		}
		q.CampaignID = c.ID
		return tx.InsertQuestionnaire(ctx, q)
	})
	if err != nil {
		b.Fatal(err)
	}
	const batch = 500
	for from := 0; from < n; from += batch {
		err := s.InTx(ctx, func(tx *store.Tx) error {
			for i := from; i < min(n, from+batch); i++ {
				at := start.Add(time.Duration(i) * time.Minute)
				author := users[i%len(users)]
				title := fmt.Sprintf("复工复产建议第%d条", i+1)
				m := &message.Message{BoardID: bd.ID, RegionCode: bd.RegionCode, AuthorID: author.ID, Type: campaign.SuggestionType,
					Domain: benchDomains[i%len(benchDomains)], Title: title, Body: "建议延长小微企业房租减免期限，缓解资金压力。",
					PublicTitle: title, PublicBody: "建议延长小微企业房租减免期限，缓解资金压力。", Public: true, Channel: "web",
					Status: lifecycle.Published, CreatedAt: at, UpdatedAt: at, CampaignID: c.ID}
				if _, err := tx.InsertMessage(ctx, m); err != nil {
					return err
				}
				m.PublishedAt = at
				if err := tx.UpdateMessage(ctx, m); err != nil {
					return err
				}
				for k := range rng.IntN(4) {
					if err := tx.AddSupport(ctx, m.ID, users[(i+k+1)%len(users)].ID, at); err != nil {
						return err
					}
				}
				if i%5 == 0 {
					if err := tx.SetOutcome(ctx, m.ID, campaign.Adopted, "已采纳，纳入惠企政策调整。", users[0].ID, at); err != nil {
						return err
					}
				}
				qs := q.Questions
				rows := questionnaire.Rows([]questionnaire.Answer{{QuestionID: qs[0].ID, Choices: []int{i % 3}},
					{QuestionID: qs[1].ID, Choices: []int{i % 4, (i + 1) % 4}}, {QuestionID: qs[2].ID, Scale: 1 + i%5},
					{QuestionID: qs[3].ID, Text: "希望延长社保费减免期限"}})
				if _, err := tx.InsertResponse(ctx, q.ID, "bench:"+strconv.Itoa(i), at, rows); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	d := &workflow.Desk{Store: s, Calendar: calendar.Default(), Policy: lifecycle.DefaultPolicy(), Limits: message.DefaultLimits}
	p := &participation.Service{Store: s, Desk: d, Stats: stats.ForDesk(d), Now: func() time.Time { return start.AddDate(0, 3, 0) }}
	return p, c, q, bd.ID
}
