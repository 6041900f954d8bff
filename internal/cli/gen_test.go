package cli

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"liuyan/internal/store"
)

// liuyan gen as a person types it: bad input is refused in Chinese and
// writes nothing; a run fills the data folder, and a second run with the
// same seed adds the same number of messages to the same boards.
func TestGenCommand(t *testing.T) {
	t.Setenv("DATABASE_URL", "")
	ctx := context.Background()
	dir := t.TempDir()
	run := func(args ...string) (string, error) {
		var out, errs bytes.Buffer
		err := genCmd(ctx, args, &out, &errs)
		return out.String() + errs.String(), err
	}
	for _, c := range []struct {
		args []string
		says string
	}{
		{[]string{"--data", dir}, "留言数量"},
		{[]string{"--data", dir, "--messages", "10", "--from", "2020-13-01"}, "不是有效日期"},
		{[]string{"--data", dir, "--messages", "10", "--from", "2020-06-01", "--to", "2020-01-01"}, "结束日期必须晚于开始日期"},
		{[]string{"--data", dir, "--messages", "10", "extra"}, "用法"},
	} {
		if out, err := run(c.args...); err == nil || !strings.Contains(err.Error()+out, c.says) {
			t.Errorf("gen %v: %v %s, want %q", c.args, err, out, c.says)
		}
	}
	count := func() int {
		s, err := store.Open(ctx, "", dir)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		n, err := s.CountMessages(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := count(); n != 0 {
		t.Fatalf("refused runs wrote %d messages", n)
	}
	for i, want := range []int{300, 600} {
		out, err := run("--data", dir, "--messages", "300", "--from", "2020-01-01", "--to", "2020-06-30", "--seed", "5")
		if err != nil || !strings.Contains(out, "已生成留言 300 条") {
			t.Fatalf("run %d: %v %s", i, err, out)
		}
		if n := count(); n != want {
			t.Fatalf("after run %d: %d messages, want %d", i, n, want)
		}
	}
}
