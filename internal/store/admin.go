package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"liuyan/internal/account"
	"liuyan/internal/board"
)

// UserFilter narrows the account list admins read: by role, and by a
// part of the login.
type UserFilter struct {
	Role  account.Role // empty for every role
	Login string       // a part of the login, matched literally
	Limit int          // at most this many, newest first; 0 means 200
}

// Users lists accounts for the admin pages, newest first.
func (s *Store) Users(ctx context.Context, f UserFilter) ([]account.User, error) {
	q := "SELECT " + userColumns + " FROM users WHERE 1 = 1"
	var args []any
	if f.Role != "" {
		q += " AND role = ?"
		args = append(args, f.Role)
	}
	if login := strings.TrimSpace(f.Login); login != "" {
		pattern, ok := containing(login)
		if !ok {
			return nil, nil // no login holds such text
		}
		q += ` AND login LIKE ? ESCAPE '\'`
		args = append(args, pattern)
	}
	if f.Limit <= 0 {
		f.Limit = 200
	}
	us, err := collect(ctx, s.reader(), func(r scanner) (account.User, error) {
		u, err := scanUser(r)
		if err != nil {
			return account.User{}, err
		}
		return *u, nil
	}, q+" ORDER BY id DESC LIMIT ?", append(args, f.Limit)...)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list users: %w", err)
	}
	return us, nil
}

// User finds an account by ID inside the transaction.
func (t *Tx) User(ctx context.Context, id int64) (*account.User, error) {
	return scanUser(t.queryRow(ctx, "SELECT "+userColumns+" FROM users WHERE id = ?"+t.forUpdate(), id))
}

// SetUserRole gives an account a new role and the scope that goes with
// it (u.Role, u.UnitID, u.BoardID, u.RegionCode); the caller validates
// them. Sessions read the account on every request, so the change takes
// effect at the person's next page. ErrNotFound for an unknown account.
func (t *Tx) SetUserRole(ctx context.Context, u *account.User) error {
	res, err := t.exec(ctx, "UPDATE users SET role = ?, unit_id = ?, board_id = ?, region_code = ? WHERE id = ?",
		u.Role, nullID(u.UnitID), nullID(u.BoardID), u.RegionCode, u.ID)
	if err != nil {
		return fmt.Errorf("store: unable to change role: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

// SetSignoffRequired says whether a board's final replies wait for its
// office's approval. ErrNotFound for an unknown board.
func (t *Tx) SetSignoffRequired(ctx context.Context, boardID int64, on bool) error {
	res, err := t.exec(ctx, "UPDATE boards SET signoff_required = ? WHERE id = ?", on, boardID)
	if err != nil {
		return fmt.Errorf("store: unable to set sign-off: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return t.changed(ctx, TopicBoards)
}

// JoinDepartment adds a department to a region inside the transaction: the
// unit that handles its messages, then its board, joined on the given
// date. ErrConflict when the region already has a board of that name.
// It lets an admin page write the join and its audit entry together.
func (t *Tx) JoinDepartment(ctx context.Context, regionCode, name string, joined time.Time) (*board.Board, error) {
	u := &board.Unit{Name: name, RegionCode: regionCode, Kind: board.DepartmentUnit}
	if err := t.CreateUnit(ctx, u); err != nil {
		return nil, err
	}
	b := &board.Board{Name: name, RegionCode: regionCode, Kind: board.Department, JoinedAt: joined, OfficeUnitID: u.ID}
	if err := t.CreateBoard(ctx, b); err != nil {
		return nil, err
	}
	return b, nil
}
