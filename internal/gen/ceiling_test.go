package gen_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"liuyan/internal/gen"
	"liuyan/internal/store"
)

// BenchmarkGenCeiling measures, in one run, `gen` into an empty SQLite
// store beside the ceiling of the pure-Go SQLite on the same rows: the
// messages, tags, events, replies, follow-ups and ratings gen wrote, read
// back and written again into another empty store by bare multi-row
// INSERTs (prepared once, 500 rows a statement, a transaction per 5,000
// messages) with no secondary index, no search index and no rollups. Each
// side's own writing is timed; the rates are messages per second of wall time
// and of this process's processor time.
//
//	LIUYAN_GEN_MESSAGES=100000 go test -run '^$' -bench GenCeiling -benchtime 1x -timeout 1h ./internal/gen/
func BenchmarkGenCeiling(b *testing.B) {
	n := messagesToGenerate(b)
	ctx := context.Background()
	for range b.N {
		dirA, dirB := b.TempDir(), b.TempDir()
		a, err := store.Open(ctx, "", dirA)
		if err != nil {
			b.Fatal(err)
		}
		start, cpu0 := time.Now(), cpuTime()
		if _, err := gen.Run(ctx, a, gen.Options{Messages: n, Seed: 1}); err != nil {
			b.Fatal(err)
		}
		genWall, genCPU := time.Since(start), cpuTime()-cpu0
		a.Close()
		dst, err := store.Open(ctx, "", dirB)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := dst.DeferIndexes(ctx); err != nil {
			b.Fatal(err)
		}
		dst.Close()
		bareWall, bareCPU := copyBare(b, filepath.Join(dirA, "liuyan.db"), filepath.Join(dirB, "liuyan.db"), n)
		rate := func(d time.Duration) float64 { return float64(n) / d.Seconds() }
		b.ReportMetric(rate(genCPU), "gen-msgs/cpu-s")
		b.ReportMetric(rate(bareCPU), "bare-msgs/cpu-s")
		fmt.Fprintf(os.Stderr, "%d messages: gen %v wall, %v processor (%.0f/s, %.0f/processor-s); bare INSERTs %v wall, %v processor (%.0f/s, %.0f/processor-s); gen/bare by processor time %.2f\n",
			n, genWall.Round(time.Millisecond), genCPU.Round(time.Millisecond), rate(genWall), rate(genCPU),
			bareWall.Round(time.Millisecond), bareCPU.Round(time.Millisecond), rate(bareWall), rate(bareCPU), bareCPU.Seconds()/genCPU.Seconds())
	}
}

// bareTables are the tables copied, with the columns gen writes.
var bareTables = []struct{ table, columns string }{
	{"messages", "id, board_id, region_code, author_id, type, domain, title, body, public_title, public_body, public, channel, status, unit_id, " +
		"reject_reason, clock_start, deadline, extension_days, pending_extension, followups, reply_pending, created_at, published_at, " +
		"first_reply_at, replied_at, updated_at, source, source_id, likes, dislikes, suggested_domain, suggestion_confidence, fingerprint, fp0, fp1, fp2, fp3"},
	{"message_tags", "message_id, tag"},
	{"events", "message_id, actor_id, action, from_state, to_state, unit_id, note, at, deadline"},
	{"replies", "message_id, kind, body, unit_id, published, created_at"},
	{"followups", "message_id, body, created_at"},
	{"ratings", "message_id, resolution, attitude, speed, comment, created_at"},
}

// copyBare copies the generated rows from one SQLite file to the other, a
// range of 5,000 messages at a time, and returns the time spent writing.
func copyBare(b *testing.B, from, to string, n int) (wall, cpu time.Duration) {
	const pragmas = "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_time_format=sqlite"
	src, err := sql.Open("sqlite", "file:"+from+pragmas)
	if err != nil {
		b.Fatal(err)
	}
	defer src.Close()
	dst, err := sql.Open("sqlite", "file:"+to+pragmas)
	if err != nil {
		b.Fatal(err)
	}
	defer dst.Close()
	dst.SetMaxOpenConns(1)
	ctx := context.Background()
	// The accounts, boards and units the messages refer to.
	for _, t := range []string{"users", "units", "boards"} {
		if _, err := dst.Exec("DELETE FROM " + t); err != nil {
			b.Fatal(err)
		}
		if _, err := dst.Exec("ATTACH DATABASE ? AS src", from); err != nil {
			b.Fatal(err)
		}
		if _, err := dst.Exec("INSERT INTO " + t + " SELECT * FROM src." + t); err != nil {
			b.Fatal(err)
		}
		if _, err := dst.Exec("DETACH DATABASE src"); err != nil {
			b.Fatal(err)
		}
	}
	for _, p := range []string{"PRAGMA cache_size = -65536", "PRAGMA temp_store = MEMORY"} {
		if _, err := dst.Exec(p); err != nil {
			b.Fatal(err)
		}
	}
	const per = 5000
	for lo := 0; lo < n; lo += per {
		var batch [][][]any
		for _, t := range bareTables {
			key := "message_id"
			if t.table == "messages" {
				key = "id"
			}
			rows, err := src.Query("SELECT "+t.columns+" FROM "+t.table+" WHERE "+key+" > ? AND "+key+" <= ? ORDER BY rowid", lo, lo+per)
			if err != nil {
				b.Fatal(err)
			}
			width := len(strings.Split(t.columns, ","))
			var got [][]any
			for rows.Next() {
				r := make([]any, width)
				ptrs := make([]any, width)
				for i := range r {
					ptrs[i] = &r[i]
				}
				if err := rows.Scan(ptrs...); err != nil {
					b.Fatal(err)
				}
				got = append(got, r)
			}
			rows.Close()
			batch = append(batch, got)
		}
		start, cpu0 := time.Now(), cpuTime()
		tx, err := dst.BeginTx(ctx, nil)
		if err != nil {
			b.Fatal(err)
		}
		for i, t := range bareTables {
			if err := insertBare(ctx, tx, t.table, t.columns, batch[i]); err != nil {
				b.Fatal(err)
			}
		}
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
		wall, cpu = wall+time.Since(start), cpu+cpuTime()-cpu0
	}
	return wall, cpu
}

// insertBare writes rows with 500-row INSERTs prepared once.
func insertBare(ctx context.Context, tx *sql.Tx, table, columns string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	width := len(rows[0])
	row := "(" + strings.TrimSuffix(strings.Repeat("?, ", width), ", ") + ")"
	stmts := map[int]*sql.Stmt{}
	defer func() {
		for _, s := range stmts {
			s.Close()
		}
	}()
	args := make([]any, 0, 500*width)
	for lo := 0; lo < len(rows); lo += 500 {
		chunk := rows[lo:min(lo+500, len(rows))]
		s, ok := stmts[len(chunk)]
		if !ok {
			var err error
			s, err = tx.PrepareContext(ctx, "INSERT INTO "+table+" ("+columns+") VALUES "+strings.TrimSuffix(strings.Repeat(row+", ", len(chunk)), ", "))
			if err != nil {
				return err
			}
			stmts[len(chunk)] = s
		}
		args = args[:0]
		for _, r := range chunk {
			args = append(args, r...)
		}
		if _, err := s.ExecContext(ctx, args...); err != nil {
			return fmt.Errorf("%s: %w", table, err)
		}
	}
	return nil
}
