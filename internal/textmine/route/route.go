package route

import (
	"slices"
	"strings"

	"liuyan/internal/catalog"
	"liuyan/internal/region"
)

// Unit is a candidate handler.
type Unit struct {
	ID         int64
	Name       string
	RegionCode string
	Office     bool // a board's own office, which can pass the message on
}

// Suggestion is a ranked candidate with why it was chosen.
type Suggestion struct {
	UnitID  int64    `json:"unit_id"`
	Name    string   `json:"name"`
	Score   float64  `json:"score"`
	Reasons []string `json:"reasons"`
}

// domainWork names, per domain, words found in the names of the units
// whose work it is.
var domainWork = map[string][]string{
	"城建": {"住房和城乡建设", "住建", "城市管理", "城管", "自然资源和规划", "规划", "房产", "住房保障", "街道办事处"},
	"交通": {"交通运输", "交警", "公安局交通", "轨道交通", "公交"},
	"环保": {"生态环境", "环保", "水务", "城市管理"},
	"企业": {"市场监督管理", "发展和改革", "经济和信息化", "商务", "工业和信息化"},
	"就业": {"人力资源和社会保障", "人社", "就业"},
	"政务": {"政务服务", "数据资源", "人民政府办公"},
	"教育": {"教育"},
	"治安": {"公安"},
	"三农": {"农业农村", "乡村振兴", "林业", "水利"},
	"医疗": {"卫生健康", "医疗保障", "医保", "疾病预防"},
	"旅游": {"文化和旅游", "文旅", "旅游"},
	"文娱": {"文化和旅游", "文化", "广播电视"},
	"金融": {"金融", "地方金融监督"},
	"体育": {"体育"},
}

// nameSuffixes are cut off a unit's name to find the words people write:
// "下沙街道办事处" is written "下沙街道".
var nameSuffixes = []string{"办事处", "管理委员会", "委员会", "人民政府", "管理局", "局", "中心"}

// core is the distinctive part of a unit's name: without the name of its
// region (or the region's province and city before it) and without the
// kind of body it is.
func core(u Unit) string {
	name := u.Name
	for _, r := range region.Path(u.RegionCode) {
		name = strings.TrimPrefix(name, r.Name)
	}
	for _, suf := range nameSuffixes {
		if trimmed := strings.TrimSuffix(name, suf); trimmed != name && len([]rune(trimmed)) >= 2 {
			return trimmed
		}
	}
	return name
}

// shortName drops the kind of a region from its name: 西湖区 → 西湖.
func shortName(name string) string {
	for _, suf := range []string{"自治县", "自治州", "新区", "区", "县", "市", "旗"} {
		if s := strings.TrimSuffix(name, suf); s != name && len([]rune(s)) >= 2 {
			return s
		}
	}
	return name
}

// Suggest ranks units for a message with title, body and domain, best
// first, at most limit of them; units with no reason at all are left out.
func Suggest(title, body, domain string, units []Unit, limit int) []Suggestion {
	text := title + "\n" + body
	var out []Suggestion
	for _, u := range units {
		s := Suggestion{UnitID: u.ID, Name: u.Name}
		if c := core(u); len([]rune(c)) >= 2 && strings.Contains(text, c) {
			s.Score += 3
			s.Reasons = append(s.Reasons, catalog.T("route.place", c))
		}
		if r, ok := region.Get(u.RegionCode); ok {
			for _, n := range []string{r.Name, shortName(r.Name)} {
				if len([]rune(n)) >= 2 && strings.Contains(text, n) {
					s.Score++
					s.Reasons = append(s.Reasons, catalog.T("route.region", n))
					break
				}
			}
		}
		for _, w := range domainWork[domain] {
			if strings.Contains(u.Name, w) {
				s.Score += 2
				s.Reasons = append(s.Reasons, catalog.T("route.domain", domain, w))
				break
			}
		}
		if u.Office {
			s.Score += 0.5
			s.Reasons = append(s.Reasons, catalog.T("route.office"))
		}
		if len(s.Reasons) > 0 {
			out = append(out, s)
		}
	}
	slices.SortStableFunc(out, func(a, b Suggestion) int {
		switch {
		case a.Score > b.Score:
			return -1
		case a.Score < b.Score:
			return 1
		}
		return 0
	})
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}
