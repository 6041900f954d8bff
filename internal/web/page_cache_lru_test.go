package web

import (
	"bytes"
	"net/url"
	"strconv"
	"testing"
	"time"

	"liuyan/internal/lifecycle"
	"liuyan/internal/vocab"
)

// TestPageCacheBound: pages past the bound push out the least recently
// viewed, a page is served only under the key it was kept with and
// before the end it was kept with, and none is kept without a bound.
func TestPageCacheBound(t *testing.T) {
	c := newPageCache(3000)
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	var never time.Time
	page := func(n byte) []byte { return bytes.Repeat([]byte{n}, 1000) }
	addr := func(id int) string { return "/messages/" + strconv.Itoa(id) }
	k := pageKey{version: 1}
	for id := 1; id <= 3; id++ {
		c.put(addr(id), k, never, page(byte(id)))
	}
	if _, _, ok := c.get(addr(1), k, now); !ok { // 1 is now the most recently viewed
		t.Fatal("page 1 not kept")
	}
	c.put(addr(4), k, never, page(4))
	if _, _, ok := c.get(addr(2), k, now); ok {
		t.Error("the least recently viewed page was not dropped")
	}
	for _, id := range []int{1, 3, 4} {
		if got, _, ok := c.get(addr(id), k, now); !ok || got[0] != byte(id) {
			t.Errorf("page %d not kept", id)
		}
	}
	if c.size != 3000 || len(c.byAddr) != 3 || c.lru.Len() != 3 {
		t.Errorf("size %d, %d pages, %d in order", c.size, len(c.byAddr), c.lru.Len())
	}
	for _, other := range []pageKey{{version: 2}, {version: 1, generation: 1}, {version: 1, overdue: true}, {version: 1, dueSoon: true},
		{version: 1, day: 20261127}} {
		if _, _, ok := c.get(addr(1), other, now); ok {
			t.Errorf("page kept under %+v served for %+v", k, other)
		}
	}
	c.put(addr(1), pageKey{version: 2}, never, page(9))
	if got, _, ok := c.get(addr(1), pageKey{version: 2}, now); !ok || got[0] != 9 || c.size != 3000 {
		t.Errorf("a page kept again: %v, size %d", ok, c.size)
	}
	// A page kept until a deadline passes is served before it only.
	end := now.Add(time.Hour)
	c.put("/boards/7?status=handling", k, end, page(7))
	if _, until, ok := c.get("/boards/7?status=handling", k, end.Add(-time.Nanosecond)); !ok || !until.Equal(end) {
		t.Errorf("a page before its end: %v, until %v", ok, until)
	}
	if _, _, ok := c.get("/boards/7?status=handling", k, end); ok {
		t.Error("a page served at its end")
	}
	if _, _, ok := c.get("/boards/7", k, now); ok {
		t.Error("a page served for another address")
	}
	c.put(addr(5), k, never, make([]byte, 3001))
	if _, _, ok := c.get(addr(5), k, now); ok || c.size != 3000 {
		t.Error("a page larger than the bound was kept")
	}
	if off := newPageCache(-1); off != nil {
		t.Error("a cache with no bound")
	}
	var none *pageCache
	none.put(addr(1), k, never, page(1))
	if _, _, ok := none.get(addr(1), k, now); ok {
		t.Error("no cache served a page")
	}
}

// TestBoardQuery: the one spelling of a board page's query, whether the
// address asks for anything else, and the filters the lists let through.
func TestBoardQuery(t *testing.T) {
	lists := testLists(t)
	cases := []struct {
		query, canonical string
		exact            bool
		filters          boardQuery
	}{
		{"", "", true, boardQuery{}},
		{"status=&type=&domain=", "", true, boardQuery{}},
		{"status=handling", "status=handling", true, boardQuery{status: lifecycle.Handling}},
		{"domain=%E5%9F%8E%E5%BB%BA&status=replied&type=", "domain=%E5%9F%8E%E5%BB%BA&status=replied", true,
			boardQuery{status: lifecycle.Replied, domain: "城建"}},
		{"type=咨询&before=120", "before=120&type=%E5%92%A8%E8%AF%A2", true, boardQuery{typ: "咨询", before: 120}},
		// A domain the lists do not know stays in the address, filtering nothing.
		{"domain=不存在", "domain=%E4%B8%8D%E5%AD%98%E5%9C%A8", true, boardQuery{}},
		{"before=0120", "", false, boardQuery{before: 120}},
		{"before=-3", "", false, boardQuery{before: -3}},
		{"status=submitted", "", false, boardQuery{}},
		{"status=handling&status=replied", "", false, boardQuery{status: lifecycle.Handling}},
		{"done=rate", "", false, boardQuery{}},
		{"template=3&status=handling", "", false, boardQuery{status: lifecycle.Handling}},
	}
	for _, c := range cases {
		q, err := url.ParseQuery(c.query)
		if err != nil {
			t.Fatal(err)
		}
		canonical, exact := boardAddress(q)
		if canonical != c.canonical || exact != c.exact {
			t.Errorf("%q: canonical %q exact %v, want %q %v", c.query, canonical, exact, c.canonical, c.exact)
		}
		if got := boardFilters(q, lists); got != c.filters {
			t.Errorf("%q: filters %+v, want %+v", c.query, got, c.filters)
		}
	}
}

// testLists are lists of a few real terms, for the query's checks.
func testLists(t *testing.T) *vocab.Set {
	t.Helper()
	terms := []vocab.Term{{ID: 1, Kind: vocab.Type, Name: "咨询", Position: 1, Days: 5}, {ID: 2, Kind: vocab.Type, Name: "投诉/求助", Position: 2, Days: 7},
		{ID: 3, Kind: vocab.Domain, Name: "城建", Position: 1}, {ID: 4, Kind: vocab.Domain, Name: "交通", Position: 2}}
	return vocab.NewSet(terms, nil, lifecycle.DefaultPolicy())
}
