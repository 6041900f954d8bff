//go:build experiment

package classify

import (
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"

	"liuyan/internal/textmine/tipdmtest"
)

// taxonomyNames is taxonomy.csv's names as ReadTaxonomyFile splits
// them, each with the first-level labels it belongs to.
func taxonomyNames(t *testing.T) map[string][]string {
	terms, err := ReadTaxonomyFile(tipdmtest.File(t, TaxonomyFile))
	if err != nil {
		t.Fatal(err)
	}
	names := map[string][]string{}
	for _, tm := range terms {
		names[tm.Name] = append(names[tm.Name], tm.Label)
	}
	return names
}

func init() {
	experiments["taxonomy"] = func(t *testing.T, xd *experimentData, o Options, run runFunc, base func() scoreSet) {
		names := taxonomyNames(t)
		t.Logf("%d taxonomy names", len(names))
		list := make([]string, 0, len(names))
		for n := range names {
			list = append(list, n)
		}
		slices.Sort(list)
		byName := func(e *xExample, add func(uint32, uint8)) {
			for _, n := range list {
				if strings.Contains(e.Text, n) {
					add(hashString(seedWord^0x1234567, n), uint8(groups))
				}
			}
		}
		byLabel := func(e *xExample, add func(uint32, uint8)) {
			for _, n := range list {
				if strings.Contains(e.Text, n) {
					for _, l := range names[n] {
						add(hashString(seedWord^0x7654321, l), uint8(groups))
					}
				}
			}
		}
		for _, w := range []float32{0.3, 0.6} {
			run(fmt.Sprintf("taxonomy names as features w%.1f", w), svmLearner(o, byName, []float32{w}, wordsView))
			run(fmt.Sprintf("taxonomy per-label counts w%.1f", w), svmLearner(o, byLabel, []float32{w}, wordsView))
		}
	}
	experiments["taxonomy2"] = func(t *testing.T, xd *experimentData, o Options, run runFunc, base func() scoreSet) {
		names := taxonomyNames(t)
		list := make([]string, 0, len(names))
		for n := range names {
			list = append(list, n)
		}
		slices.Sort(list)
		joined := func(e *xExample) string { return strings.Join(e.Words, "") }
		perLabel := func(text string, g uint8, seed uint32, count bool, add func(uint32, uint8)) {
			for _, n := range list {
				m := 0
				if count {
					m = strings.Count(text, n)
				} else if strings.Contains(text, n) {
					m = 1
				}
				for range m {
					for _, l := range names[n] {
						add(hashString(seed, l), g)
					}
				}
			}
		}
		kept := func(e *xExample, add func(uint32, uint8)) {
			perLabel(joined(e), uint8(groups), seedWord^0x7654321, false, add)
		}
		counted := func(e *xExample, add func(uint32, uint8)) {
			perLabel(joined(e), uint8(groups), seedWord^0x7654321, true, add)
		}
		withHead := func(e *xExample, add func(uint32, uint8)) {
			kept(e, add)
			perLabel(strings.Join(e.Words[:min(len(e.Words), 12)], ""), uint8(groups)+1, seedWord^0x1111111, false, add)
		}
		byLevel := func(e *xExample, add func(uint32, uint8)) {
			text := joined(e)
			for _, n := range list {
				if strings.Contains(text, n) {
					for _, l := range names[n] {
						add(hashString(seedWord^0x7654321, l), uint8(groups))
						add(hashString(seedWord^0x2222222, l+n), uint8(groups))
					}
				}
			}
		}
		bigrams := map[string][]string{}
		for n, ls := range names {
			rs := []rune(n)
			for i := 0; i+2 <= len(rs); i++ {
				bg := string(rs[i : i+2])
				for _, l := range ls {
					if !slices.Contains(bigrams[bg], l) {
						bigrams[bg] = append(bigrams[bg], l)
					}
				}
			}
		}
		byBigram := func(e *xExample, add func(uint32, uint8)) {
			kept(e, add)
			rs := []rune(joined(e))
			for i := 0; i+2 <= len(rs); i++ {
				for _, l := range bigrams[string(rs[i:i+2])] {
					add(hashString(seedWord^0x3333333, l), uint8(groups)+1)
				}
			}
		}
		if os.Getenv("CLASSIFY_BIGRAMS") != "" {
			for _, w := range [][2]float32{{0.3, 0.1}, {0.3, 0.3}, {0.3, 0.45}, {0, 0.2}, {0, 0.3}} {
				run(fmt.Sprintf("taxonomy per-label + bigrams, w%.2f %.2f", w[0], w[1]), svmLearner(o, byBigram, []float32{w[0], w[1]}, wordsView))
			}
			return
		}
		for _, w := range []float32{0.2, 0.3, 0.45} {
			run(fmt.Sprintf("taxonomy per-label, kept words, w%.2f", w), svmLearner(o, kept, []float32{w}, wordsView))
		}
		run("taxonomy per-label, counted, w0.30", svmLearner(o, counted, []float32{0.3}, wordsView))
		run("taxonomy per-label + title's, w0.30 0.20", svmLearner(o, withHead, []float32{0.3, 0.2}, wordsView))
		run("taxonomy per-label + per-name, w0.30", svmLearner(o, byLevel, []float32{0.3}, wordsView))
		run("taxonomy per-label + per-label bigrams, w0.30 0.20", svmLearner(o, byBigram, []float32{0.3, 0.2}, wordsView))
	}
	experiments["views"] = func(t *testing.T, xd *experimentData, o Options, run runFunc, base func() scoreSet) {
		b := base()
		// Train on both cuts of each message; read what the protocol reads.
		aug := func(l learner) learner {
			return func(train []xExample, labels []string) func(xExample) []float64 {
				both := slices.Clone(train)
				for _, e := range train {
					e.Words = e.Recut
					both = append(both, e)
				}
				return l(both, labels)
			}
		}
		run("train on jieba's cut and ours", aug(svmLearner(o, nil, nil, wordsView)))
		recut := func(e xExample) []string { return e.Recut }
		rc := run("our cut only (train and test)", svmLearner(o, nil, nil, recut))
		for _, w := range []float64{0.5} {
			summary(t, fmt.Sprintf("SVM(jieba) + SVM(our cut) %.1f", w), xd, combine([]scoreSet{b, rc}, []float64{3, 3}, []float64{1 - w, w}), seedsOf(b))
		}
		head := func(e xExample) []string { return e.Words[:min(len(e.Words), 12)] }
		hd := run("title view (first 12 words) alone", svmLearner(o, nil, nil, head))
		for _, w := range []float64{0.2, 0.35} {
			summary(t, fmt.Sprintf("SVM + SVM(title view) %.2f", w), xd, combine([]scoreSet{b, hd}, []float64{3, 3}, []float64{1 - w, w}), seedsOf(b))
		}
		// Bagging: five SVMs on bootstrap samples, probabilities averaged.
		bag := func(train []xExample, labels []string) func(xExample) []float64 {
			rng := rand.New(rand.NewPCG(7, uint64(len(train))))
			var scorers []func(xExample) []float64
			for range 5 {
				s := make([]xExample, len(train))
				for i := range s {
					s[i] = train[rng.IntN(len(train))]
				}
				scorers = append(scorers, svmLearner(o, nil, nil, wordsView)(s, labels))
			}
			return func(e xExample) []float64 {
				acc := make([]float64, len(labels))
				for _, sc := range scorers {
					for c, p := range softmax(sc(e), 3) {
						acc[c] += p
					}
				}
				return acc
			}
		}
		run("bagging: 5 bootstrap SVMs", bag)
	}
	experiments["fasttext"] = func(t *testing.T, xd *experimentData, o Options, run runFunc, base func() scoreSet) {
		b := base()
		for _, cfg := range []ftConfig{{Dim: 32, Epochs: 10, LR: 0.3}, {Dim: 32, Epochs: 25, LR: 1.0}} {
			ft := run(fmt.Sprintf("fastText dim %d epochs %d lr %.1f", cfg.Dim, cfg.Epochs, cfg.LR), fastTextLearner(o.Features, cfg))
			for _, w := range []float64{0.3, 0.5} {
				summary(t, fmt.Sprintf("  + SVM, fastText weight %.1f", w), xd, combine([]scoreSet{b, ft}, []float64{3, 1}, []float64{1 - w, w}), seedsOf(b))
			}
		}
	}
}

func seedsOf(s scoreSet) []uint64 {
	var out []uint64
	for k := range s.cv {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

type ftConfig struct {
	Dim, Epochs int
	LR          float64
}

// fastTextLearner is a fastText-style classifier (Joulin et al., 2017):
// the mean of the embeddings of the message's hashed features (the same
// words, character n-grams and head as the SVM's), a linear softmax layer,
// trained by SGD with a linearly falling rate; errors weighed by the
// inverse of each label's share.
func fastTextLearner(f Features, cfg ftConfig) learner {
	dim := 1 << f.Bits
	feats := func(e xExample) []uint32 {
		c := newCounter()
		f.count(c, e.Words, nil)
		out := make([]uint32, 0, len(c.used))
		for _, h := range c.used {
			out = append(out, c.keys[h]-1)
		}
		return out
	}
	return func(train []xExample, labels []string) func(xExample) []float64 {
		k := len(labels)
		d := cfg.Dim
		rng := rand.New(rand.NewPCG(3, 5))
		emb := make([]float32, dim*d)
		for i := range emb {
			emb[i] = float32((rng.Float64()*2 - 1) / float64(d))
		}
		out := make([]float32, k*d)
		bias := make([]float32, k)
		xs := make([][]uint32, len(train))
		ys := make([]int, len(train))
		n := make([]int, k)
		for i, e := range train {
			xs[i] = feats(e)
			ys[i], _ = slices.BinarySearch(labels, e.Label)
			n[ys[i]]++
		}
		cw := make([]float32, k)
		for c := range cw {
			cw[c] = float32(len(train)) / float32(k*max(n[c], 1))
		}
		h := make([]float32, d)
		gh := make([]float32, d)
		p := make([]float64, k)
		forward := func(x []uint32) {
			for j := range h {
				h[j] = 0
			}
			for _, b := range x {
				row := emb[int(b)*d : int(b)*d+d]
				for j, v := range row {
					h[j] += v
				}
			}
			inv := 1 / float32(max(len(x), 1))
			for j := range h {
				h[j] *= inv
			}
			for c := range p {
				s := bias[c]
				for j, v := range out[c*d : c*d+d] {
					s += v * h[j]
				}
				p[c] = float64(s)
			}
		}
		order := make([]int, len(xs))
		for i := range order {
			order[i] = i
		}
		total := cfg.Epochs * len(xs)
		step := 0
		for range cfg.Epochs {
			rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
			for _, i := range order {
				lr := float32(cfg.LR * (1 - float64(step)/float64(total)))
				step++
				x := xs[i]
				forward(x)
				q := softmax(p, 1)
				for j := range gh {
					gh[j] = 0
				}
				for c := range q {
					g := float32(q[c]) * cw[ys[i]]
					if c == ys[i] {
						g -= cw[ys[i]]
					}
					row := out[c*d : c*d+d]
					for j := range row {
						gh[j] += g * row[j]
						row[j] -= lr * g * h[j]
					}
					bias[c] -= lr * g
				}
				inv := lr / float32(max(len(x), 1))
				for _, b := range x {
					row := emb[int(b)*d : int(b)*d+d]
					for j := range row {
						row[j] -= inv * gh[j]
					}
				}
			}
		}
		return func(e xExample) []float64 {
			forward(feats(e))
			return slices.Clone(p)
		}
	}
}

func init() {
	// terms runs the label-tree group as the model implements it
	// (Features.TermWeight, matched over the kept words).
	experiments["terms"] = func(t *testing.T, xd *experimentData, o Options, run runFunc, base func() scoreSet) {
		terms, err := ReadTaxonomyFile(tipdmtest.File(t, TaxonomyFile))
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%d terms", len(terms))
		o.Terms = terms
		for _, w := range [][2]float32{{0.3, 0.2}} {
			o.Features.TermWeight, o.Features.TermCharWeight = w[0], w[1]
			run(fmt.Sprintf("model's term groups w%.2f %.2f", w[0], w[1]), svmLearner(o, nil, nil, wordsView))
		}
	}
}

func init() {
	// shipped runs the package's own cross-validation (quantised model,
	// DefaultOptions with the label tree) over the three fold seeds.
	experiments["shipped"] = func(t *testing.T, xd *experimentData, o Options, run runFunc, base func() scoreSet) {
		terms, err := ReadTaxonomyFile(tipdmtest.File(t, TaxonomyFile))
		if err != nil {
			t.Fatal(err)
		}
		ex := make([]Example, len(xd.cv))
		for i, e := range xd.cv {
			ex[i] = e.Example
		}
		for _, withTerms := range []bool{false, true} {
			o := DefaultOptions
			if withTerms {
				o.Terms = terms
			}
			for seed := uint64(1); seed <= 3; seed++ {
				r, err := CrossValidate(ex, o, 5, seed)
				if err != nil {
					t.Fatal(err)
				}
				t.Logf("quantised, terms %v, fold seed %d: macro-F1 %.4f accuracy %.4f", withTerms, seed, r.MacroF1(), r.Accuracy())
			}
		}
	}
}
