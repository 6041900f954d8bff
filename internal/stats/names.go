package stats

import (
	"strconv"
	"time"

	"liuyan/internal/catalog"
	"liuyan/internal/region"
)

// Label is a period's Chinese name: 2020年上半年, 2020年第三季度, 2020年,
// 2020年5月, or 2020年1月1日至2020年6月30日.
func (p Period) Label() string {
	m := periodRE.FindStringSubmatch(p.Name)
	if m == nil {
		return catalog.T("stats.period.between", dateName(p.From), dateName(p.Last()))
	}
	y, _ := strconv.Atoi(m[1])
	switch {
	case m[2] != "":
		return catalog.T("stats.period."+m[2], y)
	case m[3] != "":
		return catalog.T("stats.period."+m[3], y)
	case m[4] != "":
		mo, _ := strconv.Atoi(m[4])
		return catalog.T("stats.period.month", y, mo)
	}
	return catalog.T("stats.period.year", y)
}

func dateName(t time.Time) string {
	y, m, d := t.Date()
	return catalog.T("stats.date", y, int(m), d)
}

// monthName names a yyyymm key: 2020年5月.
func monthName(key string) string {
	n, _ := strconv.Atoi(key)
	return catalog.T("stats.period.month", n/100, n%100)
}

// levelName names a level: 省级, 市级, 县级.
func levelName(l region.Level) string { return catalog.T("stats.level." + string(l)) }

// regionName names a region of a breakdown; the scope's own region is
// its own boards (本级).
func regionName(code, scope string) string {
	if code == scope {
		return catalog.T("stats.own_level", region.FullName(code))
	}
	return region.FullName(code)
}

// ScopeName names a scope's region: 全国 or the region's full name.
func ScopeName(code string) string {
	if code == "" {
		return catalog.T("stats.country")
	}
	return region.FullName(code)
}
