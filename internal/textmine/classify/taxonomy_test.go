package classify

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"liuyan/internal/textmine/tipdmtest"
)

func TestReadTaxonomyFile(t *testing.T) {
	terms, err := ReadTaxonomyFile(tipdmtest.File(t, TaxonomyFile))
	if err != nil {
		t.Fatal(err)
	}
	has := func(name, label string) bool { return slices.Contains(terms, Term{name, label}) }
	for _, want := range []Term{
		{"公共汽车", "城乡建设"}, // city buses are filed under 城市建设和市政管理
		{"物业服务", "城乡建设"},
		{"旅客运输", "交通运输"},
		{"城市建设", "城乡建设"}, // 城市建设和市政管理, split at 和
		{"市政管理", "城乡建设"},
		{"景区管理", "商贸旅游"},
	} {
		if !has(want.Name, want.Label) {
			t.Errorf("no term %v", want)
		}
	}
	for _, tm := range terms {
		if tm.Name == "其他" || len([]rune(tm.Name)) < 2 || strings.ContainsAny(tm.Name, "、") {
			t.Errorf("kept term %v", tm)
		}
	}
	if !slices.IsSortedFunc(terms, func(a, b Term) int { return strings.Compare(a.Name+"\x00"+a.Label, b.Name+"\x00"+b.Label) }) {
		t.Error("terms not sorted")
	}
	if n := len(terms); n < 450 || n > 600 {
		t.Errorf("%d terms from 517 rows", n)
	}

	bad := filepath.Join(t.TempDir(), TaxonomyFile)
	if err := os.WriteFile(bad, []byte("一级分类,二级分类\n城乡建设,安全生产\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadTaxonomyFile(bad); err == nil || !strings.Contains(err.Error(), "三级分类") {
		t.Errorf("file without 三级分类: %v", err)
	}
}

func TestTermIndexFindsEachTermOnce(t *testing.T) {
	terms := []Term{{"公共汽车", "城乡建设"}, {"公共汽车站", "交通运输"}, {"物业服务", "城乡建设"}, {"旅客运输", "交通运输"}}
	x := newTermIndex(terms)
	c := newCounter()
	text := []rune("公共汽车站旁的物业服务差公共汽车太挤")
	c.seen = x.count(c, text, 1<<18-1, true, false)
	var found []string
	for _, i := range c.seen {
		found = append(found, terms[i].Name)
	}
	slices.Sort(found)
	if want := []string{"公共汽车", "公共汽车站", "物业服务"}; !slices.Equal(found, want) {
		t.Errorf("found %v, want %v", found, want)
	}
	// Two terms of 城乡建设 found: its feature counted twice; one of 交通运输.
	got := map[uint32]float32{}
	for _, h := range c.used {
		if c.grp[h] != termGroup {
			t.Errorf("term feature in group %d", c.grp[h])
		}
		got[c.keys[h]-1] = c.count[h]
	}
	want := map[uint32]float32{hashString(seedTerm, "城乡建设") & (1<<18 - 1): 2, hashString(seedTerm, "交通运输") & (1<<18 - 1): 1}
	if len(got) != len(want) {
		t.Fatalf("features %v, want %v", got, want)
	}
	for b, n := range want {
		if got[b] != n {
			t.Errorf("bucket %d counted %v, want %v", b, got[b], n)
		}
	}
}

func TestTermIndexCountsPairs(t *testing.T) {
	x := newTermIndex([]Term{{"物业服务", "城乡建设"}, {"服务质量", "商贸旅游"}, {"公共汽车", "城乡建设"}})
	c := newCounter()
	// 物业 and 服务 are pairs of 城乡建设's names, 服务 of 商贸旅游's too;
	// no name is there whole.
	c.seen = x.count(c, []rune("物业的服务"), 1<<18-1, true, true)
	if len(c.seen) != 0 {
		t.Errorf("found terms %v", c.seen)
	}
	got := map[uint32]float32{}
	for _, h := range c.used {
		if c.grp[h] != termCharGroup {
			t.Errorf("pair feature in group %d", c.grp[h])
		}
		got[c.keys[h]-1] = c.count[h]
	}
	city, trade := hashString(seedTermChar, "城乡建设")&(1<<18-1), hashString(seedTermChar, "商贸旅游")&(1<<18-1)
	if len(got) != 2 || got[city] != 2 || got[trade] != 1 {
		t.Errorf("pair features %v, want 城乡建设 2 and 商贸旅游 1", got)
	}
}
