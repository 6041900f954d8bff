package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strconv"

	"liuyan/internal/calendar"
	"liuyan/internal/directory"
	"liuyan/internal/lifecycle"
	"liuyan/internal/message"
	"liuyan/internal/store"
	"liuyan/internal/workflow"
)

// Version is set at build time with -ldflags "-X liuyan/internal/cli.Version=…".
var Version = "dev"

const usage = `liuyan — 留言板 / a message board between citizens and their government

Usage:
  liuyan serve [--data DIR] [--demo] [--read-database-url URL]
                                         run the web server (LISTEN_ADDR, default 127.0.0.1:8080)
  liuyan migrate [--data DIR]            apply database migrations and seed the leader boards
  liuyan demo [--data DIR]               load demo boards, staff accounts and messages
  liuyan user add --login L --password P --role R [--name N] [--unit ID] [--board ID] [--region CODE]
  liuyan board join --region CODE --name N [--joined YYYY-MM-DD]   a department joins (入驻) a region
  liuyan board unit --region CODE --name N                          add a handling unit
  liuyan train --data DIR -o MODEL [--exclude EVAL.csv]          train the domain classifier
  liuyan train --from-store [--store DIR] -o MODEL               retrain on the board's own messages and staff corrections
  liuyan classify [--model MODEL] TEXT | --eval EVAL.csv         suggest a domain, or evaluate (label,text)
  liuyan dedupe --input FILE.csv                                 groups of near-duplicate messages
  liuyan hot --input FILE.csv [--top 5] --out DIR [--now DATE]   热点问题表 and 热点问题留言明细表
  liuyan replyscore --input FILE.csv --out SCORES.csv            0–100 score of every reply
  liuyan import FILE [--region CODE] [--board ID] [--create-boards] [--source NAME]
                                         import messages (CSV, XLSX, JSON lines: TipDM, 领导留言板 fields, liuyan export)
  liuyan gen --messages N [--from 2019-01-01] [--to 2020-12-31] [--seed S] [--batch 5000]
                                         fill the store with a generated history (benchmarks, load tests)
  liuyan export --format csv|xlsx|jsonl [--region CODE] [--board ID] [--status S] [--type T] [--domain D]
                [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--public] -o FILE|-
  liuyan report [--data DIR] [--region CODE] [--period 2020H1] [--format html|xlsx|csv] [-o FILE]
                                         a region's report (region empty or 000000: the country)
  liuyan reindex [--data DIR] [--rebuild]
                                         index messages missing from full-text search, or (--rebuild) all again
  liuyan backup -o FILE [--data DIR]     consistent snapshot of the embedded database, also while serving
  liuyan restore FILE [--data DIR]       restore a backup into an empty data directory
  liuyan bench [--data DIR] [--messages N] [--period 2020H1] [--duration 10s] [--clients 8] [--rate 500]
                                         fill an empty store and measure the board against baselines (BENCHMARKS.md)
  liuyan version                         print the version

Every command stores its data in ./liuyan-data (or --data DIR) unless
DATABASE_URL=postgres://… names a PostgreSQL database.
`

// Main runs the command line and returns the process exit code.
func Main(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	ctx := context.Background()
	var err error
	switch args[0] {
	case "serve":
		err = serve(ctx, args[1:], stdout, stderr)
	case "migrate":
		err = migrate(ctx, args[1:], stdout)
	case "demo":
		err = demoCmd(ctx, args[1:], stdout)
	case "user":
		err = userCmd(ctx, args[1:], stdout)
	case "board":
		err = boardCmd(ctx, args[1:], stdout)
	case "train":
		err = trainCmd(args[1:], stdout)
	case "classify":
		err = classifyCmd(args[1:], stdout)
	case "dedupe":
		err = dedupeCmd(args[1:], stdout)
	case "hot":
		err = hotCmd(args[1:], stdout)
	case "replyscore":
		err = replyscoreCmd(args[1:], stdout)
	case "import":
		err = importCmd(ctx, args[1:], stdout, stderr)
	case "export":
		err = exportCmd(ctx, args[1:], stdout, stderr)
	case "gen":
		err = genCmd(ctx, args[1:], stdout, stderr)
	case "report":
		err = reportCmd(ctx, args[1:], stdout)
	case "reindex":
		err = reindexCmd(ctx, args[1:], stdout)
	case "backup":
		err = backupCmd(ctx, args[1:], stdout)
	case "restore":
		err = restoreCmd(ctx, args[1:], stdout)
	case "bench":
		err = benchCmd(ctx, args[1:], stdout, stderr)
	case "version":
		fmt.Fprintln(stdout, "liuyan", version())
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
	default:
		fmt.Fprintf(stderr, "liuyan: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	if errors.Is(err, flag.ErrHelp) {
		return 2
	}
	if err != nil {
		fmt.Fprintln(stderr, "liuyan:", err)
		return 1
	}
	return 0
}

func version() string {
	if Version != "dev" {
		return Version
	}
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				return "dev-" + s.Value[:12]
			}
		}
	}
	return Version
}

// common are the flags every command takes.
type common struct {
	dataDir string
}

func (c *common) register(fs *flag.FlagSet) {
	fs.StringVar(&c.dataDir, "data", "liuyan-data", "directory of the embedded database")
}

// open opens the store named by DATABASE_URL or the data directory,
// migrated and with every region's leader boards in place.
func (c *common) open(ctx context.Context) (*store.Store, error) {
	s, err := store.Open(ctx, os.Getenv("DATABASE_URL"), c.dataDir)
	if err != nil {
		return nil, err
	}
	if _, err := directory.SeedLeaders(ctx, s); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// openDesk opens the store and builds the workflow over it.
func (c *common) openDesk(ctx context.Context) (*store.Store, *workflow.Desk, error) {
	s, err := c.open(ctx)
	if err != nil {
		return nil, nil, err
	}
	d, err := desk(s)
	if err != nil {
		s.Close()
		return nil, nil, err
	}
	return s, d, nil
}

// desk builds the workflow with the deployment's rules. LIUYAN_BODY_MAX
// overrides the body length limit, LIUYAN_REMIND_DAYS the working days
// before a deadline at which units are reminded.
func desk(s *store.Store) (*workflow.Desk, error) {
	limits := message.DefaultLimits
	if v := os.Getenv("LIUYAN_BODY_MAX"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return nil, fmt.Errorf("LIUYAN_BODY_MAX must be a positive number, got %q", v)
		}
		limits.BodyMax = n
	}
	policy := lifecycle.DefaultPolicy()
	if v := os.Getenv("LIUYAN_REMIND_DAYS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 10 {
			return nil, fmt.Errorf("LIUYAN_REMIND_DAYS must be a number of working days from 1 to 10, got %q", v)
		}
		policy.RemindDays = n
	}
	d := &workflow.Desk{Store: s, Calendar: calendar.Default(), Policy: policy, Limits: limits}
	suggest, err := suggester()
	if err != nil {
		return nil, err
	}
	d.Suggest, d.ScoreReply = suggest, replyScorer(s)
	return d, nil
}

func migrate(ctx context.Context, args []string, stdout io.Writer) error {
	var c common
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	c.register(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	s, err := c.open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	v, err := s.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "schema version %d (%s)\n", v, s.Dialect())
	return nil
}
