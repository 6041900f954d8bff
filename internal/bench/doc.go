// Package bench measures the board against baselines measured in the same
// run, for `liuyan bench` and the store's Go benchmarks: submitting
// through the API against a bare handler inserting the same row, latency
// at a fixed rate, public pages against a bare read, the figures from
// rollups against the naive GROUP BY, search, and the server process's
// start-up time and memory.
//
// It also fills stores for those measurements. It holds no rule of the
// board: every figure comes from internal/stats and every query from
// internal/store.
package bench
