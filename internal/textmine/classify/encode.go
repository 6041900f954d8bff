package classify

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"

	"liuyan/internal/catalog"
	"liuyan/internal/textmine/segment"
)

// The model file is gzip over: the magic line, then little-endian fields:
// version, the Features (version 1 files, from before the head groups,
// lack the head's three fields; files before version 3 lack the term
// weights), the label tree's terms (version 3: their count, then each
// name and label), the segmenter digest, the labels, temperature,
// idf step, per-class scale and bias, then the used buckets only (those
// with a non-zero idf), each as the gap from the previous one (uvarint)
// and its row of the table: the idf byte and the k weight bytes. Buckets no training message had
// carry nothing, which keeps the file near 1 MB.
const (
	magic   = "liuyan-classify\n"
	version = 3
)

// Save writes the model to w.
func (m *Model) Save(w io.Writer) error {
	zw, _ := gzip.NewWriterLevel(w, gzip.BestCompression)
	b := bufio.NewWriter(zw)
	b.WriteString(magic)
	put := func(v any) { binary.Write(b, binary.LittleEndian, v) }
	putString := func(s string) { put(uint32(len(s))); b.WriteString(s) }
	put(uint32(version))
	f := m.features
	put([]uint8{f.Bits, f.CharMin, f.CharMax, boolByte(f.WordPairs)})
	put([]float32{f.WordWeight, f.CharWeight})
	put(f.HeadWords)
	put([]float32{f.HeadWeight, f.HeadCharWeight, f.TermWeight, f.TermCharWeight})
	var terms []Term
	if m.terms != nil {
		terms = m.terms.terms
	}
	put(uint32(len(terms)))
	for _, t := range terms {
		putString(t.Name)
		putString(t.Label)
	}
	putString(m.digest)
	put(uint32(len(m.labels)))
	for _, l := range m.labels {
		putString(l)
	}
	put([]float32{m.temperature, m.idfStep})
	put(m.scale)
	put(m.bias)
	k := len(m.labels)
	var buf [binary.MaxVarintLen64]byte
	prev := -1
	for bucket := 0; bucket < len(m.table)/(k+1); bucket++ {
		row := m.table[bucket*(k+1) : bucket*(k+1)+k+1]
		if row[0] == 0 {
			continue
		}
		b.Write(buf[:binary.PutUvarint(buf[:], uint64(bucket-prev))])
		prev = bucket
		for _, v := range row {
			b.WriteByte(byte(v))
		}
	}
	b.Write(buf[:binary.PutUvarint(buf[:], 0)]) // end
	if err := b.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// SaveFile writes the model to a file.
func (m *Model) SaveFile(name string) error {
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		return err
	}
	if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
		return errors.New(catalog.T("textmine.cannot_write", name))
	}
	return nil
}

func boolByte(v bool) uint8 {
	if v {
		return 1
	}
	return 0
}

// Load reads a model written by Save. seg is the segmenter that will cut
// raw text for it (nil: segment.Default()); a model trained with another
// dictionary is refused, since its words would not be the ones it learnt.
func Load(r io.Reader, seg *segment.Segmenter) (*Model, error) {
	if seg == nil {
		seg = segment.Default()
	}
	bad := errors.New(catalog.T("textmine.bad_model"))
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, bad
	}
	b := bufio.NewReader(zr)
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(b, head); err != nil || string(head) != magic {
		return nil, bad
	}
	var failed error
	get := func(v any) {
		if failed == nil {
			failed = binary.Read(b, binary.LittleEndian, v)
		}
	}
	getString := func() string {
		var n uint32
		get(&n)
		if failed != nil || n > 1<<16 {
			failed = bad
			return ""
		}
		s := make([]byte, n)
		_, err := io.ReadFull(b, s)
		if failed == nil {
			failed = err
		}
		return string(s)
	}
	var ver uint32
	get(&ver)
	if failed != nil || ver < 1 || ver > version {
		return nil, bad
	}
	m := &Model{seg: seg}
	var fb [4]uint8
	var fw [2]float32
	get(&fb)
	get(&fw)
	m.features = Features{Bits: fb[0], CharMin: fb[1], CharMax: fb[2], WordPairs: fb[3] == 1, WordWeight: fw[0], CharWeight: fw[1]}
	if ver >= 2 {
		var hw [2]float32
		get(&m.features.HeadWords)
		get(&hw)
		m.features.HeadWeight, m.features.HeadCharWeight = hw[0], hw[1]
	}
	if ver >= 3 {
		var n uint32
		var tw [2]float32
		get(&tw)
		m.features.TermWeight, m.features.TermCharWeight = tw[0], tw[1]
		get(&n)
		if failed != nil || n > 1<<20 {
			return nil, bad
		}
		terms := make([]Term, 0, n)
		for range n {
			t := Term{Name: getString(), Label: getString()}
			if failed != nil || len([]rune(t.Name)) < 2 {
				return nil, bad
			}
			terms = append(terms, t)
		}
		if len(terms) > 0 {
			m.terms = newTermIndex(terms)
		}
	}
	m.digest = getString()
	var k uint32
	get(&k)
	if failed != nil || k < 2 || k > 1000 || m.features.Bits < 8 || m.features.Bits > 24 {
		return nil, bad
	}
	for range k {
		m.labels = append(m.labels, getString())
	}
	var ts [2]float32
	get(&ts)
	m.temperature, m.idfStep = ts[0], ts[1]
	m.scale = make([]float32, k)
	m.bias = make([]float32, k)
	get(m.scale)
	get(m.bias)
	if failed != nil {
		return nil, bad
	}
	dim := 1 << m.features.Bits
	stride := int(k) + 1
	m.table = make([]int8, dim*stride)
	row := make([]byte, stride)
	bucket := -1
	for {
		gap, err := binary.ReadUvarint(b)
		if err != nil {
			return nil, bad
		}
		if gap == 0 {
			break
		}
		bucket += int(gap)
		if bucket >= dim {
			return nil, bad
		}
		if _, err := io.ReadFull(b, row); err != nil || row[0] == 0 {
			return nil, bad
		}
		for c, v := range row {
			m.table[bucket*stride+c] = int8(v)
		}
	}
	if math.IsNaN(float64(m.temperature)) || m.temperature <= 0 {
		return nil, bad
	}
	if m.digest != seg.Digest() {
		return nil, fmt.Errorf("%s", catalog.T("textmine.model_dictionary", m.digest, seg.Digest()))
	}
	return m, nil
}

// LoadFile reads a model from a file.
func LoadFile(name string, seg *segment.Segmenter) (*Model, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, errors.New(catalog.T("textmine.cannot_open", name))
	}
	defer f.Close()
	return Load(f, seg)
}
