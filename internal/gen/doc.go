// Package gen fills a store with a generated history of the board, for
// benchmarks, load tests and trying the figures at scale: messages over
// the whole region tree in proportion to each province's weight, to the
// leaders and to departments that joined over time, with the real board's
// shares of types and domains, its yearly growth, reply rates by level,
// reply delays in working days with a long tail, ratings, follow-ups,
// extensions, returns, transfers, sign-offs, urging and overdue messages,
// and text composed from templates and a vocabulary of the real data's
// words (vocab.tsv, built by tools/genvocab).
//
// Every step of every history is decided by lifecycle.Decide and applied
// by message.Apply, the rules live messages follow, and the records are
// written through the store's one bulk path (store.ImportFolded), which
// folds each batch's events into the rollups by the figures' own rule
// (stats.Rules.Fold) in the batch's transaction, so that a generated store
// needs no refold. Into an empty store the secondary indexes are built
// once at the end (store.DeferIndexes). A seed gives the same history:
// each message draws from a source of its own.
//
// It writes rows directly and must not be pointed at a board in use: it
// adds accounts and departments for its messages.
package gen
