package classify

import (
	"errors"
	"os"
	"path/filepath"

	"liuyan/internal/catalog"
	"liuyan/internal/textmine/corpus"
	"liuyan/internal/textmine/segment"
)

// The files a training directory may hold, in the shared formats.
const (
	SegmentedFile = "train_segmented.csv" // label, tokens
	RawFile       = "sample_raw.csv"      // raw messages with 一级分类
)

// Data is what ReadDir found: the examples and where they came from.
type Data struct {
	Examples []Example
	// Segmented and Raw count the examples taken from each file;
	// RawDuplicates counts raw messages skipped because the segmented file
	// already holds their cut, Excluded the messages left out because the
	// caller holds them out.
	Segmented, Raw, RawDuplicates, Excluded int
	// Terms are the names of the label tree, from TaxonomyFile when the
	// directory holds one (Options.Terms).
	Terms []Term
}

// ReadDir reads the training files in dir (at least one must be there),
// and the label tree if TaxonomyFile is there.
// Raw messages are cut by seg. A raw message whose cut is already in the
// segmented file is skipped, so no message counts twice. Every message
// whose text is in exclude (raw title+body, as in an evaluation file) is
// left out, from either file, and so is every near-duplicate of one
// (NearJaccard), so that a model can be trained without the messages it
// will be tested on, re-posts included.
func ReadDir(dir string, seg *segment.Segmenter, exclude []string) (*Data, error) {
	d := &Data{}
	var rows [][]string
	var labels []string
	segPath, rawPath := filepath.Join(dir, SegmentedFile), filepath.Join(dir, RawFile)
	haveSeg, haveRaw := exists(segPath), exists(rawPath)
	if !haveSeg && !haveRaw {
		return nil, errors.New(catalog.T("textmine.no_training_files", dir, SegmentedFile, RawFile))
	}
	if haveSeg {
		segs, err := corpus.ReadSegmentedFile(segPath)
		if err != nil {
			return nil, err
		}
		for _, s := range segs {
			rows = append(rows, s.Tokens)
			labels = append(labels, s.Label)
		}
	}
	m := corpus.NewMatcher(rows)
	dropped := make([]bool, len(rows))
	excluded := map[string]bool{}
	held := make([][]string, 0, len(exclude))
	for _, text := range exclude {
		excluded[corpus.Squeeze(text)] = true
		held = append(held, seg.Words(text))
		if i := m.Find(text); i >= 0 && !dropped[i] {
			dropped[i] = true
			d.Excluded++
		}
	}
	near := newNearIndex(held)
	isNear := func(words []string) bool {
		found := false
		near.near(words, func(int) { found = true })
		return found
	}
	for i, toks := range rows {
		if !dropped[i] && len(held) > 0 && isNear(toks) {
			dropped[i] = true
			d.Excluded++
		}
		if !dropped[i] && labels[i] != "" {
			d.Examples = append(d.Examples, Example{Label: labels[i], Words: toks})
			d.Segmented++
		}
	}
	if taxPath := filepath.Join(dir, TaxonomyFile); exists(taxPath) {
		terms, err := ReadTaxonomyFile(taxPath)
		if err != nil {
			return nil, err
		}
		d.Terms = terms
	}
	if haveRaw {
		msgs, err := corpus.ReadMessagesFile(rawPath, "留言主题", "留言详情", "一级分类")
		if err != nil {
			return nil, err
		}
		for _, msg := range msgs {
			if msg.Label == "" {
				continue
			}
			words := seg.Words(msg.Text())
			switch {
			case excluded[corpus.Squeeze(msg.Text())] || len(held) > 0 && isNear(words):
				d.Excluded++
			case m.Find(msg.Text()) >= 0:
				d.RawDuplicates++
			default:
				d.Examples = append(d.Examples, Example{Label: msg.Label, Words: words})
				d.Raw++
			}
		}
	}
	return d, nil
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// ReadEval reads an evaluation file (header label,text; raw title and
// body in text) as examples cut by seg, and returns the raw texts too.
func ReadEval(path string, seg *segment.Segmenter) ([]Example, []string, error) {
	msgs, err := corpus.ReadMessagesFile(path, "label", "text")
	if err != nil {
		return nil, nil, err
	}
	ex := make([]Example, 0, len(msgs))
	texts := make([]string, 0, len(msgs))
	for _, m := range msgs {
		ex = append(ex, Example{Label: m.Label, Words: seg.Words(m.Body)})
		texts = append(texts, m.Body)
	}
	return ex, texts, nil
}
