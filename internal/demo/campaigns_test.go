package demo_test

import (
	"context"
	"testing"

	"liuyan/internal/demo"
	"liuyan/internal/stats"
	"liuyan/internal/store"
	"liuyan/internal/workflow"
)

// checkCampaigns wants the demo's campaigns with adopted suggestions and
// support, and their questionnaires with responses.
func checkCampaigns(t *testing.T, s *store.Store, d *workflow.Desk, res *demo.Result) {
	t.Helper()
	ctx := context.Background()
	cs, err := s.Campaigns(ctx, store.CampaignFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != res.Campaigns || len(cs) != 2 {
		t.Fatalf("%d campaigns, Result says %d, want 2", len(cs), res.Campaigns)
	}
	closed := cs[1] // the latest to open comes first
	if closed.Title != "战疫情抓复产 意见建议与问题线索征集" {
		t.Fatalf("campaigns %q, %q", cs[0].Title, cs[1].Title)
	}
	sum, err := stats.ForDesk(d).Campaign(ctx, closed)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Suggestions != 8 || sum.Adopted != 4 || sum.Answered != 2 || sum.Supports == 0 || len(sum.ByDay) < 3 {
		t.Errorf("the closed campaign's figures: %+v", sum.CampaignFigures)
	}
	for _, c := range cs {
		qs, err := s.Questionnaires(ctx, c.ID, 10)
		if err != nil || len(qs) != 1 {
			t.Fatalf("questionnaires of %s: %v %v", c.Title, qs, err)
		}
		if n, err := s.ResponseCount(ctx, qs[0].ID); err != nil || n < 6 {
			t.Errorf("%s: %d responses (%v)", qs[0].Title, n, err)
		}
	}
}
