package region

import (
	"os"
	"strings"
	"testing"
)

func TestLeaderBoards(t *testing.T) {
	data, err := os.ReadFile("testdata/leaders.tsv")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for line := range strings.Lines(string(data)) {
		line = strings.TrimSuffix(line, "\n")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			t.Fatalf("bad fixture line %q", line)
		}
		r, ok := Get(f[0])
		if !ok {
			t.Errorf("fixture %s: no such region", f[0])
			continue
		}
		n++
		if sec, head := LeaderBoards(r); sec != f[1] || head != f[2] {
			t.Errorf("LeaderBoards(%s %s) = %q, %q; want %q, %q", r.Code, r.Name, sec, head, f[1], f[2])
		}
	}
	if n == 0 {
		t.Fatal("no fixtures read")
	}
}

func TestLeaderBoardsNone(t *testing.T) {
	for _, r := range []Region{{}, {Name: "全国", Level: National}} {
		if sec, head := LeaderBoards(r); sec != "" || head != "" {
			t.Errorf("LeaderBoards(%+v) = %q, %q; want none", r, sec, head)
		}
	}
}

func TestLeaderBoardsEveryRegion(t *testing.T) {
	used := make([]bool, len(leaderTitles))
	seen := map[string]string{}
	for _, r := range All() {
		i, _ := matchTitle(r)
		used[i] = true
		sec, head := LeaderBoards(r)
		if !strings.HasSuffix(sec, "书记") || !strings.HasSuffix(head, "长") && !strings.HasSuffix(head, "主席") && !strings.HasSuffix(head, "专员") {
			t.Errorf("%s %s: boards %q, %q", r.Code, r.Name, sec, head)
		}
		// Siblings never share a board name.
		for _, b := range []string{sec, head} {
			key := r.Parent + "/" + b
			if other, dup := seen[key]; dup {
				t.Errorf("%s and %s both have the board %s", other, r.Code, b)
			}
			seen[key] = r.Code
		}
	}
	// Every title in the table serves some real region.
	for i, u := range used {
		if !u {
			t.Errorf("leader title %q matches no region", leaderTitles[i].suffix)
		}
	}
}
