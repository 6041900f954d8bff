package transfer

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"liuyan/internal/catalog"
)

// Every sentence import, export and the feeds use is in the catalogue, so
// no user sees a key instead of Chinese.
func TestCatalogKeys(t *testing.T) {
	re := regexp.MustCompile(`"((?:transfer|feed)\.[a-z_0-9]+)"`)
	files, _ := filepath.Glob("*.go")
	more, _ := filepath.Glob("../feed/*.go")
	cli, _ := filepath.Glob("../cli/*port*.go")
	found := 0
	for _, f := range append(append(files, more...), cli...) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			found++
			if !catalog.Has(m[1]) {
				t.Errorf("%s uses %q, which the catalogue lacks", f, m[1])
			}
		}
	}
	if found < 20 {
		t.Fatalf("only %d keys found: is the pattern right?", found)
	}
}
