package segment

import (
	"flag"
	"fmt"
	"hash/fnv"
	"path/filepath"
	"testing"

	"liuyan/internal/textmine/corpus"
	"liuyan/internal/textmine/tipdmtest"
)

var update = flag.Bool("update", false, "rewrite testdata/cuts.tsv from the segmenter as it is")

// goldenCuts is the file of TestCutsUnchanged: a message ID and a digest
// of its every piece and kind, one message a line.
var goldenCuts = filepath.Join("testdata", "cuts.tsv")

// TestCutsUnchanged checks that the segmenter cuts real messages exactly
// as it did when testdata/cuts.tsv was written: changes made for speed
// must not move a single piece, since the classifier's model was trained
// on the words these cuts give. Rewrite the file with -update only when a
// change of cuts is meant (and the model rebuilt).
func TestCutsUnchanged(t *testing.T) {
	msgs, err := corpus.ReadMessagesFile(tipdmtest.File(t, "unlabeled.csv"), "留言编号", "留言主题", "留言详情")
	if err != nil {
		t.Fatal(err)
	}
	s := Default()
	var got []string
	for i, m := range msgs {
		if i%5 != 0 {
			continue
		}
		h := fnv.New64a()
		n := 0
		s.Each(m.Text(), func(piece string, k Kind) {
			fmt.Fprintf(h, "%s\t%d\n", piece, k)
			n++
		})
		got = append(got, fmt.Sprintf("%s\t%d\t%016x", m.ID, n, h.Sum64()))
	}
	tipdmtest.Golden(t, goldenCuts, got, *update, 500, "cut")
}
