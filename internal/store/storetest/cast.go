package storetest

import (
	"context"
	"testing"

	"liuyan/internal/account"
	"liuyan/internal/board"
	"liuyan/internal/directory"
	"liuyan/internal/password"
	"liuyan/internal/store"
)

// Cheap keeps password hashing fast in tests; Verify reads the parameters
// from the stored hash, so signing in works as in production.
var Cheap = password.Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

// Password is every cast member's password.
const Password = "办理密码2026abc"

// Cast is the people and places the HTTP tests (API and web pages) share,
// on the boards of 杭州市钱塘区 in a Seeded store: one of each kind of
// person the authorization rules tell apart, so that every test means the
// same thing by "the handler" or "a supervisor elsewhere".
type Cast struct {
	Board  board.Board // 钱塘区委书记: where the tests' messages go
	Board2 board.Board // 钱塘区区长: another board of the same region
	Bureau *board.Unit // 钱塘区住房和城乡建设局: the unit that handles them
	Other  *board.Unit // 西湖区城市管理局: a unit of another district
	// Users are the accounts by login: moderator, office (of Board),
	// office2 (of Board2), handler (of Bureau), handler2 (of Other),
	// supervisor (浙江省), outsider (a supervisor of 湖南省), admin,
	// citizen and neighbour; all sign in with Password.
	Users map[string]*account.User
}

// castUsers are the accounts NewCast makes, with the board or unit each
// belongs to filled in by NewCast.
var castUsers = []account.User{
	{Login: "moderator", Name: "审核员小周", Role: account.Moderator},
	{Login: "office", Name: "钱塘区委书记留言办", Role: account.Office},
	{Login: "office2", Name: "钱塘区区长留言办", Role: account.Office},
	{Login: "handler", Name: "住建局小王", Role: account.Handler},
	{Login: "handler2", Name: "城管局小李", Role: account.Handler},
	{Login: "supervisor", Name: "浙江省督办员", Role: account.Supervisor, RegionCode: "330000"},
	{Login: "outsider", Name: "湖南省督办员", Role: account.Supervisor, RegionCode: "430000"},
	{Login: "admin", Name: "系统管理员", Role: account.Admin},
	{Login: "citizen", Name: "下沙居民", Role: account.Citizen},
	{Login: "neighbour", Name: "白杨街道居民", Role: account.Citizen},
}

// NewCast adds the cast's units and accounts to s, which must hold the
// leader boards (Seeded).
func NewCast(t testing.TB, s *store.Store) *Cast {
	t.Helper()
	ctx := context.Background()
	c := &Cast{Users: map[string]*account.User{}}
	boards, err := s.Boards(ctx, "330114", board.Leader)
	if err != nil || len(boards) != 2 || boards[0].Name != "钱塘区委书记" {
		t.Fatalf("leader boards of 钱塘区: %v %v", boards, err)
	}
	c.Board, c.Board2 = boards[0], boards[1]
	if c.Bureau, err = directory.AddUnit(ctx, s, "330114", "钱塘区住房和城乡建设局"); err != nil {
		t.Fatal(err)
	}
	if c.Other, err = directory.AddUnit(ctx, s, "330106", "西湖区城市管理局"); err != nil {
		t.Fatal(err)
	}
	hash, err := password.HashWith(ctx, Password, Cheap)
	if err != nil {
		t.Fatal(err)
	}
	belongs := map[string]func(u *account.User){
		"office":   func(u *account.User) { u.BoardID = c.Board.ID },
		"office2":  func(u *account.User) { u.BoardID = c.Board2.ID },
		"handler":  func(u *account.User) { u.UnitID = c.Bureau.ID },
		"handler2": func(u *account.User) { u.UnitID = c.Other.ID },
	}
	err = s.InTx(ctx, func(tx *store.Tx) error {
		for _, u := range castUsers {
			u.PasswordHash = hash
			if f := belongs[u.Login]; f != nil {
				f(&u)
			}
			if err := tx.CreateUser(ctx, &u); err != nil {
				return err
			}
			c.Users[u.Login] = &u
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// Person is one kind of person the authorization rules tell apart, and
// the cast's account of that kind ("" for a visitor who has not signed in).
type Person struct{ Who, Login string }

// People are the eleven kinds of person of the authorization matrices,
// in the order of their columns, for a message the cast's citizen wrote
// to Board and Board's office assigned to Bureau.
var People = []Person{
	{"anonymous", ""}, {"author", "citizen"}, {"other citizen", "neighbour"}, {"moderator", "moderator"},
	{"handler of the unit", "handler"}, {"handler of another unit", "handler2"},
	{"office of the board", "office"}, {"office of another board", "office2"},
	{"supervisor of the region", "supervisor"}, {"supervisor elsewhere", "outsider"}, {"admin", "admin"},
}

// HiddenFromPrivate are the people who may not see such a message when it
// is private: for them it does not exist.
var HiddenFromPrivate = map[string]bool{"anonymous": true, "other citizen": true, "handler of another unit": true,
	"office of another board": true, "supervisor elsewhere": true}
