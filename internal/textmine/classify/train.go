package classify

import (
	"errors"
	"math"
	"slices"

	"liuyan/internal/catalog"
	"liuyan/internal/textmine/segment"
)

// Example is one labelled message, as the words the segmenter keeps (or,
// for the segmented training file, the words it was cut into).
type Example struct {
	Label string
	Words []string
}

// Options are the settings of training.
type Options struct {
	Features Features
	// C is the SVM's cost of a training error (higher: fit the data closer).
	C float64
	// Iterations bounds the passes of the solver over the data.
	Iterations int
	// Balanced weighs each class's errors by the inverse of its share of
	// the messages, so that small classes are not given up for large ones:
	// what macro-F1 rewards.
	Balanced bool
	// MinDF drops features seen in fewer training messages than this.
	MinDF int
	// CalibrationFolds > 1 fits the confidence scale on that many folds'
	// held-out scores, which costs as many extra trainings; otherwise the
	// scale is DefaultTemperature.
	CalibrationFolds int
	// Segmenter is the one that will cut raw text for the model (nil:
	// segment.Default()).
	Segmenter *segment.Segmenter
	// Terms are the names of the label tree (ReadTaxonomyFile), stored
	// in the model for Features.TermWeight; none leaves that group empty.
	Terms []Term
}

// DefaultOptions are the settings chosen by cross-validation (internal/textmine/README.md).
var DefaultOptions = Options{Features: DefaultFeatures, C: 1, Iterations: 30, MinDF: 2, Balanced: true, CalibrationFolds: 3}

// DefaultTemperature is the confidence scale used when none is fitted:
// about what calibration finds on the TipDM data.
const DefaultTemperature = 3

// Train fits a model to examples.
func Train(examples []Example, o Options) (*Model, error) {
	labels := labelsOf(examples)
	if len(labels) < 2 {
		return nil, errors.New(catalog.T("textmine.too_few_labels"))
	}
	if o.Segmenter == nil {
		o.Segmenter = segment.Default()
	}
	m := fit(examples, labels, o)
	m.temperature = DefaultTemperature
	if o.CalibrationFolds > 1 {
		m.temperature = calibrate(examples, labels, o)
	}
	return m, nil
}

// labelsOf returns the distinct labels, sorted.
func labelsOf(examples []Example) []string {
	var labels []string
	for _, e := range examples {
		if e.Label != "" && !slices.Contains(labels, e.Label) {
			labels = append(labels, e.Label)
		}
	}
	slices.Sort(labels)
	return labels
}

// fit trains the weights of a model over the given label set.
func fit(examples []Example, labels []string, o Options) *Model {
	f := o.Features
	dim := 1 << f.Bits
	k := len(labels)
	m := &Model{labels: labels, features: f, digest: o.Segmenter.Digest(), seg: o.Segmenter}
	if len(o.Terms) > 0 {
		m.terms = newTermIndex(o.Terms)
	}

	c := newCounter()
	df := make([]int32, dim)
	for _, e := range examples {
		c.reset()
		f.count(c, e.Words, m.terms)
		for _, h := range c.used {
			df[c.keys[h]-1]++
		}
	}
	idf, step := quantizeIDF(df, len(examples), o.MinDF)
	m.idfStep = step
	m.table = make([]int8, dim*(k+1))
	for b, q := range idf {
		m.table[b*(k+1)] = int8(q)
	}

	xs := make([]vector, 0, len(examples))
	ys := make([]int, 0, len(examples))
	for _, e := range examples {
		cl, ok := slices.BinarySearch(labels, e.Label)
		if !ok {
			continue
		}
		c.reset()
		f.count(c, e.Words, m.terms)
		xs = append(xs, f.weigh(c, m.idfOf, vector{}))
		ys = append(ys, cl)
	}
	weight := make([]float64, k)
	for c := range weight {
		weight[c] = 1
	}
	if o.Balanced {
		n := make([]int, k)
		for _, y := range ys {
			n[y]++
		}
		for c := range weight {
			weight[c] = float64(len(ys)) / float64(k*max(n[c], 1))
		}
	}
	w, bias := trainOneVsRest(xs, ys, k, dim, svmParams{C: o.C, Weight: weight, Iterations: o.Iterations, Tolerance: 0.1})
	weights, scale := quantizeWeights(w, k)
	for b := range dim {
		copy(m.table[b*(k+1)+1:b*(k+1)+1+k], weights[b*k:b*k+k])
	}
	m.scale, m.bias = scale, bias
	return m
}

// quantizeIDF stores each bucket's smoothed idf, ln((1+n)/(1+df)) + 1, in
// a byte; buckets seen in fewer than minDF messages get 0.
func quantizeIDF(df []int32, n, minDF int) ([]uint8, float32) {
	top := math.Log(float64(1+n)) + 1
	step := float32(top / 255)
	q := make([]uint8, len(df))
	for b, d := range df {
		if int(d) < max(minDF, 1) {
			continue
		}
		v := math.Log(float64(1+n)/float64(1+d)) + 1
		q[b] = uint8(math.Round(v / float64(step)))
	}
	return q, step
}

// quantizeWeights stores each weight in a signed byte with one scale per
// class, which keeps the embedded model small and the scoring loop in
// cache. Cross-validation scores the quantized model, so the figures in
// internal/textmine/README.md include whatever it costs.
func quantizeWeights(w []float32, k int) ([]int8, []float32) {
	scale := make([]float32, k)
	for i, v := range w {
		scale[i%k] = max(scale[i%k], float32(math.Abs(float64(v))))
	}
	for c := range scale {
		scale[c] /= 127
		if scale[c] == 0 {
			scale[c] = 1
		}
	}
	q := make([]int8, len(w))
	for i, v := range w {
		q[i] = int8(math.Round(float64(v / scale[i%k])))
	}
	return q, scale
}
