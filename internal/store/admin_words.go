package store

import (
	"errors"
	"strings"
	"unicode/utf8"
)

// ErrWordInvalid is returned for a sensitive word that is empty, longer
// than MaxWordLength characters, or holds a comma (lists of words are
// written comma-separated in moderators' notes).
var ErrWordInvalid = errors.New("store: a sensitive word must be 1–20 characters without commas")

// MaxWordLength is the longest sensitive word, in characters.
const MaxWordLength = 20

// ValidateSensitiveWord checks a word an admin wants on the list; the
// API and the admin pages both check with it.
func ValidateSensitiveWord(word string) error {
	if n := utf8.RuneCountInString(word); n == 0 || n > MaxWordLength || strings.Contains(word, ",") || !utf8.ValidString(word) {
		return ErrWordInvalid
	}
	return nil
}
