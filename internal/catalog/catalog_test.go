package catalog_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"liuyan/internal/account"
	"liuyan/internal/catalog"
	"liuyan/internal/lifecycle"
)

// TestEveryNameHasChinese checks that each state, action and role has its
// Chinese words, so no page ever shows an internal name.
func TestEveryNameHasChinese(t *testing.T) {
	var keys []string
	for _, s := range lifecycle.States {
		keys = append(keys, "state."+string(s))
	}
	for _, a := range lifecycle.Actions {
		keys = append(keys, "action."+string(a))
		if r := lifecycle.Rules[a]; r.NeedsNote {
			keys = append(keys, "note."+string(a))
		}
	}
	for _, r := range account.Roles {
		keys = append(keys, "role."+string(r))
	}
	for code := range map[lifecycle.Code]bool{lifecycle.CodeForbidden: true, lifecycle.CodeExtensionUsed: true,
		lifecycle.CodeNoPending: true, lifecycle.CodeSameUnit: true, lifecycle.CodeReplyPending: true,
		lifecycle.CodeRatingClosed: true, lifecycle.CodeUnknownAction: true} {
		keys = append(keys, "error."+string(code))
	}
	for _, k := range keys {
		if !catalog.Has(k) {
			t.Errorf("catalogue lacks %q", k)
		}
	}
}

// TestKeysUsedInCodeExist scans the Go sources for "error.…" keys and
// checks each is in the catalogue.
func TestKeysUsedInCodeExist(t *testing.T) {
	re := regexp.MustCompile(`"((?:error|state|action|note|role|scope|grade|unit|notify|open311)\.[a-z_0-9]+)"|catalog\.T\("([a-z_0-9]+(?:\.[a-z_0-9]+)+)"[,)]`)
	files, _ := filepath.Glob("../*/*.go")
	if len(files) == 0 {
		t.Fatal("no sources found")
	}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			key := m[1] + m[2]
			if !catalog.Has(key) {
				t.Errorf("%s uses %q, which the catalogue lacks", f, key)
			}
		}
	}
}

func TestFormat(t *testing.T) {
	if got := catalog.T("error.title_too_long", 50); got != "留言标题不能超过 50 个字" {
		t.Errorf("got %q", got)
	}
	if got := catalog.T("no.such.key"); got != "no.such.key" {
		t.Errorf("missing key gives %q", got)
	}
}
