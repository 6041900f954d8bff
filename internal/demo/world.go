package demo

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"liuyan/internal/account"
	"liuyan/internal/board"
	"liuyan/internal/calendar"
	"liuyan/internal/directory"
	"liuyan/internal/region"
)

// area is a county-level place that citizens write about: its streets and
// roads, and the estates, old estates and schools (one a street) drawn for
// it once, so that the same places come up in several messages as real
// hot issues do.
type area struct {
	code    string
	streets []string
	roads   []string

	estates, olds, schools []string
}

// areas are the places of the demo. The counties whose boards take part
// (钱塘区, 西湖区, 岳麓区) have street offices as units; the others are only
// written about to the city and province boards.
var areas = []*area{
	{code: "330114", streets: []string{"下沙街道", "白杨街道", "河庄街道", "义蓬街道"},
		roads: []string{"学源街", "文泽路", "金沙大道", "下沙路", "学林街", "文渊路", "海达南路", "月雅路"}},
	{code: "330106", streets: []string{"文新街道", "翠苑街道", "古荡街道", "蒋村街道"},
		roads: []string{"文三路", "文一西路", "古墩路", "天目山路", "学院路", "紫金港路", "教工路", "留和路"}},
	{code: "330105", streets: []string{"米市巷街道", "和睦街道", "祥符街道", "小河街道"},
		roads: []string{"莫干山路", "湖墅南路", "登云路", "丽水路"}},
	{code: "330108", streets: []string{"长河街道", "西兴街道", "浦沿街道"},
		roads: []string{"江南大道", "滨盛路", "江陵路", "长河路"}},
	{code: "330110", streets: []string{"良渚街道", "五常街道", "仓前街道", "闲林街道"},
		roads: []string{"五常大道", "余杭塘路", "良睦路", "荆长大道"}},
	{code: "330102", streets: []string{"四季青街道", "湖滨街道", "笕桥街道", "丁兰街道"},
		roads: []string{"解放路", "延安路", "秋涛路", "机场路"}},
	{code: "330212", streets: []string{"首南街道", "钟公庙街道"}, roads: []string{"天童路", "四明中路", "宁南南路"}},
	{code: "330302", streets: []string{"五马街道", "南汇街道"}, roads: []string{"车站大道", "人民路", "学院中路"}},
	{code: "330602", streets: []string{"府山街道", "北海街道"}, roads: []string{"解放北路", "中兴路", "环城西路"}},
	{code: "330782", streets: []string{"稠城街道", "福田街道"}, roads: []string{"稠州北路", "宾王路", "工人路"}},
	{code: "331002", streets: []string{"白云街道", "海门街道"}, roads: []string{"市府大道", "东海大道", "中山西路"}},
	{code: "430104", streets: []string{"梅溪湖街道", "望月湖街道", "观沙岭街道", "洋湖街道"},
		roads: []string{"麓山南路", "枫林三路", "梅溪湖路", "岳麓大道", "桐梓坡路", "潇湘中路", "金星大道", "含浦大道"}},
	{code: "430102", streets: []string{"五里牌街道", "马王堆街道", "火星街道"}, roads: []string{"五一大道", "芙蓉中路", "八一路", "远大路"}},
	{code: "430103", streets: []string{"坡子街街道", "青园街道", "南托街道"}, roads: []string{"劳动西路", "书院路", "芙蓉南路"}},
	{code: "430105", streets: []string{"四方坪街道", "洪山街道", "伍家岭街道"}, roads: []string{"湘江中路", "三一大道", "芙蓉北路"}},
	{code: "430111", streets: []string{"井湾子街道", "东山街道", "高桥街道"}, roads: []string{"韶山中路", "万家丽路", "劳动东路"}},
	{code: "430121", streets: []string{"星沙街道", "湘龙街道"}, roads: []string{"开元路", "星沙大道", "东八线"}},
	{code: "430202", streets: []string{"月塘街道", "宋家桥街道"}, roads: []string{"新华路", "红旗北路"}},
	{code: "430302", streets: []string{"城正街街道", "窑湾街道"}, roads: []string{"建设北路", "韶山西路"}},
	{code: "430408", streets: []string{"联合街道", "红湘街道"}, roads: []string{"解放大道", "蒸湘南路"}},
	{code: "430602", streets: []string{"金鹗山街道", "洞庭街道"}, roads: []string{"巴陵中路", "青年中路"}},
	{code: "430702", streets: []string{"丹阳街道", "府坪街道"}, roads: []string{"朗州路", "人民路"}},
}

// platePrefixes are the plate letters of the cities written about.
var platePrefixes = map[string]string{
	"330100": "浙A", "330200": "浙B", "330300": "浙C", "330600": "浙D", "330700": "浙G", "331000": "浙J",
	"430100": "湘A", "430200": "湘B", "430300": "湘C", "430400": "湘D", "430600": "湘F", "430700": "湘J",
}

// regions are the regions whose leader boards receive messages.
var regions = []string{"330000", "330100", "330114", "330106", "430000", "430100", "430104"}

// unitSpec is a handling unit of the demo. One with a joined date is a
// department that joined its region and has a board of its own.
type unitSpec struct {
	region string
	name   string
	work   work
	joined string // YYYY-MM-DD, departments only
}

// units are the demo's departments and other handling units, besides the
// street offices made from areas and the regions' own offices.
var units = []unitSpec{
	{"330000", "浙江省教育厅", education, "2019-06-18"},
	{"330000", "浙江省生态环境厅", environment, "2020-09-01"},
	{"330000", "浙江省交通运输厅", transport, "2022-03-15"},
	{"330100", "杭州市住房保障和房产管理局", housing, "2019-11-20"},
	{"330100", "杭州市公安局", police, "2021-05-10"},
	{"330100", "杭州市卫生健康委员会", health, "2023-02-27"},
	{"330100", "杭州市城市管理局", urban, ""},
	{"330100", "杭州市市场监督管理局", market, ""},
	{"330100", "杭州市教育局", education, ""},
	{"330100", "杭州市交通运输局", transport, ""},
	{"330100", "杭州市生态环境局", environment, ""},
	{"330100", "杭州市人力资源和社会保障局", labor, ""},
	{"330114", "杭州市钱塘区住房和城乡建设局", housing, "2021-12-08"},
	{"330114", "杭州市钱塘区市场监督管理局", market, "2025-04-16"},
	{"330114", "杭州市钱塘区城市管理局", urban, ""},
	{"330114", "杭州市钱塘区教育局", education, ""},
	{"330114", "杭州市公安局钱塘区分局", police, ""},
	{"330114", "杭州市钱塘区人力资源和社会保障局", labor, ""},
	{"330106", "杭州市西湖区住房和城乡建设局", housing, "2020-07-06"},
	{"330106", "杭州市西湖区市场监督管理局", market, "2024-08-19"},
	{"330106", "杭州市西湖区城市管理局", urban, ""},
	{"330106", "杭州市西湖区教育局", education, ""},
	{"330106", "杭州市公安局西湖区分局", police, ""},
	{"430000", "湖南省人力资源和社会保障厅", labor, "2019-04-02"},
	{"430000", "湖南省交通运输厅", transport, "2023-10-09"},
	{"430100", "长沙市住房和城乡建设局", housing, "2020-03-23"},
	{"430100", "长沙市教育局", education, "2022-08-29"},
	{"430100", "长沙市公安局", police, ""},
	{"430100", "长沙市城市管理和综合执法局", urban, ""},
	{"430100", "长沙市市场监督管理局", market, ""},
	{"430100", "长沙市交通运输局", transport, ""},
	{"430100", "长沙市生态环境局", environment, ""},
	{"430100", "长沙市人力资源和社会保障局", labor, ""},
	{"430100", "长沙市卫生健康委员会", health, ""},
	{"430104", "长沙市岳麓区城市管理和综合执法局", urban, "2024-05-13"},
	{"430104", "长沙市岳麓区人力资源和社会保障局", labor, "2026-03-02"},
	{"430104", "长沙市岳麓区住房和城乡建设局", housing, ""},
	{"430104", "长沙市岳麓区教育局", education, ""},
	{"430104", "长沙市公安局岳麓分局", police, ""},
	{"430104", "长沙市岳麓区市场监督管理局", market, ""},
}

// unitInfo is a unit as the generator knows it.
type unitInfo struct {
	board.Unit
	work   work
	street string // street offices: the street they serve
	// handler is the account that signs for and answers the unit's
	// messages; made when a message is first routed to the unit.
	handler *account.User
}

// boardInfo is a board as the generator knows it.
type boardInfo struct {
	board.Board
	level  region.Level
	weight int
	office *account.User
	// own is a department's own unit, which handles its messages.
	own *unitInfo
	// areas are the places its citizens write about.
	areas []*area
}

// world is the directory part of the demo: boards, units and places.
type world struct {
	boards  []*boardInfo
	units   map[string][]*unitInfo // by region, in creation order
	offices map[string]*unitInfo   // each region's own office unit
	joined  int                    // departments that joined
}

// build creates the demo's departments, units and street offices, and
// reads the leader boards and office units it needs. A department or unit
// that already exists by name is reused, so a run that failed half-way can
// be repeated.
func (g *generator) build(ctx context.Context) error {
	w := &world{units: map[string][]*unitInfo{}, offices: map[string]*unitInfo{}}
	g.world = w
	s := g.desk.Store
	existing := map[string]board.Unit{}
	codes := slices.Clone(regions)
	for _, a := range areas {
		r, _ := region.Get(a.code)
		codes = append(codes, a.code, r.Parent)
	}
	slices.Sort(codes)
	codes = slices.Compact(codes)
	for _, code := range codes {
		us, err := s.Units(ctx, code)
		if err != nil {
			return err
		}
		for _, u := range us {
			existing[code+"/"+u.Name] = u
		}
		leaders, err := s.Boards(ctx, code, board.Leader)
		if err != nil {
			return err
		}
		if len(leaders) == 0 {
			return fmt.Errorf("demo: region %s has no leader boards; run the migration first", code)
		}
		office, err := s.Unit(ctx, leaders[0].OfficeUnitID)
		if err != nil {
			return err
		}
		w.offices[code] = &unitInfo{Unit: *office}
	}
	add := func(code, name string, wk work, streetName string) (*unitInfo, error) {
		u, ok := existing[code+"/"+name]
		if !ok {
			made, err := directory.AddUnit(ctx, s, code, name)
			if err != nil {
				return nil, fmt.Errorf("demo: unit %s: %w", name, err)
			}
			u = *made
		}
		ui := &unitInfo{Unit: u, work: wk, street: streetName}
		w.units[code] = append(w.units[code], ui)
		return ui, nil
	}
	for _, spec := range units {
		if spec.joined == "" {
			if _, err := add(spec.region, spec.name, spec.work, ""); err != nil {
				return err
			}
			continue
		}
		b, err := g.join(ctx, spec)
		if err != nil {
			return err
		}
		own := &unitInfo{Unit: board.Unit{ID: b.OfficeUnitID, Name: spec.name, RegionCode: spec.region, Kind: board.DepartmentUnit}, work: spec.work}
		w.units[spec.region] = append(w.units[spec.region], own)
		w.boards = append(w.boards, &boardInfo{Board: *b, own: own, weight: 4})
		w.joined++
	}
	for _, code := range regions {
		r, _ := region.Get(code)
		if r.Level != region.County {
			continue
		}
		for _, a := range areas {
			if a.code != code {
				continue
			}
			for _, st := range a.streets {
				if _, err := add(code, cityOf(code)+r.Name+st+"办事处", street, st); err != nil {
					return err
				}
			}
		}
	}
	for _, code := range regions {
		leaders, err := s.Boards(ctx, code, board.Leader)
		if err != nil {
			return err
		}
		r, _ := region.Get(code)
		for _, b := range leaders {
			bi := &boardInfo{Board: b, weight: leaderWeight(r.Level, b.Title)}
			w.boards = append(w.boards, bi)
		}
	}
	// Each generator furnishes its own copies of the areas, so that every
	// Load in a process draws the same.
	places := make([]*area, len(areas))
	for i, a := range areas {
		places[i] = &area{code: a.code, streets: a.streets, roads: a.roads}
		g.furnish(places[i])
	}
	for _, b := range w.boards {
		r, _ := region.Get(b.RegionCode)
		b.level = r.Level
		for _, a := range places {
			if region.Within(a.code, b.RegionCode) {
				b.areas = append(b.areas, a)
			}
		}
	}
	// Leaders first, then departments, each in region order, as the
	// directory lists them.
	slices.SortStableFunc(w.boards, func(a, b *boardInfo) int {
		if (a.Kind == board.Leader) != (b.Kind == board.Leader) {
			if a.Kind == board.Leader {
				return -1
			}
			return 1
		}
		return strings.Compare(a.RegionCode, b.RegionCode)
	})
	return nil
}

// join makes a department board, or finds it from an earlier run.
func (g *generator) join(ctx context.Context, spec unitSpec) (*board.Board, error) {
	deps, err := g.desk.Store.Boards(ctx, spec.region, board.Department)
	if err != nil {
		return nil, err
	}
	for _, b := range deps {
		if b.Name == spec.name {
			return &b, nil
		}
	}
	joined, err := time.ParseInLocation(time.DateOnly, spec.joined, calendar.China)
	if err != nil {
		return nil, err
	}
	b, err := directory.Join(ctx, g.desk.Store, spec.region, spec.name, joined)
	if err != nil {
		return nil, fmt.Errorf("demo: department %s: %w", spec.name, err)
	}
	return b, nil
}

// leaderWeight is how much a leader board is written to: heads of
// government more than party secretaries, cities and counties more than
// provinces.
func leaderWeight(l region.Level, t board.Title) int {
	w := map[region.Level]int{region.Province: 4, region.City: 9, region.County: 7}[l]
	if t == board.Secretary {
		w = w * 2 / 3
	}
	return w
}

// furnish draws an area's estates, old estates and schools.
func (g *generator) furnish(a *area) {
	for len(a.estates) < 6 {
		e := pick(g.rng, estateHeads) + pick(g.rng, estateTails)
		if !slices.Contains(a.estates, e) {
			a.estates = append(a.estates, e)
		}
	}
	for len(a.olds) < 4 {
		head := pick(g.rng, oldHeads)
		tail := pick(g.rng, []string{"新村", "小区"})
		if strings.HasSuffix(head, "厂") {
			tail = "宿舍"
		}
		if o := head + tail; !slices.Contains(a.olds, o) {
			a.olds = append(a.olds, o)
		}
	}
	for _, st := range a.streets {
		a.schools = append(a.schools, strings.TrimSuffix(st, "街道")+pick(g.rng, schoolTails))
	}
}

// cityOf is the name of the city a region lies in, or the region's own
// name for a province or city.
func cityOf(code string) string {
	path := region.Path(code)
	if len(path) >= 2 {
		return path[1].Name
	}
	return path[0].Name
}
