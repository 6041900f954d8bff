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
		got, capped := probeSpan(c.tokens, sh)
		if got != c.want || capped != c.capped {
			t.Errorf("probeSpan(%v) = %d, %v; want %d, %v", c.tokens, got, capped, c.want, c.capped)
		}
	}
	if got, capped := probeSpan([]string{"业主"}, shares{}); capped || got != math.MaxInt64 {
		t.Errorf("without statistics: %d, %v; want uncapped", got, capped)
	}
	if span(0.25) >= span(0.01) {
		t.Error("a common word's probes must be shorter than a rare word's")
	}
}
