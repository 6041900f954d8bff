package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"liuyan/internal/catalog"
	"liuyan/internal/region"
	"liuyan/internal/transfer"
)

const importUsage = "usage: liuyan import FILE [--region CODE] [--board ID] [--create-boards] [--source NAME]"

// shownProblems bounds the rejected rows printed; the summary counts all.
const shownProblems = 100

// importCmd reads a CSV, XLSX or JSON-lines file of messages into the
// store (see internal/transfer) and prints what it did.
func importCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var c common
	var o transfer.Options
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	c.register(fs)
	fs.StringVar(&o.Region, "region", "", "region code the file's boards are looked up under, e.g. 330000")
	fs.Int64Var(&o.BoardID, "board", 0, "put every message on this board")
	fs.BoolVar(&o.CreateBoards, "create-boards", false, "create the boards the file names that do not exist")
	fs.StringVar(&o.Source, "source", "", "name of the data source (default: the file name)")
	file, rest := "", args
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		file, rest = args[0], args[1:]
	}
	if err := fs.Parse(rest); err != nil {
		return err
	}
	if file == "" && fs.NArg() > 0 {
		file = fs.Arg(0)
	}
	if file == "" {
		return errors.New(importUsage)
	}
	if o.Region != "" {
		if _, ok := region.Get(o.Region); !ok {
			return fmt.Errorf("unknown region %q", o.Region)
		}
	}
	// Imported messages get the domain suggestion submissions get.
	suggest, err := suggester()
	if err != nil {
		return err
	}
	o.Suggest = suggest
	s, err := c.open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	if isTerminal(stderr) {
		o.Progress = stderr
	}
	sum, err := transfer.Import(ctx, s, file, o)
	if err != nil {
		return err
	}
	for i, p := range sum.Problems {
		if i == shownProblems {
			fmt.Fprintln(stderr, catalog.T("transfer.problems_more", sum.Rejected-shownProblems))
			break
		}
		fmt.Fprintln(stderr, p)
	}
	for _, c := range sum.Created {
		fmt.Fprintln(stdout, c)
	}
	fmt.Fprintln(stdout, sum)
	return nil
}

// isTerminal says whether w is a terminal, where a progress bar helps
// rather than fills a log.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
