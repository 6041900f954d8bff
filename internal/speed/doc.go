// Package speed holds the speed regression check that CI runs: pairs of
// measurements taken in one run, each a piece of liuyan (a page, the
// workflow, the figures) against a bare baseline doing the least the same
// job needs on the same data, compared as a ratio against a limit set at
// twice the ratio measured when the check was written (BENCHMARKS.md).
//
// A ratio, not a time: on a shared machine both sides slow down together,
// so only a change in liuyan's own code moves the ratio. The package has
// no code outside its tests; it must not grow helpers for other packages.
package speed
