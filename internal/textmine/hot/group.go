package hot

import (
	"math"
	"slices"

	"liuyan/internal/textmine/corpus"
	"liuyan/internal/textmine/segment"
)

// Options tune the grouping and the heat index.
type Options struct {
	// Segmenter cuts the messages (nil: segment.Default()); give one made
	// With the board and unit names so that they count as places.
	Segmenter *segment.Segmenter
	// Threshold is the cosine similarity at which two messages are linked.
	Threshold float64
	// MaxShare drops features held by more than this share of the messages.
	MaxShare float64
	// Heat weighs the parts of the heat index.
	Heat Weights
}

// DefaultOptions are the settings tuned on the TipDM hot-issue file.
var DefaultOptions = Options{Threshold: 0.3, MaxShare: 0.05, Heat: DefaultWeights}

// doc is one message's sparse TF-IDF vector, sorted by feature.
type doc struct {
	feat []int32
	val  []float64
}

// features returns the words of a message and the pairs of adjacent
// words, as strings; title features are listed twice.
func features(seg *segment.Segmenter, m corpus.Message) []string {
	var out []string
	add := func(text string) {
		ws := seg.Words(text)
		out = append(out, ws...)
		for i := 1; i < len(ws); i++ {
			out = append(out, ws[i-1]+"\x00"+ws[i])
		}
	}
	add(m.Title)
	add(m.Title)
	add(m.Body)
	return out
}

// vectors builds the TF-IDF vectors of msgs over the features that at
// most maxShare of them hold (and at least two, since a feature of one
// message links nothing).
func vectors(seg *segment.Segmenter, msgs []corpus.Message, maxShare float64) []doc {
	ids := map[string]int32{}
	var df []int
	raw := make([]map[int32]float64, len(msgs))
	for i, m := range msgs {
		tf := map[int32]float64{}
		for _, f := range features(seg, m) {
			id, ok := ids[f]
			if !ok {
				id = int32(len(df))
				ids[f] = id
				df = append(df, 0)
			}
			if tf[id] == 0 {
				df[id]++
			}
			tf[id]++
		}
		raw[i] = tf
	}
	n := float64(len(msgs))
	limit := int(math.Max(2, maxShare*n))
	docs := make([]doc, len(msgs))
	for i, tf := range raw {
		var d doc
		norm := 0.0
		for id, c := range tf {
			if df[id] < 2 || df[id] > limit {
				continue
			}
			v := (1 + math.Log(c)) * math.Log(n/float64(df[id]))
			d.feat = append(d.feat, id)
			d.val = append(d.val, v)
			norm += v * v
		}
		norm = math.Sqrt(norm)
		for j := range d.val {
			d.val[j] /= norm
		}
		sortDoc(&d)
		docs[i] = d
	}
	return docs
}

func sortDoc(d *doc) {
	idx := make([]int, len(d.feat))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int { return int(d.feat[a] - d.feat[b]) })
	feat, val := make([]int32, len(idx)), make([]float64, len(idx))
	for i, j := range idx {
		feat[i], val[i] = d.feat[j], d.val[j]
	}
	d.feat, d.val = feat, val
}

// links returns, for each message, the later messages it is linked to.
// It reads its arguments and writes only its own slices, so it is left
// out of race instrumentation.
//
//go:norace
func links(docs []doc, places [][]string, threshold float64) [][]int {
	type posting struct {
		doc int
		val float64
	}
	postings := map[int32][]posting{}
	for i, d := range docs {
		for j, f := range d.feat {
			postings[f] = append(postings[f], posting{i, d.val[j]})
		}
	}
	out := make([][]int, len(docs))
	acc := make([]float64, len(docs))
	var touched []int
	for i, d := range docs {
		for j, f := range d.feat {
			for _, p := range postings[f] {
				if p.doc <= i {
					continue
				}
				if acc[p.doc] == 0 {
					touched = append(touched, p.doc)
				}
				acc[p.doc] += d.val[j] * p.val
			}
		}
		for _, other := range touched {
			if acc[other] >= threshold && samePlace(places[i], places[other]) {
				out[i] = append(out[i], other)
			}
			acc[other] = 0
		}
		touched = touched[:0]
	}
	return out
}

// samePlace is false only when both messages name places and none is
// shared: two complaints about parking in two compounds are two issues.
func samePlace(a, b []string) bool {
	if len(a) == 0 || len(b) == 0 {
		return true
	}
	for _, p := range a {
		for _, q := range b {
			if samePlaceName(p, q) {
				return true
			}
		}
	}
	return false
}

// components groups the linked messages, largest group first (ties by
// first member), each group's members in input order.
func components(n int, links [][]int) [][]int {
	parent := make([]int, n)
	for i := range parent {
		parent[i] = i
	}
	root := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for i, ls := range links {
		for _, j := range ls {
			a, b := root(i), root(j)
			if a != b {
				parent[max(a, b)] = min(a, b)
			}
		}
	}
	byRoot := map[int][]int{}
	for i := range n {
		byRoot[root(i)] = append(byRoot[root(i)], i)
	}
	groups := make([][]int, 0, len(byRoot))
	for _, g := range byRoot {
		groups = append(groups, g)
	}
	slices.SortFunc(groups, func(a, b []int) int {
		if len(a) != len(b) {
			return len(b) - len(a)
		}
		return a[0] - b[0]
	})
	return groups
}
