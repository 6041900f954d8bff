package stats

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"strings"

	"liuyan/internal/calendar"
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

// campaignFigures counts facts by the definitions above.
func campaignFigures(c *campaign.Campaign, facts []store.SuggestionFact) CampaignFigures {
	f := CampaignFigures{CampaignID: c.ID, Title: c.Title}
	authors := map[int64]bool{}
	for _, x := range facts {
		f.Suggestions++
		authors[x.AuthorID] = true
		f.Supports += int64(x.Supports)
		switch x.Outcome {
		case campaign.Adopted:
			f.Adopted++
		case campaign.Answered:
			f.Answered++
		}
	}
	f.Participants = int64(len(authors))
	f.AdoptionRate = ratio(f.Adopted, f.Suggestions)
	f.FeedbackRate = ratio(f.Adopted+f.Answered, f.Suggestions)
	return f
}

// Campaign computes a campaign's summary. Suggestions are read from the
// campaign's own index rather than the rollups: a campaign holds a few
// thousand suggestions, and its figures must include the feedback just
// given.
func (s *Service) Campaign(ctx context.Context, c *campaign.Campaign) (*CampaignSummary, error) {
	facts, err := s.Store.SuggestionFacts(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	out := &CampaignSummary{CampaignFigures: campaignFigures(c, facts)}
	day := func(x store.SuggestionFact) string { return x.PublishedAt.In(calendar.China).Format("2006-01-02") }
	out.ByDay = groupFacts(facts, day)
	slices.SortFunc(out.ByDay, func(a, b CampaignGroup) int { return cmp.Compare(a.Key, b.Key) })
	out.ByDomain = largestFirst(groupFacts(facts, func(x store.SuggestionFact) string { return x.Domain }))
	out.ByBoard = largestFirst(groupFacts(facts, func(x store.SuggestionFact) string { return strconv.FormatInt(x.BoardID, 10) }))
	ids := make([]int64, 0, len(out.ByBoard))
	for _, g := range out.ByBoard {
		id, _ := strconv.ParseInt(g.Key, 10, 64)
		ids = append(ids, id)
	}
	bs, err := s.Store.BoardsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	for i, g := range out.ByBoard {
		id, _ := strconv.ParseInt(g.Key, 10, 64)
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
		facts, err := s.Store.SuggestionFacts(ctx, c.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, campaignFigures(c, facts))
	}
	return out, nil
}

func groupFacts(facts []store.SuggestionFact, keyOf func(store.SuggestionFact) string) []CampaignGroup {
	idx := map[string]int{}
	var out []CampaignGroup
	for _, x := range facts {
		k := keyOf(x)
		i, ok := idx[k]
		if !ok {
			i = len(out)
			idx[k] = i
			out = append(out, CampaignGroup{Key: k, Name: k})
		}
		out[i].Count++
		if x.Outcome == campaign.Adopted {
			out[i].Adopted++
		}
	}
	if out == nil {
		out = []CampaignGroup{}
	}
	return out
}

func largestFirst(gs []CampaignGroup) []CampaignGroup {
	slices.SortStableFunc(gs, func(a, b CampaignGroup) int {
		if a.Count != b.Count {
			return cmp.Compare(b.Count, a.Count)
		}
		return cmp.Compare(a.Key, b.Key)
	})
	return gs
}
