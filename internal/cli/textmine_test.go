package cli

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"liuyan/internal/textmine/classify"
	"liuyan/internal/textmine/corpus"
	"liuyan/internal/textmine/hot"
	"liuyan/internal/textmine/tipdmtest"
)

func TestClassifyCmd(t *testing.T) {
	var out bytes.Buffer
	if err := classifyCmd([]string{"A市经济学院寒假过年期间组织学生去工厂工作，学校强制实习"}, &out); err != nil {
		t.Fatal(err)
	}
	if f := strings.Fields(out.String()); len(f) != 2 || f[0] != "教育文体" || !strings.HasPrefix(f[1], "0.") {
		t.Errorf("classify printed %q", out.String())
	}
	out.Reset()
	heldout := filepath.Join("..", "textmine", "classify", "testdata", "heldout.csv")
	if err := classifyCmd([]string{"--eval", heldout}, &out); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if !strings.HasPrefix(lines[0], "messages 421") || !strings.HasPrefix(lines[len(lines)-1], "macro-F1 0.") || len(lines) != 3+7+1 {
		t.Errorf("eval printed:\n%s", out.String())
	}
	for _, bad := range [][]string{nil, {"--eval", heldout, "多余的文本"}, {"--eval", "no-such.csv"}, {"--model", "no-such.bin", "文本"}} {
		if err := classifyCmd(bad, &out); err == nil || !strings.ContainsAny(err.Error(), "用法文件") {
			t.Errorf("classify %q: %v", bad, err)
		}
	}
}

// TestTrainCmd trains on a slice of the segmented file, holding out a few
// raw messages, and evaluates the model on them.
func TestTrainCmd(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile(tipdmtest.File(t, "train_segmented.csv"))
	if err != nil {
		t.Fatal(err)
	}
	records, err := csv.NewReader(bytes.NewReader(src)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var small bytes.Buffer
	w := csv.NewWriter(&small)
	w.Write(records[0])
	for i, r := range records[1:] {
		if i%8 == 0 {
			w.Write(r)
		}
	}
	w.Flush()
	if err := os.WriteFile(filepath.Join(dir, "train_segmented.csv"), small.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	tax, err := os.ReadFile(tipdmtest.File(t, classify.TaxonomyFile))
	if err != nil {
		t.Fatal(err)
	}
	terms, err := classify.ReadTaxonomyFile(tipdmtest.File(t, classify.TaxonomyFile))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, classify.TaxonomyFile), tax, 0o644); err != nil {
		t.Fatal(err)
	}
	model := filepath.Join(dir, "model.bin")
	var out bytes.Buffer
	if err := trainCmd([]string{"--data", dir, "-o", model}, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "trained on 731 messages") || !strings.Contains(out.String(), fmt.Sprintf("and %d label-tree terms", len(terms))) || !strings.Contains(out.String(), "城乡建设") {
		t.Errorf("train printed %q", out.String())
	}
	out.Reset()
	if err := classifyCmd([]string{"--model", model, "小区物业乱收停车费"}, &out); err != nil || !strings.HasPrefix(out.String(), "城乡建设 ") {
		t.Errorf("classify with the trained model: %q %v", out.String(), err)
	}
	for _, bad := range [][]string{{"-o", model}, {"--data", t.TempDir(), "-o", model}} {
		if err := trainCmd(bad, &out); err == nil {
			t.Errorf("train %q succeeded", bad)
		}
	}
	// A label tree without its third level is refused, in Chinese, and no
	// model is written.
	if err := os.WriteFile(filepath.Join(dir, classify.TaxonomyFile), []byte("一级分类,二级分类\n城乡建设,物业服务\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(dir, "other.bin")
	if err := trainCmd([]string{"--data", dir, "-o", other}, &out); err == nil || !strings.Contains(err.Error(), "三级分类") {
		t.Errorf("train with a broken taxonomy.csv: %v", err)
	}
	if _, err := os.Stat(other); err == nil {
		t.Error("a model was written from a broken taxonomy.csv")
	}
}

func TestDedupeCmd(t *testing.T) {
	var out bytes.Buffer
	if err := dedupeCmd([]string{"--input", tipdmtest.File(t, "hotspot_messages.csv")}, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "4326 messages, 115 groups of near-duplicates holding 250 messages; 52 sets identical") || !strings.Contains(out.String(), "group 1: ") {
		t.Errorf("dedupe printed %q", tail(out.String()))
	}
	if err := dedupeCmd(nil, &out); err == nil || !strings.Contains(err.Error(), "用法") {
		t.Errorf("dedupe without input: %v", err)
	}
}

func TestHotCmd(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	var out bytes.Buffer
	if err := hotCmd([]string{"--input", tipdmtest.File(t, "hotspot_messages.csv"), "--top", "5", "--out", dir}, &out); err != nil {
		t.Fatal(err)
	}
	for _, f := range []struct {
		name   string
		header []string
	}{{hot.SummaryFile, hot.SummaryHeader}, {hot.DetailFile, hot.DetailHeader}, {hot.PartsFile, hot.PartsHeader}} {
		b, err := os.ReadFile(filepath.Join(dir, f.name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(b, []byte("\ufeff"+strings.Join(f.header, ",")+"\r\n")) {
			t.Errorf("%s starts %q", f.name, b[:min(len(b), 80)])
		}
		rows, err := csv.NewReader(bytes.NewReader(b[3:])).ReadAll()
		if err != nil || len(rows) < 6 {
			t.Errorf("%s: %d rows, %v", f.name, len(rows), err)
		}
	}
	if !strings.Contains(out.String(), "heat = 100 × (0.30·ln(1+messages)") {
		t.Errorf("hot printed %q", out.String())
	}
	// A file without likes is refused and nothing is written.
	empty := t.TempDir()
	bad := filepath.Join(empty, "bad.csv")
	os.WriteFile(bad, []byte("留言编号,留言主题\n1,标题\n"), 0o644)
	if err := hotCmd([]string{"--input", bad, "--out", empty}, &out); err == nil || !strings.Contains(err.Error(), "缺少列") {
		t.Errorf("hot on a file without likes: %v", err)
	}
	if files, _ := os.ReadDir(empty); len(files) != 1 {
		t.Errorf("a refused run left %d files", len(files))
	}
}

func TestReplyscoreCmd(t *testing.T) {
	out := filepath.Join(t.TempDir(), "scores.csv")
	var stdout bytes.Buffer
	if err := replyscoreCmd([]string{"--input", tipdmtest.File(t, "replies.csv"), "--out", out}, &stdout); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := corpus.ReadMessages(f)
	if err != nil || len(rows) != 2816 || rows[0].Other["得分"] == "" || rows[0].Other["问候"] == "" {
		t.Fatalf("%d rows %v, first %+v", len(rows), err, rows[0])
	}
	if !strings.Contains(stdout.String(), "scored 2816 replies") {
		t.Errorf("replyscore printed %q", stdout.String())
	}
}

func tail(s string) string { return s[max(0, len(s)-300):] }
