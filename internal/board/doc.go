// Package board describes whom citizens write to: boards (a leader's
// position or a department that joined a region) and the units that
// handle messages and sign replies.
//
// It holds types and naming rules only; storage lives in internal/store.
package board
