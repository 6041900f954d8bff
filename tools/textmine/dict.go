package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"liuyan/internal/textmine/corpus"
)

// buildDict writes the segmenter's dictionary: every word of the training
// cuts with its count, the stop-words that the cuts dropped, and the masked
// place names of the data.
func buildDict(dir, out string) error {
	rows, err := corpus.ReadSegmentedFile(filepath.Join(dir, "train_segmented.csv"))
	if err != nil {
		return err
	}
	freq := map[string]float64{}
	tokens := make([][]string, len(rows))
	for i, r := range rows {
		tokens[i] = r.Tokens
		for _, t := range r.Tokens {
			freq[corpus.Squeeze(t)]++
		}
	}
	delete(freq, "")
	stops, err := stopWords(dir, tokens, freq)
	if err != nil {
		return err
	}
	places, err := maskedPlaces(dir)
	if err != nil {
		return err
	}
	for w, n := range places {
		freq[w] = max(freq[w], n)
	}
	words := make([]string, 0, len(freq)+len(stops))
	for w := range freq {
		words = append(words, w)
	}
	for w := range stops {
		words = append(words, w)
	}
	slices.Sort(words)
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	b := bufio.NewWriter(f)
	fmt.Fprintln(b, "# Built by `go run ./tools/textmine dict` from the TipDM 2020 data: word<TAB>count[<TAB>stop].")
	for _, w := range words {
		if n, ok := stops[w]; ok {
			fmt.Fprintf(b, "%s\t%.0f\tstop\n", w, n)
			continue
		}
		fmt.Fprintf(b, "%s\t%.0f\n", w, freq[w])
	}
	if err := b.Flush(); err != nil {
		return err
	}
	fmt.Printf("%s: %d words, %d stop-words, %d masked place names\n", out, len(freq), len(stops), len(places))
	return f.Close()
}

// stopWords aligns the raw messages of sample_raw.csv with their cuts in
// the training file and counts what lies between the kept words. A piece
// of one script (Chinese, or ASCII) up to four characters long that the
// cuts never keep is a stop-word; its count is scaled from the aligned
// messages to the whole training set, so that the segmenter weighs it like
// the words around it.
func stopWords(dir string, tokens [][]string, vocab map[string]float64) (map[string]float64, error) {
	raw, err := corpus.ReadMessagesFile(filepath.Join(dir, "sample_raw.csv"), "留言主题", "留言详情")
	if err != nil {
		return nil, err
	}
	m := corpus.NewMatcher(tokens)
	count := map[string]float64{}
	aligned := 0
	for _, msg := range raw {
		row := m.Find(msg.Text())
		if row < 0 {
			continue
		}
		aligned++
		_, gaps := corpus.Align(corpus.Squeeze(msg.Text()), tokens[row])
		for _, g := range gaps {
			for _, p := range byScript(g) {
				count[p]++
			}
		}
	}
	scale := float64(len(tokens)) / float64(max(aligned, 1))
	stops := map[string]float64{}
	for p, n := range count {
		runes := utf8.RuneCountInString(p)
		if vocab[p] > 0 || runes > 4 || (n < 2 && runes > 1) {
			continue
		}
		stops[p] = n * scale
	}
	fmt.Printf("aligned %d of %d raw messages with their cuts\n", aligned, len(raw))
	return stops, nil
}

// byScript splits a gap where it turns from Chinese to ASCII or back.
func byScript(s string) []string {
	var out []string
	start, last := 0, -1
	for i, r := range s {
		k := 0
		if r < utf8.RuneSelf {
			k = 1
		}
		if last >= 0 && k != last {
			out = append(out, s[start:i])
			start = i
		}
		last = k
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

// maskedPlace is how the data's publisher masked place names: a letter, a
// number and the level (A市, A3区, K8县).
var maskedPlace = regexp.MustCompile(`[A-Z][0-9]{0,2}[市区县]`)

// maskedPlaces counts the masked place names in the raw message files, so
// that A3区 is one word, as the board and unit names built on it would be.
func maskedPlaces(dir string) (map[string]float64, error) {
	count := map[string]float64{}
	for _, name := range []string{"sample_raw.csv", "hotspot_messages.csv", "replies.csv", "unlabeled.csv"} {
		msgs, err := corpus.ReadMessagesFile(filepath.Join(dir, name), "留言主题", "留言详情")
		if err != nil {
			return nil, err
		}
		for _, m := range msgs {
			for _, p := range maskedPlace.FindAllString(m.Text(), -1) {
				count[strings.Map(unicode.ToLower, p)]++
			}
		}
	}
	for p, n := range count {
		if n < 3 {
			delete(count, p)
		}
	}
	return count, nil
}
