package cli

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"liuyan/internal/report"
	"liuyan/internal/stats"
)

// reportCmd writes a region's report for a period to a file:
// liuyan report --region CODE --period 2020H1 --format html|xlsx|csv -o FILE.
func reportCmd(ctx context.Context, args []string, stdout io.Writer) error {
	var c common
	var code, period, format, out string
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	c.register(fs)
	fs.StringVar(&code, "region", "", "GB/T 2260 region code; empty or 000000 for the whole country")
	fs.StringVar(&period, "period", "", "2020H1, 2020Q3, 2020, 2020-05 or 2020-01-01..2020-06-30 (default: the current half-year)")
	fs.StringVar(&format, "format", "html", "html, xlsx or csv (a zip of CSV files)")
	fs.StringVar(&out, "o", "", "file to write (default: liuyan-REGION-PERIOD.EXT)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if code == report.Country {
		code = ""
	}
	f := report.Format(format)
	if f != report.HTML && f != report.XLSX && f != report.CSV {
		return errors.New("--format must be html, xlsx or csv")
	}
	s, d, err := c.openDesk(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	svc := stats.ForDesk(d)
	p := stats.Containing(svc.Clock())
	if period != "" {
		if p, err = stats.PeriodNamed(period); err != nil {
			return fmt.Errorf("--period %q: %w", period, err)
		}
	}
	rep, err := report.Build(ctx, svc, code, p)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := rep.Write(&buf, f); err != nil {
		return err
	}
	if out == "" {
		out = rep.FileName(f)
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s: %s\n", out, rep.Narrative[0])
	return nil
}
