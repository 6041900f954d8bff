package store

import (
	"cmp"
	"context"
	"strings"
)

// The board rollup, stats_board_months (migration 0025): per board, month
// and board region, the counters and the handling-time histogram of the
// first replies packed into one row (stats_packed.go). A scope that is a
// board and nothing the rollup lacks (no unit, type, domain or tag) read
// the board's day cells: since it began, 118,092 of them for the busiest
// board at 10 million messages, scattered over the whole of stats_cells
// (61 s cold, 4.6 s warm on PostgreSQL). From here it reads one row per
// month and the day cells of the part months at either end of the period
// only, so the board page's figures cost the board's months, not its days.

// boardMonthKey names a row of stats_board_months.
type boardMonthKey struct {
	board  int64
	month  int
	region string
}

func (k *boardMonthKey) values() []any  { return []any{k.board, k.month, k.region} }
func (k *boardMonthKey) targets() []any { return []any{&k.board, &k.month, &k.region} }

func compareBoardMonthKeys(a, b boardMonthKey) int {
	return cmp.Or(cmp.Compare(a.board, b.board), cmp.Compare(a.month, b.month), strings.Compare(a.region, b.region))
}

// upsertBoardMonths adds deltas to stats_board_months.
func (t *Tx) upsertBoardMonths(ctx context.Context, deltas map[boardMonthKey]*packedDelta) error {
	return upsertPacked(ctx, t, "stats_board_months", []string{"board_id", "month", "region_code"}, deltas, compareBoardMonthKeys)
}

// boardGroups are the groupings stats_board_months can answer.
var boardGroups = map[StatsGroup]string{
	GroupNone:     "''",
	GroupRegion:   "region_code",
	GroupProvince: "substr(region_code, 1, 2)",
	GroupBoard:    "CAST(board_id AS TEXT)",
	GroupMonth:    "CAST(month AS TEXT)",
}

// boardAlone says the filter is a board, within a region or not, and
// nothing the board rollup lacks.
func (f StatsFilter) boardAlone() bool {
	return f.BoardID != 0 && f.UnitID == 0 && f.Type == "" && f.Domain == "" && f.Tag == ""
}

// statsBoardMonths reads a board's rows of the months [from, to) as rows
// by group and handling time.
func (s *Store) statsBoardMonths(ctx context.Context, f StatsFilter, from, to int, by StatsGroup) ([]StatsRow, error) {
	conds := []string{"board_id = ?", "month >= ?", "month < ?"}
	args := []any{f.BoardID, from, to}
	if f.RegionPrefix != "" {
		lo, hi := regionRange(f.RegionPrefix)
		conds = append(conds, "region_code >= ?", "region_code < ?")
		args = append(args, lo, hi)
	}
	return s.readPacked(ctx, "stats_board_months", "SELECT "+boardGroups[by]+", "+strings.Join(statsCounters, ", ")+", hist FROM stats_board_months WHERE "+
		strings.Join(conds, " AND "), args)
}

// StatsBoardMonthCell is a row of the board rollup.
type StatsBoardMonthCell struct {
	BoardID    int64
	Month      int // yyyymm
	RegionCode string
	StatsPacked
}

// StatsBoardMonthCells returns every row of the board rollup, for checking
// it against a recomputation.
func (s *Store) StatsBoardMonthCells(ctx context.Context) ([]StatsBoardMonthCell, error) {
	return readPackedCells(ctx, s, "stats_board_months", []string{"board_id", "month", "region_code"}, func(c *StatsBoardMonthCell) ([]any, *StatsPacked) {
		return []any{&c.BoardID, &c.Month, &c.RegionCode}, &c.StatsPacked
	})
}
