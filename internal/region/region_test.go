package region

import (
	"slices"
	"strings"
	"testing"
)

// codes lists the codes of rs, for readable failures.
func codes(rs []Region) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Code
	}
	return out
}

func TestCounts(t *testing.T) {
	// The Ministry of Civil Affairs' totals for the end of 2023: 31
	// provinces; 293 地级市, 30 自治州, 7 地区 and 3 盟; 977 区, 397 县级市,
	// 1,299 县, 117 自治县, 49 旗, 3 自治旗, 1 特区 and 1 林区.
	want := map[Level]int{Province: 31, City: 293 + 30 + 7 + 3, County: 977 + 397 + 1299 + 117 + 49 + 3 + 1 + 1}
	got := map[Level]int{}
	for _, r := range All() {
		got[r.Level]++
	}
	for level, n := range want {
		if got[level] != n {
			t.Errorf("%s: %d regions, want %d", level, got[level], n)
		}
	}
	if len(got) != len(want) {
		t.Errorf("levels %v, want %v", got, want)
	}
	if n := len(Provinces()); n != 31 {
		t.Errorf("Provinces: %d, want 31", n)
	}
}

func TestTreeShape(t *testing.T) {
	all := All()
	if !slices.IsSortedFunc(all, func(a, b Region) int { return strings.Compare(a.Code, b.Code) }) {
		t.Error("All is not sorted by code")
	}
	childCount := map[string]int{}
	names := map[[2]string]string{}
	for _, r := range all {
		childCount[r.Parent]++
		if key := [2]string{r.Parent, r.Name}; names[key] != "" {
			t.Errorf("%s and %s share the name %s under %q", names[key], r.Code, r.Name, r.Parent)
		} else {
			names[key] = r.Code
		}
		if r.Level == Province {
			if r.Parent != "" || !strings.HasSuffix(r.Code, "0000") {
				t.Errorf("province %s %s: parent %q", r.Code, r.Name, r.Parent)
			}
			continue
		}
		p, ok := Get(r.Parent)
		if !ok {
			t.Errorf("%s %s: parent %s missing", r.Code, r.Name, r.Parent)
			continue
		}
		if p.Code[:2] != r.Code[:2] {
			t.Errorf("%s %s lies outside its province %s", r.Code, r.Name, p.Code)
		}
		switch {
		case r.Level == City && p.Level == Province:
		case r.Level == County && (p.Level == City || p.Level == Province):
		default:
			t.Errorf("%s %s (%s) under %s %s (%s)", r.Code, r.Name, r.Level, p.Code, p.Name, p.Level)
		}
	}
	for parent, n := range childCount {
		if got := len(Children(parent)); got != n {
			t.Errorf("Children(%q): %d, want %d", parent, got, n)
		}
	}
}

func TestNameSuffixes(t *testing.T) {
	// Every name ends in a kind of division that belongs to its level.
	kinds := map[Level][]string{
		Province: {"省", "市", "自治区"},
		City:     {"市", "自治州", "地区", "盟"},
		County:   {"区", "县", "市", "旗"},
	}
	for _, r := range All() {
		if !slices.ContainsFunc(kinds[r.Level], func(s string) bool { return strings.HasSuffix(r.Name, s) }) {
			t.Errorf("%s %s: not a %s name", r.Code, r.Name, r.Level)
		}
	}
}

func TestMunicipalities(t *testing.T) {
	for _, code := range []string{"110000", "120000", "310000", "500000"} {
		kids := Children(code)
		if len(kids) == 0 {
			t.Errorf("%s has no children", code)
		}
		for _, k := range kids {
			if k.Level != County {
				t.Errorf("%s: child %s %s is a %s, want a county", code, k.Code, k.Name, k.Level)
			}
			if len(Children(k.Code)) != 0 {
				t.Errorf("%s %s has children", k.Code, k.Name)
			}
		}
	}
}

func TestGet(t *testing.T) {
	tests := []struct {
		code string
		want Region
		ok   bool
	}{
		{"330000", Region{"330000", "浙江省", Province, ""}, true},
		{"330100", Region{"330100", "杭州市", City, "330000"}, true},
		{"330114", Region{"330114", "钱塘区", County, "330100"}, true},
		{"110105", Region{"110105", "朝阳区", County, "110000"}, true},
		{"220104", Region{"220104", "朝阳区", County, "220100"}, true},
		{"500240", Region{"500240", "石柱土家族自治县", County, "500000"}, true},
		{"429004", Region{"429004", "仙桃市", County, "420000"}, true},
		{"419001", Region{"419001", "济源市", County, "410000"}, true},
		{"659001", Region{"659001", "石河子市", County, "650000"}, true},
		{"469001", Region{"469001", "五指山市", County, "460000"}, true},
		{"441900", Region{"441900", "东莞市", City, "440000"}, true},
		{"460301", Region{"460301", "西沙区", County, "460300"}, true},
		// Pseudo-cities, statistical-only units and the SARs are not regions.
		{"110100", Region{}, false},
		{"429000", Region{}, false},
		{"320576", Region{}, false}, // 苏州工业园区
		{"232761", Region{}, false}, // 加格达奇区
		{"460321", Region{}, false}, // 西沙群岛
		{"810000", Region{}, false}, // 香港特别行政区
		{"33", Region{}, false},
		{"", Region{}, false},
	}
	for _, tt := range tests {
		got, ok := Get(tt.code)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Get(%q) = %+v, %v; want %+v, %v", tt.code, got, ok, tt.want, tt.ok)
		}
	}
}

func TestChildren(t *testing.T) {
	tests := []struct {
		code     string
		contains []string
		excludes []string
	}{
		// 湖北省: its cities and the four units it runs itself, not their counties.
		{"420000", []string{"420100", "420500", "429004", "429005", "429006", "429021"}, []string{"420528", "429000"}},
		{"330100", []string{"330102", "330114", "330127", "330182"}, []string{"330100", "330200"}},
		{"110000", []string{"110101", "110105", "110119"}, []string{"110100"}},
		{"500000", []string{"500101", "500240", "500243"}, []string{"500100", "500200"}},
		{"", []string{"110000", "330000", "650000"}, []string{"330100", "810000"}},
	}
	for _, tt := range tests {
		got := codes(Children(tt.code))
		if !slices.IsSorted(got) {
			t.Errorf("Children(%q) not sorted", tt.code)
		}
		for _, c := range tt.contains {
			if !slices.Contains(got, c) {
				t.Errorf("Children(%q) lacks %s", tt.code, c)
			}
		}
		for _, c := range tt.excludes {
			if slices.Contains(got, c) {
				t.Errorf("Children(%q) holds %s", tt.code, c)
			}
		}
	}
	// Cities without counties, and unknown codes, have no children.
	for _, code := range []string{"441900", "442000", "460400", "620200", "330114", "999999", "810000"} {
		if got := Children(code); len(got) != 0 {
			t.Errorf("Children(%q) = %v, want none", code, codes(got))
		}
	}
	if !slices.Equal(Provinces(), Children("")) {
		t.Error("Provinces() differs from Children(\"\")")
	}
}

func TestResultsAreCopies(t *testing.T) {
	for name, get := range map[string]func() []Region{
		"All":       All,
		"Provinces": Provinces,
		"Children":  func() []Region { return Children("330100") },
	} {
		rs := get()
		want := rs[0]
		rs[0].Name = "改名"
		if again := get(); again[0] != want {
			t.Errorf("%s: changing a result changed the tree: %+v", name, again[0])
		}
	}
}

func TestPath(t *testing.T) {
	tests := []struct {
		code string
		want []string
	}{
		{"330114", []string{"330000", "330100", "330114"}},
		{"330100", []string{"330000", "330100"}},
		{"330000", []string{"330000"}},
		{"110105", []string{"110000", "110105"}},
		{"429021", []string{"420000", "429021"}},
		{"441900", []string{"440000", "441900"}},
		{"542527", []string{"540000", "542500", "542527"}},
		{"110100", nil},
		{"", nil},
	}
	for _, tt := range tests {
		if got := codes(Path(tt.code)); !slices.Equal(got, tt.want) {
			t.Errorf("Path(%q) = %v, want %v", tt.code, got, tt.want)
		}
	}
	if Path("999999") != nil {
		t.Error("Path of an unknown code is not nil")
	}
}

func TestWithin(t *testing.T) {
	tests := []struct {
		code, root string
		want       bool
	}{
		{"330114", "330114", true},
		{"330114", "330100", true},
		{"330114", "330000", true},
		{"330114", "", true},
		{"330000", "", true},
		{"330100", "330114", false},
		{"330114", "330200", false},
		{"330114", "320000", false},
		{"110105", "110000", true},
		{"220104", "110000", false}, // 长春市朝阳区 is not in Beijing
		{"429004", "420000", true},
		{"429004", "420100", false},
		{"441900", "440000", true},
		{"999999", "", false},
		{"", "", false},
		{"330114", "999999", false},
	}
	for _, tt := range tests {
		if got := Within(tt.code, tt.root); got != tt.want {
			t.Errorf("Within(%q, %q) = %v, want %v", tt.code, tt.root, got, tt.want)
		}
	}
}

func TestFullName(t *testing.T) {
	tests := []struct {
		code, want string
	}{
		{"330114", "浙江省杭州市钱塘区"},
		{"330100", "浙江省杭州市"},
		{"330000", "浙江省"},
		{"110105", "北京市朝阳区"},
		{"220104", "吉林省长春市朝阳区"},
		{"500240", "重庆市石柱土家族自治县"},
		{"429004", "湖北省仙桃市"},
		{"659001", "新疆维吾尔自治区石河子市"},
		{"222401", "吉林省延边朝鲜族自治州延吉市"},
		{"152502", "内蒙古自治区锡林郭勒盟锡林浩特市"},
		{"460301", "海南省三沙市西沙区"},
		{"441900", "广东省东莞市"},
		{"999999", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := FullName(tt.code); got != tt.want {
			t.Errorf("FullName(%q) = %q, want %q", tt.code, got, tt.want)
		}
	}
}

func TestParseRejects(t *testing.T) {
	tests := []struct {
		name, text string
	}{
		{"too few fields", "330000\t浙江省\tprovince\n"},
		{"short code", "33\t浙江省\tprovince\t\n"},
		{"empty name", "330000\t\tprovince\t\n"},
		{"unknown level", "330000\t浙江省\tstate\t\n"},
		{"province with parent", "330000\t浙江省\tprovince\t110000\n"},
		{"city without parent", "330100\t杭州市\tcity\t\n"},
		{"parent missing", "330100\t杭州市\tcity\t330000\n"},
		{"parent after child", "330100\t杭州市\tcity\t330000\n330000\t浙江省\tprovince\t\n"},
		{"duplicate code", "330000\t浙江省\tprovince\t\n330000\t浙江省\tprovince\t\n"},
		{"extra field", "330000\t浙江省\tprovince\t\t多余\n"},
	}
	for _, tt := range tests {
		if _, err := parse(tt.text); err == nil {
			t.Errorf("%s: parse accepted %q", tt.name, tt.text)
		}
	}
}

func TestParseAccepts(t *testing.T) {
	text := "# 注释\n\n330000\t浙江省\tprovince\t\n330100\t杭州市\tcity\t330000\n330114\t钱塘区\tcounty\t330100"
	tr, err := parse(text)
	if err != nil {
		t.Fatal(err)
	}
	if got := codes(tr.all); !slices.Equal(got, []string{"330000", "330100", "330114"}) {
		t.Errorf("parsed %v", got)
	}
	if got := codes(tr.children["330100"]); !slices.Equal(got, []string{"330114"}) {
		t.Errorf("children of 330100: %v", got)
	}
}

func TestParseIsCheap(t *testing.T) {
	// Parsing must not allocate per region: names and codes are substrings of
	// the embedded text and the children share one backing array, so the
	// allocations are a handful of slices and maps whatever the file's size.
	allocs := testing.AllocsPerRun(2, func() {
		if _, err := parse(regionsTSV); err != nil {
			t.Fatal(err)
		}
	})
	if allocs > 64 {
		t.Errorf("parse made %.0f allocations for %d regions", allocs, len(All()))
	}
}

// TestPrefixNests checks what the store relies on: every region's code
// starts with the prefix of each region above it, and no region outside a
// subtree shares the subtree's prefix.
func TestPrefixNests(t *testing.T) {
	for _, r := range All() {
		for _, up := range Path(r.Code) {
			if !strings.HasPrefix(r.Code, Prefix(up.Code)) {
				t.Errorf("%s %s does not start with %s's prefix %s", r.Code, r.Name, up.Name, Prefix(up.Code))
			}
		}
	}
	for _, root := range []string{"330000", "330100", "429004", "110000", "460300"} {
		p := Prefix(root)
		for _, r := range All() {
			if strings.HasPrefix(r.Code, p) != Within(r.Code, root) {
				t.Errorf("prefix %s of %s disagrees with Within for %s %s", p, root, r.Code, r.Name)
			}
		}
	}
	if Prefix("") != "" {
		t.Error("the country's prefix must be empty")
	}
}
