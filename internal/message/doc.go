// Package message describes a citizen's message and what hangs on it: the
// event log, replies, follow-ups and the rating, with the rules for valid
// input (lengths, types, domains, tags, star scores).
//
// It holds no storage and no lifecycle decisions (internal/lifecycle has
// those); it is the vocabulary the store, the workflow and the API share.
package message
