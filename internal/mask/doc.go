// Package mask hides personal data in text shown to the public.
//
// Text replaces the identifying characters of mobile and landline phone
// numbers, Chinese resident ID numbers, bank card numbers, e-mail addresses
// and vehicle plate numbers with '*'; Find reports where they are, for tests
// and for moderators' highlighting; Name masks an author's display name.
//
// Masking keeps the shape of the text: every hidden character becomes exactly
// one '*' ('＊' when it was full-width), separators stay where they were, and a few characters stay
// visible (the first three and last two digits of a mobile number, the area
// code and last two digits of a landline, the first and last character of an
// ID number, the last four digits of a bank card, the first character of an
// e-mail address, the province and city letter of a plate), so a reader sees
// that something was there and what kind of thing it was. Text is
// idempotent: masking masked text changes nothing.
//
// Numbers are only masked when their form says what they are: a mobile
// number starts with 13–19 and has 11 digits; a landline needs its area
// code; an ID number needs a real province code, a real birth date and, for
// 18 digits, a valid ISO 7064 MOD 11-2 check character; a bank card needs 16
// to 19 digits, a card-network prefix (3, 4, 5, 6, 9, or 2221–2720) and a
// valid Luhn check digit. So dates, amounts, message numbers, road numbers,
// years, house numbers and long order numbers that pass neither the ID nor
// the bank card checks are left alone. A run of digits is only considered
// whole: a phone number is never found inside a longer run of digits, nor
// inside a word of letters and digits.
//
// The package must not decide who may see unmasked text (that is the
// caller's job: handlers see the original, the public sees Text of it), must
// not store or log what it finds, and must do no I/O. It never panics, also
// on invalid UTF-8, which it copies through unchanged.
package mask
