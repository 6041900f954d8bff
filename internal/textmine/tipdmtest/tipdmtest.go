package tipdmtest

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Dir returns the directory of the TipDM files, or fails the test.
func Dir(t testing.TB) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			data := filepath.Join(dir, "..", "shared", "data", "tipdm")
			if _, err := os.Stat(filepath.Join(data, "train_segmented.csv")); err != nil {
				t.Fatalf("the shared TipDM data is missing at %s: %v", data, err)
			}
			return data
		}
		if filepath.Dir(dir) == dir {
			t.Fatalf("no go.mod above %s", wd)
		}
	}
}

// File returns the path of one TipDM file, or fails the test.
func File(t testing.TB, name string) string {
	t.Helper()
	return filepath.Join(Dir(t), name)
}

// Golden compares got, one line per message, with the golden file at
// path, or rewrites the file when update is set. It fails when the file
// holds fewer than least lines (a truncated file must not pass), when the
// counts differ, and for every line that differs; what names the change
// in the message ("scored", "cut").
func Golden(t testing.TB, path string, got []string, update bool, least int, what string) {
	t.Helper()
	if update {
		if err := os.WriteFile(path, []byte(strings.Join(got, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var want []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		want = append(want, sc.Text())
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(want) != len(got) || len(want) < least {
		t.Fatalf("%d messages %s, %d in %s", len(got), what, len(want), path)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("message %s differently:\n got %s\nwant %s", what, got[i], want[i])
		}
	}
}
