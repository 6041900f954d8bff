package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"
)

// NaiveCounts are a period's figures counted straight from the raw rows,
// as one would without rollups. Days are -1 when nothing was replied.
type NaiveCounts struct {
	Messages, Replies, Cohort, Ratings, Good, OnTime int64
	MedianDays, P90Days                              int
}

// NaiveRules are what handling times are counted by, from internal/stats's
// rules; the store knows no calendar.
type NaiveRules struct {
	Deadline func(typ string, published time.Time) time.Time
	Workdays func(from, to time.Time) int
}

// NaiveStats counts a period's figures with GROUP BY over messages and
// ratings and the handling times of every replied row, for the whole
// country (prefix 0) or per the first prefix digits of the board's region
// code: 2 for provinces, 4 for the cities (a county's code shares its
// city's first four digits); boardID, unless 0, counts that board's
// messages alone. It is the baseline the rollups are benchmarked against
// (BENCHMARKS.md, `liuyan bench`), never used to answer a question.
func (s *Store) NaiveStats(ctx context.Context, from, to time.Time, prefix int, boardID int64, rules NaiveRules) (map[string]NaiveCounts, error) {
	expr, group := "''", "" // PostgreSQL refuses a constant in GROUP BY
	if prefix > 0 {
		expr = "substr(m.region_code, 1, " + strconv.Itoa(prefix) + ")"
		group = " GROUP BY " + expr
	}
	from, to = from.UTC(), to.UTC()
	board, args := "", []any{from, to}
	if boardID != 0 {
		board = " AND m.board_id = ?"
		args = append(args, boardID)
	}
	out := map[string]NaiveCounts{}
	each := func(q string, scan func(scanner) error, args ...any) error {
		rows, err := s.reader().query(ctx, q, args...)
		if err != nil {
			return fmt.Errorf("store: unable to count naively: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			if err := scan(rows); err != nil {
				return err
			}
		}
		return rows.Err()
	}
	err := each("SELECT "+expr+", COUNT(*), COALESCE(SUM(CASE WHEN m.first_reply_at IS NOT NULL THEN 1 ELSE 0 END), 0) FROM messages m "+
		"WHERE m.published_at >= ? AND m.published_at < ?"+board+group, func(r scanner) error {
		var key string
		var n, cohort int64
		if err := r.Scan(&key, &n, &cohort); err != nil {
			return err
		}
		v := out[key]
		v.Messages, v.Cohort = n, cohort
		out[key] = v
		return nil
	}, args...)
	if err != nil {
		return nil, err
	}
	hists := map[string]map[int]int64{}
	// A reply is on time against the deadline in force when it came: the
	// latest the log recorded before the event of the first reply (an
	// extension, a follow-up or 督办 moves it), else the type's rule.
	err = each("SELECT "+expr+", m.type, m.published_at, m.first_reply_at, d.deadline FROM messages m "+
		"LEFT JOIN events d ON d.id = (SELECT MAX(e.id) FROM events e WHERE e.message_id = m.id AND e.deadline IS NOT NULL "+
		"AND e.id < (SELECT MIN(f.id) FROM events f WHERE f.message_id = m.id AND f.to_state = 'replied')) "+
		"WHERE m.first_reply_at >= ? AND m.first_reply_at < ?"+board,
		func(r scanner) error {
			var key, typ string
			var published, replied time.Time
			var logged sql.NullTime
			if err := r.Scan(&key, &typ, &published, &replied, &logged); err != nil {
				return err
			}
			v := out[key]
			v.Replies++
			deadline := logged.Time
			if !logged.Valid {
				deadline = rules.Deadline(typ, published)
			}
			if !replied.After(deadline) {
				v.OnTime++
			}
			out[key] = v
			if hists[key] == nil {
				hists[key] = map[int]int64{}
			}
			hists[key][rules.Workdays(published, replied)]++
			return nil
		}, args...)
	if err != nil {
		return nil, err
	}
	err = each("SELECT "+expr+", COUNT(*), COALESCE(SUM(CASE WHEN r.resolution + r.attitude + r.speed > 9 THEN 1 ELSE 0 END), 0) "+
		"FROM ratings r JOIN messages m ON m.id = r.message_id WHERE r.created_at >= ? AND r.created_at < ?"+board+group,
		func(r scanner) error {
			var key string
			var n, good int64
			if err := r.Scan(&key, &n, &good); err != nil {
				return err
			}
			v := out[key]
			v.Ratings, v.Good = n, good
			out[key] = v
			return nil
		}, args...)
	if err != nil {
		return nil, err
	}
	for key, v := range out {
		v.MedianDays, v.P90Days = nearestRank(hists[key], 500), nearestRank(hists[key], 900)
		out[key] = v
	}
	return out, nil
}

// nearestRank is the q‰ nearest-rank percentile of a histogram, -1 for an
// empty one.
func nearestRank(h map[int]int64, q int64) int {
	var total int64
	keys := make([]int, 0, len(h))
	for d, n := range h {
		total += n
		keys = append(keys, d)
	}
	slices.Sort(keys)
	rank, seen := max((q*total+999)/1000, 1), int64(0)
	for _, d := range keys {
		if seen += h[d]; seen >= rank {
			return d
		}
	}
	return -1
}

// BusiestBoard returns the board with the most published messages (the
// lowest id among equals), whose page the benchmarks time; 0 when no
// message is published.
func (s *Store) BusiestBoard(ctx context.Context) (int64, error) {
	var id int64
	err := s.reader().queryRow(ctx, "SELECT board_id FROM messages WHERE published_at IS NOT NULL GROUP BY board_id ORDER BY COUNT(*) DESC, board_id LIMIT 1").Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("store: unable to find the busiest board: %w", err)
	}
	return id, nil
}
