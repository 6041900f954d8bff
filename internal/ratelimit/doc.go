// Package ratelimit bounds how often one key (an IP address, an account)
// may do something: token buckets in memory, swept as they go idle.
//
// It keeps no state across processes: with several instances each enforces
// its own share, which bounds abuse well enough for registration, login
// and posting. Of HTTP it knows only how to read a request's client address.
package ratelimit
