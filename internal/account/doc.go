// Package account describes the people who use the board: their roles and
// the scope each role works in, and the rules for logins and names.
//
// It holds no storage and no password hashing (see internal/password);
// it only says what a valid account is.
package account
