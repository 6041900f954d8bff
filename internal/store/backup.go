package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// ErrBackupPostgres is returned when a backup of PostgreSQL is asked of
// liuyan: pg_dump does that job better (see the README).
var ErrBackupPostgres = errors.New("store: back up PostgreSQL with pg_dump -Fc; see the README")

// Backup writes a consistent snapshot of the SQLite database to path while
// the server keeps serving: VACUUM INTO reads one snapshot of the WAL
// database and writes a compact copy.
func (s *Store) Backup(ctx context.Context, path string) error {
	if s.dialect != SQLite {
		return ErrBackupPostgres
	}
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("store: %s exists; refusing to overwrite it", path)
	}
	// The documents held back for the search index go in first, so that a
	// backup of a quiet board is its store as it stands; any stored
	// meanwhile are noted in the backup, and indexed once it is opened.
	if err := s.WriteHeldDocs(ctx); err != nil {
		return err
	}
	if _, err := s.write.ExecContext(ctx, "VACUUM INTO ?", path); err != nil {
		return fmt.Errorf("store: unable to back up: %w", err)
	}
	return nil
}

// Restore puts a backup made by Backup in place as the database of
// dataDir. It refuses to overwrite a database, and checks that the file
// is a liuyan database before copying it.
func Restore(ctx context.Context, backup, dataDir string) error {
	target := filepath.Join(dataDir, "liuyan.db")
	if _, err := os.Stat(target); err == nil {
		return fmt.Errorf("store: %s already holds a database; restore into an empty data directory", dataDir)
	}
	db, err := sql.Open("sqlite", "file:"+backup+"?mode=ro")
	if err != nil {
		return err
	}
	var v int
	err = db.QueryRowContext(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations").Scan(&v)
	db.Close()
	if err != nil || v == 0 {
		return fmt.Errorf("store: %s is not a liuyan backup: %v", backup, err)
	}
	if err := os.MkdirAll(dataDir, 0o750); err != nil {
		return err
	}
	in, err := os.Open(backup)
	if err != nil {
		return err
	}
	defer in.Close()
	tmp := target + ".restoring"
	out, err := os.OpenFile(tmp, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o640)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		os.Remove(tmp)
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		os.Remove(tmp)
		return err
	}
	out.Close()
	// The rename makes the restore all or nothing.
	return os.Rename(tmp, target)
}

// Digest returns, per table, the row count and a hash of every row in
// primary-key order, so two stores can be compared table by table.
func (s *Store) Digest(ctx context.Context) (map[string]string, error) {
	var tables []string
	var q string
	if s.dialect == SQLite {
		q = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
	} else {
		q = "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name"
	}
	tables, err := collect(ctx, s.reader(), func(r scanner) (string, error) {
		var n string
		err := r.Scan(&n)
		return n, err
	}, q)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, t := range tables {
		rows, err := s.read.QueryContext(ctx, "SELECT * FROM "+t+" ORDER BY 1")
		if err != nil {
			return nil, err
		}
		cols, _ := rows.Columns()
		h := sha256.New()
		n := 0
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				rows.Close()
				return nil, err
			}
			var b strings.Builder
			for _, v := range vals {
				fmt.Fprintf(&b, "%v|", v)
			}
			h.Write([]byte(b.String() + "\n"))
			n++
		}
		rows.Close()
		out[t] = fmt.Sprintf("%d:%s", n, hex.EncodeToString(h.Sum(nil))[:16])
	}
	return out, nil
}
