package dedupe

import (
	"slices"
	"sync"
)

// MaxDistance is the largest Hamming distance at which two fingerprints
// count as near-duplicates. At 3 bits of 64, re-posts with a changed title
// or a few changed words are found, and no pair of distinct messages in the
// TipDM hot-issue file is (internal/textmine/README.md tells the pairs judged by hand).
const MaxDistance = 3

// blocks is how the Index cuts a fingerprint: two fingerprints within
// MaxDistance bits agree on at least one of MaxDistance+1 blocks (the
// pigeonhole principle), so looking up each block finds every candidate.
const blocks = MaxDistance + 1

// Index holds fingerprints under caller-chosen ids and finds those near a
// given one. It is safe for concurrent use.
type Index struct {
	mu     sync.RWMutex
	prints map[int64]Fingerprint
	table  [blocks]map[uint16][]int64
}

// NewIndex returns an empty index.
func NewIndex() *Index {
	x := &Index{prints: map[int64]Fingerprint{}}
	for i := range x.table {
		x.table[i] = map[uint16][]int64{}
	}
	return x
}

func block(f Fingerprint, i int) uint16 { return uint16(f >> (16 * i)) }

// Add stores f under id; adding an id again replaces its fingerprint.
func (x *Index) Add(id int64, f Fingerprint) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if old, ok := x.prints[id]; ok {
		for i := range blocks {
			b := block(old, i)
			x.table[i][b] = slices.DeleteFunc(x.table[i][b], func(v int64) bool { return v == id })
		}
	}
	x.prints[id] = f
	for i := range blocks {
		x.table[i][block(f, i)] = append(x.table[i][block(f, i)], id)
	}
}

// Len is the number of fingerprints held.
func (x *Index) Len() int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return len(x.prints)
}

// Match is a stored id near a looked-up fingerprint.
type Match struct {
	ID       int64
	Distance int
}

// Near returns the stored ids within MaxDistance bits of f, nearest first
// (ties by id).
func (x *Index) Near(f Fingerprint) []Match {
	x.mu.RLock()
	defer x.mu.RUnlock()
	seen := map[int64]bool{}
	var out []Match
	for i := range blocks {
		for _, id := range x.table[i][block(f, i)] {
			if seen[id] {
				continue
			}
			seen[id] = true
			if d := f.Distance(x.prints[id]); d <= MaxDistance {
				out = append(out, Match{ID: id, Distance: d})
			}
		}
	}
	slices.SortFunc(out, func(a, b Match) int {
		if a.Distance != b.Distance {
			return a.Distance - b.Distance
		}
		return int(a.ID - b.ID)
	})
	return out
}

// Groups returns the sets of near-duplicates among prints, as indices into
// prints: the connected components of the "within MaxDistance" relation
// with two members or more, each sorted, ordered by their first member.
func Groups(prints []Fingerprint) [][]int {
	x := NewIndex()
	for i, f := range prints {
		x.Add(int64(i), f)
	}
	parent := make([]int, len(prints))
	for i := range parent {
		parent[i] = i
	}
	var root func(int) int
	root = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for i, f := range prints {
		for _, m := range x.Near(f) {
			a, b := root(i), root(int(m.ID))
			if a != b {
				parent[max(a, b)] = min(a, b)
			}
		}
	}
	members := map[int][]int{}
	for i := range prints {
		r := root(i)
		members[r] = append(members[r], i)
	}
	var out [][]int
	for _, g := range members {
		if len(g) > 1 {
			out = append(out, g)
		}
	}
	slices.SortFunc(out, func(a, b []int) int { return a[0] - b[0] })
	return out
}
