package report

import (
	"context"

	"liuyan/internal/board"
	"liuyan/internal/region"
	"liuyan/internal/stats"
)

// Report is everything a half-year report shows for a region.
type Report struct {
	Region     string // "" for the country
	RegionName string
	Period     stats.Period

	Summary    *stats.Summary
	Months     *stats.Breakdown
	Domains    *stats.Breakdown
	Levels     *stats.Breakdown
	Subregions *stats.Breakdown // nil for a county
	Ranking    *stats.Ranking   // the regions one level below; nil for a county
	ZeroReply  *stats.List
	FirstTime  *stats.List
	Coverage   *stats.List
	Overdue    *stats.List
	Joined     []board.Board
	// Campaigns are the figures of the campaigns open in the period and
	// addressed to boards of the region.
	Campaigns []stats.CampaignFigures

	Narrative []string
	Tables    []Table
}

// childLevel is the level ranked below a region.
func childLevel(code string) region.Level {
	if code == "" {
		return region.Province
	}
	r, _ := region.Get(code)
	switch r.Level {
	case region.Province:
		return region.City
	case region.City:
		return region.County
	}
	return ""
}

// Build gathers a region's figures for a period and writes its narrative
// and tables.
func Build(ctx context.Context, svc *stats.Service, code string, p stats.Period) (*Report, error) {
	sc := stats.Scope{Region: code}
	if err := svc.Check(ctx, sc); err != nil {
		return nil, err
	}
	r := &Report{Region: code, RegionName: stats.ScopeName(code), Period: p}
	var err error
	if r.Summary, err = svc.Summary(ctx, sc, p); err != nil {
		return nil, err
	}
	for _, b := range []struct {
		to **stats.Breakdown
		by stats.Dimension
	}{{&r.Months, stats.ByMonth}, {&r.Domains, stats.ByDomain}, {&r.Levels, stats.ByLevel}} {
		if *b.to, err = svc.Breakdown(ctx, sc, p, b.by); err != nil {
			return nil, err
		}
	}
	if level := childLevel(code); level != "" {
		if r.Subregions, err = svc.Breakdown(ctx, sc, p, stats.ByRegion); err != nil {
			return nil, err
		}
		if r.Ranking, err = svc.Rank(ctx, p, stats.RankOptions{Level: level, Parent: code, Weights: stats.DefaultWeights, MinVolume: 1}); err != nil {
			return nil, err
		}
	}
	for _, l := range []struct {
		to   **stats.List
		kind stats.ListKind
	}{{&r.ZeroReply, stats.ZeroReply}, {&r.FirstTime, stats.FirstTime}, {&r.Coverage, stats.Coverage}, {&r.Overdue, stats.Overdue}} {
		if *l.to, err = svc.List(ctx, l.kind, sc, p, stats.ListOptions{MinVolume: 1}); err != nil {
			return nil, err
		}
	}
	if r.Joined, err = svc.Store.BoardsJoined(ctx, region.Prefix(code), p.From, p.To); err != nil {
		return nil, err
	}
	if r.Campaigns, err = svc.Campaigns(ctx, p, code); err != nil {
		return nil, err
	}
	r.Narrative = narrate(r)
	r.Tables = tables(r)
	return r, nil
}
