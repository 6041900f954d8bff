package session

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"time"
)

// Lifetimes of the two token kinds: API clients (apps, mini-programs)
// stay signed in for long; web sessions end sooner.
const (
	APILifetime = 90 * 24 * time.Hour
	WebLifetime = 7 * 24 * time.Hour
)

// New returns a fresh random token and the hash to store for it.
func New() (token, hash string) {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand never fails on supported platforms
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, Hash(token)
}

// Hash is what the store keeps for a token.
func Hash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}
