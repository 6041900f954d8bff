// Package metrics exposes the server to Prometheus at /metrics: requests
// and their latency by route pattern and status, lifecycle events by
// action, messages by state, the queues staff watch (unassigned, overdue),
// rows imported, and the database connection pools.
//
// It keeps a registry of its own rather than the global one, so that tests
// and several servers in one process do not share counters. Labels come
// from bounded sets (route patterns, states, actions), never from paths or
// user input, so a scan of random URLs cannot grow the series.
package metrics
