package store

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// The half-year rollup, stats_region_halves (migration 0023): per
// half-year and board region, the counters and the handling-time histogram
// of the first replies packed into one row. A region's monthly cells are
// one per handling day, so ranking every city or county of a half-year from
// them read and grouped tens of thousands of rows (43,737 at 200,000
// messages, more as the volume fills in the days); from here it reads one
// row per region, whatever the volume.

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

// histogram is a handling-time histogram: working days → first replies.
type histogram map[int]int64

// parseHistogram reads the packed "days:replies,…" form; pairs may come in
// any order (SQLite's group_concat, in the migration, keeps none) and the
// same days twice are added up.
func parseHistogram(s string) (histogram, error) {
	h := histogram{}
	for s != "" {
		var pair string
		pair, s, _ = strings.Cut(s, ",")
		d, n, ok := strings.Cut(pair, ":")
		days, err1 := strconv.Atoi(d)
		replies, err2 := strconv.ParseInt(n, 10, 64)
		if !ok || err1 != nil || err2 != nil {
			return nil, fmt.Errorf("store: malformed handling-time histogram %q", pair)
		}
		h[days] += replies
	}
	return h, nil
}

// String packs the histogram ascending by days, leaving out empty days.
func (h histogram) String() string {
	var b strings.Builder
	for _, d := range slices.Sorted(maps.Keys(h)) {
		if h[d] == 0 {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Itoa(d))
		b.WriteByte(':')
		b.WriteString(strconv.FormatInt(h[d], 10))
	}
	return b.String()
}

// halfKey names a row of stats_region_halves.
type halfKey struct {
	half   int
	region string
}

// halfDelta is what a fold adds to one row.
type halfDelta struct {
	counts StatsCounts
	hist   histogram
}

// upsertHalves adds deltas to stats_region_halves. Counters are added by
// the upsert; the histograms are read, merged and written back, which is
// safe because every fold runs under the stats lock (HoldStats, or the
// single writer on SQLite).
func (t *Tx) upsertHalves(ctx context.Context, deltas map[halfKey]*halfDelta) error {
	keys := slices.SortedFunc(maps.Keys(deltas), func(a, b halfKey) int {
		return cmp.Or(cmp.Compare(a.half, b.half), strings.Compare(a.region, b.region))
	})
	cols := append(append([]string{"half", "region_code"}, statsCounters...), "hist")
	sets := make([]string, 0, len(statsCounters)+1)
	for _, c := range statsCounters {
		sets = append(sets, c+" = stats_region_halves."+c+" + excluded."+c)
	}
	sets = append(sets, "hist = excluded.hist")
	row := "(" + placeholders(len(cols)) + ")"
	const per = 400
	for start := 0; start < len(keys); start += per {
		chunk := keys[start:min(start+per, len(keys))]
		args := make([]any, 0, 2*len(chunk))
		for _, k := range chunk {
			args = append(args, k.half, k.region)
		}
		type stored struct {
			key  halfKey
			hist string
		}
		old, err := collect(ctx, t.conn, func(r scanner) (stored, error) {
			var s stored
			err := r.Scan(&s.key.half, &s.key.region, &s.hist)
			return s, err
		}, "SELECT half, region_code, hist FROM stats_region_halves WHERE (half, region_code) IN ("+
			strings.TrimSuffix(strings.Repeat("(?, ?), ", len(chunk)), ", ")+")", args...)
		if err != nil {
			return fmt.Errorf("store: unable to read half-year rollups: %w", err)
		}
		hists := make(map[halfKey]histogram, len(chunk))
		for _, o := range old {
			if hists[o.key], err = parseHistogram(o.hist); err != nil {
				return err
			}
		}
		args = make([]any, 0, len(chunk)*len(cols))
		n := 0
		for _, k := range chunk {
			d := deltas[k]
			if d.counts.IsZero() && d.hist.String() == "" {
				continue // a message moved within the row: nothing to write
			}
			n++
			h := hists[k]
			if h == nil {
				h = histogram{}
			}
			for days, n := range d.hist {
				h[days] += n
			}
			args = append(append(append(args, k.half, k.region), d.counts.values()...), h.String())
		}
		if n == 0 {
			continue
		}
		q := "INSERT INTO stats_region_halves (" + strings.Join(cols, ", ") + ") VALUES " +
			strings.TrimSuffix(strings.Repeat(row+", ", n), ", ") +
			" ON CONFLICT (half, region_code) DO UPDATE SET " + strings.Join(sets, ", ")
		if _, err := t.exec(ctx, q, args...); err != nil {
			return fmt.Errorf("store: unable to update stats_region_halves: %w", err)
		}
	}
	return nil
}

// statsHalves reads the regions' rows of the half-years [from, to) as
// rows by region and handling time: one row of the counters other than
// 回复量 (Days -1), and one per handling day with its first replies, so
// that the rows add up as the monthly cells do.
func (s *Store) statsHalves(ctx context.Context, f StatsFilter, from, to int) ([]StatsRow, error) {
	conds := []string{"half >= ?", "half < ?"}
	args := []any{from, to}
	if f.RegionPrefix != "" {
		lo, hi := regionRange(f.RegionPrefix)
		conds = append(conds, "region_code >= ?", "region_code < ?")
		args = append(args, lo, hi)
	}
	type halfRow struct {
		StatsRow
		hist string
	}
	rows, err := collect(ctx, s.public(ctx), func(r scanner) (halfRow, error) {
		row := halfRow{StatsRow: StatsRow{Days: -1}}
		err := r.Scan(append(append([]any{&row.Group}, row.fields()...), &row.hist)...)
		return row, err
	}, "SELECT region_code, "+strings.Join(statsCounters, ", ")+", hist FROM stats_region_halves WHERE "+strings.Join(conds, " AND "), args...)
	if err != nil {
		return nil, fmt.Errorf("store: unable to read half-year rollups: %w", err)
	}
	// A region's rows of several half-years are summed here, so that the
	// rows come out one per region and handling time.
	type sum struct {
		counts StatsCounts
		hist   histogram
	}
	sums := make(map[string]*sum, len(rows))
	order := make([]string, 0, len(rows))
	for _, r := range rows {
		h, err := parseHistogram(r.hist)
		if err != nil {
			return nil, err
		}
		r.Replied = 0 // counted per handling day below
		if acc := sums[r.Group]; acc != nil {
			acc.counts.Add(r.StatsCounts)
			for d, n := range h {
				acc.hist[d] += n
			}
			continue
		}
		sums[r.Group] = &sum{counts: r.StatsCounts, hist: h}
		order = append(order, r.Group)
	}
	out := make([]StatsRow, 0, 8*len(order))
	for _, region := range order {
		acc := sums[region]
		out = append(out, StatsRow{Group: region, Days: -1, StatsCounts: acc.counts})
		for days, n := range acc.hist {
			out = append(out, StatsRow{Group: region, Days: days, StatsCounts: StatsCounts{Replied: n}})
		}
	}
	return out, nil
}

// StatsHalfCell is a row of the half-year rollup.
type StatsHalfCell struct {
	Half       int // yyyy1 or yyyy2
	RegionCode string
	StatsCounts
	// Hist counts the first replies by handling time in working days.
	Hist map[int]int64
}

// StatsHalfCells returns every row of the half-year rollup, for checking
// it against a recomputation.
func (s *Store) StatsHalfCells(ctx context.Context) ([]StatsHalfCell, error) {
	type raw struct {
		StatsHalfCell
		hist string
	}
	rows, err := collect(ctx, s.reader(), func(r scanner) (raw, error) {
		var c raw
		err := r.Scan(append(append([]any{&c.Half, &c.RegionCode}, c.fields()...), &c.hist)...)
		return c, err
	}, "SELECT half, region_code, "+strings.Join(statsCounters, ", ")+", hist FROM stats_region_halves")
	if err != nil {
		return nil, fmt.Errorf("store: unable to read half-year rollups: %w", err)
	}
	out := make([]StatsHalfCell, len(rows))
	for i, r := range rows {
		h, err := parseHistogram(r.hist)
		if err != nil {
			return nil, err
		}
		out[i] = r.StatsHalfCell
		out[i].Hist = h
	}
	return out, nil
}
