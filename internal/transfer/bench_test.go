package transfer

import (
	"context"
	"database/sql"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"liuyan/internal/account"
	"liuyan/internal/board"
	"liuyan/internal/calendar"
	"liuyan/internal/directory"
	"liuyan/internal/lifecycle"
	"liuyan/internal/store"
	"liuyan/internal/textmine/classify"
)

// The import benchmark: the TipDM unlabeled file repeated, with fresh
// IDs, to LIUYAN_BENCH_ROWS rows (100,000 by default), imported into an
// empty SQLite store with each message classified and fingerprinted as
// at submission; and, in the same run, the baseline of the same rows'
// messages written by plain multi-row INSERTs, with no parsing, masking,
// log or idempotency. Both report rows per second of wall time and of
// processor time (on a shared machine the second shows the work, the
// first also the neighbours).
//
//	LIUYAN_BENCH_ROWS=1000000 go test -run '^$' -bench Import -benchtime 1x ./internal/transfer/
func BenchmarkImport(b *testing.B) {
	n := benchRows(b)
	recs := readTipDM(b)
	path := repeatTipDM(b, recs, n)
	b.Run("raw", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			dir := b.TempDir()
			s := openSeeded(b, dir)
			rows := rawRows(b, s, recs, n)
			b.StartTimer()
			measure(b, n, func() { rawInsert(b, dir, rows) })
		}
	})
	b.Run("liuyan", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			s := openSeeded(b, b.TempDir())
			b.StartTimer()
			measure(b, n, func() {
				sum, err := Import(context.Background(), s, path, Options{Region: "430000", CreateBoards: true,
					Policy: lifecycle.DefaultPolicy(), Calendar: calendar.Default(), Suggest: classify.Suggest})
				if err != nil {
					b.Fatal(err)
				}
				if sum.Added != n {
					b.Fatalf("added %d of %d: %v", sum.Added, n, sum.Problems[:min(3, len(sum.Problems))])
				}
			})
		}
	})
}

func benchRows(b *testing.B) int {
	if v := os.Getenv("LIUYAN_BENCH_ROWS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			b.Fatalf("LIUYAN_BENCH_ROWS=%q", v)
		}
		return n
	}
	return 100000
}

func readTipDM(b *testing.B) [][]string {
	f, err := os.Open(sharedData(b, "tipdm/unlabeled.csv"))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		b.Fatal(err)
	}
	return recs
}

// repeatTipDM writes the file's rows again and again, with fresh IDs,
// until n rows.
func repeatTipDM(b *testing.B, recs [][]string, n int) string {
	path := filepath.Join(b.TempDir(), "unlabeled_x.csv")
	out, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := csv.NewWriter(out)
	w.Write(recs[0])
	rows := recs[1:]
	for i := 0; i < n; i++ {
		r := append([]string(nil), rows[i%len(rows)]...)
		r[0] = strconv.Itoa(i + 1)
		w.Write(r)
	}
	w.Flush()
	if err := out.Close(); err != nil {
		b.Fatal(err)
	}
	return path
}

func openSeeded(b *testing.B, dir string) *store.Store {
	s, err := store.Open(context.Background(), "", dir)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	if _, err := directory.SeedLeaders(context.Background(), s); err != nil {
		b.Fatal(err)
	}
	return s
}

func measure(b *testing.B, n int, fn func()) {
	start, cpu0 := time.Now(), cpuTime()
	fn()
	wall, cpu := time.Since(start), cpuTime()-cpu0
	b.ReportMetric(float64(n)/wall.Seconds(), "rows/s")
	b.ReportMetric(float64(n)/cpu.Seconds(), "rows/cpu-s")
	fmt.Fprintf(os.Stderr, "%s: %d rows in %v (%.0f rows/s), %v of processor time\n", b.Name(), n, wall.Round(time.Millisecond),
		float64(n)/wall.Seconds(), cpu.Round(time.Millisecond))
}

// rawColumns are the message columns an import fills.
var rawColumns = []string{"board_id", "region_code", "author_id", "type", "domain", "title", "body", "public_title",
	"public_body", "public", "channel", "status", "created_at", "published_at", "updated_at", "source", "source_id"}

// rawRows builds the baseline's rows in memory beforehand: one board, one
// author, the text as it is.
func rawRows(b *testing.B, s *store.Store, recs [][]string, n int) [][]any {
	ctx := context.Background()
	bs, err := s.Boards(ctx, "430000", board.Leader)
	if err != nil || len(bs) == 0 {
		b.Fatalf("boards: %v", err)
	}
	var author int64
	if err := s.InTx(ctx, func(tx *store.Tx) error {
		u := accountFor("raw")
		if err := tx.CreateUser(ctx, &u); err != nil {
			return err
		}
		author = u.ID
		return nil
	}); err != nil {
		b.Fatal(err)
	}
	rows := make([][]any, n)
	for i := range rows {
		r := recs[1+i%(len(recs)-1)]
		at, err := parseTime(r[3])
		if err != nil {
			b.Fatal(err)
		}
		title, body := strings.TrimSpace(r[2]), strings.TrimSpace(r[4])
		rows[i] = []any{bs[0].ID, "430000", author, "投诉/求助", "其他", title, body, title, body, true, "web",
			"published", at.UTC(), at.UTC(), at.UTC(), "raw", strconv.Itoa(i + 1)}
	}
	return rows
}

// rawInsert writes the rows with 500-row INSERTs, 1,000 rows a
// transaction, through a connection of its own with the store's settings.
func rawInsert(b *testing.B, dir string, rows [][]any) {
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "liuyan.db")+
		"?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_time_format=sqlite&_txlock=immediate")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	const per, perTx = 500, 1000
	q := "INSERT INTO messages (" + strings.Join(rawColumns, ", ") + ") VALUES " +
		strings.TrimSuffix(strings.Repeat("("+strings.TrimSuffix(strings.Repeat("?, ", len(rawColumns)), ", ")+"), ", per), ", ")
	for start := 0; start < len(rows); start += perTx {
		tx, err := db.Begin()
		if err != nil {
			b.Fatal(err)
		}
		stmt, err := tx.Prepare(q)
		if err != nil {
			b.Fatal(err)
		}
		for s := start; s < min(start+perTx, len(rows)); s += per {
			chunk := rows[s:min(s+per, len(rows))]
			if len(chunk) < per {
				tx.Rollback()
				b.Fatalf("use a multiple of %d rows", per)
			}
			args := make([]any, 0, per*len(rawColumns))
			for _, r := range chunk {
				args = append(args, r...)
			}
			if _, err := stmt.Exec(args...); err != nil {
				b.Fatal(err)
			}
		}
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
	}
}

// cpuTime is the processor time this process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func accountFor(login string) account.User {
	return account.User{Login: login, Name: login, Role: account.Citizen, PasswordHash: store.ImportedPasswordHash}
}
