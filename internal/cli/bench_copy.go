package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"liuyan/internal/store"
)

// benchCopy makes the copy `liuyan bench --copy` measures: the embedded
// database of dataDir, in a new directory beside it, to be removed when
// the run ends. A run adds tens of thousands of messages to the store it
// measures; on the store itself, each run started from a larger one than
// the last (1 to 2.5 million messages in an hour), and its figures no
// longer compared (BENCHMARKS.md, "Session 9"). The store is opened and
// closed first, so that its log is written into the database file and
// the copy is whole; the bytes are copied as they are, so that the copy
// reads as the store does (VACUUM INTO would write it anew, in order).
func benchCopy(ctx context.Context, dataDir string) (string, error) {
	if dataDir == "" || os.Getenv("DATABASE_URL") != "" {
		return "", errors.New("bench: --copy measures a copy of the embedded database of --data; give --data, and no DATABASE_URL")
	}
	src := filepath.Join(dataDir, "liuyan.db")
	if _, err := os.Stat(src); err != nil {
		return "", fmt.Errorf("bench: --copy: no database to copy: %w", err)
	}
	s, err := store.Open(ctx, "", dataDir)
	if err != nil {
		return "", err
	}
	if err := s.Close(); err != nil {
		return "", err
	}
	abs, err := filepath.Abs(dataDir)
	if err != nil {
		return "", err
	}
	dir, err := os.MkdirTemp(filepath.Dir(abs), ".liuyan-bench-copy-")
	if err != nil {
		return "", err
	}
	for _, name := range []string{"liuyan.db", "liuyan.db-wal"} {
		if err := copyFile(filepath.Join(dataDir, name), filepath.Join(dir, name)); err != nil && !errors.Is(err, os.ErrNotExist) {
			os.RemoveAll(dir)
			return "", fmt.Errorf("bench: --copy: %w", err)
		}
	}
	return dir, nil
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o640)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
