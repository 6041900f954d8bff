package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// StatsCounts are the additive counters of one rollup cell. What each one
// counts is decided by internal/stats, which folds events into them; the
// store only adds them up.
type StatsCounts struct {
	Published int64 // messages published (accepted)
	Received  int64 // times a message was handed to a unit (交办, 转办)
	Replied   int64 // first published final replies
	OnTime    int64 // first final replies within the deadline
	Cohort    int64 // messages published on the cell's day that have since been replied
	Followups int64 // follow-ups (追问)
	Ratings   int64 // ratings made
	Good      int64 // ratings with an overall grade above 3 (好评)
	Stars     int64 // the three scores of every rating, summed
	Scored    int64 // published final replies with a quality score
	Quality   int64 // their scores (0–100), summed
}

// Add adds o to c.
func (c *StatsCounts) Add(o StatsCounts) {
	c.Published += o.Published
	c.Received += o.Received
	c.Replied += o.Replied
	c.OnTime += o.OnTime
	c.Cohort += o.Cohort
	c.Followups += o.Followups
	c.Ratings += o.Ratings
	c.Good += o.Good
	c.Stars += o.Stars
	c.Scored += o.Scored
	c.Quality += o.Quality
}

// Sub takes o's counts out of c.
func (c *StatsCounts) Sub(o StatsCounts) {
	c.Published -= o.Published
	c.Received -= o.Received
	c.Replied -= o.Replied
	c.OnTime -= o.OnTime
	c.Cohort -= o.Cohort
	c.Followups -= o.Followups
	c.Ratings -= o.Ratings
	c.Good -= o.Good
	c.Stars -= o.Stars
	c.Scored -= o.Scored
	c.Quality -= o.Quality
}

// IsZero says no counter is set.
func (c StatsCounts) IsZero() bool { return c == StatsCounts{} }

// statsCounters are the counter columns, in the order of StatsCounts.
var statsCounters = []string{"published", "received", "replied", "on_time", "cohort", "followups", "ratings", "good", "stars", "scored", "quality"}

func (c *StatsCounts) fields() []any {
	return []any{&c.Published, &c.Received, &c.Replied, &c.OnTime, &c.Cohort, &c.Followups, &c.Ratings, &c.Good, &c.Stars, &c.Scored, &c.Quality}
}

func (c StatsCounts) values() []any {
	return []any{c.Published, c.Received, c.Replied, c.OnTime, c.Cohort, c.Followups, c.Ratings, c.Good, c.Stars, c.Scored, c.Quality}
}

// StatsKey names one fine-grain rollup cell.
type StatsKey struct {
	Day        int // the China date as yyyymmdd
	RegionCode string
	BoardID    int64
	UnitID     int64 // 0: no unit
	Type       string
	Domain     string
	Tag        string // "": every message once
	Days       int    // handling working days of the first replies counted, -1 otherwise
}

// StatsCell is a rollup cell with its counters, as the store holds it.
type StatsCell struct {
	StatsKey
	StatsCounts
}

// StatsGroup says how StatsRows groups the cells.
type StatsGroup string

// The groupings. GroupProvince groups by the province of the board's
// region; GroupRegion by the board's own region.
const (
	GroupNone     StatsGroup = ""
	GroupDomain   StatsGroup = "domain"
	GroupType     StatsGroup = "type"
	GroupTag      StatsGroup = "tag"
	GroupRegion   StatsGroup = "region"
	GroupProvince StatsGroup = "province"
	GroupBoard    StatsGroup = "board"
	GroupUnit     StatsGroup = "unit"
	GroupMonth    StatsGroup = "month"
	GroupDay      StatsGroup = "day"
	// GroupUnitMonth groups by unit and month: "unit yyyymm".
	GroupUnitMonth StatsGroup = "unit_month"
)

// fineGroups maps a grouping to its expression on stats_cells.
var fineGroups = map[StatsGroup]string{
	GroupNone:      "''",
	GroupDomain:    "domain",
	GroupType:      "type",
	GroupTag:       "tag",
	GroupRegion:    "region_code",
	GroupProvince:  "substr(region_code, 1, 2)",
	GroupBoard:     "CAST(board_id AS TEXT)",
	GroupUnit:      "CAST(unit_id AS TEXT)",
	GroupMonth:     "CAST(day / 100 AS TEXT)",
	GroupDay:       "CAST(day AS TEXT)",
	GroupUnitMonth: "CAST(unit_id AS TEXT) || ' ' || CAST(day / 100 AS TEXT)",
}

// provinceGroups are the groupings stats_province_months can answer.
var provinceGroups = map[StatsGroup]string{
	GroupNone:     "''",
	GroupProvince: "province",
	GroupMonth:    "CAST(month AS TEXT)",
}

// coarseGroups are the groupings stats_months can answer.
var coarseGroups = map[StatsGroup]string{
	GroupNone:     "''",
	GroupRegion:   "region_code",
	GroupProvince: "substr(region_code, 1, 2)",
	GroupMonth:    "CAST(month AS TEXT)",
}

// StatsFilter selects rollup cells: a range of China days and a scope.
type StatsFilter struct {
	From, To     int // yyyymmdd; From inclusive, To exclusive
	RegionPrefix string
	BoardID      int64
	UnitID       int64
	Type         string
	Domain       string
	Tag          string
}

// fine says the filter needs the fine grain.
func (f StatsFilter) fine() bool {
	return f.BoardID != 0 || f.UnitID != 0 || f.Type != "" || f.Domain != "" || f.Tag != ""
}

// StatsRow is the sum of the cells of one group and handling time.
type StatsRow struct {
	Group string
	Days  int
	StatsCounts
}

// StatsRows sums the rollup cells that f selects, per group and handling
// time. Unfiltered scopes read the monthly grain for the whole months of
// the range (by province for the country and a province, by region below;
// grouped by region, the half-year grain for the whole half-years) and the
// daily grain for the days at either end, so a half-year costs six months
// of rows, not 181 days of them, and by region one row per region. A board
// alone (within a region or not) reads its monthly rows the same way, so
// its figures since it began cost a row per month, not one per day, unit,
// type, domain and handling time.
func (s *Store) StatsRows(ctx context.Context, f StatsFilter, by StatsGroup) ([]StatsRow, error) {
	if _, ok := fineGroups[by]; !ok {
		return nil, fmt.Errorf("store: unknown stats grouping %q", by)
	}
	if f.To <= f.From {
		return nil, nil
	}
	var monthly func(context.Context, StatsFilter, int, int, StatsGroup) ([]StatsRow, error)
	_, coarse := coarseGroups[by]
	_, byBoard := boardGroups[by]
	switch {
	case f.boardAlone() && byBoard:
		monthly = s.statsBoardMonths
	case !f.fine() && coarse && by != GroupDay:
		monthly = s.statsMonthly
	default:
		return s.statsFine(ctx, f, f.From, f.To, by)
	}
	firstMonth, lastMonth := wholeMonths(f.From, f.To)
	if firstMonth >= lastMonth {
		return s.statsFine(ctx, f, f.From, f.To, by)
	}
	head, err := s.statsFine(ctx, f, f.From, firstMonth*100+1, by)
	if err != nil {
		return nil, err
	}
	mid, err := monthly(ctx, f, firstMonth, lastMonth, by)
	if err != nil {
		return nil, err
	}
	tail, err := s.statsFine(ctx, f, lastMonth*100+1, f.To, by)
	if err != nil {
		return nil, err
	}
	return combine(head, mid, tail), nil
}

// combine joins the rows of the parts of a range, each part holding one
// row per group and handling time, adding up rows of the same group and
// handling time. A range read from one part (a whole half-year, whole
// months) is returned as it is.
func combine(parts ...[]StatsRow) []StatsRow {
	var out []StatsRow
	n := 0
	for _, p := range parts {
		if len(p) > 0 {
			out, n = p, n+1
		}
	}
	if n <= 1 {
		return out
	}
	return mergeRows(slices.Concat(parts...))
}

// wholeMonths returns the months [first, last) as yyyymm that lie wholly
// within the days [from, to).
func wholeMonths(from, to int) (first, last int) {
	first = from / 100
	if from%100 != 1 {
		first = nextMonth(first)
	}
	last = to / 100 // the month of to starts at or before to, and to is excluded
	if last < first {
		last = first
	}
	return first, last
}

func nextMonth(m int) int {
	if m%100 == 12 {
		return (m/100+1)*100 + 1
	}
	return m + 1
}

// mergeRows adds up rows of the same group and handling time.
func mergeRows(rows []StatsRow) []StatsRow {
	type k struct {
		g string
		d int
	}
	idx := make(map[k]int, len(rows))
	out := make([]StatsRow, 0, len(rows))
	for _, r := range rows {
		if i, ok := idx[k{r.Group, r.Days}]; ok {
			out[i].Add(r.StatsCounts)
			continue
		}
		idx[k{r.Group, r.Days}] = len(out)
		out = append(out, r)
	}
	return out
}

// regionRange turns a code prefix into a range of codes: GB/T codes are
// digits, and ':' sorts right after '9' bytewise.
func regionRange(prefix string) (lo, hi string) {
	last := prefix[len(prefix)-1]
	return prefix, prefix[:len(prefix)-1] + string(last+1)
}

func sumColumns() string {
	cols := make([]string, len(statsCounters))
	for i, c := range statsCounters {
		cols[i] = "CAST(SUM(" + c + ") AS BIGINT)"
	}
	return strings.Join(cols, ", ")
}

func (s *Store) statsFine(ctx context.Context, f StatsFilter, from, to int, by StatsGroup) ([]StatsRow, error) {
	if to <= from {
		return nil, nil
	}
	conds := []string{"day >= ?", "day < ?"}
	args := []any{from, to}
	add := func(c string, a any) {
		conds = append(conds, c)
		args = append(args, a)
	}
	switch {
	case f.Tag != "":
		add("tag = ?", f.Tag)
	case by == GroupTag:
		conds = append(conds, "tag <> ''")
	default:
		conds = append(conds, "tag = ''")
	}
	if f.RegionPrefix != "" {
		lo, hi := regionRange(f.RegionPrefix)
		add("region_code >= ?", lo)
		add("region_code < ?", hi)
	}
	if f.BoardID != 0 {
		add("board_id = ?", f.BoardID)
	}
	if f.UnitID != 0 {
		add("unit_id = ?", f.UnitID)
	} else if by == GroupUnit || by == GroupUnitMonth {
		conds = append(conds, "unit_id <> 0")
	}
	if f.Type != "" {
		add("type = ?", f.Type)
	}
	if f.Domain != "" {
		add("domain = ?", f.Domain)
	}
	q := "SELECT " + fineGroups[by] + ", days, " + sumColumns() + " FROM stats_cells WHERE " + strings.Join(conds, " AND ") +
		groupBy(fineGroups, by)
	return s.statsQuery(ctx, q, args)
}

// statsMonthly reads the whole months [from, to): grouped by region, the
// whole half-years among them from the half-year rollup (one row per
// region, not one per region, month and handling day), the months around
// them from the monthly one.
func (s *Store) statsMonthly(ctx context.Context, f StatsFilter, from, to int, by StatsGroup) ([]StatsRow, error) {
	first, last := wholeHalves(from, to)
	if by != GroupRegion || first == last {
		return s.statsCoarse(ctx, f, from, to, by)
	}
	parts := make([][]StatsRow, 3)
	var err error
	if parts[0], err = s.statsHalves(ctx, f, monthHalf(first), monthHalf(last)); err != nil {
		return nil, err
	}
	for i, months := range [][2]int{{from, first}, {last, to}} {
		if months[0] >= months[1] {
			continue
		}
		if parts[1+i], err = s.statsCoarse(ctx, f, months[0], months[1], by); err != nil {
			return nil, err
		}
	}
	return combine(parts...), nil
}

func (s *Store) statsCoarse(ctx context.Context, f StatsFilter, from, to int, by StatsGroup) ([]StatsRow, error) {
	conds := []string{"month >= ?", "month < ?"}
	args := []any{from, to}
	if g, ok := provinceGroups[by]; ok && len(f.RegionPrefix) <= 2 {
		if f.RegionPrefix != "" {
			conds = append(conds, "province = ?")
			args = append(args, f.RegionPrefix)
		}
		q := "SELECT " + g + ", days, " + sumColumns() + " FROM stats_province_months WHERE " + strings.Join(conds, " AND ") +
			groupBy(provinceGroups, by)
		return s.statsQuery(ctx, q, args)
	}
	if f.RegionPrefix != "" {
		lo, hi := regionRange(f.RegionPrefix)
		conds = append(conds, "region_code >= ?", "region_code < ?")
		args = append(args, lo, hi)
	}
	q := "SELECT " + coarseGroups[by] + ", days, " + sumColumns() + " FROM stats_months WHERE " + strings.Join(conds, " AND ") +
		groupBy(coarseGroups, by)
	return s.statsQuery(ctx, q, args)
}

// groupBy is the GROUP BY clause; PostgreSQL refuses a constant in it.
func groupBy(groups map[StatsGroup]string, by StatsGroup) string {
	if by == GroupNone {
		return " GROUP BY days"
	}
	return " GROUP BY " + groups[by] + ", days"
}

func (s *Store) statsQuery(ctx context.Context, q string, args []any) ([]StatsRow, error) {
	rows, err := collect(ctx, s.public(ctx), func(r scanner) (StatsRow, error) {
		var row StatsRow
		err := r.Scan(append([]any{&row.Group, &row.Days}, row.fields()...)...)
		return row, err
	}, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: unable to read rollups: %w", err)
	}
	return rows, nil
}

// StatsCells returns every fine-grain cell, for checking the rollups
// against a recomputation from the raw rows.
func (s *Store) StatsCells(ctx context.Context) ([]StatsCell, error) {
	cells, err := collect(ctx, s.reader(), func(r scanner) (StatsCell, error) {
		var c StatsCell
		err := r.Scan(append([]any{&c.Day, &c.RegionCode, &c.BoardID, &c.UnitID, &c.Type, &c.Domain, &c.Tag, &c.Days}, c.fields()...)...)
		return c, err
	}, "SELECT day, region_code, board_id, unit_id, type, domain, tag, days, "+strings.Join(statsCounters, ", ")+" FROM stats_cells")
	if err != nil {
		return nil, fmt.Errorf("store: unable to read rollup cells: %w", err)
	}
	return cells, nil
}

// StatsMonthCell is a coarse rollup cell.
type StatsMonthCell struct {
	Month      int
	RegionCode string
	Days       int
	StatsCounts
}

// StatsMonthCells returns every coarse cell, for the same check: by
// region, or with byProvince by province (RegionCode holds its two digits).
func (s *Store) StatsMonthCells(ctx context.Context, byProvince bool) ([]StatsMonthCell, error) {
	q := "SELECT month, region_code, days, " + strings.Join(statsCounters, ", ") + " FROM stats_months"
	if byProvince {
		q = "SELECT month, province, days, " + strings.Join(statsCounters, ", ") + " FROM stats_province_months"
	}
	cells, err := collect(ctx, s.reader(), func(r scanner) (StatsMonthCell, error) {
		var c StatsMonthCell
		err := r.Scan(append([]any{&c.Month, &c.RegionCode, &c.Days}, c.fields()...)...)
		return c, err
	}, q)
	if err != nil {
		return nil, fmt.Errorf("store: unable to read monthly rollups: %w", err)
	}
	return cells, nil
}

// OverdueFilter narrows the count of overdue messages.
type OverdueFilter struct {
	RegionPrefix string
	BoardID      int64
	UnitID       int64
	Type         string
	Domain       string
	Tag          string
}

// where is the condition for open messages past their deadline at
// now, written so that the partial index on open messages' deadlines
// serves it: only overdue rows are read.
func (f OverdueFilter) where(now time.Time) (string, []any) {
	return f.open("m.deadline < ?", now)
}

// open is the condition for the filter's open messages whose deadline
// meets deadline (a comparison with one placeholder, for at).
func (f OverdueFilter) open(deadline string, at time.Time) (string, []any) {
	cond, args := f.columns("m.")
	q := "m.status IN ('published', 'assigned', 'handling') AND " + deadline + cond
	args = append([]any{at.UTC()}, args...)
	if f.Tag != "" {
		q += " AND EXISTS (SELECT 1 FROM message_tags t WHERE t.message_id = m.id AND t.tag = ?)"
		args = append(args, f.Tag)
	}
	return q, args
}

// columns is the filter's condition on the scope columns that messages
// and the open messages' counts share (all but the tag), each column
// named with prefix, as " AND …" clauses.
func (f OverdueFilter) columns(prefix string) (string, []any) {
	var q string
	var args []any
	add := func(c string, a any) {
		q += " AND " + prefix + c
		args = append(args, a)
	}
	if f.RegionPrefix != "" {
		add("region_code LIKE ?", f.RegionPrefix+"%")
	}
	if f.BoardID != 0 {
		add("board_id = ?", f.BoardID)
	}
	if f.UnitID != 0 {
		add("unit_id = ?", f.UnitID)
	}
	if f.Type != "" {
		add("type = ?", f.Type)
	}
	if f.Domain != "" {
		add("domain = ?", f.Domain)
	}
	return q, args
}

// overdueFrom names the messages for the overdue queries. SQLite, without
// statistics, prefers the index on status, which reads every open message
// and then the table; told to use the partial index on open messages'
// deadlines it reads only the overdue entries (11 ms instead of 440 ms for
// 29,000 overdue messages among a million).
func (s *Store) overdueFrom() string {
	if s.dialect == SQLite {
		return "messages m INDEXED BY messages_open_deadline"
	}
	return "messages m"
}

// StatsOverdue counts the open messages within a scope past their deadline at now.
// Without a tag it reads the kept counts of open messages (stats_open.go).
func (s *Store) StatsOverdue(ctx context.Context, f OverdueFilter, now time.Time) (int64, error) {
	q, args, ok := s.overdueFromCounts(f, now)
	if !ok {
		cond, cargs := f.where(now)
		q, args = "SELECT COUNT(*) FROM "+s.overdueFrom()+" WHERE "+cond, cargs
	}
	var n int64
	if err := s.public(ctx).queryRow(ctx, q, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: unable to count overdue messages: %w", err)
	}
	return n, nil
}

// OverdueByUnit counts the open messages past their deadline at now, per
// unit holding them (0: not yet assigned).
func (s *Store) OverdueByUnit(ctx context.Context, f OverdueFilter, now time.Time) (map[int64]int64, error) {
	q, args, ok := s.overdueByUnitFromCounts(f, now)
	if !ok {
		cond, cargs := f.where(now)
		q, args = "SELECT COALESCE(m.unit_id, 0), COUNT(*) FROM "+s.overdueFrom()+" WHERE "+cond+" GROUP BY COALESCE(m.unit_id, 0)", cargs
	}
	type pair struct{ unit, n int64 }
	ps, err := collect(ctx, s.public(ctx), func(r scanner) (pair, error) {
		var p pair
		err := r.Scan(&p.unit, &p.n)
		return p, err
	}, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: unable to count overdue messages: %w", err)
	}
	out := make(map[int64]int64, len(ps))
	for _, p := range ps {
		out[p.unit] = p.n
	}
	return out, nil
}
