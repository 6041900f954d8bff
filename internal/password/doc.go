// Package password hashes and checks account passwords with argon2id, and
// holds the password policy.
//
// Hashes are PHC strings ($argon2id$v=19$m=…,t=…,p=…$salt$hash), so the
// parameters travel with each hash: Verify reads them from the string, and
// NeedsRehash tells the caller when a stored hash was made with parameters
// other than DefaultParams and should be replaced after the next successful
// login.
//
// One argon2id computation with DefaultParams takes about a quarter of a
// second and 64 MiB of memory, so the package lets only a fixed number of
// them run at once (runtime.NumCPU by default, see SetConcurrency); other
// callers wait, or give up when their context ends. A burst of logins thus
// queues instead of exhausting memory.
//
// The package must not store, log or return plain passwords, must not decide
// what to do after a failed check (rate limits and lock-outs belong to the
// caller), and does no I/O.
package password
