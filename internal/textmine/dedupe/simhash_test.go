package dedupe

import (
	"testing"
	"unicode"

	"liuyan/internal/textmine/corpus"
	"liuyan/internal/textmine/tipdmtest"
)

// referenceSum is SimHash as defined, one branch per bit and hash, which
// Sum computes faster: the test holds Sum to it bit for bit.
func referenceSum(text string) Fingerprint {
	var rs []rune
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

func TestSumMatchesDefinition(t *testing.T) {
	// Sum takes the common CJK block for letters without case, unchecked.
	for r := rune(0x4E00); r <= 0x9FFF; r++ {
		if !unicode.IsLetter(r) || unicode.ToLower(r) != r {
			t.Fatalf("U+%04X is not a caseless letter", r)
		}
	}
	texts := []string{"", "a", "噪音", "ＡＢＣ１２３小区", "Ünïcode ΑΒΓ 한국어 كلمة", "小区噪音扰民严重，请有关部门处理！"}
	for _, name := range []string{"hotspot_messages.csv", "unlabeled.csv"} {
		msgs, err := corpus.ReadMessagesFile(tipdmtest.File(t, name), "留言主题", "留言详情")
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range msgs {
			texts = append(texts, m.Title+m.Body)
		}
	}
	long := 0
	for _, text := range texts {
		if got, want := Sum(text), referenceSum(text); got != want {
			t.Fatalf("Sum(%.40q) = %016x, want %016x", text, uint64(got), uint64(want))
		}
		if len([]rune(text)) > 600 {
			long++
		}
	}
	if long < 100 {
		t.Errorf("only %d texts long enough to spill the byte counters more than twice", long)
	}
}

// BenchmarkSum fingerprints the messages of unlabeled.csv (about 1.2 KB of
// text each).
func BenchmarkSum(b *testing.B) {
	msgs, err := corpus.ReadMessagesFile(tipdmtest.File(b, "unlabeled.csv"), "留言主题", "留言详情")
	if err != nil {
		b.Fatal(err)
	}
	bytes := 0
	for _, m := range msgs {
		bytes += len(m.Title) + len(m.Body)
	}
	b.SetBytes(int64(bytes / len(msgs)))
	for i := 0; b.Loop(); i++ {
		m := msgs[i%len(msgs)]
		Of(m.Title, m.Body)
	}
}
