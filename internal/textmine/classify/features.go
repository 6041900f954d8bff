package classify

import "math"

// Features says which features a model reads from a message's words. It
// is stored in the model, so a model is always read the way it was
// trained.
//
// Up to six groups of features are hashed into one space of 2^Bits
// buckets: words (and, with WordPairs, pairs of adjacent words); character
// n-grams of orders CharMin to CharMax over the words joined without
// spaces; and, when HeadWords > 0, the first HeadWords words and the
// character n-grams over them again, under their own hash seeds; and, for
// a model trained with the label tree's terms, a feature per first-level
// label for its terms found and one for its character pairs found (see
// TermWeight). Each group is weighted by 1 + ln(count) times its bucket's
// idf and scaled to unit length on its own, then the groups are added with
// weights WordWeight, CharWeight, HeadWeight, HeadCharWeight, TermWeight and
// TermCharWeight. Character n-grams over the
// kept words make the classifier robust to cuts that differ from the
// training data's (a name cut in two, a new word) while the words carry
// the sharpest evidence. The head stands for the title: a message is read
// as title then body, both in the training file's cuts and in raw text, so
// the opening words are the title's whatever way the message came, and a
// word there says more about the domain than the same word deep in the
// body.
type Features struct {
	Bits           uint8
	CharMin        uint8
	CharMax        uint8
	WordPairs      bool
	WordWeight     float32
	CharWeight     float32
	HeadWords      uint8
	HeadWeight     float32
	HeadCharWeight float32
	// TermWeight is the weight of the label-tree group: for each
	// first-level label, how many of its names (Term) the message
	// contains. TermCharWeight is that of the same by character pairs:
	// for each label, how many of the message's pairs of characters occur
	// in its names, which finds a name written a little differently (物业
	// 的服务 holds two pairs of 物业服务). A model trained without terms has
	// both groups empty.
	TermWeight     float32
	TermCharWeight float32
}

// DefaultFeatures is the configuration chosen by cross-validation (see
// internal/textmine/README.md).
var DefaultFeatures = Features{
	Bits: 18, CharMin: 1, CharMax: 2, WordWeight: 1, CharWeight: 1,
	HeadWords: 12, HeadWeight: 0.7, HeadCharWeight: 0.7, TermWeight: 0.3, TermCharWeight: 0.2,
}

// group tells which normalisation group a feature belongs to.
type group uint8

const (
	wordGroup group = iota
	charGroup
	headGroup
	headCharGroup
	termGroup
	termCharGroup
	groups // how many there are
)

// weights returns the weight of each group, in the order of the group
// constants.
func (f Features) weights() [groups]float32 {
	return [groups]float32{f.WordWeight, f.CharWeight, f.HeadWeight, f.HeadCharWeight, f.TermWeight, f.TermCharWeight}
}

// vector is a sparse feature vector, sorted by nothing in particular.
type vector struct {
	idx []uint32
	val []float32
}

// counter counts bucket occurrences in a small open-addressing table that
// is reused from message to message; clearing touches only used slots.
type counter struct {
	keys  []uint32 // bucket+1, 0 = empty
	count []float32
	grp   []group
	used  []int
	runes []rune
	// Buffers reused by the model between messages.
	words []string
	acc   []float32
	rows  []int32 // offset of each used slot's row in the model's table
	seen  []int32 // terms found in the message
	// idf receives the bytes the model's first pass reads, so that the
	// compiler cannot drop those reads as unused.
	idf [8]uint8
}

const counterSize = 1 << 13 // slots; a message of 2,000 characters has fewer distinct features

func newCounter() *counter {
	return &counter{keys: make([]uint32, counterSize), count: make([]float32, counterSize), grp: make([]group, counterSize)}
}

func (c *counter) add(bucket uint32, g group) {
	if len(c.used) >= counterSize*3/4 {
		return // a pathological message: the rest of its features are dropped
	}
	h := (bucket * 0x9E3779B1) >> (32 - 13)
	for {
		switch c.keys[h] {
		case 0:
			c.keys[h] = bucket + 1
			c.count[h] = 1
			c.grp[h] = g
			c.used = append(c.used, int(h))
			return
		case bucket + 1:
			c.count[h]++
			return
		}
		h = (h + 1) & (counterSize - 1)
	}
}

func (c *counter) reset() {
	for _, h := range c.used {
		c.keys[h] = 0
	}
	c.used = c.used[:0]
}

// FNV-1a, with a different seed per kind of feature so that the word 市
// and the character 市 fall in different buckets.
const (
	fnvOffset    = 2166136261
	fnvPrime     = 16777619
	seedWord     = fnvOffset
	seedPair     = fnvOffset ^ 0x5bd1e995
	seedChar     = fnvOffset ^ 0x27d4eb2f
	seedHead     = fnvOffset ^ 0x1b873593
	seedHeadC    = fnvOffset ^ 0x85ebca6b
	seedTerm     = fnvOffset ^ 0xc2b2ae35
	seedTermChar = fnvOffset ^ 0x165667b1
)

func hashString(seed uint32, s string) uint32 {
	h := seed
	for i := 0; i < len(s); i++ {
		h = (h ^ uint32(s[i])) * fnvPrime
	}
	return h
}

func hashRunes(seed uint32, rs []rune) uint32 {
	h := seed ^ uint32(len(rs))*0x01000193
	for _, r := range rs {
		h = (h ^ uint32(r)) * fnvPrime
	}
	return h
}

// count fills c with the features of words, and with the labels of the
// terms they contain when terms is not nil.
// It touches only c, which no other goroutine holds, so it is left out of
// race instrumentation (the hot loop of training and of -race test runs).
//
//go:norace
func (f Features) count(c *counter, words []string, terms *termIndex) {
	mask := uint32(1)<<f.Bits - 1
	c.runes = c.runes[:0]
	head := 0 // runes of the head words
	var prev uint32
	for i, w := range words {
		hw := hashString(seedWord, w)
		c.add(hw&mask, wordGroup)
		if f.WordPairs && i > 0 {
			c.add(((prev*fnvPrime)^hw^seedPair)&mask, wordGroup)
		}
		if i < int(f.HeadWords) {
			c.add(hashString(seedHead, w)&mask, headGroup)
		}
		prev = hw
		for _, r := range w {
			c.runes = append(c.runes, r)
		}
		if i < int(f.HeadWords) {
			head = len(c.runes)
		}
	}
	f.countChars(c, c.runes, seedChar, charGroup)
	if f.HeadWords > 0 {
		f.countChars(c, c.runes[:head], seedHeadC, headCharGroup)
	}
	if terms != nil && (f.TermWeight > 0 || f.TermCharWeight > 0) {
		c.seen = terms.count(c, c.runes, mask, f.TermWeight > 0, f.TermCharWeight > 0)
	}
}

// countChars adds the character n-grams of rs to c. Like count, it
// touches only c, which no other goroutine holds, so it is left out of
// race instrumentation.
//
//go:norace
func (f Features) countChars(c *counter, rs []rune, seed uint32, g group) {
	mask := uint32(1)<<f.Bits - 1
	for n := int(f.CharMin); n <= int(f.CharMax) && n > 0; n++ {
		for i := 0; i+n <= len(rs); i++ {
			c.add(hashRunes(seed, rs[i:i+n])&mask, g)
		}
	}
}

// scales returns the factor of each group that gives it unit length and
// then its weight, from the groups' squared lengths.
func (f Features) scales(norm *[groups]float32) (scale [groups]float32) {
	for g, w := range f.weights() {
		if norm[g] > 0 {
			scale[g] = w / float32(math.Sqrt(float64(norm[g])))
		}
	}
	return scale
}

// sublinear[n] is 1 + ln n, the weight of a feature seen n times.
var sublinear = func() (t [64]float32) {
	for n := 1; n < len(t); n++ {
		t[n] = 1 + float32(math.Log(float64(n)))
	}
	return t
}()

func tfWeight(n float32) float32 {
	if int(n) < len(sublinear) {
		return sublinear[int(n)]
	}
	return 1 + float32(math.Log(float64(n)))
}

// weigh turns the counts in c into a vector, with the idf of each bucket,
// appended to dst's slices.
// It touches only c, which no other goroutine holds, so it is left out of
// race instrumentation (the hot loop of training and of -race test runs).
//
//go:norace
func (f Features) weigh(c *counter, idf func(uint32) float32, dst vector) vector {
	var norm [groups]float32
	for _, h := range c.used {
		v := tfWeight(c.count[h]) * idf(c.keys[h]-1)
		c.count[h] = v
		norm[c.grp[h]] += v * v
	}
	scale := f.scales(&norm)
	for _, h := range c.used {
		if v := c.count[h]; v != 0 {
			dst.idx = append(dst.idx, c.keys[h]-1)
			dst.val = append(dst.val, v*scale[c.grp[h]])
		}
	}
	return dst
}
