package stats

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"strings"

	"liuyan/internal/campaign"
	"liuyan/internal/store"
)

// CampaignFigures are a campaign's figures, one definition for its page,
// the API and the reports:
//   - 建言量 (suggestions): suggestions accepted for publication, private
//     ones included;
//   - participants: distinct authors of those suggestions;
//   - supports: 支持 given to them, one per account and suggestion;
//   - adopted (采纳) and answered: suggestions with that staff outcome;
//   - 采纳率 = adopted / suggestions; 反馈率 = (adopted + answered) / suggestions.
type CampaignFigures struct {
	CampaignID   int64    `json:"campaign_id"`
	Title        string   `json:"title"`
	Suggestions  int64    `json:"suggestions"`
	Participants int64    `json:"participants"`
	Supports     int64    `json:"supports"`
	Adopted      int64    `json:"adopted"`
	Answered     int64    `json:"answered"`
	AdoptionRate *float64 `json:"adoption_rate"`
	FeedbackRate *float64 `json:"feedback_rate"`
}

// CampaignGroup is one group of a campaign's suggestions.
type CampaignGroup struct {
	Key     string `json:"key"`
	Name    string `json:"name"`
	Count   int64  `json:"count"`
	Adopted int64  `json:"adopted"`
}

// CampaignSummary is a campaign's figures with its suggestions grouped by
// day of publication (China time), domain and board: the summary shown
// when a campaign closes.
type CampaignSummary struct {
	CampaignFigures
	ByDay    []CampaignGroup `json:"by_day"`
	ByDomain []CampaignGroup `json:"by_domain"`
	ByBoard  []CampaignGroup `json:"by_board"`
}

// campaignFigures applies the definitions above to a campaign's total.
func campaignFigures(c *campaign.Campaign, t store.CampaignTotal) CampaignFigures {
	return CampaignFigures{CampaignID: c.ID, Title: c.Title, Suggestions: t.Suggestions, Participants: t.Participants,
		Supports: t.Supports, Adopted: t.Adopted, Answered: t.Answered,
		AdoptionRate: ratio(t.Adopted, t.Suggestions), FeedbackRate: ratio(t.Adopted+t.Answered, t.Suggestions)}
}

// Campaign computes a campaign's summary. It counts from the campaign's
// own index, not the rollups, so that the figures include the feedback
// just given: two aggregate queries over one campaign's rows.
func (s *Service) Campaign(ctx context.Context, c *campaign.Campaign) (*CampaignSummary, error) {
	totals, err := s.Store.CampaignTotals(ctx, []int64{c.ID})
	if err != nil {
		return nil, err
	}
	ts, err := s.Store.SuggestionTallies(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	out := &CampaignSummary{CampaignFigures: campaignFigures(c, totals[c.ID])}
	out.ByDay = sumCells(ts, func(t store.SuggestionTally) string { return t.Day })
	out.ByDomain = sumCells(ts, func(t store.SuggestionTally) string { return t.Domain })
	out.ByBoard = sumCells(ts, func(t store.SuggestionTally) string { return strconv.FormatInt(t.BoardID, 10) })
	slices.SortFunc(out.ByDay, func(a, b CampaignGroup) int { return cmp.Compare(a.Key, b.Key) })
	largestFirst(out.ByDomain)
	largestFirst(out.ByBoard)
	ids := make([]int64, 0, len(out.ByBoard))
	for _, g := range out.ByBoard {
		id, _ := strconv.ParseInt(g.Key, 10, 64)
		ids = append(ids, id)
	}
	bs, err := s.Store.BoardsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	for i, id := range ids {
		out.ByBoard[i].Name = bs[id].Name
	}
	return out, nil
}

// sumCells adds a campaign's cells up by one of their keys.
func sumCells(ts []store.SuggestionTally, keyOf func(store.SuggestionTally) string) []CampaignGroup {
	idx := map[string]int{}
	out := []CampaignGroup{}
	for _, t := range ts {
		k := keyOf(t)
		i, ok := idx[k]
		if !ok {
			i = len(out)
			idx[k] = i
			out = append(out, CampaignGroup{Key: k, Name: k})
		}
		out[i].Count += t.Suggestions
		out[i].Adopted += t.Adopted
	}
	return out
}

// Campaigns computes the figures of every campaign open at some time in
// the period, the latest to open first: the breakdown by campaign. With a
// region code, only campaigns addressed to a board within that region's
// subtree count.
func (s *Service) Campaigns(ctx context.Context, p Period, regionCode string) ([]CampaignFigures, error) {
	sc := Scope{Region: regionCode}
	if err := s.Check(ctx, sc); err != nil {
		return nil, err
	}
	cs, err := s.Store.Campaigns(ctx, store.CampaignFilter{From: p.From, To: p.To})
	if err != nil {
		return nil, err
	}
	var boardIDs []int64
	for _, c := range cs {
		boardIDs = append(boardIDs, c.BoardIDs...)
	}
	boards, err := s.Store.BoardsByID(ctx, boardIDs)
	if err != nil {
		return nil, err
	}
	var in []*campaign.Campaign
	var ids []int64
	for _, c := range cs {
		if slices.ContainsFunc(c.BoardIDs, func(id int64) bool { return strings.HasPrefix(boards[id].RegionCode, sc.prefix()) }) {
			in, ids = append(in, c), append(ids, c.ID)
		}
	}
	totals, err := s.Store.CampaignTotals(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]CampaignFigures, len(in))
	for i, c := range in {
		out[i] = campaignFigures(c, totals[c.ID])
	}
	return out, nil
}

func largestFirst(gs []CampaignGroup) {
	slices.SortStableFunc(gs, func(a, b CampaignGroup) int {
		if a.Count != b.Count {
			return cmp.Compare(b.Count, a.Count)
		}
		return cmp.Compare(a.Key, b.Key)
	})
}
