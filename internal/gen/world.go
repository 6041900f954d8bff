package gen

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"

	"liuyan/internal/account"
	"liuyan/internal/board"
	"liuyan/internal/directory"
	"liuyan/internal/region"
	"liuyan/internal/store"
)

// bureau is a kind of government department, with the domains whose
// messages it handles.
type bureau struct {
	province, local string // its name at province level and below
	domains         []string
}

// bureaus handle the domains; the office of the region's government
// takes what no bureau does (政务, 其他).
var bureaus = []bureau{
	{"住房和城乡建设厅", "住房和城乡建设局", []string{"城建"}},
	{"交通运输厅", "交通运输局", []string{"交通"}},
	{"生态环境厅", "生态环境局", []string{"环保"}},
	{"教育厅", "教育局", []string{"教育"}},
	{"人力资源和社会保障厅", "人力资源和社会保障局", []string{"就业"}},
	{"卫生健康委员会", "卫生健康委员会", []string{"医疗"}},
	{"公安厅", "公安局", []string{"治安"}},
	{"农业农村厅", "农业农村局", []string{"三农"}},
	{"市场监督管理局", "市场监督管理局", []string{"企业", "金融"}},
	{"文化和旅游厅", "文化和旅游局", []string{"旅游", "文娱", "体育"}},
	{"人民政府办公厅", "人民政府办公室", []string{"政务", "其他"}},
}

// bureauOf maps a domain to the index of its bureau.
var bureauOf = func() map[string]int {
	m := map[string]int{}
	for i, b := range bureaus {
		for _, d := range b.domains {
			m[d] = i
		}
	}
	return m
}()

// place is a region with its boards and handling units.
type place struct {
	code, name string
	leaders    [2]board.Board // secretary, head
	// departments are the department boards, by bureau, -1 … where none
	// joined; joined says when.
	departments []board.Board
	units       []int64 // unit ID by bureau
}

// province is a province's places by level.
type province struct {
	self     *place
	cities   []*place
	counties []*place
}

// world is the directory the generator writes into: every region with
// its boards and units, and the authors.
type world struct {
	provinces []province
	pick      distribution // provinces by weight
	authors   []int64
}

// departmentsPerCity is how many bureaus of each city join as boards;
// every bureau of a province does. With ~330 cities that is about 1,300
// departments, the seed's number.
const departmentsPerCity = 3

// unitName is a bureau's name in a region.
func unitName(r region.Region, b bureau) string {
	if r.Level == region.Province {
		return r.Name + b.province
	}
	return r.Name + b.local
}

// build loads the directory, creating what is missing: the leader boards
// (directory.SeedLeaders), the bureaus of every region, and the
// departments that join over the years before and during the history.
// What exists is kept, so a second run adds messages to the same boards.
func build(ctx context.Context, s *store.Store, o Options, rng *rand.Rand) (*world, error) {
	if _, err := directory.SeedLeaders(ctx, s); err != nil {
		return nil, err
	}
	all := region.All()
	boardsIn, unitsIn, err := directoryOf(ctx, s)
	if err != nil {
		return nil, err
	}
	places := make(map[string]*place, len(all))
	var newUnits []board.Unit
	var newBoards []board.Board // departments; OfficeUnitID set after the units exist
	for _, r := range all {
		bs, us := boardsIn[r.Code], unitsIn[r.Code]
		p := &place{code: r.Code, name: r.Name, units: make([]int64, len(bureaus))}
		byName := map[string]int64{}
		for _, u := range us {
			byName[u.Name] = u.ID
		}
		joined := map[string]board.Board{}
		for _, b := range bs {
			switch {
			case b.Kind == board.Leader && b.Title == board.Secretary:
				p.leaders[0] = b
			case b.Kind == board.Leader:
				p.leaders[1] = b
			default:
				joined[b.Name] = b
			}
		}
		var join []int
		switch r.Level {
		case region.Province:
			join = rng.Perm(len(bureaus))
		case region.City:
			join = rng.Perm(len(bureaus))[:departmentsPerCity]
		}
		for i, b := range bureaus {
			name := unitName(r, b)
			if id, ok := byName[name]; ok {
				p.units[i] = id
			} else {
				newUnits = append(newUnits, board.Unit{Name: name, RegionCode: r.Code, Kind: board.DepartmentUnit})
			}
		}
		for _, i := range join {
			name := unitName(r, bureaus[i])
			if b, ok := joined[name]; ok {
				p.departments = append(p.departments, b)
				continue
			}
			// Departments join from a year before the history to its end.
			span := o.To.Sub(o.From) + 365*24*time.Hour
			at := o.From.Add(-365*24*time.Hour + time.Duration(rng.Float64()*float64(span))).Truncate(24 * time.Hour)
			newBoards = append(newBoards, board.Board{Name: name, RegionCode: r.Code, Kind: board.Department,
				JoinedAt: at, SignoffRequired: rng.Float64() < signoffShare})
		}
		if p.leaders[0].ID == 0 || p.leaders[1].ID == 0 {
			return nil, fmt.Errorf("gen: region %s has no leader boards", r.Code)
		}
		places[r.Code] = p
	}
	if len(newUnits) > 0 || len(newBoards) > 0 {
		err := s.InTx(ctx, func(tx *store.Tx) error {
			return tx.CreateUnits(ctx, newUnits)
		})
		if err != nil {
			return nil, err
		}
		if _, unitsIn, err = directoryOf(ctx, s); err != nil {
			return nil, err
		}
		for i := range newBoards {
			b := &newBoards[i]
			for _, u := range unitsIn[b.RegionCode] {
				if u.Name == b.Name {
					b.OfficeUnitID = u.ID
				}
			}
		}
		if err := s.InTx(ctx, func(tx *store.Tx) error { return tx.CreateBoards(ctx, newBoards) }); err != nil {
			return nil, err
		}
		// Read the new rows back with their IDs.
		if boardsIn, unitsIn, err = directoryOf(ctx, s); err != nil {
			return nil, err
		}
		for _, r := range all {
			places[r.Code].reload(r, boardsIn[r.Code], unitsIn[r.Code])
		}
	}
	w := &world{}
	var weights []float64
	for _, pr := range region.Provinces() {
		prov := province{self: places[pr.Code]}
		for _, r := range all {
			if r.Code == pr.Code || !region.Within(r.Code, pr.Code) {
				continue
			}
			if r.Level == region.City {
				prov.cities = append(prov.cities, places[r.Code])
			} else {
				prov.counties = append(prov.counties, places[r.Code])
			}
		}
		w.provinces = append(w.provinces, prov)
		weights = append(weights, provinceWeights[pr.Code[:2]])
	}
	w.pick = newDistribution(weights)
	return w, nil
}

// reload takes a place's units and department boards from the directory.
func (p *place) reload(r region.Region, bs []board.Board, us []board.Unit) {
	byName := map[string]int64{}
	for _, u := range us {
		byName[u.Name] = u.ID
	}
	for i, b := range bureaus {
		p.units[i] = byName[unitName(r, b)]
	}
	p.departments = p.departments[:0]
	for _, b := range bs {
		if b.Kind == board.Department && bureauIndex(r, b.Name) >= 0 {
			p.departments = append(p.departments, b)
		}
	}
}

// directoryOf reads every board and unit, by region.
func directoryOf(ctx context.Context, s *store.Store) (map[string][]board.Board, map[string][]board.Unit, error) {
	bs, err := s.BoardsUnder(ctx, "")
	if err != nil {
		return nil, nil, err
	}
	us, err := s.UnitsUnder(ctx, "")
	if err != nil {
		return nil, nil, err
	}
	boards, units := map[string][]board.Board{}, map[string][]board.Unit{}
	for _, b := range bs {
		boards[b.RegionCode] = append(boards[b.RegionCode], b)
	}
	for _, u := range us {
		units[u.RegionCode] = append(units[u.RegionCode], u)
	}
	return boards, units, nil
}

// bureauIndex is the bureau a department board of r is, or -1.
func bureauIndex(r region.Region, name string) int {
	for i, b := range bureaus {
		if unitName(r, b) == name {
			return i
		}
	}
	return -1
}

// authorLogin is the login of the i-th generated author of a seed. A
// colon is never allowed in a login people choose, so nobody can take
// over generated messages by registering.
func authorLogin(seed uint64, i int) string {
	return "generated:" + strconv.FormatUint(seed, 10) + ":" + strconv.Itoa(i)
}

// addAuthors creates (or finds, on a second run) the authors' accounts.
func (w *world) addAuthors(ctx context.Context, s *store.Store, o Options, rng *rand.Rand, n int) error {
	const per = 20000
	w.authors = make([]int64, 0, n)
	for start := 0; start < n; start += per {
		users := make([]account.User, 0, min(per, n-start))
		for i := start; i < min(start+per, n); i++ {
			users = append(users, account.User{Login: authorLogin(o.Seed, i), Name: personName(rng), CreatedAt: o.From.Add(-30 * 24 * time.Hour)})
		}
		ids, err := s.ImportAuthors(ctx, users)
		if err != nil {
			return err
		}
		for _, u := range users {
			w.authors = append(w.authors, ids[u.Login])
		}
	}
	return nil
}
