package transfer

import (
	"os"
	"path/filepath"
	"testing"
)

// sharedData returns the project's shared data folder: beside the
// repository, found by walking up from this package to go.mod. The tests
// that read it fail, not skip, when it is missing: they are the check
// that import reads the real files.
func sharedData(t testing.TB, rel string) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the package")
		}
		dir = parent
	}
	p := filepath.Join(dir, "..", "shared", "data", rel)
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("shared data %s is missing: %v", rel, err)
	}
	return p
}
