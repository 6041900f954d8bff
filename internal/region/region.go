package region

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"sync"
)

// Level is the tier of a region in the administrative hierarchy.
type Level string

// The tiers, from the whole country down. National names the country itself,
// for scopes and boards above any province; no Region in the tree has it.
const (
	National Level = "national"
	Province Level = "province"
	City     Level = "city"
	County   Level = "county"
)

// Region is one administrative division.
type Region struct {
	// Code is the six-digit GB/T 2260 code, such as "330114".
	Code string
	// Name is the official name, such as "钱塘区".
	Name string
	// Level is Province, City or County.
	Level Level
	// Parent is the code of the region directly above, "" for a province.
	Parent string
}

//go:embed regions.tsv
var regionsTSV string

// tree holds the parsed file. Names and codes are substrings of the embedded
// text, so parsing allocates only the slices and the index.
type tree struct {
	all      []Region            // sorted by code, as in the file
	index    map[string]int      // code → position in all
	children map[string][]Region // parent code → children sorted by code; "" → provinces
}

var load = sync.OnceValue(func() *tree {
	t, err := parse(regionsTSV)
	if err != nil {
		// The file is generated and embedded; the tests parse it, so this
		// only fires on a broken build.
		panic("region: " + err.Error())
	}
	return t
})

// parse reads lines of code<TAB>name<TAB>level<TAB>parent sorted by code;
// blank lines and lines starting with '#' are skipped.
func parse(text string) (*tree, error) {
	n := strings.Count(text, "\n") + 1
	t := &tree{
		all:   make([]Region, 0, n),
		index: make(map[string]int, n),
	}
	for lineNo := 1; text != ""; lineNo++ {
		var line string
		line, text, _ = strings.Cut(text, "\n")
		if line == "" || line[0] == '#' {
			continue
		}
		code, rest, ok1 := strings.Cut(line, "\t")
		name, rest, ok2 := strings.Cut(rest, "\t")
		level, parent, ok3 := strings.Cut(rest, "\t")
		if !ok1 || !ok2 || !ok3 || len(code) != 6 || name == "" || strings.Contains(parent, "\t") {
			return nil, fmt.Errorf("line %d: malformed %q", lineNo, line)
		}
		r := Region{Code: code, Name: name, Level: Level(level), Parent: parent}
		switch {
		case r.Level == Province && parent == "":
		case (r.Level == City || r.Level == County) && parent != "":
			if _, ok := t.index[parent]; !ok {
				return nil, fmt.Errorf("line %d: parent %s of %s not listed before it", lineNo, parent, code)
			}
		default:
			return nil, fmt.Errorf("line %d: level %q with parent %q", lineNo, level, parent)
		}
		if k := len(t.all); k > 0 && t.all[k-1].Code >= code {
			return nil, fmt.Errorf("line %d: code %s out of order", lineNo, code)
		}
		t.index[code] = len(t.all)
		t.all = append(t.all, r)
	}
	t.children = groupByParent(t.all)
	return t, nil
}

// groupByParent maps each parent code to its children, all cut from one
// sorted copy of all. The sort is stable and all is sorted by code, so each
// group stays sorted by code.
func groupByParent(all []Region) map[string][]Region {
	byParent := slices.Clone(all)
	slices.SortStableFunc(byParent, func(a, b Region) int { return strings.Compare(a.Parent, b.Parent) })
	groups := make(map[string][]Region, len(all)/8)
	for start := 0; start < len(byParent); {
		end := start + 1
		for end < len(byParent) && byParent[end].Parent == byParent[start].Parent {
			end++
		}
		groups[byParent[start].Parent] = byParent[start:end:end]
		start = end
	}
	return groups
}

// Get returns the region with the given six-digit code.
func Get(code string) (Region, bool) {
	t := load()
	i, ok := t.index[code]
	if !ok {
		return Region{}, false
	}
	return t.all[i], true
}

// Provinces returns the 31 provinces, sorted by code.
func Provinces() []Region {
	return Children("")
}

// Children returns the regions directly under code, sorted by code: a
// province's cities and any counties it holds directly, a city's counties.
// Children("") returns the provinces; an unknown code or a leaf gives none.
func Children(code string) []Region {
	return slices.Clone(load().children[code])
}

// All returns every region, sorted by code.
func All() []Region {
	return slices.Clone(load().all)
}

// Path returns the chain from the province down to the region itself, such
// as 浙江省, 杭州市, 钱塘区 for "330114"; nil for an unknown code.
func Path(code string) []Region {
	t := load()
	var path []Region
	for code != "" {
		i, ok := t.index[code]
		if !ok {
			return nil
		}
		path = append(path, t.all[i])
		code = t.all[i].Parent
	}
	slices.Reverse(path)
	return path
}

// Within reports whether code is root or lies below it. Root "" is the whole
// country, which holds every known code; an unknown code is within nothing.
func Within(code, root string) bool {
	t := load()
	for {
		i, ok := t.index[code]
		if !ok {
			return false
		}
		if root == "" || code == root {
			return true
		}
		code = t.all[i].Parent
		if code == "" {
			return false
		}
	}
}

// FullName joins the names along the region's path, such as
// "浙江省杭州市钱塘区" for "330114"; "" for an unknown code.
func FullName(code string) string {
	var b strings.Builder
	for _, r := range Path(code) {
		b.WriteString(r.Name)
	}
	return b.String()
}

// Prefix is the code prefix shared by a region and everything below it:
// two digits for a province, four for a city, all six for a county. GB/T
// 2260 codes nest this way, which lets the store select a subtree with one
// indexed LIKE instead of walking the tree. "" (the country) gives "".
func Prefix(code string) string {
	r, ok := Get(code)
	if !ok {
		return code
	}
	switch r.Level {
	case Province:
		return code[:2]
	case City:
		return code[:4]
	}
	return code
}
