package jobs_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"testing"
	"time"

	"liuyan/internal/account"
	"liuyan/internal/calendar"
	"liuyan/internal/directory"
	"liuyan/internal/jobs"
	"liuyan/internal/lifecycle"
	"liuyan/internal/message"
	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
	"liuyan/internal/workflow"
)

// TestRefreshHot: several residents writing about the same compound's
// problem become a hot issue of their province and of the country; a
// lone message about something else does not.
func TestRefreshHot(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		clock := time.Date(2026, 10, 8, 2, 0, 0, 0, time.UTC)
		desk := &workflow.Desk{Store: s, Calendar: calendar.Default(), Policy: lifecycle.DefaultPolicy(),
			Limits: message.DefaultLimits, Now: func() time.Time { return clock }}
		b, err := directory.Join(ctx, s, "330114", "钱塘区住房和城乡建设局", clock)
		if err != nil {
			t.Fatal(err)
		}
		mod := &account.User{Login: "mod", Name: "mod", Role: account.Moderator, PasswordHash: "x"}
		var residents []*account.User
		err = s.InTx(ctx, func(tx *store.Tx) error {
			if err := tx.CreateUser(ctx, mod); err != nil {
				return err
			}
			for i := range 5 {
				u := &account.User{Login: fmt.Sprintf("resident%d", i), Name: "业主", Role: account.Citizen, PasswordHash: "x"}
				if err := tx.CreateUser(ctx, u); err != nil {
					return err
				}
				residents = append(residents, u)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		texts := [][2]string{
			{"金沙湖花园小区旁搅拌站噪音扰民", "金沙湖花园小区旁边的搅拌站每天夜里作业，噪音和粉尘严重影响居民休息，请尽快处理搅拌站。"},
			{"金沙湖花园小区搅拌站粉尘太大", "金沙湖花园小区附近搅拌站粉尘很大，窗户都不敢开，孩子咳嗽，请环保部门处理搅拌站问题。"},
			{"再次投诉金沙湖花园旁的搅拌站", "金沙湖花园小区东侧搅拌站深夜施工，噪音粉尘扰民，多次反映未解决，请相关部门督促搅拌站整改。"},
			{"金沙湖花园业主反映搅拌站扰民", "我们金沙湖花园小区的业主长期受搅拌站噪音和粉尘困扰，希望搅拌站尽快搬迁。"},
			{"下沙图书馆开放时间咨询", "请问下沙图书馆国庆期间是否正常开放？"},
		}
		for i, tx := range texts {
			clock = clock.Add(6 * time.Hour)
			m, _, err := desk.Submit(ctx, residents[i], message.Draft{BoardID: b.ID, Type: "投诉/求助", Domain: "环保",
				Title: tx[0], Body: tx[1], Public: true}, "")
			if err != nil {
				t.Fatal(err)
			}
			if _, err := desk.Do(ctx, mod, m.ID, workflow.Act{Action: lifecycle.Accept}); err != nil {
				t.Fatal(err)
			}
		}
		r := &jobs.Runner{Store: s, Desk: desk, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: func() time.Time { return clock }}
		if err := r.RefreshHot(ctx); err != nil {
			t.Fatal(err)
		}
		for _, code := range []string{"330000", ""} {
			hs, err := s.HotIssues(ctx, code, 10)
			if err != nil {
				t.Fatal(err)
			}
			if len(hs) != 1 || hs[0].Messages != 4 || hs[0].Authors != 4 || hs[0].Heat <= 0 {
				t.Fatalf("hot issues of %q: %+v", code, hs)
			}
		}
		if hs, _ := s.HotIssues(ctx, "430000", 10); len(hs) != 0 {
			t.Errorf("湖南 has %d of 浙江's hot issues", len(hs))
		}
	})
}
