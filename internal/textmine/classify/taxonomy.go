package classify

import (
	"slices"
	"strings"

	"liuyan/internal/textmine/corpus"
)

// TaxonomyFile is the platform's label tree in the shared formats: a row
// per third-level class, with its first- and second-level classes.
const TaxonomyFile = "taxonomy.csv"

// Term is a name from the label tree and the first-level label it
// belongs to. A message that contains the name (over its kept words, run
// together) gets one feature for the label, so that the platform's own
// filing rules (公共汽车 and 物业服务 under 城乡建设, 旅客运输 under
// 交通运输) weigh in even where the training messages are few.
type Term struct {
	Name, Label string
}

// ReadTaxonomyFile reads a taxonomy file (一级分类, 二级分类, 三级分类) into
// terms: every second- and third-level name, split at 、 和 与 (城市建设和市政管理
// is 城市建设 and 市政管理), without 其他 and single characters, once per
// label.
func ReadTaxonomyFile(name string) ([]Term, error) {
	rows, err := corpus.ReadMessagesFile(name, "一级分类", "二级分类", "三级分类")
	if err != nil {
		return nil, err
	}
	var terms []Term
	for _, r := range rows {
		if r.Label == "" {
			continue
		}
		for _, level := range []string{r.Other["二级分类"], r.Other["三级分类"]} {
			for _, n := range strings.FieldsFunc(level, func(c rune) bool { return c == '、' || c == '和' || c == '与' }) {
				n = strings.TrimSpace(n)
				t := Term{Name: n, Label: r.Label}
				if n != "其他" && len([]rune(n)) >= 2 && !slices.Contains(terms, t) {
					terms = append(terms, t)
				}
			}
		}
	}
	slices.SortFunc(terms, func(a, b Term) int {
		if c := strings.Compare(a.Name, b.Name); c != 0 {
			return c
		}
		return strings.Compare(a.Label, b.Label)
	})
	return terms, nil
}

// termIndex finds, in a message's runes, the terms and the character
// pairs of the terms. It is an open-addressing table keyed by a pair of
// characters (a few thousand slots, 32 kB of keys, in a near cache), so
// that each position of a message costs one probe: the slot gives the
// labels whose names hold that pair and the terms that start with it.
type termIndex struct {
	terms []Term
	runes [][]rune
	label []uint32 // hash of each term's label: its feature in termGroup
	keys  []uint64 // pair, 0 = empty slot
	slots []pairSlot
	mask  uint64
}

// pairSlot is what the table holds for a pair of characters.
type pairSlot struct {
	labels []uint32 // hashes of the labels whose names hold the pair: their features in termCharGroup
	starts []int32  // terms that start with the pair
}

func newTermIndex(terms []Term) *termIndex {
	x := &termIndex{terms: terms}
	pairs := map[uint64]bool{}
	for _, t := range terms {
		rs := []rune(t.Name)
		for i := 0; i+1 < len(rs); i++ {
			pairs[pairOf(rs[i], rs[i+1])] = true
		}
	}
	size := 64
	for size < 2*len(pairs) {
		size *= 2
	}
	x.keys = make([]uint64, size)
	x.slots = make([]pairSlot, size)
	x.mask = uint64(size - 1)
	for i, t := range terms {
		rs := []rune(t.Name)
		x.runes = append(x.runes, rs)
		x.label = append(x.label, hashString(seedTerm, t.Label))
		lh := hashString(seedTermChar, t.Label)
		for j := 0; j+1 < len(rs); j++ {
			s := x.slot(pairOf(rs[j], rs[j+1]))
			if !slices.Contains(s.labels, lh) {
				s.labels = append(s.labels, lh)
			}
			if j == 0 {
				s.starts = append(s.starts, int32(i))
			}
		}
	}
	return x
}

// slot returns the slot of pair k, taking an empty one if k has none.
func (x *termIndex) slot(k uint64) *pairSlot {
	h := (k * 0x9E3779B97F4A7C15 >> 40) & x.mask
	for x.keys[h] != k {
		if x.keys[h] == 0 {
			x.keys[h] = k
			break
		}
		h = (h + 1) & x.mask
	}
	return &x.slots[h]
}

func pairOf(a, b rune) uint64 { return uint64(a)<<32 | uint64(b) }

// count adds to c, for each character pair of rs found in the terms, the
// labels whose names hold it (termCharGroup), and the label of every term
// found in rs (termGroup), once per term however often it occurs. c.seen
// is its scratch space; it returns it for reuse. Like Features.count, it
// touches only c, which no other goroutine holds.
//
//go:norace
func (x *termIndex) count(c *counter, rs []rune, mask uint32, names, pairs bool) []int32 {
	seen := c.seen[:0]
	for i := 0; i+1 < len(rs); i++ {
		k := pairOf(rs[i], rs[i+1])
		h := (k * 0x9E3779B97F4A7C15 >> 40) & x.mask
		for x.keys[h] != k && x.keys[h] != 0 {
			h = (h + 1) & x.mask
		}
		if x.keys[h] == 0 {
			continue
		}
		s := &x.slots[h]
		if pairs {
			for _, l := range s.labels {
				c.add(l&mask, termCharGroup)
			}
		}
		if !names {
			continue
		}
		for _, t := range s.starts {
			name := x.runes[t]
			if i+len(name) <= len(rs) && slices.Equal(rs[i:i+len(name)], name) && !slices.Contains(seen, t) {
				seen = append(seen, t)
				c.add(x.label[t]&mask, termGroup)
			}
		}
	}
	return seen
}
