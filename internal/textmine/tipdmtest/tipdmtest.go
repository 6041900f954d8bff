package tipdmtest

import (
	"os"
	"path/filepath"
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
