package stats_test

import (
	"context"
	"strconv"
	"sync"
	"testing"
	"time"

	"liuyan/internal/account"
	"liuyan/internal/board"
	"liuyan/internal/calendar"
	"liuyan/internal/lifecycle"
	"liuyan/internal/message"
	"liuyan/internal/stats"
	"liuyan/internal/store"
	"liuyan/internal/workflow"
)

// world is a small board on a real region tree, with a controlled clock:
// 浙江省 with 杭州市 (钱塘区, 西湖区) and 宁波市 (海曙区), and 湖南省 with
// 长沙市 (岳麓区). Every region has its two leader boards and an office;
// 杭州市 has a department board that joined in 2020 and requires sign-off.
type world struct {
	t     testing.TB
	s     *store.Store
	desk  *workflow.Desk
	svc   *stats.Service
	mu    sync.Mutex
	clock time.Time

	boards   map[string]*board.Board // by name
	units    map[string]*board.Unit  // handling units by name
	office   map[int64]*account.User // board office accounts by board
	handler  map[int64]*account.User // handler accounts by unit
	unitsIn  map[string][]*board.Unit
	mod      *account.User
	admin    *account.User
	citizens []*account.User
}

// regionsOfWorld are the regions with boards, each with the units that
// handle its messages.
var regionsOfWorld = []struct {
	code  string
	units []string
}{
	{"330000", []string{"浙江省生态环境厅"}},
	{"330100", []string{"杭州市城市管理局", "杭州市交通运输局"}},
	{"330114", []string{"钱塘区住房和城乡建设局", "钱塘区教育局"}},
	{"330106", []string{"西湖区城市管理局"}},
	{"330200", []string{"宁波市公安局"}},
	{"330203", []string{"海曙区市场监督管理局"}},
	{"430000", []string{"湖南省交通运输厅"}},
	{"430100", []string{"长沙市住房和城乡建设局"}},
	{"430104", []string{"岳麓区城市管理和综合执法局"}},
}

// leadersJoined is when the leader boards joined.
var leadersJoined = time.Date(2006, 7, 1, 0, 0, 0, 0, calendar.China)

func newWorld(t testing.TB, s *store.Store, start time.Time) *world {
	t.Helper()
	ctx := context.Background()
	w := &world{t: t, s: s, clock: start, boards: map[string]*board.Board{}, units: map[string]*board.Unit{},
		office: map[int64]*account.User{}, handler: map[int64]*account.User{}, unitsIn: map[string][]*board.Unit{}}
	rules := stats.Rules{Calendar: calendar.Default(), Policy: lifecycle.DefaultPolicy()}
	w.desk = &workflow.Desk{Store: s, Calendar: rules.Calendar, Policy: rules.Policy, Limits: message.DefaultLimits, Now: w.now,
		// A score that differs from message to message, so the rollups'
		// reply quality is checked against the replies' own.
		ScoreReply: func(m *message.Message, r message.Reply) int { return (7*len([]rune(r.Body)) + int(m.ID)) % 101 }}
	w.svc = &stats.Service{Store: s, Rules: rules, Now: w.now}
	err := s.InTx(ctx, func(tx *store.Tx) error {
		user := func(login string, role account.Role, unit, boardID int64) (*account.User, error) {
			u := &account.User{Login: login, Name: login, PasswordHash: "unused", Role: role, UnitID: unit, BoardID: boardID}
			return u, tx.CreateUser(ctx, u)
		}
		for _, r := range regionsOfWorld {
			office := &board.Unit{Name: r.code + "留言办", RegionCode: r.code, Kind: board.OfficeUnit}
			if err := tx.CreateUnit(ctx, office); err != nil {
				return err
			}
			names := map[string]string{"330000": "浙江", "330100": "杭州市", "330114": "钱塘区", "330106": "西湖区",
				"330200": "宁波市", "330203": "海曙区", "430000": "湖南", "430100": "长沙市", "430104": "岳麓区"}
			for _, title := range []board.Title{board.Secretary, board.Head} {
				name := names[r.code] + map[board.Title]string{board.Secretary: "委书记", board.Head: "长"}[title]
				b := &board.Board{Name: name, RegionCode: r.code, Kind: board.Leader, Title: title, OfficeUnitID: office.ID, JoinedAt: leadersJoined}
				if err := tx.CreateBoard(ctx, b); err != nil {
					return err
				}
				w.boards[name] = b
				u, err := user("office"+itoa(b.ID), account.Office, 0, b.ID)
				if err != nil {
					return err
				}
				w.office[b.ID] = u
			}
			for _, name := range r.units {
				u := &board.Unit{Name: name, RegionCode: r.code, Kind: board.DepartmentUnit}
				if err := tx.CreateUnit(ctx, u); err != nil {
					return err
				}
				w.units[name] = u
				w.unitsIn[r.code] = append(w.unitsIn[r.code], u)
				h, err := user("handler"+itoa(u.ID), account.Handler, u.ID, 0)
				if err != nil {
					return err
				}
				w.handler[u.ID] = h
			}
		}
		// A department that joined 杭州市 and wants its office to sign replies off.
		dept := &board.Unit{Name: "杭州市住房保障和房产管理局", RegionCode: "330100", Kind: board.DepartmentUnit}
		if err := tx.CreateUnit(ctx, dept); err != nil {
			return err
		}
		b := &board.Board{Name: dept.Name, RegionCode: "330100", Kind: board.Department, OfficeUnitID: dept.ID,
			JoinedAt: time.Date(2020, 3, 23, 0, 0, 0, 0, calendar.China), SignoffRequired: true}
		if err := tx.CreateBoard(ctx, b); err != nil {
			return err
		}
		w.boards[b.Name] = b
		w.units[dept.Name] = dept
		w.unitsIn["330100"] = append(w.unitsIn["330100"], dept)
		var err error
		if w.office[b.ID], err = user("office"+itoa(b.ID), account.Office, 0, b.ID); err != nil {
			return err
		}
		if w.handler[dept.ID], err = user("handler"+itoa(dept.ID), account.Handler, dept.ID, 0); err != nil {
			return err
		}
		if w.mod, err = user("shenhe", account.Moderator, 0, 0); err != nil {
			return err
		}
		if w.admin, err = user("guanli", account.Admin, 0, 0); err != nil {
			return err
		}
		for _, login := range []string{"xiasha_resident", "wenxin_resident", "meixihu_resident", "haishu_resident"} {
			u, err := user(login, account.Citizen, 0, 0)
			if err != nil {
				return err
			}
			w.citizens = append(w.citizens, u)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func (w *world) now() time.Time {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.clock
}

// set moves the clock to a China time.
func (w *world) set(t time.Time) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.clock = t
}

// advance moves the clock forward.
func (w *world) advance(d time.Duration) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.clock = w.clock.Add(d)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
