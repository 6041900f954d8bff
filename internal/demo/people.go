package demo

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"unicode/utf8"

	"liuyan/internal/account"
	"liuyan/internal/board"
	"liuyan/internal/store"
)

// demoPassword is the one password of every demo account, printed by the
// CLI so that anyone can log in as any role.
const demoPassword = "liuyan-demo-2026"

// citizens of each province: the first twelve live in 浙江, the rest in 湖南.
const (
	citizenCount = 20
	zhejiangers  = 12
)

// featured are the units whose handlers get the first logins, handler01
// to handler04, and are listed in the result; every other unit a message
// is routed to gets the next number when it is first needed.
var featured = []string{"杭州市钱塘区住房和城乡建设局", "杭州市钱塘区下沙街道办事处", "杭州市住房保障和房产管理局", "长沙市岳麓区梅溪湖街道办事处"}

// people makes the demo's accounts (not yet stored): the platform's
// staff, an office for every board, handlers for the featured units and
// the citizens.
func (g *generator) people() error {
	g.account(&account.User{Login: "admin", Name: "平台管理员", Role: account.Admin})
	g.moderator = g.account(&account.User{Login: "moderator", Name: "留言审核员", Role: account.Moderator})
	g.supervisors = map[string]*account.User{
		"330000": g.account(&account.User{Login: "supervisor", Name: "浙江省留言督办员", Role: account.Supervisor, RegionCode: "330000"}),
		"430000": g.account(&account.User{Login: "supervisor-hn", Name: "湖南省留言督办员", Role: account.Supervisor, RegionCode: "430000"}),
	}

	mayor := slices.IndexFunc(g.boards, func(b *boardInfo) bool {
		return b.RegionCode == "330100" && b.Kind == board.Leader && b.Title == board.Head
	})
	if mayor < 0 {
		return errors.New("demo: the board of the mayor of 杭州市 is missing")
	}
	g.mayor = g.boards[mayor]
	g.mayor.office = g.account(&account.User{Login: "office", Name: trim20(g.mayor.Name + "留言办"), Role: account.Office, BoardID: g.mayor.ID})
	for _, b := range g.boards {
		if b.office == nil {
			g.officeLogins++
			b.office = g.account(&account.User{Login: fmt.Sprintf("office%02d", g.officeLogins+1), Name: trim20(b.Name + "留言办"),
				Role: account.Office, BoardID: b.ID})
		}
	}

	for _, name := range featured {
		u := g.unitNamed(name)
		if u == nil {
			return fmt.Errorf("demo: featured unit %s is missing", name)
		}
		g.featured = append(g.featured, u)
		g.handler(u)
	}

	g.citizens = map[string][]*account.User{}
	for i := range citizenCount {
		province := "330000"
		if i >= zhejiangers {
			province = "430000"
		}
		u := g.account(&account.User{Login: fmt.Sprintf("citizen%02d", i+1), Name: g.personName(), Role: account.Citizen})
		g.citizens[province] = append(g.citizens[province], u)
	}
	return nil
}

// account adds an account to those to store.
func (g *generator) account(u *account.User) *account.User {
	g.users = append(g.users, u)
	return u
}

// logins lists the accounts for the result: each staff role with its
// scope, and ranges for the numbered offices, handlers and citizens.
func (g *generator) logins() []Login {
	ls := []Login{
		{Login: "admin", Role: string(account.Admin), Scope: "全平台"},
		{Login: "moderator", Role: string(account.Moderator), Scope: "全平台"},
		{Login: "supervisor", Role: string(account.Supervisor), Scope: "浙江省"},
		{Login: "supervisor-hn", Role: string(account.Supervisor), Scope: "湖南省"},
		{Login: "office", Role: string(account.Office), Scope: g.mayor.Name},
		{Login: fmt.Sprintf("office02…office%02d", g.officeLogins+1), Role: string(account.Office), Scope: "其余各留言版块，每个版块一个"},
	}
	for _, u := range g.featured {
		ls = append(ls, Login{Login: u.handler.Login, Role: string(account.Handler), Scope: u.Name})
	}
	ls = append(ls,
		Login{Login: fmt.Sprintf("handler%02d…handler%02d", len(g.featured)+1, g.handlers), Role: string(account.Handler), Scope: "其余承办单位，每个单位一个"},
		Login{Login: "citizen01", Role: string(account.Citizen),
			Scope: fmt.Sprintf("citizen01…citizen%02d（01–%02d 住在浙江，其余住在湖南）", citizenCount, zhejiangers)},
	)
	return ls
}

// handler returns the account that handles a unit's messages, making it
// the first time.
func (g *generator) handler(u *unitInfo) *account.User {
	if u.handler == nil {
		g.handlers++
		u.handler = &account.User{Login: fmt.Sprintf("handler%02d", g.handlers), Name: g.personName(), Role: account.Handler, UnitID: u.ID}
		g.users = append(g.users, u.handler)
	}
	return u.handler
}

// citizen draws the author of a message to b among the citizens of its
// province, the first ones more often: a few people write a lot.
func (g *generator) citizen(b *boardInfo) *account.User {
	cs := g.citizens[b.RegionCode[:2]+"0000"]
	return cs[min(g.rng.IntN(len(cs)), g.rng.IntN(len(cs)))]
}

func (g *generator) unitNamed(name string) *unitInfo {
	for _, us := range g.units {
		for _, u := range us {
			if u.Name == name {
				return u
			}
		}
	}
	return nil
}

// personName composes a two- or three-character Chinese name.
func (g *generator) personName() string {
	name := pick(g.rng, surnames) + pick(g.rng, givenChars)
	if g.rng.IntN(3) > 0 {
		name += pick(g.rng, givenChars)
	}
	return name
}

// trim20 keeps a display name within the 20 characters accounts allow.
func trim20(s string) string {
	if utf8.RuneCountInString(s) <= 20 {
		return s
	}
	return string([]rune(s)[:20])
}

// save stores every account in one transaction, all with the same
// password hash, so that a taken login leaves no half-made staff behind.
func (g *generator) save(ctx context.Context, hash string) error {
	return g.desk.Store.InTx(ctx, func(tx *store.Tx) error {
		for _, u := range g.users {
			u.PasswordHash = hash
			if err := account.ValidateLogin(u.Login); err != nil {
				return fmt.Errorf("demo: login %q: %w", u.Login, err)
			}
			if err := account.ValidateScope(u.Role, u.UnitID, u.BoardID, u.RegionCode); err != nil {
				return fmt.Errorf("demo: account %s: %w", u.Login, err)
			}
			err := tx.CreateUser(ctx, u)
			if errors.Is(err, store.ErrConflict) {
				return fmt.Errorf("demo: login %q is already taken", u.Login)
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
}
