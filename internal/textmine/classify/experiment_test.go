//go:build experiment

package classify

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"liuyan/internal/textmine/segment"
	"liuyan/internal/textmine/tipdmtest"
)

// The experiments below measure ideas for the classifier on an
// unquantised copy of the pipeline, by the README's protocol: grouped
// 5-fold CV on train_segmented.csv (fold seeds 1–3) and the raw held-out
// messages; they are the measurements behind the README's table of ideas.
// They take minutes, so they are built only with the experiment tag:
//
//	CLASSIFY_EXPERIMENT=baseline,terms go test -tags experiment -run TestExperiment -v ./internal/textmine/classify/

// xExample is an example with the other views an experiment may read.
type xExample struct {
	Example
	Recut []string // our segmenter's cut of the words run together
	Text  string   // the words run together, or the raw text
}

// learner trains on examples and returns a scorer of one example.
type learner func(train []xExample, labels []string) func(xExample) []float64

// sparse feature counts of an example: bucket, group and count.
type fcount struct {
	b uint32
	g uint8
	n float32
}

// extraFeatures adds features beyond the model's groups (from groups on).
type extraFeatures func(e *xExample, add func(b uint32, g uint8))

// svmLearner is the unquantised pipeline: Features' groups plus extra
// groups, float idf and weights.
func svmLearner(o Options, extra extraFeatures, extraWeights []float32, view func(xExample) []string) learner {
	f := o.Features
	fw := f.weights()
	weights := append(fw[:], extraWeights...)
	var terms *termIndex
	if len(o.Terms) > 0 {
		terms = newTermIndex(o.Terms)
	}
	dim := 1 << f.Bits
	counts := func(e xExample) []fcount {
		c := newCounter()
		f.count(c, view(e), terms)
		if extra != nil {
			extra(&e, func(b uint32, g uint8) { c.add(b&uint32(dim-1), group(g)) })
		}
		out := make([]fcount, 0, len(c.used))
		for _, h := range c.used {
			out = append(out, fcount{c.keys[h] - 1, uint8(c.grp[h]), c.count[h]})
		}
		return out
	}
	return func(train []xExample, labels []string) func(xExample) []float64 {
		df := make([]int32, dim)
		cs := make([][]fcount, len(train))
		for i, e := range train {
			cs[i] = counts(e)
			for _, x := range cs[i] {
				df[x.b]++
			}
		}
		idf := make([]float32, dim)
		for b, d := range df {
			if int(d) >= max(o.MinDF, 1) {
				idf[b] = float32(math.Log(float64(1+len(train))/float64(1+d)) + 1)
			}
		}
		vec := func(fc []fcount) vector {
			var norm [16]float32
			v := vector{}
			for _, x := range fc {
				w := tfWeight(x.n) * idf[x.b]
				norm[x.g] += w * w
			}
			for _, x := range fc {
				w := tfWeight(x.n) * idf[x.b]
				if w != 0 {
					v.idx = append(v.idx, x.b)
					v.val = append(v.val, w*weights[x.g]/float32(math.Sqrt(float64(norm[x.g]))))
				}
			}
			return v
		}
		xs := make([]vector, len(train))
		ys := make([]int, len(train))
		n := make([]int, len(labels))
		for i, e := range train {
			xs[i] = vec(cs[i])
			ys[i], _ = slices.BinarySearch(labels, e.Label)
			n[ys[i]]++
		}
		k := len(labels)
		weight := make([]float64, k)
		for c := range weight {
			weight[c] = 1
			if o.Balanced {
				weight[c] = float64(len(ys)) / float64(k*max(n[c], 1))
			}
		}
		w, bias := trainOneVsRest(xs, ys, k, dim, svmParams{C: o.C, Weight: weight, Iterations: o.Iterations, Tolerance: 0.1})
		return func(e xExample) []float64 {
			v := vec(counts(e))
			s := make([]float64, k)
			for c := range s {
				acc := bias[c]
				for j, b := range v.idx {
					acc += w[int(b)*k+c] * v.val[j]
				}
				s[c] = float64(acc)
			}
			return s
		}
	}
}

func wordsView(e xExample) []string { return e.Words }

// experimentData holds the examples of both evaluations.
type experimentData struct {
	cv           []xExample
	heldTrain    []xExample
	heldEval     []xExample
	labels       []string
	heldOutTexts []string
}

func loadExperiment(t *testing.T) *experimentData {
	seg := segment.Default()
	dir := tipdmtest.Dir(t)
	d, err := ReadDir(dir, seg, nil)
	if err != nil {
		t.Fatal(err)
	}
	xd := &experimentData{}
	wrap := func(ex []Example) []xExample {
		out := make([]xExample, len(ex))
		for i, e := range ex {
			text := strings.Join(e.Words, "")
			out[i] = xExample{Example: e, Recut: seg.Words(text), Text: text}
		}
		return out
	}
	xd.cv = wrap(d.Examples[:d.Segmented])
	eval, texts, err := ReadEval(filepath.Join("testdata", "heldout.csv"), seg)
	if err != nil {
		t.Fatal(err)
	}
	hd, err := ReadDir(dir, seg, texts)
	if err != nil {
		t.Fatal(err)
	}
	xd.heldTrain = wrap(hd.Examples)
	for i, e := range eval {
		xd.heldEval = append(xd.heldEval, xExample{Example: e, Recut: e.Words, Text: texts[i]})
	}
	xd.labels = labelsOf(d.Examples)
	return xd
}

// scoresOf returns the scores of the CV folds (for a seed) and of the
// held-out messages, so that ensembles can combine learners' scores.
type scoreSet struct {
	cv   map[uint64][][]float64 // seed → scores by example
	held [][]float64
}

func runLearner(xd *experimentData, l learner, seeds []uint64) scoreSet {
	ss := scoreSet{cv: map[uint64][][]float64{}}
	plain := make([]Example, len(xd.cv))
	for i, e := range xd.cv {
		plain[i] = e.Example
	}
	for _, seed := range seeds {
		scores := make([][]float64, len(xd.cv))
		for _, test := range folds(plain, 5, seed) {
			in := make([]bool, len(xd.cv))
			for _, i := range test {
				in[i] = true
			}
			var train []xExample
			for i, e := range xd.cv {
				if !in[i] {
					train = append(train, e)
				}
			}
			score := l(train, xd.labels)
			for _, i := range test {
				scores[i] = score(xd.cv[i])
			}
		}
		ss.cv[seed] = scores
	}
	score := l(xd.heldTrain, xd.labels)
	for _, e := range xd.heldEval {
		ss.held = append(ss.held, score(e))
	}
	return ss
}

func reportOf(labels []string, ex []xExample, scores [][]float64) *Report {
	r := newReport(labels)
	for i, e := range ex {
		r.add(slices.Index(labels, e.Label), argmax(scores[i]))
	}
	return r
}

// summary prints CV seed 1, the mean over seeds, and held-out.
func summary(t *testing.T, name string, xd *experimentData, ss scoreSet, seeds []uint64) {
	var line strings.Builder
	fmt.Fprintf(&line, "%-40s", name)
	sum := 0.0
	for _, s := range seeds {
		f := reportOf(xd.labels, xd.cv, ss.cv[s]).MacroF1()
		sum += f
		fmt.Fprintf(&line, " cv%d %.4f", s, f)
	}
	fmt.Fprintf(&line, " mean %.4f", sum/float64(len(seeds)))
	fmt.Fprintf(&line, " held %.4f", reportOf(xd.labels, xd.heldEval, ss.held).MacroF1())
	t.Log(line.String())
	fmt.Fprintln(os.Stderr, line.String())
}

// combine averages softmax probabilities of several score sets, each with
// its temperature and weight.
func combine(sets []scoreSet, temps, weights []float64) scoreSet {
	mix := func(all [][][]float64) [][]float64 {
		out := make([][]float64, len(all[0]))
		for i := range out {
			acc := make([]float64, len(all[0][i]))
			for s := range all {
				p := softmax(all[s][i], float32(temps[s]))
				for c := range acc {
					acc[c] += weights[s] * p[c]
				}
			}
			out[i] = acc
		}
		return out
	}
	out := scoreSet{cv: map[uint64][][]float64{}}
	for seed := range sets[0].cv {
		var all [][][]float64
		for _, s := range sets {
			all = append(all, s.cv[seed])
		}
		out.cv[seed] = mix(all)
	}
	var all [][][]float64
	for _, s := range sets {
		all = append(all, s.held)
	}
	out.held = mix(all)
	return out
}

func TestExperiment(t *testing.T) {
	want := os.Getenv("CLASSIFY_EXPERIMENT")
	if want == "" {
		t.Fatal("set CLASSIFY_EXPERIMENT to a comma-separated list of experiments: baseline, taxonomy, taxonomy2, terms, views, fasttext")
	}
	xd := loadExperiment(t)
	seeds := []uint64{1, 2, 3}
	if os.Getenv("CLASSIFY_SEEDS") == "1" {
		seeds = seeds[:1]
	}
	o := DefaultOptions
	o.CalibrationFolds = 0
	cache := map[string]scoreSet{}
	run := func(name string, l learner) scoreSet {
		if ss, ok := cache[name]; ok {
			return ss
		}
		ss := runLearner(xd, l, seeds)
		summary(t, name, xd, ss, seeds)
		cache[name] = ss
		return ss
	}
	base := func() scoreSet { return run("baseline", svmLearner(o, nil, nil, wordsView)) }
	for _, name := range strings.Split(want, ",") {
		switch name {
		case "baseline":
			ss := base()
			var b strings.Builder
			reportOf(xd.labels, xd.cv, ss.cv[1]).writeConfusion(&b)
			t.Logf("CV seed 1 confusion:\n%s", b.String())
			b.Reset()
			r := reportOf(xd.labels, xd.heldEval, ss.held)
			r.writeConfusion(&b)
			t.Logf("held-out confusion:\n%s", b.String())
			for i, e := range xd.heldEval {
				if p := xd.labels[argmax(ss.held[i])]; p != e.Label {
					t.Logf("wrong: %s → %s: %.80s", e.Label, p, e.Text)
				}
			}
		default:
			if fn, ok := experiments[name]; ok {
				fn(t, xd, o, run, base)
			} else {
				t.Fatalf("no experiment %q", name)
			}
		}
	}
}

type runFunc func(name string, l learner) scoreSet

// experiments holds the ideas by name.
var experiments = map[string]func(t *testing.T, xd *experimentData, o Options, run runFunc, base func() scoreSet){}

func (r *Report) writeConfusion(b *strings.Builder) {
	fmt.Fprintf(b, "%-10s", "")
	for _, l := range r.Labels {
		fmt.Fprintf(b, " %6.6s", l)
	}
	b.WriteString("\n")
	for i, row := range r.Confusion {
		fmt.Fprintf(b, "%-10s", r.Labels[i])
		for _, v := range row {
			fmt.Fprintf(b, " %6d", v)
		}
		b.WriteString("\n")
	}
}
