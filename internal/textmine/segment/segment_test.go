package segment

import (
	"slices"
	"strings"
	"sync"
	"testing"

	"liuyan/internal/textmine/corpus"
	"liuyan/internal/textmine/tipdmtest"
)

func TestCut(t *testing.T) {
	s := Default()
	cases := []struct {
		name, text string
		cut        string // every piece
		words      string // content words only
	}{
		{"masked place names stay whole; stop-words are cut but not kept",
			"A3区大道西行便道，未管所路口至加油站路段",
			"a3区 大道 西行 便 道 未 管所 路口 至 加油站 路段",
			"a3区 大道 西行 道 未 管所 路口 加油站 路段"},
		{"function words dropped from the words",
			"强烈请求文明城市A市，尽快整改这个极不文明的路段。",
			"强烈 请求 文明城市 a市 尽快 整改 这个 极 不 文明 的 路段",
			"强烈 请求 文明城市 a市 整改 文明 路段"},
		{"full-width digits and letters folded, ASCII runs kept as one",
			"２０１９年ＡＢＣ公司在K8县",
			"2019 年 abc 公司 在 k8县",
			"2019 年 abc 公司 k8县"},
		{"region names of the gazetteer and their short forms",
			"杭州市钱塘区的居民反映长沙岳麓区问题",
			"杭州市 钱塘区 的 居民 反映 长沙 岳麓区 问题",
			"杭州市 钱塘区 居民 反映 长沙 岳麓区 问题"},
		{"punctuation and white space only", "，。！ \n\t", "", ""},
	}
	for _, c := range cases {
		if got := strings.Join(s.Cut(c.text), " "); got != c.cut {
			t.Errorf("%s: Cut(%q) = %q, want %q", c.name, c.text, got, c.cut)
		}
		if got := strings.Join(s.Words(c.text), " "); got != c.words {
			t.Errorf("%s: Words(%q) = %q, want %q", c.name, c.text, got, c.words)
		}
	}
}

func TestWithBoardAndUnitNames(t *testing.T) {
	text := "星沙经开区管委会和梅溪湖街道办事处回复：梅溪湖片区的星沙经开区项目"
	before := Default().Cut(text)
	s := Default().With("星沙经开区管委会", "梅溪湖街道办事处")
	after := s.Cut(text)
	for _, w := range []string{"星沙经开区管委会", "梅溪湖街道办事处", "梅溪湖", "星沙经开区"} {
		if slices.Contains(before, w) {
			t.Errorf("%s whole before the names were added: %v", w, before)
		}
		if !slices.Contains(after, w) {
			t.Errorf("%s not whole after the names were added: %v", w, after)
		}
	}
	if s.Digest() == Default().Digest() {
		t.Error("adding names did not change the digest")
	}
	if Default().With().Digest() != Default().Digest() {
		t.Error("adding no names changed the digest")
	}
}

func TestLookup(t *testing.T) {
	s := Default()
	cases := []struct {
		word        string
		known, stop bool
	}{
		{"小区", true, false}, {"的", true, true}, {"我们", true, true}, {"A3区", true, false},
		{"西地省", true, false}, {"浙江省", true, false}, {"龘龘", false, false}, {"", false, false},
	}
	for _, c := range cases {
		if known, stop := s.Lookup(c.word); known != c.known || stop != c.stop {
			t.Errorf("Lookup(%q) = %v, %v; want %v, %v", c.word, known, stop, c.known, c.stop)
		}
	}
	if s.Len() < 60000 {
		t.Errorf("dictionary of %d words", s.Len())
	}
}

// TestReproducesTrainingCuts checks that on raw messages the segmenter
// keeps the words that the training data's cuts of the same messages kept.
func TestReproducesTrainingCuts(t *testing.T) {
	dir := tipdmtest.Dir(t)
	segs, err := corpus.ReadSegmentedFile(dir + "/train_segmented.csv")
	if err != nil {
		t.Fatal(err)
	}
	rows := make([][]string, len(segs))
	for i, r := range segs {
		rows[i] = r.Tokens
	}
	raw, err := corpus.ReadMessagesFile(dir+"/sample_raw.csv", "留言主题", "留言详情")
	if err != nil {
		t.Fatal(err)
	}
	m := corpus.NewMatcher(rows)
	s := Default()
	same, total, msgs := 0, 0, 0
	for _, msg := range raw {
		i := m.Find(msg.Text())
		if i < 0 {
			continue
		}
		msgs++
		want := map[string]int{}
		for _, w := range rows[i] {
			want[Normalize(w)]++
		}
		for _, w := range s.Words(msg.Text()) {
			total++
			if want[w] > 0 {
				want[w]--
				same++
			}
		}
	}
	share := float64(same) / float64(total)
	t.Logf("%d raw messages: %.3f of the words kept are words of the training cut", msgs, share)
	if msgs < 290 || share < 0.9 {
		t.Errorf("%d messages aligned, %.3f of words agree", msgs, share)
	}
}

func TestConcurrent(t *testing.T) {
	s := Default()
	text := "A市伊景园滨河苑捆绑销售车位，开发商强制业主购买车位"
	want := strings.Join(s.Cut(text), " ")
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 50 {
				if got := strings.Join(s.Cut(text), " "); got != want {
					t.Errorf("concurrent cut %q, want %q", got, want)
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestParseDict(t *testing.T) {
	for _, bad := range []string{"小区", "小区\tx", "小区\t0", "小区\t3\tfoo", "ABC\t3", "小区\t3\n小区\t4"} {
		if _, err := parseDict(bad); err == nil {
			t.Errorf("parseDict(%q) accepted", bad)
		}
	}
	e, err := parseDict("# comment\n小区\t3\n的\t9\tstop\n")
	if err != nil || len(e) != 2 || !e[1].stop || e[0].freq != 3 {
		t.Errorf("parseDict: %+v %v", e, err)
	}
}

func BenchmarkWords(b *testing.B) {
	msgs, err := corpus.ReadMessagesFile(tipdmtest.File(b, "unlabeled.csv"), "留言主题", "留言详情")
	if err != nil {
		b.Fatal(err)
	}
	s := Default()
	var buf []string
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		buf = s.AppendWords(buf[:0], msgs[i%len(msgs)].Text())
	}
}
