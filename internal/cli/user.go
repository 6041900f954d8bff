package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"liuyan/internal/account"
	"liuyan/internal/password"
	"liuyan/internal/region"
	"liuyan/internal/store"
)

func userCmd(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) == 0 || args[0] != "add" {
		return errors.New("usage: liuyan user add --login L --password P --role R [--name N] [--unit ID] [--board ID] [--region CODE]")
	}
	var c common
	var u account.User
	var plain, role string
	fs := flag.NewFlagSet("user add", flag.ContinueOnError)
	c.register(fs)
	fs.StringVar(&u.Login, "login", "", "login name")
	fs.StringVar(&plain, "password", "", "password (8–72 characters)")
	fs.StringVar(&role, "role", "citizen", "citizen, moderator, handler, office, supervisor or admin")
	fs.StringVar(&u.Name, "name", "", "display name (defaults to the login)")
	fs.Int64Var(&u.UnitID, "unit", 0, "unit ID (handler)")
	fs.Int64Var(&u.BoardID, "board", 0, "board ID (office)")
	fs.StringVar(&u.RegionCode, "region", "", "region code (supervisor)")
	fs.StringVar(&u.Email, "email", "", "e-mail address for notifications")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	u.Role = account.Role(role)
	if u.Name == "" {
		u.Name = u.Login
	}
	if err := errors.Join(account.ValidateLogin(u.Login), account.ValidateName(u.Name), account.ValidateEmail(u.Email), password.Validate(plain),
		account.ValidateScope(u.Role, u.UnitID, u.BoardID, u.RegionCode)); err != nil {
		return err
	}
	if _, ok := region.Get(u.RegionCode); u.RegionCode != "" && !ok {
		return fmt.Errorf("unknown region %s", u.RegionCode)
	}
	s, err := c.open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	if u.UnitID != 0 {
		if _, err := s.Unit(ctx, u.UnitID); err != nil {
			return fmt.Errorf("unit %d: %w", u.UnitID, err)
		}
	}
	if u.BoardID != 0 {
		if _, err := s.Board(ctx, u.BoardID); err != nil {
			return fmt.Errorf("board %d: %w", u.BoardID, err)
		}
	}
	if u.PasswordHash, err = password.Hash(ctx, plain); err != nil {
		return err
	}
	err = s.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.CreateUser(ctx, &u); err != nil {
			return err
		}
		return tx.Audit(ctx, 0, "user_add", u.Login, string(u.Role))
	})
	if errors.Is(err, store.ErrConflict) {
		return fmt.Errorf("login %q is taken", u.Login)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "user %d %s (%s) created\n", u.ID, u.Login, u.Role)
	return nil
}
