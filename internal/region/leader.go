package region

import (
	"strings"
	"unicode/utf8"
)

// leaderTitle turns a kind of division, told by the end of its name, into the
// titles of its party secretary and its government head.
type leaderTitle struct {
	suffix string
	// applies narrows the match; proper is the name without suffix. Nil
	// means every name ending in suffix.
	applies func(r Region, proper string) bool
	// secretary and head are appended to the full name, or, for secretary
	// when short is set, to the name without its suffix.
	secretary, head string
	short           bool
}

// atLeastTwo keeps a suffix from eating the end of a proper name: 清新区 is
// the district 清新, not a new area 清; place names have two characters or
// more before the kind of division.
func atLeastTwo(_ Region, proper string) bool {
	return utf8.RuneCountInString(proper) >= 2
}

// leaderTitles is checked in order and the first match wins, so the longer
// and rarer suffixes come first; the last entry matches every name.
var leaderTitles = []leaderTitle{
	// 广西壮族自治区党委书记, 广西壮族自治区主席.
	{suffix: "自治区", secretary: "党委书记", head: "主席"},
	// 延边朝鲜族自治州州委书记, 延边朝鲜族自治州州长.
	{suffix: "自治州", secretary: "州委书记", head: "州长"},
	// 长阳土家族自治县县委书记, 长阳土家族自治县县长.
	{suffix: "自治县", secretary: "县委书记", head: "县长"},
	// 鄂温克族自治旗旗委书记, 鄂温克族自治旗旗长.
	{suffix: "自治旗", secretary: "旗委书记", head: "旗长"},
	// A prefecture is run by a party 地委 and an administrative office (行署)
	// headed by a commissioner: 阿里地委书记, 阿里地区行署专员.
	{suffix: "地区", applies: atLeastTwo, secretary: "地委书记", head: "行署专员", short: true},
	// 神农架林区党委书记, 神农架林区林区长. GB/T 2260 gives the county-level
	// units a province runs itself the city digits 90, and the one forest
	// area is such a unit; districts of cities such as 万柏林区 and 碑林区
	// merely end in 林.
	{suffix: "林区", applies: func(r Region, _ string) bool {
		return r.Level == County && len(r.Code) == 6 && r.Code[2:4] == "90"
	}, secretary: "党委书记", head: "林区长"},
	// 六枝特区党委书记, 六枝特区特区长.
	{suffix: "特区", applies: atLeastTwo, secretary: "党委书记", head: "特区长"},
	// Districts whose name itself ends in a word for an area repeat 区:
	// 浦东新区区委书记, 井陉矿区区长.
	{suffix: "新区", applies: atLeastTwo, secretary: "区委书记", head: "区长"},
	{suffix: "矿区", applies: atLeastTwo, secretary: "区委书记", head: "区长"},
	// So do districts named by such a word alone: 城区, 郊区, 矿区, 东区.
	{suffix: "区", applies: func(_ Region, proper string) bool {
		return utf8.RuneCountInString(proper) == 1
	}, secretary: "区委书记", head: "区长"},
	// 锡林郭勒盟委书记, 锡林郭勒盟盟长.
	{suffix: "盟", secretary: "委书记", head: "盟长"},
	// 省, 市, 区, 县 and 旗 take the plain titles: 浙江省委书记, 浙江省长;
	// 杭州市委书记, 杭州市长; 淳安县委书记, 淳安县长; 陈巴尔虎旗长.
	{suffix: "", secretary: "委书记", head: "长"},
}

// LeaderBoards returns the names of the region's two leader boards, the party
// secretary's and the government head's, as the message board titles them:
// "浙江省委书记" and "浙江省长", "阿里地委书记" and "阿里地区行署专员". A
// region without a name, such as the national level, has none.
func LeaderBoards(r Region) (secretary, head string) {
	if r.Name == "" || r.Level == National {
		return "", ""
	}
	i, proper := matchTitle(r)
	t := leaderTitles[i]
	base := r.Name
	if t.short {
		base = proper
	}
	return base + t.secretary, r.Name + t.head
}

// matchTitle returns the index in leaderTitles of the first title that fits
// the region's name, and the name without that title's suffix.
func matchTitle(r Region) (int, string) {
	for i, t := range leaderTitles {
		proper, ok := strings.CutSuffix(r.Name, t.suffix)
		if ok && (t.applies == nil || t.applies(r, proper)) {
			return i, proper
		}
	}
	// The last title has an empty suffix and no condition, so the loop
	// always returns; this keeps the compiler and a broken table honest.
	panic("region: no leader title fits " + r.Name)
}
