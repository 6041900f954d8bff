// Package lifecycle is the whole life of a message in one place: its
// states, the actions that move it, who may take each action, and the
// deadline rules (DESIGN §3).
//
// It decides; it does not do. It has no I/O, no clock and no database:
// callers pass the facts of a message and the attempted action, and store
// the outcome together with its event. Anyone who wants to know what may
// happen to a message reads lifecycle.go and its table-driven test.
package lifecycle
