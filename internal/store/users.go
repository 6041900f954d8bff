package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"liuyan/internal/account"
)

const userColumns = "id, login, name, password_hash, role, COALESCE(unit_id, 0), COALESCE(board_id, 0), region_code, email, created_at"

func scanUser(row scanner) (*account.User, error) {
	var u account.User
	if err := row.Scan(&u.ID, &u.Login, &u.Name, &u.PasswordHash, &u.Role, &u.UnitID, &u.BoardID, &u.RegionCode, &u.Email, &u.CreatedAt); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, ErrNotFound
		}
		return nil, fmt.Errorf("store: unable to read user: %w", err)
	}
	u.CreatedAt = u.CreatedAt.UTC()
	return &u, nil
}

// CreateUser inserts an account; ErrConflict when the login is taken. A
// zero CreatedAt is stamped now; importers and the demo set their own.
func (t *Tx) CreateUser(ctx context.Context, u *account.User) error {
	if u.CreatedAt.IsZero() {
		u.CreatedAt = time.Now()
	}
	u.CreatedAt = u.CreatedAt.UTC()
	id, err := t.insertID(ctx, `INSERT INTO users (login, name, password_hash, role, unit_id, board_id, region_code, email, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		u.Login, u.Name, u.PasswordHash, u.Role, nullID(u.UnitID), nullID(u.BoardID), u.RegionCode, u.Email, u.CreatedAt)
	if isUnique(err) {
		return ErrConflict
	}
	if err != nil {
		return fmt.Errorf("store: unable to create user: %w", err)
	}
	u.ID = id
	return nil
}

// UserByLogin finds an account by its login.
func (s *Store) UserByLogin(ctx context.Context, login string) (*account.User, error) {
	return scanUser(s.reader().queryRow(ctx, "SELECT "+userColumns+" FROM users WHERE login = ?", login))
}

// User finds an account by ID.
func (s *Store) User(ctx context.Context, id int64) (*account.User, error) {
	return scanUser(s.reader().queryRow(ctx, "SELECT "+userColumns+" FROM users WHERE id = ?", id))
}

// LoginTaken reports whether a login exists, so registration can refuse
// before paying for a password hash.
func (s *Store) LoginTaken(ctx context.Context, login string) (bool, error) {
	var n int
	err := s.reader().queryRow(ctx, "SELECT COUNT(*) FROM users WHERE login = ?", login).Scan(&n)
	return n > 0, err
}

// Token kinds: web sessions live in a cookie, API tokens in a bearer header.
const (
	TokenWeb = "web"
	TokenAPI = "api"
)

// CreateToken stores the hash of a session or API token; the token itself
// is never stored, so a leaked database does not leak sessions.
func (s *Store) CreateToken(ctx context.Context, hash string, userID int64, kind string, expires time.Time) error {
	_, err := s.writer().exec(ctx,
		"INSERT INTO tokens (hash, user_id, kind, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
		hash, userID, kind, time.Now().UTC(), expires.UTC())
	if err != nil {
		return fmt.Errorf("store: unable to create token: %w", err)
	}
	return nil
}

// UserByToken finds the account of a live (unexpired, unrevoked) token of
// the given kind: a web session cookie is no API token, and the other way
// round, so each can be revoked and expire by its own rules.
func (s *Store) UserByToken(ctx context.Context, hash, kind string, now time.Time) (*account.User, error) {
	return scanUser(s.reader().queryRow(ctx, "SELECT "+userColumns+` FROM users WHERE id =
		(SELECT user_id FROM tokens WHERE hash = ? AND kind = ? AND expires_at > ? AND revoked_at IS NULL)`,
		hash, kind, now.UTC()))
}

// RevokeToken ends a session or API token.
func (s *Store) RevokeToken(ctx context.Context, hash string) error {
	_, err := s.writer().exec(ctx,
		"UPDATE tokens SET revoked_at = ? WHERE hash = ? AND revoked_at IS NULL", time.Now().UTC(), hash)
	return err
}
