// Package dedupe finds repeated and copy-pasted messages.
//
// A message's fingerprint is a 64-bit SimHash (Charikar 2002) of the
// character 3-grams of its title and body, with white space and punctuation
// removed, so that re-posting the same text, with other line breaks or a
// changed punctuation mark, gives the same or a nearby fingerprint, while
// two messages on one topic written by different people do not. Two
// messages are near-duplicates when their fingerprints differ in at most
// MaxDistance bits. The fingerprint is 8 bytes, so the server can keep one
// per message in the database and look up a new message's near-duplicates
// through the Index without reading any text.
//
// It does not decide what to do with a duplicate: the caller links it to
// the original, or merges it, or just shows it.
package dedupe
