package account

import (
	"errors"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Role is what an account may do on the platform.
type Role string

// The roles. A handler works for one unit, an office for one board, a
// supervisor over one region subtree; the others are not scoped.
const (
	Citizen    Role = "citizen"
	Moderator  Role = "moderator"
	Handler    Role = "handler"
	Office     Role = "office"
	Supervisor Role = "supervisor"
	Admin      Role = "admin"
)

// Roles lists every role.
var Roles = []Role{Citizen, Moderator, Handler, Office, Supervisor, Admin}

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	for _, k := range Roles {
		if r == k {
			return true
		}
	}
	return false
}

// Staff reports whether the role works for the government side and so sees
// unmasked text of the messages in its scope.
func (r Role) Staff() bool { return r != Citizen && r != "" }

// User is an account. Exactly the scope field of its role is set: UnitID
// for handlers, BoardID for offices, RegionCode for supervisors.
type User struct {
	ID         int64  `json:"id"`
	Login      string `json:"login"`
	Name       string `json:"name"`
	Role       Role   `json:"role"`
	UnitID     int64  `json:"unit_id,omitempty"`
	BoardID    int64  `json:"board_id,omitempty"`
	RegionCode string `json:"region_code,omitempty"`
	// Email receives notifications when the deployment sends mail.
	Email        string    `json:"email,omitempty"`
	CreatedAt    time.Time `json:"created_at"`
	PasswordHash string    `json:"-"`
}

// Errors of account validation; the API maps each to a catalogue sentence.
var (
	ErrLoginInvalid = errors.New("account: login must be 3–32 letters, digits, _ or -")
	ErrNameInvalid  = errors.New("account: name must be 1–20 characters")
	ErrRoleInvalid  = errors.New("account: unknown role")
	ErrScopeUnit    = errors.New("account: a handler needs a unit")
	ErrScopeBoard   = errors.New("account: an office needs a board")
	ErrScopeRegion  = errors.New("account: a supervisor needs a region")
)

var loginRe = regexp.MustCompile(`^[A-Za-z0-9_-]{3,32}$`)

// ValidateLogin checks a login. Logins are ASCII so that they can be typed
// on any keyboard and never collide by Unicode normalisation.
func ValidateLogin(login string) error {
	if !loginRe.MatchString(login) {
		return ErrLoginInvalid
	}
	return nil
}

// ErrEmailInvalid is returned for an address that cannot be mailed.
var ErrEmailInvalid = errors.New("account: invalid e-mail address")

// ValidateEmail checks an optional e-mail address: empty, or one with a
// local part and a domain, within the 254 characters mail allows.
func ValidateEmail(email string) error {
	if email == "" {
		return nil
	}
	at := strings.LastIndexByte(email, '@')
	if len(email) > 254 || at < 1 || at == len(email)-1 || !strings.Contains(email[at:], ".") || strings.ContainsAny(email, " \t\r\n<>,;\"") {
		return ErrEmailInvalid
	}
	return nil
}

// ValidateName checks a display name.
func ValidateName(name string) error {
	n := utf8.RuneCountInString(name)
	if !utf8.ValidString(name) || strings.IndexFunc(name, unicode.IsControl) >= 0 || n < 1 || n > 20 {
		return ErrNameInvalid
	}
	return nil
}

// ValidateScope checks that a role carries the scope it works in.
func ValidateScope(role Role, unitID, boardID int64, regionCode string) error {
	switch {
	case !role.Valid():
		return ErrRoleInvalid
	case role == Handler && unitID == 0:
		return ErrScopeUnit
	case role == Office && boardID == 0:
		return ErrScopeBoard
	case role == Supervisor && regionCode == "":
		return ErrScopeRegion
	}
	return nil
}
