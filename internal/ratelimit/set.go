package ratelimit

import (
	"net"
	"net/http"
	"os"
	"time"
)

// Set is the board's limits, shared by the API and the web pages so that a
// client cannot escape a limit by switching between them. A nil *Limiter
// allows everything, so Off() is simply a Set with no limiters.
type Set struct {
	Register  *Limiter // new accounts per IP
	Login     *Limiter // login attempts per IP
	LoginFail *Limiter // failed logins per account: when used up, the account is locked
	Post      *Limiter // messages per account
	PostIP    *Limiter // messages per IP, for many accounts behind one address
	Followup  *Limiter // follow-ups per account
	// Answer bounds questionnaire responses per IP in anonymous mode,
	// where visitors answer without an account to count them by.
	Answer *Limiter
}

// DefaultSet is generous to people and tight for scripts: a citizen never
// posts ten messages in an hour by hand.
func DefaultSet() *Set {
	return &Set{
		Register:  New(Rule{Burst: 10, Per: time.Hour}),
		Login:     New(Rule{Burst: 30, Per: 10 * time.Minute}),
		LoginFail: New(Rule{Burst: 5, Per: 15 * time.Minute}),
		Post:      New(Rule{Burst: 10, Per: time.Hour}),
		PostIP:    New(Rule{Burst: 60, Per: time.Hour}),
		Followup:  New(Rule{Burst: 10, Per: time.Hour}),
		Answer:    New(Rule{Burst: 20, Per: time.Hour}),
	}
}

// Off is a set that limits nothing (LIUYAN_RATE_LIMITS=off, for load and
// crash tests).
func Off() *Set { return &Set{} }

// Share keeps every limit of the set in s (the database), so that several
// instances of the server enforce one limit between them; each limiter's
// scope is its name here.
func (s *Set) Share(sh Shared) {
	for scope, l := range map[string]*Limiter{"register": s.Register, "login": s.Login, "login_fail": s.LoginFail,
		"post": s.Post, "post_ip": s.PostIP, "followup": s.Followup} {
		l.Share(sh, scope)
	}
}

// FromEnv returns DefaultSet, or Off when LIUYAN_RATE_LIMITS=off.
func FromEnv() *Set {
	if os.Getenv("LIUYAN_RATE_LIMITS") == "off" {
		return Off()
	}
	return DefaultSet()
}

// ClientIP is the address a request came from, the key of per-address
// limits. Behind a reverse proxy every request shares the proxy's address;
// the per-account limits still hold.
func ClientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
