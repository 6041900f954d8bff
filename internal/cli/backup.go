package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"liuyan/internal/store"
)

// backupCmd writes a consistent snapshot of the embedded database, also
// while a server is running on it.
func backupCmd(ctx context.Context, args []string, stdout io.Writer) error {
	var c common
	var out string
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	c.register(fs)
	fs.StringVar(&out, "o", "", "file to write the backup to")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if out == "" {
		return errors.New("usage: liuyan backup -o FILE [--data DIR]")
	}
	s, err := c.open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := s.Backup(ctx, out); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "backup written to %s\n", out)
	return nil
}

// restoreCmd puts a backup in place as the database of an empty data
// directory.
func restoreCmd(ctx context.Context, args []string, stdout io.Writer) error {
	var c common
	fs := flag.NewFlagSet("restore", flag.ContinueOnError)
	c.register(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("usage: liuyan restore FILE [--data DIR]")
	}
	if err := store.Restore(ctx, fs.Arg(0), c.dataDir); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "restored %s into %s\n", fs.Arg(0), c.dataDir)
	return nil
}
