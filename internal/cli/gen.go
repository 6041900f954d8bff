package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"liuyan/internal/bench"
	"liuyan/internal/calendar"
	"liuyan/internal/catalog"
	"liuyan/internal/gen"
)

// genCmd fills the store with a generated history (internal/gen).
func genCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var c common
	var o gen.Options
	var from, to string
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	c.register(fs)
	fs.IntVar(&o.Messages, "messages", 0, "how many messages to generate")
	fs.StringVar(&from, "from", "2019-01-01", "first day of the history (China time)")
	fs.StringVar(&to, "to", "2020-12-31", "last day of the history, also its present")
	fs.Uint64Var(&o.Seed, "seed", 1, "the same seed gives the same history")
	fs.IntVar(&o.Batch, "batch", gen.DefaultBatch, "messages per transaction")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return errors.New(catalog.T("gen.usage"))
	}
	if o.Messages < 1 {
		return errors.New(catalog.T("gen.messages"))
	}
	var err error
	if o.From, err = time.ParseInLocation(time.DateOnly, from, calendar.China); err != nil {
		return errors.New(catalog.T("gen.bad_date", from))
	}
	if o.To, err = time.ParseInLocation(time.DateOnly, to, calendar.China); err != nil {
		return errors.New(catalog.T("gen.bad_date", to))
	}
	o.To = o.To.AddDate(0, 0, 1) // the whole last day
	s, err := c.open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	if isTerminal(stderr) {
		o.Progress = stderr
	}
	sum, err := gen.Run(ctx, s, o)
	if err != nil {
		return err
	}
	if err := bench.MarkSynthetic(ctx, s); err != nil {
		return err
	}
	fmt.Fprintln(stdout, sum)
	return nil
}
