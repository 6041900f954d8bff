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
	rs := make([]rune, 0, len(text)/3)
	for _, r := range text {
		if r >= 0xFF01 && r <= 0xFF5E {
			r -= 0xFEE0
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			rs = append(rs, unicode.ToLower(r))
		}
	}
	var votes [64]int32
	vote := func(h uint64) {
		for b := range 64 {
			if h&(1<<b) != 0 {
				votes[b]++
			} else {
				votes[b]--
			}
		}
	}
	if len(rs) < shingle {
		vote(hash(rs))
	}
	for i := 0; i+shingle <= len(rs); i++ {
		vote(hash(rs[i : i+shingle]))
	}
	var f Fingerprint
	for b, v := range votes {
		if v > 0 {
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
