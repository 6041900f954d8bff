package store

import (
	"cmp"
	"context"
	"strings"
)

// The half-year rollup, stats_region_halves (migration 0023): per
// half-year and board region, the counters and the handling-time histogram
// of the first replies packed into one row (stats_packed.go). A region's
// monthly cells are one per handling day, so ranking every city or county
// of a half-year from them read and grouped tens of thousands of rows
// (43,737 at 200,000 messages, more as the volume fills in the days); from
// here it reads one row per region, whatever the volume.

// monthHalf is the half-year of a month yyyymm, as yyyy1 (January–June) or
// yyyy2 (July–December).
func monthHalf(month int) int {
	return month/100*10 + 1 + (month%100-1)/6
}

// wholeHalves returns the months [first, last) as yyyymm bounding the
// half-years that lie wholly within the months [from, to); first == last
// when there is none.
func wholeHalves(from, to int) (first, last int) {
	first = from
	switch m := from % 100; {
	case m > 7:
		first = (from/100+1)*100 + 1
	case m > 1 && m < 7:
		first = from/100*100 + 7
	}
	last = to / 100 * 100
	if to%100 >= 7 {
		last += 6
	}
	last++
	if last <= first {
		return first, first
	}
	return first, last
}

// halfKey names a row of stats_region_halves.
type halfKey struct {
	half   int
	region string
}

func (k *halfKey) values() []any  { return []any{k.half, k.region} }
func (k *halfKey) targets() []any { return []any{&k.half, &k.region} }

func compareHalfKeys(a, b halfKey) int {
	return cmp.Or(cmp.Compare(a.half, b.half), strings.Compare(a.region, b.region))
}

// upsertHalves adds deltas to stats_region_halves.
func (t *Tx) upsertHalves(ctx context.Context, deltas map[halfKey]*packedDelta) error {
	return upsertPacked(ctx, t, "stats_region_halves", []string{"half", "region_code"}, deltas, compareHalfKeys)
}

// statsHalves reads the regions' rows of the half-years [from, to) as
// rows by region and handling time.
func (s *Store) statsHalves(ctx context.Context, f StatsFilter, from, to int) ([]StatsRow, error) {
	conds := []string{"half >= ?", "half < ?"}
	args := []any{from, to}
	if f.RegionPrefix != "" {
		lo, hi := regionRange(f.RegionPrefix)
		conds = append(conds, "region_code >= ?", "region_code < ?")
		args = append(args, lo, hi)
	}
	return s.readPacked(ctx, "stats_region_halves", "SELECT region_code, "+strings.Join(statsCounters, ", ")+", hist FROM stats_region_halves WHERE "+
		strings.Join(conds, " AND "), args)
}

// StatsHalfCell is a row of the half-year rollup.
type StatsHalfCell struct {
	Half       int // yyyy1 or yyyy2
	RegionCode string
	StatsPacked
}

// StatsHalfCells returns every row of the half-year rollup, for checking
// it against a recomputation.
func (s *Store) StatsHalfCells(ctx context.Context) ([]StatsHalfCell, error) {
	return readPackedCells(ctx, s, "stats_region_halves", []string{"half", "region_code"}, func(c *StatsHalfCell) ([]any, *StatsPacked) {
		return []any{&c.Half, &c.RegionCode}, &c.StatsPacked
	})
}
