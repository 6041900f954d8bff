// Package session makes and checks the secrets that keep people logged in:
// bearer tokens for API clients and cookies for the web. Only a token's
// SHA-256 is stored, so a copy of the database opens no sessions.
//
// It does not know about HTTP handlers or passwords.
package session
