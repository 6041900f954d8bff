package hot

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"liuyan/internal/textmine/segment"
)

// placeEnds are the words and last characters that end the name of a
// concrete place or body people write about.
var placeEnds = map[string]bool{
	"小区": true, "花园": true, "家园": true, "公寓": true, "大厦": true, "广场": true, "新城": true,
	"学校": true, "学院": true, "大学": true, "中学": true, "小学": true, "幼儿园": true, "医院": true,
	"公司": true, "集团": true, "工厂": true, "村": true, "社区": true, "市场": true, "工业园": true,
	"楼盘": true, "苑": true, "园": true, "城": true, "湾": true, "府": true, "庄": true,
}

// placeBreak are pieces that never belong to a place name: the masked
// region names come before a place, not inside it.
func placeBreak(piece string, k segment.Kind) bool {
	if k == segment.Stop && piece != "之" {
		return true
	}
	if k == segment.Unknown || strings.ContainsAny(piece, "0123456789一二两三四五六七八九十几个") {
		return true
	}
	if strings.HasSuffix(piece, "市") || strings.HasSuffix(piece, "区") || strings.HasSuffix(piece, "县") || strings.HasSuffix(piece, "省") {
		return true
	}
	return false
}

// Places returns the place names in text: a place word (小区, 苑, 学院…)
// with up to three pieces before it, stopping at a stop-word or a region
// name, and at least three characters in all.
func Places(seg *segment.Segmenter, text string) []string {
	type piece struct {
		s string
		k segment.Kind
	}
	var out []string
	for _, clause := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		out = append(out, clausePlaces(seg, clause)...)
	}
	return out
}

// clausePlaces finds the places in a clause, a stretch of text without
// punctuation: a place name never runs across a comma.
func clausePlaces(seg *segment.Segmenter, text string) []string {
	type piece struct {
		s string
		k segment.Kind
	}
	var ps []piece
	seg.Each(text, func(s string, k segment.Kind) { ps = append(ps, piece{s, k}) })
	var out []string
	for i, p := range ps {
		if !placeEnds[p.s] && !placeEnds[lastRune(p.s)] {
			continue
		}
		j := i
		for j > 0 && i-j < 3 && !placeBreak(ps[j-1].s, ps[j-1].k) {
			j--
		}
		var b strings.Builder
		for _, q := range ps[j : i+1] {
			b.WriteString(q.s)
		}
		name := b.String()
		if utf8.RuneCountInString(name) >= 3 && j < i {
			out = append(out, name)
		}
	}
	// A name inside a longer one (丽发新城 in 丽发新城小区) is the same place.
	var kept []string
	for _, p := range out {
		if !slices.ContainsFunc(out, func(q string) bool { return q != p && strings.Contains(q, p) }) {
			kept = append(kept, p)
		}
	}
	return kept
}

func lastRune(s string) string {
	_, size := utf8.DecodeLastRuneInString(s)
	return s[len(s)-size:]
}

// genericEnds are place words that people swap for one another when they
// name the same place (丽发新城小区, 丽发新城社区, 丽发新城).
var genericEnds = []string{"小区", "社区", "项目", "楼盘"}

// samePlace tells whether two place names name the same place: after the
// generic ends are cut, one holds the other.
func samePlaceName(a, b string) bool {
	a, b = core(a), core(b)
	return strings.Contains(a, b) || strings.Contains(b, a)
}

func core(p string) string {
	for _, g := range genericEnds {
		if c, ok := strings.CutSuffix(p, g); ok && utf8.RuneCountInString(c) >= 2 {
			return c
		}
	}
	return p
}
