package segment

import (
	"math"
	"slices"
	"sort"
)

// trie is a read-only prefix tree over runes, flattened so that a node's
// children sit side by side in one slice, sorted by rune. The root's
// children are found through an array (the common CJK block) or a map; a
// node deeper down with few children is found by a short scan of the
// children themselves, which holds their labels, so that the scan also
// brings in the node it finds; a node with many children is found by a
// binary search over the labels alone, a quarter of the memory to touch.
type trie struct {
	cjk   []int32 // root children for runes of the common CJK block, -1 for none
	root  map[rune]int32
	label []rune // label[n]: the rune that leads to node n
	node  []node
	word  []int32 // word[n]: index of the word ending at node n, or -1
	// pairs finds the node of the first two runes of words whose first two
	// runes are both in the common CJK block: one probe of a table of
	// 64K slots instead of a binary search over the long child lists of
	// the first characters, the walk's costliest step. Slot: key<<32 | node,
	// 0 for empty, key = pairKey(r1, r2).
	pairs []uint64
}

// pairKey packs two runes of the common CJK block into 30 bits, plus one
// so that no key is 0.
func pairKey(r1, r2 rune) uint64 {
	return uint64(r1-cjkFirst)<<15 | uint64(r2-cjkFirst) + 1
}

func pairSlot(key uint64, mask int) int {
	return int((key*0x9E3779B97F4A7C15)>>40) & mask
}

// second returns the child of n, the root's child for r1, reached by r2.
func (t *trie) second(n int32, r1, r2 rune) int32 {
	if r1 < cjkFirst || r1 > cjkLast || r2 < cjkFirst || r2 > cjkLast {
		return t.child(n, r2)
	}
	key := pairKey(r1, r2)
	mask := len(t.pairs) - 1
	for i := pairSlot(key, mask); ; i = (i + 1) & mask {
		switch e := t.pairs[i]; e >> 32 {
		case key:
			return int32(uint32(e))
		case 0:
			return -1
		}
	}
}

// indexPairs fills t.pairs from the nodes at depth two.
func (t *trie) indexPairs(roots int) {
	var keys []uint64
	var nodes []int32
	for n1 := range roots {
		r1 := t.node[n1].label
		if r1 < cjkFirst || r1 > cjkLast {
			continue
		}
		for n2 := t.node[n1].first; n2 < t.node[n1].first+int32(t.node[n1].count); n2++ {
			if r2 := t.node[n2].label; r2 >= cjkFirst && r2 <= cjkLast {
				keys = append(keys, pairKey(r1, r2))
				nodes = append(nodes, n2)
			}
		}
	}
	size := 1024
	for size < 2*len(keys) { // at most half full, so that a miss ends soon
		size *= 2
	}
	t.pairs = make([]uint64, size)
	for i, key := range keys {
		j := pairSlot(key, size-1)
		for t.pairs[j] != 0 {
			j = (j + 1) & (size - 1)
		}
		t.pairs[j] = key<<32 | uint64(uint32(nodes[i]))
	}
}

// node is what the walk needs of a node, in 16 bytes, so that visiting a
// node costs one cache line: walking the trie is a chain of cache misses,
// the cut's main cost.
type node struct {
	label   rune    // the rune that leads here, as label[n]
	first   int32   // index of the first child
	logp    float32 // the log probability of the word ending here, set by the segmenter
	count   uint16  // number of children
	hasWord bool    // a word ends here
	stop    bool    // that word is a stop-word, set by the segmenter
}

// start returns the root's child reached by r, or -1.
func (t *trie) start(r rune) int32 {
	if r >= cjkFirst && r <= cjkLast {
		return t.cjk[r-cjkFirst]
	}
	if n, ok := t.root[r]; ok {
		return n
	}
	return -1
}

// The common CJK block, whose first characters are looked up in an array.
const (
	cjkFirst = 0x4E00
	cjkLast  = 0x9FFF
)

// child returns the child of node n reached by r, or -1.
func (t *trie) child(n int32, r rune) int32 {
	lo, hi := t.node[n].first, t.node[n].first+int32(t.node[n].count)
	if hi-lo > 8 {
		i, ok := slices.BinarySearch(t.label[lo:hi], r)
		if !ok {
			return -1
		}
		return lo + int32(i)
	}
	for i := lo; i < hi; i++ {
		switch l := t.node[i].label; {
		case l == r:
			return i
		case l > r:
			return -1
		}
	}
	return -1
}

// buildTrie indexes words (already normalised) by their runes; the value
// stored for each is its position in words.
func buildTrie(words []string) *trie {
	type tmp struct {
		kids map[rune]*tmp
		word int32
	}
	top := &tmp{kids: map[rune]*tmp{}, word: -1}
	for i, w := range words {
		n := top
		for _, r := range w {
			k := n.kids[r]
			if k == nil {
				k = &tmp{word: -1}
				if n.kids == nil {
					n.kids = map[rune]*tmp{}
				}
				n.kids[r] = k
			}
			n = k
		}
		n.word = int32(i)
	}
	t := &trie{root: make(map[rune]int32, len(top.kids))}
	// Breadth first, so that each node's children get consecutive indices.
	queue := []*tmp{}
	add := func(parent *tmp) {
		keys := make([]rune, 0, len(parent.kids))
		for r := range parent.kids {
			keys = append(keys, r)
		}
		slices.Sort(keys)
		for _, r := range keys {
			k := parent.kids[r]
			t.label = append(t.label, r)
			t.node = append(t.node, node{label: r, hasWord: k.word >= 0})
			t.word = append(t.word, k.word)
			queue = append(queue, k)
		}
	}
	add(top)
	keys := make([]rune, 0, len(top.kids))
	for r := range top.kids {
		keys = append(keys, r)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	t.cjk = make([]int32, cjkLast-cjkFirst+1)
	for i := range t.cjk {
		t.cjk[i] = -1
	}
	for i, r := range keys {
		t.root[r] = int32(i)
		if r >= cjkFirst && r <= cjkLast {
			t.cjk[r-cjkFirst] = int32(i)
		}
	}
	for i := 0; i < len(queue); i++ {
		n := queue[i]
		t.node[i].first = int32(len(t.label))
		if len(n.kids) > math.MaxUint16 {
			panic("segment: a dictionary prefix with more than 65,535 continuations")
		}
		t.node[i].count = uint16(len(n.kids))
		add(n)
	}
	t.indexPairs(len(keys))
	return t
}
