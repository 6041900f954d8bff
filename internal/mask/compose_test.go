package mask

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// composeTokens are pieces of numbers, separators and words. Random fuzzing
// seldom builds a number that passes a checksum next to another one; gluing
// these pieces together does, so the properties of FuzzText are checked
// where the matchers' choices interact.
var composeTokens = []string{
	"13800138000", "138", "1234", "5678", "0731", "88889999", "(0571)", "（０５７１）",
	"11010519491231002", "X", "x", "430102", "19900307", "6217", "0012", "3456", "7893",
	"6222021234567890128", "86", "+", "0086", "(", ")", " ", " ", "-", "-", ".", "·",
	"@", "qq.com", "zhang", "a", "湘", "浙", "A", "K", "12345", "D", "F", "学", "挂",
	"*", "****", "电话", "１", "３", "８", "０", "－", "，", "_", "2019", "02", "28", "元",
}

func TestTextCompositions(t *testing.T) {
	rng := rand.New(rand.NewPCG(2020, 331000))
	var b strings.Builder
	for range 20000 {
		b.Reset()
		for range 1 + rng.IntN(12) {
			b.WriteString(composeTokens[rng.IntN(len(composeTokens))])
		}
		s := b.String()
		once := Text(s)
		if twice := Text(once); twice != once {
			t.Fatalf("Text not idempotent on %q:\n once %q\ntwice %q", s, once, twice)
		}
		checkMasking(t, s)
	}
}
