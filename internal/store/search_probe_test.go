package store

import (
	"math"
	"testing"

	"liuyan/internal/search"
)

// TestProbeSpan: a probe's blocks are bounded by the rarest token's share,
// a token the statistics do not list counts at the least listed share,
// and without statistics nothing is capped.
func TestProbeSpan(t *testing.T) {
	sh := shares{listed: map[string]float64{"业主": 0.25, "噪音": 0.05, "小区": 0.075}, least: 0.01}
	span := func(share float64) int64 { return max(1, int64(probeCandidates/(share*search.IDBlock))) }
	for _, c := range []struct {
		tokens []string
		want   int64
		capped bool
	}{
		{[]string{"业主"}, span(0.25), true},
		{[]string{"业主", "噪音"}, span(0.05), true}, // the rarer one bounds
		{[]string{"话费"}, span(0.01), true},       // not listed: at most the least share
		{[]string{"小区", "话费"}, span(0.01), true}, // and it is the rarer one
		{nil, math.MaxInt64, false},              // nothing to search
	} {
		got, share := probeSpan(c.tokens, sh)
		if capped := share > 0; got != c.want || capped != c.capped {
			t.Errorf("probeSpan(%v) = %d, %v; want %d, %v", c.tokens, got, capped, c.want, c.capped)
		}
	}
	if got, share := probeSpan([]string{"业主"}, shares{}); share != 0 || got != math.MaxInt64 {
		t.Errorf("without statistics: %d, %v; want uncapped", got, share)
	}
	if span(0.25) >= span(0.01) {
		t.Error("a common word's probes must be shorter than a rare word's")
	}
}

// TestProbeSizes: the first probe is sized to hold the window by the
// rarest token's share, and each next one to hold what is still wanted at
// the density found, growing fourfold at most and within the cap.
func TestProbeSizes(t *testing.T) {
	if got := firstProbe(0, math.MaxInt64); got != firstBlocks {
		t.Errorf("without statistics the first probe covers %d blocks, want %d", got, firstBlocks)
	}
	if got := firstProbe(0.25, math.MaxInt64); got != 1 {
		t.Errorf("a word in a quarter of the documents: first probe %d blocks, want 1", got)
	}
	// 0.8%: about 33 visible matches a block, so ten blocks for 300.
	if got := firstProbe(0.008, math.MaxInt64); got != 10 {
		t.Errorf("a word in 0.8%% of the documents: first probe %d blocks, want 10", got)
	}
	if got := firstProbe(0.008, 6); got != 6 {
		t.Errorf("the first probe exceeds the cap: %d blocks, want 6", got)
	}
	for _, c := range []struct {
		blocks, found, last, limit, want int64
	}{
		{2, 290, 2, math.MaxInt64, 1},          // ten more wanted at 145 a block
		{2, 150, 2, math.MaxInt64, 3},          // 150 more at 75 a block, and a quarter
		{2, 10, 2, math.MaxInt64, 8},           // sparse: fourfold at most
		{10, 0, 8, math.MaxInt64, 32},          // none found: fourfold
		{10, 0, 8, 20, 20},                     // within the cap
		{4, SearchWindow, 2, math.MaxInt64, 1}, // full already: never less than a block
	} {
		if got := nextProbe(c.blocks, c.found, c.last, c.limit); got != c.want {
			t.Errorf("nextProbe(%d blocks, %d found, last %d, limit %d) = %d, want %d", c.blocks, c.found, c.last, c.limit, got, c.want)
		}
	}
}

// TestProbeLimit: after the first probe, a probe may cover the blocks
// expected to propose probeCandidates at the density found, and any
// number when none was proposed.
func TestProbeLimit(t *testing.T) {
	for _, c := range []struct{ blocks, proposed, want int64 }{
		{10, 0, math.MaxInt64},
		{10, 40960, 1},  // 4,096 a block: one block at a time
		{2, 100, 81},    // 50 a block
		{60, 3, 81920},  // a small board's few messages
		{2, 1 << 40, 1}, // never less than a block
	} {
		if got := probeLimit(c.blocks, c.proposed); got != c.want {
			t.Errorf("probeLimit(%d blocks, %d proposed) = %d, want %d", c.blocks, c.proposed, got, c.want)
		}
	}
}
