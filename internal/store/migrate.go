package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

//go:embed migrations
var migrations embed.FS

// afterMigration are the steps in Go that follow a migration's SQL, in its
// transaction: what SQL cannot compute. Migration 0008 creates the search
// index, whose tokens internal/search makes, and indexes the messages
// already stored; 0016 (PostgreSQL) writes them again in a new form.
var afterMigration = map[int]func(*Tx, context.Context) error{
	8:  (*Tx).indexAll,
	16: (*Tx).indexAllBulk,
}

// migration is one numbered SQL file.
type migration struct {
	version int
	name    string
	sql     string
}

func (s *Store) migrationsFor() ([]migration, error) {
	dir := path.Join("migrations", string(s.dialect))
	entries, err := fs.ReadDir(migrations, dir)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list migrations: %w", err)
	}
	var ms []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || !strings.HasSuffix(e.Name(), ".sql") {
			return nil, fmt.Errorf("store: migration %s is not named NNNN_name.sql", e.Name())
		}
		b, err := migrations.ReadFile(path.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: e.Name(), sql: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	return ms, nil
}

// Migrate applies every embedded migration not yet applied, all in one
// transaction. On PostgreSQL an advisory lock keeps several instances
// starting at once from migrating twice.
func (s *Store) Migrate(ctx context.Context) error {
	ms, err := s.migrationsFor()
	if err != nil {
		return err
	}
	return s.InTx(ctx, func(tx *Tx) error {
		if s.dialect == Postgres {
			if _, err := tx.exec(ctx, "SELECT pg_advisory_xact_lock(727270)"); err != nil {
				return fmt.Errorf("store: unable to take migration lock: %w", err)
			}
		}
		if _, err := tx.exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
			version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMP NOT NULL)`); err != nil {
			return fmt.Errorf("store: unable to create schema_migrations: %w", err)
		}
		applied, err := collect(ctx, tx.conn, func(r scanner) (int, error) {
			var v int
			err := r.Scan(&v)
			return v, err
		}, "SELECT version FROM schema_migrations")
		if err != nil {
			return fmt.Errorf("store: unable to read applied migrations: %w", err)
		}
		// Every migration not yet applied runs, in order, even one numbered
		// below the newest applied: branches that land out of order still
		// reach the same schema.
		for _, m := range ms {
			if slices.Contains(applied, m.version) {
				continue
			}
			if _, err := tx.exec(ctx, m.sql); err != nil {
				return fmt.Errorf("store: migration %s failed: %w", m.name, err)
			}
			if step := afterMigration[m.version]; step != nil {
				if err := step(tx, ctx); err != nil {
					return fmt.Errorf("store: migration %s failed: %w", m.name, err)
				}
			}
			if _, err := tx.exec(ctx, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
				m.version, m.name, time.Now().UTC()); err != nil {
				return fmt.Errorf("store: unable to record migration %s: %w", m.name, err)
			}
		}
		// A bulk load that died before it rebuilt the indexes it set aside
		// left notes of them; the store is whole again before it serves.
		return tx.restoreIndexes(ctx)
	})
}

// SchemaVersion is the newest migration applied.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := s.reader().queryRow(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations").Scan(&v)
	return v, err
}
