package classify

import (
	"flag"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"liuyan/internal/textmine/corpus"
	"liuyan/internal/textmine/tipdmtest"
)

var update = flag.Bool("update", false, "rewrite testdata/scores.tsv from the embedded model as it is")

// goldenScores is the file of TestScoresUnchanged: a message ID, the label
// and the raw score of every label, exactly, one message a line.
var goldenScores = filepath.Join("testdata", "scores.tsv")

// TestScoresUnchanged checks that the embedded model scores real raw
// messages (every fifth of unlabeled.csv) exactly as it did when
// testdata/scores.tsv was written: optimising the cut or the scoring must
// not change a prediction, nor a score by a bit. Rewrite the file with
// -update only when a new model or new features are meant.
func TestScoresUnchanged(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	msgs, err := corpus.ReadMessagesFile(tipdmtest.File(t, "unlabeled.csv"), "留言编号", "留言主题", "留言详情")
	if err != nil {
		t.Fatal(err)
	}
	c := m.counter()
	var got []string
	for i, msg := range msgs {
		if i%5 != 0 {
			continue
		}
		c.words = m.seg.AppendWords(c.words[:0], msg.Text())
		s := m.scoreWords(c, c.words)
		label, _ := m.Classify(msg.Text())
		f := []string{msg.ID, label}
		for _, v := range s {
			f = append(f, strconv.FormatFloat(v, 'g', -1, 64))
		}
		got = append(got, strings.Join(f, "\t"))
	}
	tipdmtest.Golden(t, goldenScores, got, *update, 500, "scored")
}
