package classify

import (
	"math"
	"slices"
	"strings"

	"liuyan/internal/textmine/segment"
)

// NearJaccard is the share of distinct words two messages must have in
// common (|A∩B| / |A∪B|) to count as near-duplicates: a re-post with a new
// title, a greeting or a few words changed. Such a pair is never split
// between training and test: cross-validation keeps each group in one
// fold, and ReadDir leaves out the near-duplicates of an evaluation file.
// On train_segmented.csv it groups 533 messages in 253 groups; two
// distinct complaints on one subject share far fewer words.
const NearJaccard = 0.5

// nearIndex finds, among a fixed list of messages, those whose word sets
// are near a given one. It filters by prefixes (Bayardo et al., WWW 2007):
// with each set's words sorted from the rarest, two sets with Jaccard ≥ t
// share a word among the first |S| − ⌈t·|S|⌉ + 1 of each, so only those
// words are indexed and looked up, and the few candidates are checked in
// full. Common words, which would make every pair a candidate, are never
// looked up.
type nearIndex struct {
	ranks map[string]int32 // word → rank, rarest first
	sets  [][]int32        // ranks of each message's distinct words, sorted
	post  map[int32][]posting
	// Scratch of a query: the last query that reached each message, and
	// the prefix words found in common so far (-1: ruled out).
	seen   []int32
	common []int32
	query  int32
}

// posting is a message holding a word, and the word's place among that
// message's words.
type posting struct {
	msg, at int32
}

func newNearIndex(words [][]string) *nearIndex {
	df := map[string]int32{}
	norm := make([][]string, len(words))
	for i, ws := range words {
		norm[i] = distinct(ws)
		for _, w := range norm[i] {
			df[w]++
		}
	}
	vocab := make([]string, 0, len(df))
	for w := range df {
		vocab = append(vocab, w)
	}
	slices.SortFunc(vocab, func(a, b string) int {
		if df[a] != df[b] {
			return int(df[a] - df[b])
		}
		return strings.Compare(a, b)
	})
	x := &nearIndex{ranks: make(map[string]int32, len(vocab)), sets: make([][]int32, len(words)),
		post: map[int32][]posting{}, seen: make([]int32, len(words)), common: make([]int32, len(words))}
	for r, w := range vocab {
		x.ranks[w] = int32(r)
	}
	for i, ws := range norm {
		set := make([]int32, len(ws))
		for j, w := range ws {
			set[j] = x.ranks[w]
		}
		slices.Sort(set)
		x.sets[i] = set
		for at, r := range set[:prefix(len(set))] {
			x.post[r] = append(x.post[r], posting{int32(i), int32(at)})
		}
	}
	return x
}

// distinct returns the distinct words of ws in normalised form.
func distinct(ws []string) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = segment.Normalize(w)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// prefix is how many of a set's rarest words must be indexed and looked
// up.
func prefix(n int) int {
	return n - int(math.Ceil(NearJaccard*float64(n))) + 1
}

// near calls fn with each indexed message whose word set is near that of
// words, in index order. It is not safe for concurrent use: an index is
// built and used by one goroutine, so near touches no shared state and is
// left out of race instrumentation (it is the hot loop of grouping the
// training file for cross-validation).
//
//go:norace
func (x *nearIndex) near(words []string, fn func(i int)) {
	ws := distinct(words)
	q := make([]int32, 0, len(ws))
	for _, w := range ws {
		if r, ok := x.ranks[w]; ok {
			q = append(q, r)
		}
	}
	slices.Sort(q)
	size := len(ws)
	unknown := size - len(q) // rarer than any indexed word: they lead the prefix
	x.query++
	var cand []int32
	// A word in common at place i of the query and j of a message leaves
	// at most min(|q|−i, |S|−j) − 1 more: a message that cannot reach the
	// overlap it needs any more is ruled out (the positional filter of
	// Xiao et al., WWW 2008).
	for i, r := range q[:max(0, min(len(q), prefix(size)-unknown))] {
		at := i + unknown
		for _, p := range x.post[r] {
			m := p.msg
			if x.seen[m] != x.query {
				x.seen[m] = x.query
				x.common[m] = 0
				cand = append(cand, m)
			}
			if x.common[m] < 0 {
				continue
			}
			if x.common[m]+1+int32(min(size-at, len(x.sets[m])-int(p.at))-1) < int32(need(size, len(x.sets[m]))) {
				x.common[m] = -1
				continue
			}
			x.common[m]++
		}
	}
	slices.Sort(cand)
	for _, i := range cand {
		set := x.sets[i]
		n := need(size, len(set))
		if x.common[i] > 0 && n <= min(size, len(set)) && overlaps(q, set, n) {
			fn(int(i))
		}
	}
}

// need is the overlap two sets of sizes a and b must have for a Jaccard
// of NearJaccard: n/(a+b−n) ≥ t ⇔ n ≥ t/(1+t)·(a+b). It also rules out
// sets of very different sizes.
func need(a, b int) int {
	return int(math.Ceil(NearJaccard / (1 + NearJaccard) * float64(a+b)))
}

// overlaps tells whether two sorted lists share at least need values; it
// stops as soon as the rest of them cannot make up the difference. It
// only reads its arguments.
//
//go:norace
func overlaps(a, b []int32, need int) bool {
	n := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		if n+min(len(a)-i, len(b)-j) < need {
			return false
		}
		switch {
		case a[i] == b[j]:
			n++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return n >= need
}

// nearGroups returns, for each example, the smallest index of the group
// of near-duplicates it belongs to (itself if it has none).
func nearGroups(examples []Example) []int {
	words := make([][]string, len(examples))
	for i, e := range examples {
		words[i] = e.Words
	}
	x := newNearIndex(words)
	parent := make([]int, len(examples))
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
	for i, ws := range words {
		x.near(ws, func(j int) {
			a, b := root(i), root(j)
			parent[max(a, b)] = min(a, b)
		})
	}
	for i := range parent {
		parent[i] = root(i)
	}
	return parent
}
