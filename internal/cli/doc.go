// Package cli is the liuyan command: it reads flags and the environment,
// opens the store and hands over to the server or the admin commands.
//
// It holds no business rules; each command is a thin call into the
// packages that own the work.
package cli
