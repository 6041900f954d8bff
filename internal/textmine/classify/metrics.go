package classify

import (
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
)

// Report holds the figures of an evaluation: counts per label and the
// derived precision, recall and F1.
type Report struct {
	Labels []string
	// Confusion[i][j] counts messages labelled Labels[i] and predicted
	// Labels[j].
	Confusion [][]int
}

func newReport(labels []string) *Report {
	r := &Report{Labels: labels, Confusion: make([][]int, len(labels))}
	for i := range r.Confusion {
		r.Confusion[i] = make([]int, len(labels))
	}
	return r
}

func (r *Report) add(truth, predicted int) { r.Confusion[truth][predicted]++ }

// Total is the number of messages evaluated.
func (r *Report) Total() int {
	n := 0
	for _, row := range r.Confusion {
		for _, v := range row {
			n += v
		}
	}
	return n
}

// Accuracy is the share of messages given their true label.
func (r *Report) Accuracy() float64 {
	right := 0
	for i := range r.Confusion {
		right += r.Confusion[i][i]
	}
	return ratio(right, r.Total())
}

// Class returns precision, recall, F1 and support of label i.
func (r *Report) Class(i int) (precision, recall, f1 float64, support int) {
	tp, predicted := r.Confusion[i][i], 0
	for j := range r.Confusion {
		predicted += r.Confusion[j][i]
		support += r.Confusion[i][j]
	}
	precision, recall = ratio(tp, predicted), ratio(tp, support)
	if precision+recall > 0 {
		f1 = 2 * precision * recall / (precision + recall)
	}
	return precision, recall, f1, support
}

// MacroF1 is the mean F1 over the labels that occur in the evaluated data.
func (r *Report) MacroF1() float64 {
	sum, n := 0.0, 0
	for i := range r.Labels {
		_, _, f1, support := r.Class(i)
		if support > 0 {
			sum += f1
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return sum / float64(n)
}

// Write prints the report as `classify --eval` shows it: accuracy, a line
// per label, and last, alone on its line, `macro-F1 0.xxxx`.
func (r *Report) Write(w io.Writer) error {
	fmt.Fprintf(w, "messages %d\naccuracy %.4f\n", r.Total(), r.Accuracy())
	fmt.Fprintf(w, "%-12s %9s %9s %9s %7s\n", "label", "precision", "recall", "F1", "support")
	for i, l := range r.Labels {
		p, rc, f1, s := r.Class(i)
		fmt.Fprintf(w, "%-12s %9.4f %9.4f %9.4f %7d\n", l, p, rc, f1, s)
	}
	_, err := fmt.Fprintf(w, "macro-F1 %.4f\n", r.MacroF1())
	return err
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Evaluate classifies each example's words with m and compares the result
// with its label. Labels the model does not know count as errors.
func Evaluate(m *Model, examples []Example) *Report {
	labels := slices.Clone(m.labels)
	for _, l := range labelsOf(examples) {
		if !slices.Contains(labels, l) {
			labels = append(labels, l)
		}
	}
	r := newReport(labels)
	c := m.counter()
	defer m.counters.Put(c)
	for _, e := range examples {
		s := m.scoreWords(c, e.Words)
		r.add(slices.Index(labels, e.Label), argmax(s))
	}
	return r
}

func argmax(s []float64) int {
	best := 0
	for i := range s {
		if s[i] > s[best] {
			best = i
		}
	}
	return best
}

// folds splits examples into k folds, each with about the same share of
// every label, reproducibly for a seed. Near-duplicates (nearGroups) go
// to the same fold, so that no message is tested against its own re-post:
// the groups are dealt largest first, each to the fold that has the
// fewest messages of its label so far.
func folds(examples []Example, k int, seed uint64) [][]int {
	members := map[int][]int{}
	var roots []int
	for i, g := range nearGroups(examples) {
		if members[g] == nil {
			roots = append(roots, g)
		}
		members[g] = append(members[g], i)
	}
	rng := rand.New(rand.NewPCG(seed, 11))
	rng.Shuffle(len(roots), func(i, j int) { roots[i], roots[j] = roots[j], roots[i] })
	slices.SortStableFunc(roots, func(a, b int) int { return len(members[b]) - len(members[a]) })
	labels := labelsOf(examples)
	count := make([][]int, k) // fold → label → messages
	for f := range count {
		count[f] = make([]int, len(labels))
	}
	out := make([][]int, k)
	for _, g := range roots {
		l, _ := slices.BinarySearch(labels, examples[members[g][0]].Label)
		best := 0
		for f := 1; f < k; f++ {
			if c, b := count[f][l], count[best][l]; c < b || c == b && len(out[f]) < len(out[best]) {
				best = f
			}
		}
		for _, i := range members[g] {
			if j, ok := slices.BinarySearch(labels, examples[i].Label); ok {
				count[best][j]++
			}
		}
		out[best] = append(out[best], members[g]...)
	}
	return out
}

// CrossValidate trains k models, each without one fold, and evaluates each
// on its fold; the report pools the k evaluations. Near-duplicates stay in
// one fold (see folds).
func CrossValidate(examples []Example, o Options, k int, seed uint64) (*Report, error) {
	o.CalibrationFolds = 0
	labels := labelsOf(examples)
	r := newReport(labels)
	for _, test := range folds(examples, k, seed) {
		in := make([]bool, len(examples))
		for _, i := range test {
			in[i] = true
		}
		var train, held []Example
		for i, e := range examples {
			if in[i] {
				held = append(held, e)
			} else {
				train = append(train, e)
			}
		}
		m, err := Train(train, o)
		if err != nil {
			return nil, err
		}
		fr := Evaluate(m, held)
		for i := range labels {
			for j := range labels {
				r.Confusion[i][j] += fr.Confusion[slices.Index(fr.Labels, labels[i])][slices.Index(fr.Labels, labels[j])]
			}
		}
	}
	return r, nil
}

// calibrate fits the confidence scale: the temperature that maximises the
// likelihood of the true labels under softmax(t·scores) on held-out folds.
func calibrate(examples []Example, labels []string, o Options) float32 {
	type scored struct {
		s     []float64
		truth int
	}
	var all []scored
	for _, test := range folds(examples, o.CalibrationFolds, 99) {
		in := make([]bool, len(examples))
		for _, i := range test {
			in[i] = true
		}
		var train []Example
		for i, e := range examples {
			if !in[i] {
				train = append(train, e)
			}
		}
		m := fit(train, labels, o)
		c := newCounter()
		for _, i := range test {
			t, ok := slices.BinarySearch(labels, examples[i].Label)
			if ok {
				all = append(all, scored{m.scoreWords(c, examples[i].Words), t})
			}
		}
	}
	best, bestLL := float32(DefaultTemperature), -1e300
	for t := float32(0.5); t <= 20; t += 0.25 {
		ll := 0.0
		for _, a := range all {
			ll += logOf(softmax(a.s, t)[a.truth])
		}
		if ll > bestLL {
			best, bestLL = t, ll
		}
	}
	return best
}

func logOf(p float64) float64 {
	if p < 1e-12 {
		p = 1e-12
	}
	return math.Log(p)
}
