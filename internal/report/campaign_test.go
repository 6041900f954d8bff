package report_test

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"liuyan/internal/account"
	"liuyan/internal/board"
	"liuyan/internal/calendar"
	"liuyan/internal/campaign"
	"liuyan/internal/lifecycle"
	"liuyan/internal/message"
	"liuyan/internal/participation"
	"liuyan/internal/report"
	"liuyan/internal/stats"
	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
	"liuyan/internal/workflow"
)

// TestCampaignsInReport checks that a half-year report lists the campaigns
// of its region and period with their figures, and says so in words, and
// that another region's report leaves them out.
func TestCampaignsInReport(t *testing.T) {
	storetest.Seeded(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		// 04:00 in China is the evening before in UTC: days are China's.
		now := time.Date(2020, 3, 2, 4, 0, 0, 0, calendar.China)
		d := &workflow.Desk{Store: s, Calendar: calendar.Default(), Policy: lifecycle.DefaultPolicy(), Limits: message.DefaultLimits,
			Now: func() time.Time { return now }}
		svc := stats.ForDesk(d)
		p := &participation.Service{Store: s, Desk: d, Stats: svc}
		boards, err := s.Boards(ctx, "330100", board.Leader)
		if err != nil || len(boards) == 0 {
			t.Fatalf("boards of 杭州市: %v %v", boards, err)
		}
		users := []*account.User{{Login: "admin", Name: "管理员", Role: account.Admin}, {Login: "mod", Name: "审核员", Role: account.Moderator},
			{Login: "a", Name: "居民甲", Role: account.Citizen}, {Login: "b", Name: "居民乙", Role: account.Citizen}}
		err = s.InTx(ctx, func(tx *store.Tx) error {
			for _, u := range users {
				u.PasswordHash = "x"
				if err := tx.CreateUser(ctx, u); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		c, err := p.CreateCampaign(ctx, users[0], campaign.Draft{Title: "战疫情抓复产 意见建议与问题线索征集", Description: "征集复工复产的意见建议。",
			OpensAt: now.Add(-time.Hour), ClosesAt: now.AddDate(0, 1, 0), Public: true, BoardIDs: []int64{boards[0].ID}})
		if err != nil {
			t.Fatal(err)
		}
		for i, title := range []string{"建议延长小微企业房租减免期限", "建议为返岗务工人员开通点对点包车"} {
			m, _, err := p.Suggest(ctx, users[2+i], c.ID, participation.SuggestionDraft{Domain: "企业", Title: title, Body: title + "，缓解复工压力。"}, "")
			if err != nil {
				t.Fatal(err)
			}
			if _, err := d.Do(ctx, users[1], m.ID, workflow.Act{Action: lifecycle.Accept}); err != nil {
				t.Fatal(err)
			}
			if i == 0 {
				if _, err := p.Feedback(ctx, users[0], m.ID, "adopted", "国有房产租金减免期已延长至6月30日。"); err != nil {
					t.Fatal(err)
				}
			}
		}
		sum, err := svc.Campaign(ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		if len(sum.ByDay) != 1 || sum.ByDay[0].Key != "2020-03-02" || sum.ByDay[0].Count != 2 || sum.ByDay[0].Adopted != 1 {
			t.Errorf("suggestions by day %+v", sum.ByDay)
		}
		r, err := report.Build(ctx, svc, "330000", mustPeriod(t, "2020H1"))
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(r.Tables, func(t report.Table) bool { return t.File == "campaigns.csv" })
		if i < 0 {
			t.Fatal("no campaign table in the report")
		}
		row := r.Tables[i].Rows
		if len(row) != 1 || row[0][0] != c.Title || row[0][1] != int64(2) || row[0][4] != int64(1) {
			t.Errorf("campaign rows %v", row)
		}
		if !slices.ContainsFunc(r.Narrative, func(p string) bool {
			return strings.Contains(p, "开展征集活动1项，收到网民建言2条，采纳1条")
		}) {
			t.Errorf("narrative %v", r.Narrative)
		}
		var page bytes.Buffer
		if err := r.WriteHTML(&page); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(page.String(), `id="campaigns"`) {
			t.Error("the report page has no campaign chart")
		}
		var buf bytes.Buffer
		if err := r.WriteXLSX(&buf); err != nil {
			t.Fatal(err)
		}
		book, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatal(err)
		}
		if v, _ := book.GetCellValue("征集活动", "A2"); v != c.Title {
			t.Errorf("workbook sheet 征集活动 A2 = %q", v)
		}
		other, err := report.Build(ctx, svc, "430000", mustPeriod(t, "2020H1"))
		if err != nil {
			t.Fatal(err)
		}
		if len(other.Campaigns) != 0 {
			t.Errorf("湖南省's report lists %v", other.Campaigns)
		}
	})
}
