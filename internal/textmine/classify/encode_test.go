package classify

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"io"
	"strings"
	"testing"
)

// TestLoadOlderVersions reads models in the formats written before the
// head groups (version 1: no head fields) and before the label tree
// (version 2: no term weights nor terms), as models trained then with
// `liuyan train` would be: they must load, read messages without those
// groups, and score them as their weights say.
func TestLoadOlderVersions(t *testing.T) {
	ex := []Example{
		{"交通运输", strings.Fields("长途 客运 班车 停运 乘客 出行 不便")},
		{"交通运输", strings.Fields("出租车 拒载 乘客 投诉 司机")},
		{"教育文体", strings.Fields("学校 学生 补课 收费 教师")},
		{"教育文体", strings.Fields("幼儿园 入学 学位 学生 家长")},
	}
	o := DefaultOptions
	o.Features.Bits = 12
	o.Features.TermWeight, o.Features.TermCharWeight = 0, 0
	o.CalibrationFolds = 0
	for _, ver := range []uint32{1, 2} {
		if ver == 1 {
			o.Features.HeadWords, o.Features.HeadWeight, o.Features.HeadCharWeight = 0, 0, 0
		}
		m, err := Train(ex, o)
		if err != nil {
			t.Fatal(err)
		}
		var now bytes.Buffer
		if err := m.Save(&now); err != nil {
			t.Fatal(err)
		}
		zr, err := gzip.NewReader(&now)
		if err != nil {
			t.Fatal(err)
		}
		raw, err := io.ReadAll(zr)
		if err != nil {
			t.Fatal(err)
		}
		// magic, version, 4 feature bytes, 2 feature weights, then the
		// head: HeadWords (1 byte) and its 2 weights; then the 2 term
		// weights and the count of terms (none here).
		at := len(magic)
		binary.LittleEndian.PutUint32(raw[at:], ver)
		head := at + 4 + 4 + 8
		terms := head + 1 + 8
		cut := []byte{}
		if ver == 1 {
			cut = append(cut, raw[:head]...)
		} else {
			cut = append(cut, raw[:terms]...)
		}
		raw = append(cut, raw[terms+8+4:]...)
		var old bytes.Buffer
		zw := gzip.NewWriter(&old)
		zw.Write(raw)
		zw.Close()

		back, err := Load(&old, nil)
		if err != nil {
			t.Fatalf("loading a version %d model: %v", ver, err)
		}
		if back.Features() != m.Features() || back.terms != nil {
			t.Errorf("version %d: features %+v, want %+v", ver, back.Features(), m.Features())
		}
		for _, text := range []string{"长途班车停运了，乘客出行不便", "学校违规补课收费"} {
			a, ca := m.Classify(text)
			b, cb := back.Classify(text)
			if a != b || ca != cb {
				t.Errorf("%s: %s %.4f as saved, %s %.4f as version %d", text, a, ca, b, cb, ver)
			}
		}
	}
}
