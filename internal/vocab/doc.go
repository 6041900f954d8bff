// Package vocab holds the lists admins manage — message types with their
// handling days, domains and topic tags — and each board's own deadline
// rules, as one immutable Set, with a Registry that caches the current
// Set and reloads it when an admin changes something.
//
// Every reader of these lists (validation, forms, filters, figures,
// Open311, import) asks the Set, so that a list has one definition. The
// package does no I/O itself: the Registry is given a loader (the store's).
// The classifier's label set is not here: it is the model's own data.
package vocab
