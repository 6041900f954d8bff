package corpus

import (
	"encoding/csv"
	"errors"
	"io"
	"os"
	"strings"

	"liuyan/internal/catalog"
)

// Segmented is one row of train_segmented.csv: a label and the message's
// words as jieba cut them, stop-words and punctuation removed.
type Segmented struct {
	Label  string
	Tokens []string
}

// junkTokens are artefacts of the export, not words: Excel's escaped
// carriage return.
var junkTokens = map[string]bool{"_x000D_": true}

// ReadSegmented reads a `label,tokens` file.
func ReadSegmented(r io.Reader) ([]Segmented, error) {
	cr := csv.NewReader(stripBOM(r))
	header, err := cr.Read()
	if err != nil {
		return nil, errors.New(catalog.T("textmine.no_header"))
	}
	if len(header) != 2 || strings.TrimSpace(header[0]) != "label" || strings.TrimSpace(header[1]) != "tokens" {
		return nil, errors.New(catalog.T("textmine.missing_columns", "label、tokens"))
	}
	var out []Segmented
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, csvError(err)
		}
		s := Segmented{Label: strings.TrimSpace(rec[0])}
		for _, t := range strings.Fields(rec[1]) {
			if !junkTokens[t] {
				s.Tokens = append(s.Tokens, t)
			}
		}
		out = append(out, s)
	}
}

// ReadSegmentedFile is ReadSegmented on the named file.
func ReadSegmentedFile(name string) ([]Segmented, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, errors.New(catalog.T("textmine.cannot_open", name))
	}
	defer f.Close()
	return ReadSegmented(f)
}
