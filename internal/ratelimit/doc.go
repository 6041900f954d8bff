// Package ratelimit bounds how often one key (an IP address, an account)
// may do something: token buckets in memory, swept as they go idle, or,
// once shared (Set.Share), kept in the database so that several instances
// of the server enforce one limit and one login lockout between them.
//
// Of HTTP it knows only how to read a request's client address; of the
// database only the Shared interface the store implements.
package ratelimit
