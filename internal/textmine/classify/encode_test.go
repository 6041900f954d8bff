package classify

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"io"
	"strings"
	"testing"
)

// TestLoadVersion1 reads a model in the format written before the head
// groups existed (version 1: no head fields), as a model trained then with
// `liuyan train` would be: it must load, read messages without a head,
// and score them as its weights say.
func TestLoadVersion1(t *testing.T) {
	ex := []Example{
		{"交通运输", strings.Fields("长途 客运 班车 停运 乘客 出行 不便")},
		{"交通运输", strings.Fields("出租车 拒载 乘客 投诉 司机")},
		{"教育文体", strings.Fields("学校 学生 补课 收费 教师")},
		{"教育文体", strings.Fields("幼儿园 入学 学位 学生 家长")},
	}
	o := DefaultOptions
	o.Features.Bits = 12
	o.Features.HeadWords, o.Features.HeadWeight, o.Features.HeadCharWeight = 0, 0, 0
	o.CalibrationFolds = 0
	m, err := Train(ex, o)
	if err != nil {
		t.Fatal(err)
	}
	var v2 bytes.Buffer
	if err := m.Save(&v2); err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(&v2)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	// magic, version, 4 feature bytes, 2 feature weights, then the head:
	// HeadWords (1 byte) and its 2 weights.
	at := len(magic)
	binary.LittleEndian.PutUint32(raw[at:], 1)
	head := at + 4 + 4 + 8
	raw = append(raw[:head:head], raw[head+1+8:]...)
	var v1 bytes.Buffer
	zw := gzip.NewWriter(&v1)
	zw.Write(raw)
	zw.Close()

	back, err := Load(&v1, nil)
	if err != nil {
		t.Fatalf("loading a version 1 model: %v", err)
	}
	if back.Features() != m.Features() {
		t.Errorf("features %+v, want %+v", back.Features(), m.Features())
	}
	for _, text := range []string{"长途班车停运了，乘客出行不便", "学校违规补课收费"} {
		a, ca := m.Classify(text)
		b, cb := back.Classify(text)
		if a != b || ca != cb {
			t.Errorf("%s: %s %.4f as saved, %s %.4f as version 1", text, a, ca, b, cb)
		}
	}
}
