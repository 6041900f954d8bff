package store_test

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"liuyan/internal/bench"
	"liuyan/internal/calendar"
	"liuyan/internal/lifecycle"
	"liuyan/internal/region"
	"liuyan/internal/stats"
	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
)

// TestClusteredRollupsKeepTheirCounts folds a synthetic board into the
// rollups on SQLite, runs migration 0019 (the rollups rebuilt as WITHOUT
// ROWID tables) again over them, and wants every cell back with the same
// counts, the tables clustered, and the same summary.
func TestClusteredRollupsKeepTheirCounts(t *testing.T) {
	s := storetest.SQLite(t)
	ctx := context.Background()
	svc := foldedSynthetic(t, s, 2000)
	p, _ := stats.ParsePeriod("2020H1")
	read := func() (string, *stats.Summary) {
		cells, err := s.StatsCells(ctx)
		if err != nil {
			t.Fatal(err)
		}
		slices.SortFunc(cells, func(a, b store.StatsCell) int { return strings.Compare(fmt.Sprint(a.StatsKey), fmt.Sprint(b.StatsKey)) })
		var months [2][]store.StatsMonthCell
		for i, byProvince := range []bool{false, true} {
			if months[i], err = s.StatsMonthCells(ctx, byProvince); err != nil {
				t.Fatal(err)
			}
			slices.SortFunc(months[i], func(a, b store.StatsMonthCell) int {
				return cmp.Or(cmp.Compare(a.Month, b.Month), strings.Compare(a.RegionCode, b.RegionCode), cmp.Compare(a.Days, b.Days))
			})
		}
		sum, err := svc.Summary(ctx, stats.Scope{}, p)
		if err != nil {
			t.Fatal(err)
		}
		return fmt.Sprint(cells, months), sum
	}
	before, sumBefore := read()
	if sumBefore.Figures.Messages == 0 || sumBefore.Figures.Replies == 0 {
		t.Fatalf("nothing folded for 2020H1: %+v", sumBefore.Figures)
	}
	if err := s.ExecForTest(ctx, "DELETE FROM schema_migrations WHERE version = 19"); err != nil {
		t.Fatal(err)
	}
	if err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	after, sumAfter := read()
	if after != before {
		t.Error("the rollup cells changed in the migration")
	}
	a, _ := json.Marshal(sumAfter.Figures)
	b, _ := json.Marshal(sumBefore.Figures)
	if string(a) != string(b) {
		t.Errorf("summary after the migration %s, before %s", a, b)
	}
	for _, table := range []string{"stats_cells", "stats_months", "stats_province_months"} {
		rows, err := s.QueryForTest(ctx, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", table)
		if err != nil {
			t.Fatal(err)
		}
		var ddl string
		for rows.Next() {
			if err := rows.Scan(&ddl); err != nil {
				t.Fatal(err)
			}
		}
		rows.Close()
		if !strings.HasSuffix(strings.TrimSpace(ddl), "WITHOUT ROWID") {
			t.Errorf("%s is not clustered: %s", table, ddl)
		}
	}
}

// TestPackedRollupsFilledByMigration folds a synthetic board, then drops
// a packed rollup and runs its migration again, which builds it as for a
// store folded before it existed: 0023 the half-year rows by region from
// the monthly rollup, 0025 the monthly rows by board from the day cells.
// Every row, histogram included, must come back as the fold had kept it,
// and the figures read from it the same (the county ranking of a year; the
// figures of the busiest boards since the start and over a half-year), on
// both stores.
func TestPackedRollupsFilledByMigration(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		svc := foldedSynthetic(t, s, 3000)
		year, _ := stats.ParsePeriod("2020")
		half, _ := stats.ParsePeriod("2019H2")
		rows, err := s.QueryForTest(ctx, "SELECT board_id FROM messages GROUP BY board_id ORDER BY COUNT(*) DESC, board_id LIMIT 20")
		if err != nil {
			t.Fatal(err)
		}
		var boards []int64
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				t.Fatal(err)
			}
			boards = append(boards, id)
		}
		rows.Close()
		for _, c := range []struct {
			version int
			undo    []string
			read    func() (rows string, n int, figures string)
		}{{
			version: 23,
			undo:    []string{"DROP TABLE stats_region_halves", "DROP INDEX boards_region_joined"},
			read: func() (string, int, string) {
				cells, err := s.StatsHalfCells(ctx)
				if err != nil {
					t.Fatal(err)
				}
				slices.SortFunc(cells, func(a, b store.StatsHalfCell) int {
					return cmp.Or(cmp.Compare(a.Half, b.Half), strings.Compare(a.RegionCode, b.RegionCode))
				})
				r, err := svc.Rank(ctx, year, stats.RankOptions{Level: region.County, Weights: stats.DefaultWeights, MinVolume: 1})
				if err != nil {
					t.Fatal(err)
				}
				ranking, _ := json.Marshal(r)
				return fmt.Sprint(cells), len(cells), string(ranking)
			},
		}, {
			version: 25,
			undo:    []string{"DROP TABLE stats_board_months"},
			read: func() (string, int, string) {
				cells, err := s.StatsBoardMonthCells(ctx)
				if err != nil {
					t.Fatal(err)
				}
				slices.SortFunc(cells, func(a, b store.StatsBoardMonthCell) int {
					return cmp.Or(cmp.Compare(a.BoardID, b.BoardID), cmp.Compare(a.Month, b.Month), strings.Compare(a.RegionCode, b.RegionCode))
				})
				var figures []stats.Figures
				for _, id := range boards {
					for i, p := range []stats.Period{stats.SinceStart(svc.Clock()), half} {
						f, err := svc.Totals(ctx, stats.Scope{BoardID: id}, p)
						if err != nil {
							t.Fatal(err)
						}
						if i == 0 && (f.Messages == 0 || f.MedianDays == nil) {
							t.Fatalf("board %d counts too little since the start: %+v", id, f)
						}
						figures = append(figures, f)
					}
				}
				out, _ := json.Marshal(figures)
				return fmt.Sprint(cells), len(cells), string(out)
			},
		}} {
			cells, n, figures := c.read()
			if n < 1000 || !strings.Contains(cells, "map[") {
				t.Fatalf("migration %d: the fold kept too little to compare: %d rows", c.version, n)
			}
			for _, undo := range c.undo {
				if err := s.ExecForTest(ctx, undo); err != nil {
					t.Fatal(err)
				}
			}
			if err := s.ExecForTest(ctx, "DELETE FROM schema_migrations WHERE version = ?", c.version); err != nil {
				t.Fatal(err)
			}
			if err := s.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			cellsAfter, _, figuresAfter := c.read()
			if cellsAfter != cells {
				t.Errorf("migration %d built other rows than the fold kept", c.version)
			}
			if figuresAfter != figures {
				t.Errorf("migration %d changed the figures read from its rows", c.version)
			}
		}
	})
}

// foldedSynthetic fills s with a synthetic board of n messages, folds it
// into the rollups and returns the service that counts by its rules.
func foldedSynthetic(t *testing.T, s *store.Store, n int) *stats.Service {
	t.Helper()
	ctx := context.Background()
	rules := stats.Rules{Calendar: calendar.Default(), Policy: lifecycle.DefaultPolicy()}
	var err error
	if rules.Boards, err = s.LoadVocab(ctx, rules.Policy); err != nil {
		t.Fatal(err)
	}
	svc := &stats.Service{Store: s, Rules: rules}
	if _, err := bench.Synthetic(ctx, s, n, rules); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	return svc
}
