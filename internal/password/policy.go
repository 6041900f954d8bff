package password

import (
	"errors"
	"unicode/utf8"
)

// Length limits of the password policy, in characters (runes).
const (
	MinLength = 8
	MaxLength = 72
)

// Policy errors returned by Validate. They are fixed values so that callers
// can map each to a message in the user's language.
var (
	ErrTooShort  = errors.New("password: shorter than 8 characters")
	ErrTooLong   = errors.New("password: longer than 72 characters")
	ErrTooSimple = errors.New("password: one character repeated")
)

// Validate checks plain against the password policy: MinLength to
// MaxLength characters, not all the same character. It returns nil,
// ErrTooShort, ErrTooLong or ErrTooSimple. An invalid UTF-8 byte counts as
// one character, U+FFFD.
func Validate(plain string) error {
	n := utf8.RuneCountInString(plain)
	switch {
	case n < MinLength:
		return ErrTooShort
	case n > MaxLength:
		return ErrTooLong
	}
	first, _ := utf8.DecodeRuneInString(plain)
	for _, r := range plain {
		if r != first {
			return nil
		}
	}
	return ErrTooSimple
}
