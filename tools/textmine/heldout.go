package main

import (
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"liuyan/internal/textmine/corpus"
)

// buildHeldout writes the evaluation file of the classifier's held-out
// test: every labelled raw message of sample_raw.csv as label,text, the
// text being title and body with white space removed, as users send them.
// The test trains a model with these messages excluded (train --exclude).
func buildHeldout(dir, out string) error {
	msgs, err := corpus.ReadMessagesFile(filepath.Join(dir, "sample_raw.csv"), "留言主题", "留言详情", "一级分类")
	if err != nil {
		return err
	}
	var rows [][]string
	for _, m := range msgs {
		text := strings.Map(func(r rune) rune {
			if unicode.IsSpace(r) {
				return -1
			}
			return r
		}, m.Title+m.Body)
		rows = append(rows, []string{m.Label, text})
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	if err := corpus.WriteTable(f, []string{"label", "text"}, rows); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
