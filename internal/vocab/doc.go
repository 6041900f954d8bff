// Package vocab holds the lists admins manage — message types with their
// handling days, domains and topic tags — and each board's own deadline
// rules, as one immutable Set. The store keeps the current Set in memory
// and reads it again when it hears of a change, on any instance
// (store.Vocab).
//
// Every reader of these lists (validation, forms, filters, figures,
// Open311, import) asks the Set, so that a list has one definition. The
// package does no I/O itself.
// The classifier's label set is not here: it is the model's own data.
package vocab
