package store_test

import (
	"context"
	"path/filepath"
	"testing"

	"liuyan/internal/store"
	"liuyan/internal/store/storetest"
)

func TestBackupRestore(t *testing.T) {
	ctx := context.Background()
	s := storetest.SQLite(t)
	f := setup(t, s)
	m := newMessage(f, false, "backup-1")
	if err := s.InTx(ctx, func(tx *store.Tx) error { _, err := tx.InsertMessage(ctx, m); return err }); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "liuyan-backup.db")
	if err := s.Backup(ctx, file); err != nil {
		t.Fatal(err)
	}
	if err := s.Backup(ctx, file); err == nil {
		t.Error("a backup overwrote an existing file")
	}
	dir := t.TempDir()
	if err := store.Restore(ctx, file, dir); err != nil {
		t.Fatal(err)
	}
	if err := store.Restore(ctx, file, dir); err == nil {
		t.Error("restore overwrote a database")
	}
	r, err := store.Open(ctx, "", dir)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	want, err := s.Digest(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got, err := r.Digest(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(want) < 10 {
		t.Fatalf("only %d tables digested", len(want))
	}
	for table, d := range want {
		if got[table] != d {
			t.Errorf("table %s: restored %s, original %s", table, got[table], d)
		}
	}
	if want["messages"][:2] != "1:" || want["users"][:2] != "2:" {
		t.Errorf("digest counts: messages %s users %s", want["messages"], want["users"])
	}
	if err := store.Restore(ctx, filepath.Join(t.TempDir(), "nothing.db"), t.TempDir()); err == nil {
		t.Error("restored from a file that is not a backup")
	}
	if err := storetest.Postgres(t).Backup(ctx, file+".pg"); err != store.ErrBackupPostgres {
		t.Errorf("postgres backup: %v", err)
	}
}
