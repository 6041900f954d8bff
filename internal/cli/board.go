package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"liuyan/internal/directory"
	"liuyan/internal/region"
	"liuyan/internal/store"
)

// boardCmd administers the directory: departments joining a region and
// handling units.
func boardCmd(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) == 0 || (args[0] != "join" && args[0] != "unit") {
		return errors.New("usage: liuyan board join --region CODE --name N [--joined YYYY-MM-DD] | liuyan board unit --region CODE --name N")
	}
	var c common
	var code, name, joined string
	fs := flag.NewFlagSet("board "+args[0], flag.ContinueOnError)
	c.register(fs)
	fs.StringVar(&code, "region", "", "region code, e.g. 330100")
	fs.StringVar(&name, "name", "", "name of the department or unit, e.g. 杭州市生态环境局")
	fs.StringVar(&joined, "joined", time.Now().Format(time.DateOnly), "date the department joined (入驻)")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	name = strings.TrimSpace(name)
	if _, ok := region.Get(code); !ok {
		return fmt.Errorf("unknown region %q", code)
	}
	if name == "" {
		return errors.New("--name is required")
	}
	when, err := time.Parse(time.DateOnly, joined)
	if err != nil {
		return fmt.Errorf("--joined must be YYYY-MM-DD: %w", err)
	}
	s, err := c.open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	if args[0] == "unit" {
		u, err := directory.AddUnit(ctx, s, code, name)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "unit %d %s (%s)\n", u.ID, u.Name, region.FullName(code))
		return nil
	}
	b, err := directory.Join(ctx, s, code, name, when)
	if errors.Is(err, store.ErrConflict) {
		return fmt.Errorf("%s already has a board named %s", region.FullName(code), name)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "board %d %s joined %s on %s; its unit is %d\n", b.ID, b.Name, region.FullName(code), joined, b.OfficeUnitID)
	return nil
}
