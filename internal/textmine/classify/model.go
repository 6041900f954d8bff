package classify

import (
	"math"
	"slices"
	"sync"

	"liuyan/internal/textmine/segment"
)

// Model is a trained domain classifier. Its labels are data: whatever the
// training file held. A Model is never changed after it is built, so it is
// safe for concurrent use.
type Model struct {
	labels   []string
	features Features
	// digest is the segmenter's dictionary digest at training time.
	digest string
	// table holds a row of k+1 bytes per bucket b, so that scoring reads
	// one cache line per feature: first the idf, as uint8(row[0])·idfStep
	// (0 for a bucket no training message had, so that features never
	// seen count for nothing, not even in a message's length), then the
	// weight of each class c, as row[1+c]·scale[c].
	table   []int8
	idfStep float32
	scale   []float32
	bias    []float32
	// temperature turns scores into a confidence: softmax(temperature·s).
	temperature float32
	// terms are the label tree's names the model looks for (nil: none).
	terms *termIndex

	seg      *segment.Segmenter
	counters sync.Pool
}

// Labels returns the classes the model tells apart, sorted.
func (m *Model) Labels() []string { return slices.Clone(m.labels) }

// Features returns how the model reads a message.
func (m *Model) Features() Features { return m.features }

// Suggest returns the most likely label of a message and its confidence
// (0–1), for the server to propose a domain on submission.
func (m *Model) Suggest(title, body string) (label string, confidence float64) {
	return m.Classify(title + "\n" + body)
}

// Classify returns the most likely label of raw text and its confidence.
func (m *Model) Classify(text string) (label string, confidence float64) {
	p := m.Probabilities(text)
	best := 0
	for c := range p {
		if p[c] > p[best] {
			best = c
		}
	}
	return m.labels[best], p[best]
}

// Probabilities returns the confidence of each label (in the order of
// Labels) for raw text; they add up to 1.
func (m *Model) Probabilities(text string) []float64 {
	c := m.counter()
	defer m.counters.Put(c)
	c.words = m.seg.AppendWords(c.words[:0], text)
	s := m.scoreWords(c, c.words)
	return softmax(s, m.temperature)
}

// scoreWords returns the raw score of each class for a message's words.
// It weighs and normalises the features as Features.weigh does, but in one
// pass over the table: the norms of the groups are only known at the end,
// so each group's dot products are summed apart and scaled last.
// It reads only the immutable model and c, which no other goroutine holds,
// so it is left out of race instrumentation; TestSuggestConcurrent checks
// concurrent use.
//
//go:norace
func (m *Model) scoreWords(c *counter, words []string) []float64 {
	c.reset()
	f := m.features
	f.count(c, words, m.terms)
	k := len(m.labels)
	stride := k + 1
	c.acc = grow(c.acc, int(groups)*k)
	acc := c.acc
	for i := range acc {
		acc[i] = 0
	}
	// The table (2^18 rows of k+1 bytes) does not fit the processor's
	// nearer caches, and each feature's row is a miss. A first, tight pass
	// reads every row's idf byte, so that the processor has many of those
	// misses in flight at once; the second pass, which does the
	// arithmetic in the same order as before, then finds the rows cached.
	c.rows = grow(c.rows, len(c.used))
	rows := c.rows
	for i, h := range c.used {
		rows[i] = int32(c.keys[h]-1) * int32(stride)
		c.idf[i&(len(c.idf)-1)] += uint8(m.table[rows[i]])
	}
	var norm [groups]float32
	for i, h := range c.used {
		b := int(rows[i])
		row := m.table[b : b+stride]
		idf := float32(uint8(row[0])) * m.idfStep
		if idf == 0 {
			continue
		}
		v := tfWeight(c.count[h]) * idf
		g := c.grp[h]
		norm[g] += v * v
		a := acc[int(g)*k : int(g)*k+k]
		for cl, q := range row[1:] {
			a[cl] += v * float32(q)
		}
	}
	scale := f.scales(&norm)
	out := make([]float64, k)
	for cl := range out {
		var s float32
		for g := range scale {
			s += acc[g*k+cl] * scale[g]
		}
		out[cl] = float64(s*m.scale[cl] + m.bias[cl])
	}
	return out
}

func (m *Model) idfOf(b uint32) float32 {
	return float32(uint8(m.table[int(b)*(len(m.labels)+1)])) * m.idfStep
}

func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

func (m *Model) counter() *counter {
	if c, ok := m.counters.Get().(*counter); ok {
		return c
	}
	return newCounter()
}

func softmax(s []float64, t float32) []float64 {
	top := slices.Max(s)
	out := make([]float64, len(s))
	sum := 0.0
	for i, v := range s {
		out[i] = math.Exp(float64(t) * (v - top))
		sum += out[i]
	}
	for i := range out {
		out[i] /= sum
	}
	return out
}
