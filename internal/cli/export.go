package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"liuyan/internal/calendar"
	"liuyan/internal/lifecycle"
	"liuyan/internal/region"
	"liuyan/internal/store"
	"liuyan/internal/transfer"
)

const exportUsage = "usage: liuyan export --format csv|xlsx|jsonl [--region CODE] [--board ID] [--status S] [--type T] [--domain D] [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--public] -o FILE"

// exportCmd writes messages with their replies, follow-ups, ratings and
// logs to a file that `liuyan import` reads back.
func exportCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var c common
	var f store.ExportFilter
	var format, out, status, regionCode, since, until string
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	c.register(fs)
	fs.StringVar(&format, "format", "", "csv, xlsx or jsonl (default: from the file name)")
	fs.StringVar(&out, "o", "", "file to write, - for standard output")
	fs.StringVar(&regionCode, "region", "", "only messages to boards in this region and below")
	fs.Int64Var(&f.BoardID, "board", 0, "only messages to this board")
	fs.StringVar(&status, "status", "", "only messages in this state, e.g. replied")
	fs.StringVar(&f.Type, "type", "", "only messages of this type, e.g. 咨询")
	fs.StringVar(&f.Domain, "domain", "", "only messages of this domain, e.g. 城建")
	fs.StringVar(&since, "since", "", "only messages written on or after this date (China time)")
	fs.StringVar(&until, "until", "", "only messages written before this date (China time)")
	fs.BoolVar(&f.Public, "public", false, "only what the public sees: public messages, masked text, no staff notes")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if out == "" {
		return errors.New(exportUsage)
	}
	if format == "" {
		format = strings.TrimPrefix(strings.ToLower(filepath.Ext(out)), ".")
	}
	if !slices.Contains(transfer.Formats, format) {
		return fmt.Errorf("--format must be csv, xlsx or jsonl\n%s", exportUsage)
	}
	if regionCode != "" {
		if _, ok := region.Get(regionCode); !ok {
			return fmt.Errorf("unknown region %q", regionCode)
		}
		f.RegionPrefix = region.Prefix(regionCode)
	}
	if f.Status = lifecycle.State(status); status != "" && !f.Status.Valid() {
		return fmt.Errorf("unknown status %q", status)
	}
	for _, d := range []struct {
		s   string
		dst *time.Time
	}{{since, &f.Since}, {until, &f.Until}} {
		if d.s == "" {
			continue
		}
		t, err := time.ParseInLocation(time.DateOnly, d.s, calendar.China)
		if err != nil {
			return fmt.Errorf("dates are YYYY-MM-DD: %w", err)
		}
		*d.dst = t
	}
	s, err := c.open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	if out == "-" {
		n, err := transfer.Export(ctx, s, stdout, format, f)
		if err == nil {
			fmt.Fprintf(stderr, "exported %d messages\n", n)
		}
		return err
	}
	// Write beside the target and rename, so a failed export never leaves
	// a half-written file where a good one was.
	tmp, err := os.CreateTemp(filepath.Dir(out), ".liuyan-export-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	n, err := transfer.Export(ctx, s, tmp, format, f)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), out); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "exported %d messages to %s\n", n, out)
	return nil
}
