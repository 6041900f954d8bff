// Package feed serves Atom feeds of a board's, a region's or a domain's
// public messages and their replies, for feed readers, newsrooms and
// integrations that follow a topic without an account.
//
// A feed shows exactly what an anonymous visitor sees: public messages once
// accepted (store.Viewer{}, the one visibility rule), their masked text,
// the author's name masked, and published replies. It must never show
// private messages, unmasked text or staff notes.
package feed
