package transfer

import (
	"context"
	"database/sql"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"slices"
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
	"liuyan/internal/search"
	"liuyan/internal/store"
	"liuyan/internal/textmine/classify"
)

// The import benchmark: the TipDM unlabeled file repeated, with fresh
// IDs, to LIUYAN_BENCH_ROWS rows (100,000 by default), imported into an
// empty SQLite store with each message classified and fingerprinted as
// at submission and indexed for search; and, in the same run, two
// baselines writing with plain multi-row INSERTs into an empty store of
// their own, with no parsing, masking, mining, log-building or
// idempotency checks:
//
//   - raw: the very rows the import wrote (its authors, its messages with
//     all their columns, their events and their search-index rows), read
//     back from the imported store beforehand and written in the import's
//     transactions of DefaultBatch messages. This is the baseline the
//     ratio import/raw is taken against: what storing the same data costs
//     the database, so that the ratio measures liuyan's own work.
//   - raw-messages: only the message rows, 17 columns, one board and
//     author, 1,000 rows a transaction (the baseline of earlier runs,
//     kept for comparison: it leaves out most of what the import stores).
//
// Each reports rows per second of wall time and of processor time (on a
// shared machine the second shows the work, the first also the
// neighbours).
//
//	LIUYAN_BENCH_ROWS=1000000 go test -run '^$' -bench Import -benchtime 1x ./internal/transfer/
func BenchmarkImport(b *testing.B) {
	n := benchRows(b)
	recs := readTipDM(b)
	path := repeatTipDM(b, recs, n)
	// imported is the directory of the store the import wrote, which
	// outlives the sub-benchmark for the raw baseline to read.
	imported, runs := "", b.TempDir()
	b.Run("liuyan", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			imported = filepath.Join(runs, strconv.Itoa(len(b.Name())+int(time.Now().UnixNano()%1e6)))
			if err := os.Mkdir(imported, 0o755); err != nil {
				b.Fatal(err)
			}
			s := openSeeded(b, imported)
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
	b.Run("raw", func(b *testing.B) {
		if imported == "" {
			b.Skip("the raw baseline copies what Import/liuyan wrote; run both")
		}
		for b.Loop() {
			b.StopTimer()
			dir := b.TempDir()
			openSeeded(b, dir).Close()
			src := importedRows(b, imported)
			b.StartTimer()
			measure(b, n, func() { src.copyTo(b, dir) })
		}
	})
	b.Run("raw-messages", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			dir := b.TempDir()
			s := openSeeded(b, dir)
			rows := rawRows(b, s, recs, n)
			b.StartTimer()
			measure(b, n, func() { rawInsert(b, dir, rows) })
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
	db := openRaw(b, dir)
	defer db.Close()
	const per, perTx = 500, 1000
	if len(rows)%per != 0 {
		b.Fatalf("use a multiple of %d rows", per)
	}
	for start := 0; start < len(rows); start += perTx {
		tx, err := db.Begin()
		if err != nil {
			b.Fatal(err)
		}
		insertRows(b, tx, "messages", rawColumns, rows[start:min(start+perTx, len(rows))], per)
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
	}
}

// openRaw opens a store's database file directly, with the store's
// settings, bypassing the store.
func openRaw(b *testing.B, dir string) *sql.DB {
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "liuyan.db")+
		"?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_time_format=sqlite&_txlock=immediate")
	if err != nil {
		b.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	return db
}

// insertRows writes rows into table with multi-row INSERTs of at most
// per rows, each shape prepared once.
func insertRows(b *testing.B, tx *sql.Tx, table string, columns []string, rows [][]any, per int) {
	stmts := map[int]*sql.Stmt{}
	defer func() {
		for _, st := range stmts {
			st.Close()
		}
	}()
	row := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(columns)), ", ") + ")"
	var args []any
	for start := 0; start < len(rows); start += per {
		chunk := rows[start:min(start+per, len(rows))]
		st := stmts[len(chunk)]
		if st == nil {
			var err error
			st, err = tx.Prepare("INSERT INTO " + table + " (" + strings.Join(columns, ", ") + ") VALUES " +
				strings.TrimSuffix(strings.Repeat(row+", ", len(chunk)), ", "))
			if err != nil {
				b.Fatal(err)
			}
			stmts[len(chunk)] = st
		}
		args = args[:0]
		for _, r := range chunk {
			args = append(args, r...)
		}
		if _, err := st.Exec(args...); err != nil {
			b.Fatalf("insert into %s: %v", table, err)
		}
	}
}

// imported is every row an import wrote, read back from its store: the
// authors it created, and per message its row, its events and the
// token text of its search-index row, in message order.
type imported struct {
	userCols, msgCols, eventCols []string
	users                        [][]any
	msgs                         [][]any
	events                       map[int64][][]any // by message ID
	index                        [][]any           // rowid, title, body, scope tokens
}

// importedRows reads back what Import wrote into the store in dir: the
// users it created (every account but the seeded ones), and every
// message, event and search-index row.
func importedRows(b *testing.B, dir string) *imported {
	db := openRaw(b, dir)
	defer db.Close()
	im := &imported{events: map[int64][][]any{}}
	var seeded int64
	if err := db.QueryRow("SELECT COALESCE(MAX(id), 0) FROM users WHERE password_hash <> ?", store.ImportedPasswordHash).Scan(&seeded); err != nil {
		b.Fatal(err)
	}
	im.userCols, im.users = readRows(b, db, "SELECT * FROM users WHERE id > ? ORDER BY id", seeded)
	im.msgCols, im.msgs = readRows(b, db, "SELECT * FROM messages ORDER BY id")
	var events [][]any
	im.eventCols, events = readRows(b, db, "SELECT * FROM events ORDER BY id")
	for _, e := range events {
		id := e[slices.Index(im.eventCols, "message_id")].(int64)
		im.events[id] = append(im.events[id], e)
	}
	col := func(name string) int { return slices.Index(im.msgCols, name) }
	for _, m := range im.msgs {
		scope := search.Scope{BoardID: m[col("board_id")].(int64), RegionCode: m[col("region_code")].(string),
			AuthorID: m[col("author_id")].(int64)}
		im.index = append(im.index, []any{m[col("id")], search.IndexText(m[col("public_title")].(string)),
			search.IndexText(m[col("public_body")].(string)), search.ScopeText(scope)})
	}
	if len(im.index) == 0 {
		b.Fatal("the import wrote no messages")
	}
	return im
}

func readRows(b *testing.B, db *sql.DB, q string, args ...any) ([]string, [][]any) {
	rs, err := db.Query(q, args...)
	if err != nil {
		b.Fatal(err)
	}
	defer rs.Close()
	cols, err := rs.Columns()
	if err != nil {
		b.Fatal(err)
	}
	var out [][]any
	for rs.Next() {
		row := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range row {
			ptrs[i] = &row[i]
		}
		if err := rs.Scan(ptrs...); err != nil {
			b.Fatal(err)
		}
		out = append(out, row)
	}
	if err := rs.Err(); err != nil {
		b.Fatal(err)
	}
	return cols, out
}

// copyTo writes the rows into the store in dir, which must hold what the
// imported store held before the import (the seeded boards): the users
// first, then in transactions of DefaultBatch messages their rows, their
// events and their search-index rows, as the import's transactions do.
func (im *imported) copyTo(b *testing.B, dir string) {
	db := openRaw(b, dir)
	defer db.Close()
	tx, err := db.Begin()
	if err != nil {
		b.Fatal(err)
	}
	insertRows(b, tx, "users", im.userCols, im.users, 30000/len(im.userCols))
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	idCol := slices.Index(im.msgCols, "id")
	for start := 0; start < len(im.msgs); start += DefaultBatch {
		msgs := im.msgs[start:min(start+DefaultBatch, len(im.msgs))]
		var events [][]any
		for _, m := range msgs {
			events = append(events, im.events[m[idCol].(int64)]...)
		}
		tx, err := db.Begin()
		if err != nil {
			b.Fatal(err)
		}
		insertRows(b, tx, "messages", im.msgCols, msgs, 500)
		insertRows(b, tx, "events", im.eventCols, events, 500)
		insertRows(b, tx, "message_search", []string{"rowid", "title", "body", "scope"},
			im.index[start:min(start+DefaultBatch, len(im.index))], DefaultBatch)
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
