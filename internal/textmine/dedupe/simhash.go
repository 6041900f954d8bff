package dedupe

import (
	"math/bits"
	"unicode"
)

// Fingerprint is the SimHash of a message's text.
type Fingerprint uint64

// shingle is the length of the character n-grams hashed: long enough that
// a shared n-gram means shared wording, short enough for short messages.
const shingle = 3

// Of returns the fingerprint of a message's title and body.
func Of(title, body string) Fingerprint {
	return Sum(title + body)
}

// Sum returns the fingerprint of text. Letters and digits count; white
// space, punctuation and symbols do not; ASCII letters are folded to lower
// case and full-width forms to ASCII. A text shorter than the shingle is
// hashed whole.
func Sum(text string) Fingerprint {
	var buf [512]rune
	rs := buf[:0]
	for _, r := range text {
		if r >= 0x4E00 && r <= 0x9FFF { // common CJK: a letter with no case, the bulk of a message
			rs = append(rs, r)
			continue
		}
		if r >= 0xFF01 && r <= 0xFF5E {
			r -= 0xFEE0
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			rs = append(rs, unicode.ToLower(r))
		}
	}
	var t tally
	if len(rs) < shingle {
		t.add(hash(rs))
	}
	for i := 0; i+shingle <= len(rs); i++ {
		t.add(hash(rs[i : i+shingle]))
	}
	return t.fingerprint()
}

// tally counts, for each of the 64 bits, how many hashes have it set: a
// bit of the fingerprint is set when more than half of them do (SimHash's
// vote). It adds a hash a byte at a time, eight counters of one byte side
// by side in a word, spilled to wide counters before a byte can overflow:
// eight additions per hash instead of 64 branches, most of them
// mispredicted, which made the vote the fingerprint's main cost.
type tally struct {
	lanes [8]uint64 // lanes[k] byte j: hashes since the last spill with bit 8k+j set
	ones  [64]int32
	n     int32 // hashes added
	since int   // hashes added since the last spill
}

// spread[v] has byte j equal to bit j of v.
var spread = func() (t [256]uint64) {
	for v := range t {
		for j := range 8 {
			t[v] |= uint64(v>>j&1) << (8 * j)
		}
	}
	return t
}()

func (t *tally) add(h uint64) {
	for k := range t.lanes {
		t.lanes[k] += spread[byte(h>>(8*k))]
	}
	t.n++
	if t.since++; t.since == 255 {
		t.spill()
	}
}

func (t *tally) spill() {
	for k, l := range t.lanes {
		for j := range 8 {
			t.ones[8*k+j] += int32(byte(l >> (8 * j)))
		}
		t.lanes[k] = 0
	}
	t.since = 0
}

func (t *tally) fingerprint() Fingerprint {
	t.spill()
	var f Fingerprint
	for b, ones := range t.ones {
		if 2*ones > t.n { // more votes for 1 than for 0
			f |= 1 << b
		}
	}
	return f
}

// hash is 64-bit FNV-1a over the runes, then a finaliser (from SplitMix64)
// so that n-grams differing in one rune differ in about half their bits.
func hash(rs []rune) uint64 {
	h := uint64(14695981039346656037)
	for _, r := range rs {
		h = (h ^ uint64(r)) * 1099511628211
	}
	h ^= h >> 30
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	h *= 0x94d049bb133111eb
	h ^= h >> 31
	return h
}

// Distance is the number of bits in which two fingerprints differ.
func (f Fingerprint) Distance(g Fingerprint) int {
	return bits.OnesCount64(uint64(f ^ g))
}
