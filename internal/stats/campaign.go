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

// campaignFigures applies the definitions above to a campaign's tally.
func campaignFigures(c *campaign.Campaign, t store.SuggestionTally) CampaignFigures {
	return CampaignFigures{CampaignID: c.ID, Title: c.Title, Suggestions: t.Suggestions, Participants: t.Participants,
		Supports: t.Supports, Adopted: t.Adopted, Answered: t.Answered,
		AdoptionRate: ratio(t.Adopted, t.Suggestions), FeedbackRate: ratio(t.Adopted+t.Answered, t.Suggestions)}
}

// campaignTotal is a campaign's tally as a whole; zero when it has no
// accepted suggestion.
func (s *Service) campaignTotal(ctx context.Context, c *campaign.Campaign) (CampaignFigures, error) {
	ts, err := s.Store.SuggestionTallies(ctx, c.ID, store.SuggestionsTotal)
	if err != nil || len(ts) == 0 {
		return campaignFigures(c, store.SuggestionTally{}), err
	}
	return campaignFigures(c, ts[0]), nil
}

// Campaign computes a campaign's summary. It counts from the campaign's
// own index, not the rollups, so that the figures include the feedback
// just given: a handful of aggregate queries over one campaign's rows.
func (s *Service) Campaign(ctx context.Context, c *campaign.Campaign) (*CampaignSummary, error) {
	total, err := s.campaignTotal(ctx, c)
	if err != nil {
		return nil, err
	}
	out := &CampaignSummary{CampaignFigures: total}
	for _, g := range []struct {
		to *[]CampaignGroup
		by store.SuggestionGroup
	}{{&out.ByDay, store.SuggestionsByDay}, {&out.ByDomain, store.SuggestionsByDomain}, {&out.ByBoard, store.SuggestionsByBoard}} {
		ts, err := s.Store.SuggestionTallies(ctx, c.ID, g.by)
		if err != nil {
			return nil, err
		}
		*g.to = make([]CampaignGroup, len(ts))
		for i, t := range ts {
			(*g.to)[i] = CampaignGroup{Key: t.Key, Name: t.Key, Count: t.Suggestions, Adopted: t.Adopted}
		}
	}
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

// Campaigns computes the figures of every campaign open at some time in
// the period, the latest to open first: the breakdown by campaign. With a
// region code, only campaigns addressed to a board within that region's
// subtree count.
func (s *Service) Campaigns(ctx context.Context, p Period, regionCode string) ([]CampaignFigures, error) {
	sc := Scope{Region: regionCode}
	if err := sc.Validate(); err != nil {
		return nil, err
	}
	cs, err := s.Store.Campaigns(ctx, store.CampaignFilter{From: p.From, To: p.To})
	if err != nil {
		return nil, err
	}
	var ids []int64
	for _, c := range cs {
		ids = append(ids, c.BoardIDs...)
	}
	boards, err := s.Store.BoardsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := []CampaignFigures{}
	for _, c := range cs {
		if !slices.ContainsFunc(c.BoardIDs, func(id int64) bool { return strings.HasPrefix(boards[id].RegionCode, sc.prefix()) }) {
			continue
		}
		f, err := s.campaignTotal(ctx, c)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
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
