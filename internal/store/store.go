package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib" // also registers the "pgx" driver
	_ "modernc.org/sqlite"           // registers the "sqlite" driver

	"liuyan/internal/vocab"
)

// ErrNotFound is returned when a row asked for does not exist.
var ErrNotFound = errors.New("store: not found")

// ErrConflict is returned when a unique value (a login, a name) is taken.
var ErrConflict = errors.New("store: conflict")

// Dialect names the SQL database behind a Store.
type Dialect string

// The supported dialects.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// Store is the board's database.
type Store struct {
	dialect Dialect
	write   *sql.DB // the only connection that writes, for SQLite; the pool, for PostgreSQL
	read    *sql.DB // readers; the same pool as write on PostgreSQL
	url     string  // the PostgreSQL URL, for the connection that listens for changes
	readq   querier // read, with SQLite's statements kept prepared
	replica *sql.DB // a read-only copy for public reads, or nil (replica.go)
	// replicaOff is set while the replica lags past its bound or does not
	// answer (replica_lag.go): public reads then go to the primary.
	replicaOff atomic.Bool
	// group commits SQLite's write transactions (group.go); nil on
	// PostgreSQL, whose pool writes in parallel.
	group *committer
	// checkpoints copies SQLite's log into its database (checkpoint.go).
	checkpoints *checkpointer

	changes *changes
	words   cached[[]string]
	vocab   cached[*vocab.Set]
	hooks   cached[[]Webhook]
	shares  tokenShares
	scopes  scopeSizes
	boards  boardCache
}

// Open connects to databaseURL when it is a postgres:// URL, or else opens
// (creating if needed) the SQLite database in dataDir, and migrates it.
func Open(ctx context.Context, databaseURL, dataDir string) (*Store, error) {
	var s *Store
	var err error
	if strings.HasPrefix(databaseURL, "postgres://") || strings.HasPrefix(databaseURL, "postgresql://") {
		s, err = openPostgres(databaseURL)
	} else {
		s, err = openSQLite(dataDir)
	}
	if err != nil {
		return nil, err
	}
	if err := s.Migrate(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

func openPostgres(url string) (*Store, error) {
	db, err := openPG(url)
	if err != nil {
		return nil, fmt.Errorf("store: unable to open postgres: %w", err)
	}
	db.SetMaxOpenConns(32)
	db.SetMaxIdleConns(16)
	db.SetConnMaxIdleTime(5 * time.Minute)
	return &Store{dialect: Postgres, write: db, read: db, readq: db, url: url, changes: newChanges()}, nil
}

// openPG opens a pool of connections to PostgreSQL with JIT compilation
// off. The server compiles a query when its estimated cost passes
// jit_above_cost, and at ten million messages the estimates of ordinary
// page queries pass it (a search's candidates are estimated at 40,000
// rows when 5,000 match): compiling took 60 ms of a 250 ms search, for
// queries that then run a few milliseconds. liuyan runs short queries
// only; the naive benchmarks that would gain from JIT are baselines.
func openPG(url string) (*sql.DB, error) {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, err
	}
	if _, set := cfg.RuntimeParams["jit"]; !set {
		cfg.RuntimeParams["jit"] = "off"
	}
	return stdlib.OpenDB(*cfg), nil
}

// sqliteBusyTimeout is how long, in milliseconds, a connection waits for
// another's lock before it gives up (unavailable.go answers 503 then).
const sqliteBusyTimeout = "10000"

// sqlitePragmas are set on every connection: busy_timeout first, so that
// the others wait rather than fail while another process holds a lock.
const sqlitePragmas = "_pragma=busy_timeout(" + sqliteBusyTimeout + ")&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)" +
	"&_pragma=synchronous(NORMAL)&_time_format=sqlite"

func openSQLite(dataDir string) (*Store, error) {
	if dataDir == "" {
		dataDir = "liuyan-data"
	}
	if err := os.MkdirAll(dataDir, 0o750); err != nil {
		return nil, fmt.Errorf("store: unable to create data directory: %w", err)
	}
	path := filepath.Join(dataDir, "liuyan.db")
	// _txlock=immediate takes the write lock at BEGIN, so two writers never
	// deadlock upgrading read locks. The one writer keeps up to 64 MiB of
	// pages (SQLite's default is 2 MiB): a rollup fold or a bulk import
	// touches more pages in a transaction than that, and with the default
	// it spilled dirty pages to the WAL mid-transaction and read them back
	// (a third of the fold's time went to those reads and writes). The
	// cache grows only as far as a transaction needs. It never checkpoints
	// the log: the checkpointer does (checkpoint.go). Temporary storage is
	// in memory from the start, where a bulk import's multi-row statements
	// keep their journals (setting it per import transaction failed:
	// SQLite refuses to change it inside a transaction once the connection
	// has opened its temporary database, which ALTER TABLE … RENAME in a
	// migration does).
	w, err := sql.Open("sqlite", "file:"+path+"?"+sqlitePragmas+"&_pragma=cache_size(-65536)&_pragma=temp_store(MEMORY)&_pragma=wal_autocheckpoint(0)&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("store: unable to open sqlite: %w", err)
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	r, err := sql.Open("sqlite", "file:"+path+"?"+sqlitePragmas+"&_pragma=query_only(1)")
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("store: unable to open sqlite: %w", err)
	}
	// Every reader stays open: database/sql keeps two idle connections by
	// default and closed the others as soon as a burst of reads ended, and
	// each connection opened again had to set its pragmas and prepare
	// every statement again (preparedDB), which took a tenth of the
	// processor time of a submission run.
	r.SetMaxOpenConns(max(4, runtime.NumCPU()))
	r.SetMaxIdleConns(max(4, runtime.NumCPU()))
	s := &Store{dialect: SQLite, write: w, read: r, readq: newPreparedDB(r), changes: newChanges()}
	if s.checkpoints, err = startCheckpointer(path); err != nil {
		w.Close()
		r.Close()
		return nil, err
	}
	s.group = newCommitter(s)
	return s, nil
}

// Dialect says which database the store runs on.
func (s *Store) Dialect() Dialect { return s.dialect }

// Close closes the connections.
func (s *Store) Close() error {
	var err error
	if s.group != nil {
		s.group.close()
		err = s.checkpoints.close()
	}
	if p, ok := s.readq.(*preparedDB); ok {
		p.close()
	}
	err = errors.Join(err, s.write.Close())
	if s.read != s.write {
		err = errors.Join(err, s.read.Close())
	}
	if s.replica != nil {
		err = errors.Join(err, s.replica.Close())
	}
	return err
}

// PoolStats reports the connection pools' statistics by name, for monitoring.
func (s *Store) PoolStats() map[string]sql.DBStats {
	out := map[string]sql.DBStats{"write": s.write.Stats(), "read": s.read.Stats()}
	if s.read == s.write {
		out = map[string]sql.DBStats{"pool": s.write.Stats()}
	}
	if s.replica != nil {
		out["replica"] = s.replica.Stats()
	}
	return out
}

// Ping checks that the database answers, for /readyz. A read replica is
// not asked: while it does not answer, WatchReplica sends public reads to
// the primary, so the instance still serves every page; failing /readyz
// instead would take every instance out at once, since they share it.
func (s *Store) Ping(ctx context.Context) error {
	return s.write.PingContext(ctx)
}

// querier is what *sql.DB and *sql.Tx share.
type querier interface {
	ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
}

// conn runs SQL written with ? placeholders on either dialect.
type conn struct {
	q  querier
	pg bool
	// detached runs statements whatever becomes of their context: in a
	// grouped SQLite transaction (committer), where one caller's
	// cancellation must not interrupt the statement, which would roll
	// back the others' work with it.
	detached bool
}

func (c conn) ctx(ctx context.Context) context.Context {
	if c.detached {
		return context.WithoutCancel(ctx)
	}
	return ctx
}

func (c conn) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return c.q.ExecContext(c.ctx(ctx), c.bind(q), args...)
}

func (c conn) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return c.q.QueryContext(c.ctx(ctx), c.bind(q), args...)
}

func (c conn) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	return c.q.QueryRowContext(c.ctx(ctx), c.bind(q), args...)
}

// planEach returns a statement's arguments so that PostgreSQL plans the
// statement for these values each time it runs (pgx's unnamed statement)
// rather than preparing it once. A prepared statement gets a generic plan
// after five runs, which guesses a third of the rows for every range on a
// parameter: for a statement whose good plan depends on how few rows its
// values select (a time window, a cutoff, a keyset), that plan reads the
// whole table.
func (c conn) planEach(args ...any) []any {
	if !c.pg {
		return args
	}
	return append([]any{pgx.QueryExecModeExec}, args...)
}

// bind turns ? into $1, $2 … for PostgreSQL. Our SQL never has a ? inside
// a string literal, so a plain scan is enough.
func (c conn) bind(q string) string {
	if !c.pg || !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 8)
	n := 0
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(q[i])
	}
	return b.String()
}

func (s *Store) reader() conn { return conn{q: s.readq, pg: s.dialect == Postgres} }

// writer is for single statements outside a transaction.
func (s *Store) writer() conn { return conn{q: s.write, pg: s.dialect == Postgres} }

// Tx is a write transaction. Reads inside it see its own writes.
type Tx struct {
	conn
	dialect Dialect
	touched []Topic // cached topics this transaction changes
	store   *Store  // for the lists it keeps in memory
	// raw is the connection the transaction runs on, for COPY on
	// PostgreSQL; nil outside inBulkTx.
	raw *sql.Conn
	// deferDocs holds the search documents the transaction writes in
	// docs, for its SQLite group to write in one statement (committer).
	deferDocs bool
	docs      []searchDoc
	// docsNow asks the group to write its documents, and those held back,
	// in its own transaction (search_pending.go): a rebuild of the index
	// deletes documents and must put them back before it commits.
	docsNow bool
}

// InTx runs fn in one write transaction, committing when fn returns nil.
// On SQLite the single writer connection serialises them, and the calls
// that wait for it are committed together (committer): fn's writes are
// atomic and saved when InTx returns nil, as with a transaction of its
// own.
func (s *Store) InTx(ctx context.Context, fn func(tx *Tx) error) error {
	if s.group != nil {
		return s.group.do(ctx, fn)
	}
	sqlTx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: unable to begin: %w", err)
	}
	return s.run(sqlTx, nil, fn)
}

// inBulkTx is InTx for bulk writes: on PostgreSQL the transaction runs on
// a connection held for it, whose driver connection COPY can reach (see
// bulk.write).
func (s *Store) inBulkTx(ctx context.Context, fn func(tx *Tx) error) error {
	if s.dialect != Postgres {
		return s.InTx(ctx, fn)
	}
	c, err := s.write.Conn(ctx)
	if err != nil {
		return fmt.Errorf("store: unable to get a connection: %w", err)
	}
	defer c.Close()
	sqlTx, err := c.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: unable to begin: %w", err)
	}
	return s.run(sqlTx, c, fn)
}

// run runs fn in a begun transaction and commits it when fn returns nil.
func (s *Store) run(sqlTx *sql.Tx, raw *sql.Conn, fn func(tx *Tx) error) error {
	tx := &Tx{conn: conn{q: sqlTx, pg: s.dialect == Postgres}, dialect: s.dialect, raw: raw, store: s}
	if err := fn(tx); err != nil {
		_ = sqlTx.Rollback()
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("store: unable to commit: %w", err)
	}
	for _, t := range tx.touched {
		s.changes.bump(t)
	}
	return nil
}

// forUpdate locks the selected row on PostgreSQL; SQLite's single writer
// already serialises transactions.
func (t *Tx) forUpdate() string {
	if t.dialect == Postgres {
		return " FOR UPDATE"
	}
	return ""
}

// insertID runs an INSERT … RETURNING id (both dialects support it).
func (c conn) insertID(ctx context.Context, q string, args ...any) (int64, error) {
	var id int64
	err := c.queryRow(ctx, q+" RETURNING id", args...).Scan(&id)
	return id, err
}

// isUnique reports whether err is a unique-constraint violation.
func isUnique(err error) bool {
	if err == nil {
		return false
	}
	msg := err.Error()
	return strings.Contains(msg, "UNIQUE constraint failed") || strings.Contains(msg, "SQLSTATE 23505")
}

// scanner is what *sql.Row and *sql.Rows share.
type scanner interface{ Scan(...any) error }

// collect runs a query and scans every row with scan. It is the one loop
// over result sets in the package.
func collect[T any](ctx context.Context, c conn, scan func(scanner) (T, error), q string, args ...any) ([]T, error) {
	rows, err := c.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// scanID reads a single integer column.
func scanID(row scanner) (int64, error) {
	var id int64
	err := row.Scan(&id)
	return id, err
}

// nullTime maps the zero time to NULL.
func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC()
}

// nullID maps 0 to NULL for optional references.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// timeOf turns a scanned nullable time into a time, zero for NULL.
func timeOf(n sql.NullTime) time.Time {
	if !n.Valid {
		return time.Time{}
	}
	return n.Time.UTC()
}
