package cli

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The commands as a person types them: import the Zhejiang board's file,
// export it in each format, import the export into a new data folder.
func TestImportExportCommands(t *testing.T) {
	t.Setenv("DATABASE_URL", "")
	ctx := context.Background()
	data := filepath.Join("..", "..", "..", "shared", "data", "liuyan", "zhejiang_messages.csv")
	if _, err := os.Stat(data); err != nil {
		t.Fatalf("shared data missing: %v", err)
	}
	run := func(cmd func(context.Context, []string, io.Writer, io.Writer) error, args ...string) (string, error) {
		var out, errs bytes.Buffer
		err := cmd(ctx, args, &out, &errs)
		return out.String() + errs.String(), err
	}
	imp, exp := importCmd, exportCmd

	dir := t.TempDir()
	out, err := run(imp, data, "--data", dir, "--region", "330000", "--create-boards")
	if err != nil || !strings.Contains(out, "新增 1661 条") || !strings.Contains(out, "新建版块：浙江省杭州市 杭州市") {
		t.Fatalf("import: %v\n%s", err, out)
	}
	// The import is searchable as it stands; a rebuild writes it all again.
	reindex := func(ctx context.Context, args []string, stdout, _ io.Writer) error {
		return reindexCmd(ctx, args, stdout)
	}
	if out, err := run(reindex, "--data", dir); err != nil || !strings.Contains(out, "reindex: 0 messages added") {
		t.Errorf("reindex after import: %v %s", err, out)
	}
	if out, err := run(reindex, "--data", dir, "--rebuild"); err != nil || !strings.Contains(out, "reindex: 1661 messages written again") {
		t.Errorf("reindex --rebuild: %v %s", err, out)
	}
	for _, c := range []struct {
		args []string
		says string
	}{
		{[]string{"--data", dir}, "usage: liuyan import FILE"},
		{[]string{data, "--data", dir, "--region", "999999"}, "unknown region"},
		{[]string{filepath.Join(dir, "nothing.csv"), "--data", dir}, "无法打开文件"},
	} {
		if out, err := run(imp, c.args...); err == nil || !strings.Contains(err.Error()+out, c.says) {
			t.Errorf("import %v: %v %s, want %q", c.args, err, out, c.says)
		}
	}
	for _, format := range []string{"csv", "xlsx", "jsonl"} {
		file := filepath.Join(t.TempDir(), "zhejiang."+format)
		out, err := run(exp, "--data", dir, "-o", file)
		if err != nil || !strings.Contains(out, "exported 1661 messages") {
			t.Fatalf("export %s: %v %s", format, err, out)
		}
		out, err = run(imp, file, "--data", t.TempDir(), "--create-boards")
		if err != nil || !strings.Contains(out, "新增 1661 条") {
			t.Fatalf("import of the %s export: %v %s", format, err, out)
		}
	}
	out, err = run(exp, "--data", dir, "--status", "rated", "--region", "330100", "--format", "jsonl", "-o", "-")
	if err != nil || strings.Count(out, "\n") < 2 || strings.Contains(out, `"status":"published"`) {
		t.Fatalf("filtered export: %v %.300s", err, out)
	}
	for _, c := range []struct {
		args []string
		says string
	}{
		{[]string{"--data", dir}, "usage: liuyan export"},
		{[]string{"--data", dir, "-o", "x.pdf"}, "--format must be csv, xlsx or jsonl"},
		{[]string{"--data", dir, "--status", "lost", "-o", "x.csv"}, "unknown status"},
		{[]string{"--data", dir, "--since", "2026/1/1", "-o", "x.csv"}, "YYYY-MM-DD"},
	} {
		if out, err := run(exp, c.args...); err == nil || !strings.Contains(err.Error()+out, c.says) {
			t.Errorf("export %v: %v %s, want %q", c.args, err, out, c.says)
		}
	}
}
