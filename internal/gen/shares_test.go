package gen

import (
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"

	"liuyan/internal/textmine/tipdmtest"
)

func zhejiang(t *testing.T, name string) string {
	return filepath.Join(tipdmtest.Dir(t), "..", "liuyan", name)
}

// TestSharesFromData recomputes the shares copied into shares.go from the
// real board's files.
func TestSharesFromData(t *testing.T) {
	raw, err := os.ReadFile(zhejiang(t, "zhejiang_aggregates.json"))
	if err != nil {
		t.Fatal(err)
	}
	var agg struct {
		ByDomain map[string]float64 `json:"byDomain"`
		ByType   map[string]float64 `json:"byType"`
	}
	if err := json.Unmarshal(raw, &agg); err != nil {
		t.Fatal(err)
	}
	for d, n := range domainCounts {
		if agg.ByDomain[d] != n {
			t.Errorf("domain %s: %v in shares.go, %v in the data", d, n, agg.ByDomain[d])
		}
	}
	if n := agg.ByType["投诉/求助"] + agg.ByType["求助"]; typeCounts["投诉/求助"] != n {
		t.Errorf("投诉/求助: %v in shares.go, %v in the data", typeCounts["投诉/求助"], n)
	}
	for _, typ := range []string{"咨询", "建言", "感谢"} {
		if typeCounts[typ] != agg.ByType[typ] {
			t.Errorf("type %s: %v in shares.go, %v in the data", typ, typeCounts[typ], agg.ByType[typ])
		}
	}
	f, err := os.Open(zhejiang(t, "zhejiang_messages.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, c := range rows[0] {
		col[c] = i
	}
	joint := map[string]map[string]float64{}
	for _, r := range rows[1:] {
		d, typ := r[col["domain"]], r[col["type"]]
		if d == "" || typ == "" {
			continue
		}
		if joint[d] == nil {
			joint[d] = map[string]float64{}
		}
		joint[d][typ]++
	}
	for d, byType := range joint {
		for typ, n := range byType {
			if jointCounts[d][typ] != n {
				t.Errorf("%s × %s: %v in shares.go, %v in the data", d, typ, jointCounts[d][typ], n)
			}
		}
	}
}

// TestFitTypes: the fitted mix gives the dashboard's type totals and
// keeps each domain's own leaning.
func TestFitTypes(t *testing.T) {
	var domains []string
	dsum, tsum := 0.0, 0.0
	for d, n := range domainCounts {
		domains = append(domains, d)
		dsum += n
	}
	for _, n := range typeCounts {
		tsum += n
	}
	mix := fitTypes(domains)
	for i, typ := range types {
		got := 0.0
		for _, d := range domains {
			got += domainCounts[d] / dsum * mix[d][i]
		}
		if want := typeCounts[typ] / tsum; math.Abs(got-want) > 0.001 {
			t.Errorf("%s: %.4f, want %.4f", typ, got, want)
		}
	}
	// 交通 asks questions and makes suggestions more than 环保 does.
	if mix["交通"][1] <= mix["环保"][1] {
		t.Errorf("咨询 in 交通 %.3f, in 环保 %.3f", mix["交通"][1], mix["环保"][1])
	}
}
