package store

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// Packed rollups: the half-year rows by region (stats_region_halves) and
// the monthly rows by board (stats_board_months) keep one row per key, the
// counters and the handling-time histogram of the first replies packed into
// one text column, where the day and month cells keep one row per key and
// handling day. The code below is what the two share: the histogram's
// packing, the fold's read-merge-write of a row, and the read that turns
// the rows back into rows by group and handling time.

// histogram is a handling-time histogram: working days → first replies.
type histogram map[int]int64

// parseHistogram reads the packed "days:replies,…" form; pairs may come in
// any order (SQLite's group_concat, in the migrations, keeps none) and the
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

// packedDelta is what a fold adds to one row of a packed rollup.
type packedDelta struct {
	counts StatsCounts
	hist   histogram
}

// add adds a cell's counts, with its handling days (-1: none).
func (d *packedDelta) add(days int, c StatsCounts) {
	d.counts.Add(c)
	if days >= 0 && c.Replied != 0 {
		if d.hist == nil {
			d.hist = histogram{}
		}
		d.hist[days] += c.Replied
	}
}

// addPacked adds a cell's counts to the row under key k of deltas.
func addPacked[K comparable](deltas map[K]*packedDelta, k K, days int, c StatsCounts) {
	d := deltas[k]
	if d == nil {
		d = &packedDelta{}
		deltas[k] = d
	}
	d.add(days, c)
}

// packedKey is the key of a packed rollup's row: its column values, and
// where to scan them.
type packedKey[K comparable] interface {
	*K
	values() []any
	targets() []any
}

// upsertPacked adds deltas to a packed rollup whose key columns are keys,
// in the order of compare (so that concurrent folds would lock rows in one
// order). Counters are added by the upsert; the histograms are read,
// merged and written back, which is safe because every fold runs under
// the stats lock (HoldStats, or the single writer on SQLite).
func upsertPacked[K comparable, P packedKey[K]](ctx context.Context, t *Tx, table string, keys []string, deltas map[K]*packedDelta, compare func(a, b K) int) error {
	order := slices.SortedFunc(maps.Keys(deltas), compare)
	cols := append(append(append([]string{}, keys...), statsCounters...), "hist")
	sets := make([]string, 0, len(statsCounters)+1)
	for _, c := range statsCounters {
		sets = append(sets, c+" = "+table+"."+c+" + excluded."+c)
	}
	sets = append(sets, "hist = excluded.hist")
	row := "(" + placeholders(len(cols)) + ")"
	tuple := "(" + placeholders(len(keys)) + ")"
	const per = 400
	for start := 0; start < len(order); start += per {
		chunk := order[start:min(start+per, len(order))]
		args := make([]any, 0, len(keys)*len(chunk))
		for _, k := range chunk {
			args = append(args, P(&k).values()...)
		}
		type stored struct {
			key  K
			hist string
		}
		old, err := collect(ctx, t.conn, func(r scanner) (stored, error) {
			var s stored
			err := r.Scan(append(P(&s.key).targets(), &s.hist)...)
			return s, err
		}, "SELECT "+strings.Join(keys, ", ")+", hist FROM "+table+" WHERE ("+strings.Join(keys, ", ")+") IN ("+
			strings.TrimSuffix(strings.Repeat(tuple+", ", len(chunk)), ", ")+")", args...)
		if err != nil {
			return fmt.Errorf("store: unable to read %s: %w", table, err)
		}
		hists := make(map[K]histogram, len(chunk))
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
			args = append(append(append(args, P(&k).values()...), d.counts.values()...), h.String())
		}
		if n == 0 {
			continue
		}
		q := "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES " +
			strings.TrimSuffix(strings.Repeat(row+", ", n), ", ") +
			" ON CONFLICT (" + strings.Join(keys, ", ") + ") DO UPDATE SET " + strings.Join(sets, ", ")
		if _, err := t.exec(ctx, q, args...); err != nil {
			return fmt.Errorf("store: unable to update %s: %w", table, err)
		}
	}
	return nil
}

// readPacked runs q, which selects a group, the counters and hist from a
// packed rollup, and returns the rows by group and handling time: per
// group one row of the counters other than 回复量 (Days -1), and one per
// handling day with its first replies, so that they add up as the day
// and month cells do. Rows of one group (several half-years or months)
// are summed here.
func (s *Store) readPacked(ctx context.Context, table, q string, args []any) ([]StatsRow, error) {
	type packedRow struct {
		StatsRow
		hist string
	}
	rows, err := collect(ctx, s.public(ctx), func(r scanner) (packedRow, error) {
		var row packedRow
		err := r.Scan(append(append([]any{&row.Group}, row.fields()...), &row.hist)...)
		return row, err
	}, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: unable to read %s: %w", table, err)
	}
	sums := make(map[string]*packedDelta, len(rows))
	order := make([]string, 0, len(rows))
	for _, r := range rows {
		h, err := parseHistogram(r.hist)
		if err != nil {
			return nil, err
		}
		r.Replied = 0 // counted per handling day below
		acc := sums[r.Group]
		if acc == nil {
			acc = &packedDelta{hist: histogram{}}
			sums[r.Group] = acc
			order = append(order, r.Group)
		}
		acc.counts.Add(r.StatsCounts)
		for d, n := range h {
			acc.hist[d] += n
		}
	}
	out := make([]StatsRow, 0, 8*len(order))
	for _, g := range order {
		acc := sums[g]
		out = append(out, StatsRow{Group: g, Days: -1, StatsCounts: acc.counts})
		for days, n := range acc.hist {
			out = append(out, StatsRow{Group: g, Days: days, StatsCounts: StatsCounts{Replied: n}})
		}
	}
	return out, nil
}

// StatsPacked is the content of a packed rollup's row.
type StatsPacked struct {
	StatsCounts
	// Hist counts the first replies by handling time in working days.
	Hist map[int]int64
}

// readPackedCells reads every row of a packed rollup, for checking it
// against a recomputation; cell gives where to scan a row's key columns
// and its content.
func readPackedCells[T any](ctx context.Context, s *Store, table string, keys []string, cell func(*T) ([]any, *StatsPacked)) ([]T, error) {
	type raw struct {
		cell T
		hist string
	}
	rows, err := collect(ctx, s.reader(), func(r scanner) (raw, error) {
		var c raw
		targets, packed := cell(&c.cell)
		err := r.Scan(append(append(targets, packed.fields()...), &c.hist)...)
		return c, err
	}, "SELECT "+strings.Join(keys, ", ")+", "+strings.Join(statsCounters, ", ")+", hist FROM "+table)
	if err != nil {
		return nil, fmt.Errorf("store: unable to read %s: %w", table, err)
	}
	out := make([]T, len(rows))
	for i, r := range rows {
		h, err := parseHistogram(r.hist)
		if err != nil {
			return nil, err
		}
		out[i] = r.cell
		_, packed := cell(&out[i])
		packed.Hist = h
	}
	return out, nil
}
