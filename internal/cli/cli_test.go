package cli

import (
	"bytes"
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"liuyan/internal/account"
	"liuyan/internal/board"
	"liuyan/internal/password"
	"liuyan/internal/store"
)

func run(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = Main(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestUserAdd(t *testing.T) {
	dir := t.TempDir()
	if code, out, errs := run("migrate", "--data", dir); code != 0 || !strings.Contains(out, "schema version") {
		t.Fatalf("migrate: %d %s %s", code, out, errs)
	}
	s, err := store.Open(context.Background(), "", dir)
	if err != nil {
		t.Fatal(err)
	}
	boards, err := s.Boards(context.Background(), "330100", board.Leader)
	s.Close()
	if err != nil || len(boards) != 2 || boards[1].Name != "杭州市长" {
		t.Fatalf("leader boards of 杭州市 after migrate: %+v %v", boards, err)
	}
	office := boards[1]

	cases := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"citizen", []string{"--login", "hangzhou01", "--password", "西湖美景2026", "--name", "杭州市民"}, 0, "created"},
		{"office of 杭州市长", []string{"--login", "hz_office", "--password", "留言办公室2026", "--role", "office", "--board", itoa(office.ID)}, 0, "created"},
		{"supervisor of 浙江", []string{"--login", "zj_ducha", "--password", "督查督办2026", "--role", "supervisor", "--region", "330000"}, 0, "created"},
		{"taken login", []string{"--login", "hangzhou01", "--password", "西湖美景2026"}, 1, "taken"},
		{"short password", []string{"--login", "hangzhou02", "--password", "123"}, 1, "shorter"},
		{"unknown role", []string{"--login", "hangzhou03", "--password", "西湖美景2026", "--role", "mayor"}, 1, "role"},
		{"handler without unit", []string{"--login", "hangzhou04", "--password", "西湖美景2026", "--role", "handler"}, 1, "unit"},
		{"office of a missing board", []string{"--login", "hangzhou05", "--password", "西湖美景2026", "--role", "office", "--board", "99999999"}, 1, "not found"},
		{"unknown region", []string{"--login", "hangzhou06", "--password", "西湖美景2026", "--role", "supervisor", "--region", "999999"}, 1, "unknown region"},
	}
	password.SetConcurrency(2)
	for _, c := range cases {
		code, out, errs := run(append([]string{"user", "add", "--data", dir}, c.args...)...)
		if code != c.code || !strings.Contains(out+errs, c.msg) {
			t.Errorf("%s: exit %d (want %d), output %q %q, want it to mention %q", c.name, code, c.code, out, errs, c.msg)
		}
	}
	s, _ = store.Open(context.Background(), "", dir)
	defer s.Close()
	u, err := s.UserByLogin(context.Background(), "hz_office")
	if err != nil || u.Role != account.Office || u.BoardID != office.ID {
		t.Errorf("office account: %+v %v", u, err)
	}
	ok, err := password.Verify(context.Background(), "留言办公室2026", u.PasswordHash)
	if !ok || err != nil {
		t.Errorf("stored hash does not verify: %v", err)
	}
	if _, err := s.UserByLogin(context.Background(), "hangzhou04"); err == nil {
		t.Error("a refused account was stored")
	}
}

func TestUsage(t *testing.T) {
	if code, _, errs := run(); code != 2 || !strings.Contains(errs, "Usage") {
		t.Errorf("no args: %d %s", code, errs)
	}
	if code, _, errs := run("frobnicate"); code != 2 || !strings.Contains(errs, "unknown command") {
		t.Errorf("unknown command: %d %s", code, errs)
	}
	if code, out, _ := run("version"); code != 0 || !strings.HasPrefix(out, "liuyan ") {
		t.Errorf("version: %d %s", code, out)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestBackupAndRestoreCommands(t *testing.T) {
	dir, file, restored := t.TempDir(), filepath.Join(t.TempDir(), "b.db"), t.TempDir()
	if code, _, errs := run("user", "add", "--data", dir, "--login", "beifen", "--password", "备份恢复测试2026"); code != 0 {
		t.Fatalf("user add: %s", errs)
	}
	if code, out, errs := run("backup", "--data", dir, "-o", file); code != 0 || !strings.Contains(out, "backup written") {
		t.Fatalf("backup: %d %s %s", code, out, errs)
	}
	if code, _, errs := run("restore", "--data", restored, file); code != 0 {
		t.Fatalf("restore: %s", errs)
	}
	if code, _, errs := run("restore", "--data", restored, file); code == 0 || !strings.Contains(errs, "already holds") {
		t.Errorf("second restore: %d %s", code, errs)
	}
	s, err := store.Open(context.Background(), "", restored)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if u, err := s.UserByLogin(context.Background(), "beifen"); err != nil || u.Login != "beifen" {
		t.Errorf("restored user: %v", err)
	}
}
