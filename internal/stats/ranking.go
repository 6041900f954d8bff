package stats

import (
	"context"
	"errors"
	"slices"
	"strings"

	"liuyan/internal/region"
	"liuyan/internal/store"
)

// Weights weigh the three components of 网上群众工作总热度.
type Weights struct {
	Activity     float64 `json:"activity"`
	Effort       float64 `json:"effort"`
	Satisfaction float64 `json:"satisfaction"`
}

// DefaultWeights are equal, as DESIGN §4 says.
var DefaultWeights = Weights{Activity: 1, Effort: 1, Satisfaction: 1}

// Ranking errors.
var (
	ErrBadLevel   = errors.New("stats: unknown ranking level")
	ErrBadWeights = errors.New("stats: weights must not be negative nor all zero")
)

// RankOptions say which regions are ranked and how.
type RankOptions struct {
	Level  region.Level // province, city or county
	Parent string       // rank only the regions below it; "" for the country
	// Weights weigh the components (DefaultWeights unless told otherwise).
	Weights Weights
	// MinVolume is the 留言量 below which a region is listed but not
	// ranked, and left out of the normalisation.
	MinVolume int64
}

// RankInputs are what a region's components are made of.
type RankInputs struct {
	Messages  int64 `json:"messages"`
	Replies   int64 `json:"replies"`
	Followups int64 `json:"followups"`
	Ratings   int64 `json:"ratings"`
	// Boards counts the boards of the region that had joined by the end of
	// the period; activity is per board.
	Boards int64 `json:"boards"`
	// ActivityPerBoard is (留言量 + 回复量 + 追问 + 评价) / Boards.
	ActivityPerBoard *float64 `json:"activity_per_board"`
	ReplyRate        *float64 `json:"reply_rate"`
	OnTimeRate       *float64 `json:"on_time_rate"`
	MedianDays       *int     `json:"median_days"`
	Satisfaction     *float64 `json:"satisfaction"`
}

// RankItem is one region of a ranking. The components run from 0 to 100.
type RankItem struct {
	Code string `json:"code"`
	Name string `json:"name"`
	// Rank is 1 for the hottest; 0 for a region below the minimum volume.
	Rank int `json:"rank"`
	// Heat is 网上群众工作总热度, the weighted mean of the components.
	Heat *float64 `json:"heat"`
	// Activity is 互动活跃度: activity per board, normalised.
	Activity *float64 `json:"activity"`
	// Effort is 办理力度: the mean of the normalised reply rate, 按时办结率
	// and median 办理时长 (shorter is better).
	Effort *float64 `json:"effort"`
	// Satisfaction is 满意度, normalised.
	Satisfaction *float64   `json:"satisfaction"`
	Inputs       RankInputs `json:"inputs"`
}

// Ranking is the heat ranking of the regions at one level.
type Ranking struct {
	Period      string       `json:"period"`
	PeriodLabel string       `json:"period_label"`
	Level       region.Level `json:"level"`
	Parent      string       `json:"parent,omitempty"`
	Weights     Weights      `json:"weights"`
	MinVolume   int64        `json:"min_volume"`
	Items       []RankItem   `json:"items"`
}

// Rank ranks the regions at a level by 网上群众工作总热度 (DESIGN §4): each
// component is normalised min–max over the regions with at least the
// minimum volume, where a missing value (no replies, no ratings) counts as
// the worst; the heat is their weighted mean.
func (s *Service) Rank(ctx context.Context, p Period, o RankOptions) (*Ranking, error) {
	if o.Level != region.Province && o.Level != region.City && o.Level != region.County {
		return nil, ErrBadLevel
	}
	if _, ok := region.Get(o.Parent); o.Parent != "" && !ok {
		return nil, ErrUnknownRegion
	}
	w := o.Weights
	if w.Activity < 0 || w.Effort < 0 || w.Satisfaction < 0 || w.Activity+w.Effort+w.Satisfaction == 0 {
		return nil, ErrBadWeights
	}
	if err := s.fresh(ctx); err != nil {
		return nil, err
	}
	candidates := map[string]bool{}
	for _, r := range region.All() {
		if r.Level == o.Level && (o.Parent == "" || region.Within(r.Code, o.Parent)) {
			candidates[r.Code] = true
		}
	}
	at := ancestorAt(o.Level, candidates)
	by := store.GroupRegion
	if o.Level == region.Province {
		by = store.GroupProvince
	}
	ts, err := s.gather(ctx, Scope{Region: o.Parent}, p, by, at)
	if err != nil {
		return nil, err
	}
	perRegion, err := s.Store.BoardsPerRegion(ctx, region.Prefix(o.Parent), p.To, by == store.GroupProvince)
	if err != nil {
		return nil, err
	}
	boards := map[string]int64{}
	for code, n := range perRegion {
		if by == store.GroupProvince {
			code += "0000"
		}
		if key := at(code); key != "" {
			boards[key] += n
		}
	}
	out := &Ranking{Period: p.Name, PeriodLabel: p.Label(), Level: o.Level, Parent: o.Parent, Weights: w, MinVolume: o.MinVolume, Items: []RankItem{}}
	for code := range candidates {
		t := ts[code]
		if t == nil {
			t = &tally{}
		}
		f := t.figures(false)
		in := RankInputs{Messages: f.Messages, Replies: f.Replies, Followups: f.Followups, Ratings: f.Ratings,
			Boards: boards[code], ReplyRate: f.ReplyRate, OnTimeRate: f.OnTimeRate, MedianDays: f.MedianDays,
			Satisfaction: f.Satisfaction}
		in.ActivityPerBoard = ratio(f.Messages+f.Replies+f.Followups+f.Ratings, in.Boards)
		r, _ := region.Get(code)
		out.Items = append(out.Items, RankItem{Code: code, Name: r.Name, Inputs: in})
	}
	score(out.Items, o.MinVolume, w)
	slices.SortFunc(out.Items, func(a, b RankItem) int {
		switch {
		case a.Rank != 0 && b.Rank != 0:
			return a.Rank - b.Rank
		case a.Rank != 0:
			return -1
		case b.Rank != 0:
			return 1
		case a.Inputs.Messages != b.Inputs.Messages:
			return int(b.Inputs.Messages - a.Inputs.Messages)
		}
		return strings.Compare(a.Code, b.Code)
	})
	return out, nil
}

// ancestorAt maps a board's region to the candidate region above or at it.
// It climbs the tree by parent codes rather than building each region's
// path: a country-wide county ranking maps thousands of regions.
func ancestorAt(level region.Level, candidates map[string]bool) func(string) string {
	return func(code string) string {
		for r, ok := region.Get(code); ok; r, ok = region.Get(r.Parent) {
			if r.Level == level && candidates[r.Code] {
				return r.Code
			}
		}
		return ""
	}
}

// score normalises the components over the eligible items, weighs them
// and ranks.
func score(items []RankItem, minVolume int64, w Weights) {
	var eligible []*RankItem
	for i := range items {
		if items[i].Inputs.Messages >= minVolume && items[i].Inputs.Messages > 0 {
			eligible = append(eligible, &items[i])
		}
	}
	pick := func(f func(RankInputs) *float64) []*float64 {
		vs := make([]*float64, len(eligible))
		for i, it := range eligible {
			vs[i] = f(it.Inputs)
		}
		return vs
	}
	activity := normalise(pick(func(in RankInputs) *float64 { return in.ActivityPerBoard }), true)
	replyRate := normalise(pick(func(in RankInputs) *float64 { return in.ReplyRate }), true)
	onTime := normalise(pick(func(in RankInputs) *float64 { return in.OnTimeRate }), true)
	days := normalise(pick(func(in RankInputs) *float64 { return intNum(in.MedianDays) }), false)
	satisfaction := normalise(pick(func(in RankInputs) *float64 { return in.Satisfaction }), true)
	// Only the weights' proportions matter: scaled so the largest is 1,
	// huge weights cannot overflow the sum into Inf/Inf.
	if top := max(w.Activity, w.Effort, w.Satisfaction); top > 0 {
		w = Weights{Activity: w.Activity / top, Effort: w.Effort / top, Satisfaction: w.Satisfaction / top}
	}
	for i, it := range eligible {
		effort := (replyRate[i] + onTime[i] + days[i]) / 3
		heat := (w.Activity*activity[i] + w.Effort*effort + w.Satisfaction*satisfaction[i]) / (w.Activity + w.Effort + w.Satisfaction)
		it.Activity, it.Effort, it.Satisfaction, it.Heat = &activity[i], &effort, &satisfaction[i], &heat
	}
	slices.SortStableFunc(eligible, func(a, b *RankItem) int {
		if *a.Heat != *b.Heat {
			if *a.Heat > *b.Heat {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Code, b.Code)
	})
	for i, it := range eligible {
		it.Rank = i + 1
	}
}

// normalise maps values min–max onto 0–100, 100 being the best (the
// highest, or the lowest when higherBetter is false). A missing value is
// 0; when every present value is the same, each gets 100.
func normalise(vs []*float64, higherBetter bool) []float64 {
	out := make([]float64, len(vs))
	lo, hi, any := 0.0, 0.0, false
	for _, v := range vs {
		if v == nil {
			continue
		}
		if !any || *v < lo {
			lo = *v
		}
		if !any || *v > hi {
			hi = *v
		}
		any = true
	}
	for i, v := range vs {
		switch {
		case v == nil:
			out[i] = 0
		case hi == lo:
			out[i] = 100
		case higherBetter:
			out[i] = 100 * (*v - lo) / (hi - lo)
		default:
			out[i] = 100 * (hi - *v) / (hi - lo)
		}
	}
	return out
}
