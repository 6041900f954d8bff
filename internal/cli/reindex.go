package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"
)

// reindexCmd brings the full-text search index in line with the stored
// messages: by default it adds those missing (rows written around the
// store); with --rebuild it writes every message's index again, for when
// the way text is cut into tokens has changed. Both run in batches and
// may run while the board is serving.
func reindexCmd(ctx context.Context, args []string, stdout io.Writer) error {
	var c common
	var rebuild bool
	fs := flag.NewFlagSet("reindex", flag.ContinueOnError)
	c.register(fs)
	fs.BoolVar(&rebuild, "rebuild", false, "write the index of every message again, not only of those missing")
	if err := fs.Parse(args); err != nil {
		return err
	}
	s, err := c.open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	began := time.Now()
	index, what := s.Reindex, "added to"
	if rebuild {
		index, what = s.Rebuild, "written again in"
	}
	n, err := index(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "reindex: %d messages %s the search index in %v\n", n, what, time.Since(began).Round(time.Millisecond))
	return nil
}
