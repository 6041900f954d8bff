package web

import (
	"bytes"
	"testing"
)

// TestPageCacheBound: pages past the bound push out the least recently
// viewed, a page is served only under the key it was kept with, and none
// is kept without a bound.
func TestPageCacheBound(t *testing.T) {
	c := newPageCache(3000)
	page := func(n byte) []byte { return bytes.Repeat([]byte{n}, 1000) }
	k := pageKey{version: 1}
	for id := int64(1); id <= 3; id++ {
		c.put(id, k, page(byte(id)))
	}
	if _, ok := c.get(1, k); !ok { // 1 is now the most recently viewed
		t.Fatal("page 1 not kept")
	}
	c.put(4, k, page(4))
	if _, ok := c.get(2, k); ok {
		t.Error("the least recently viewed page was not dropped")
	}
	for _, id := range []int64{1, 3, 4} {
		if got, ok := c.get(id, k); !ok || got[0] != byte(id) {
			t.Errorf("page %d not kept", id)
		}
	}
	if c.size != 3000 || len(c.byID) != 3 || c.lru.Len() != 3 {
		t.Errorf("size %d, %d pages, %d in order", c.size, len(c.byID), c.lru.Len())
	}
	for _, other := range []pageKey{{version: 2}, {version: 1, generation: 1}, {version: 1, overdue: true}, {version: 1, dueSoon: true}} {
		if _, ok := c.get(1, other); ok {
			t.Errorf("page kept under %+v served for %+v", k, other)
		}
	}
	c.put(1, pageKey{version: 2}, page(9))
	if got, ok := c.get(1, pageKey{version: 2}); !ok || got[0] != 9 || c.size != 3000 {
		t.Errorf("a page kept again: %v, size %d", ok, c.size)
	}
	c.put(5, k, make([]byte, 3001))
	if _, ok := c.get(5, k); ok || c.size != 3000 {
		t.Error("a page larger than the bound was kept")
	}
	if off := newPageCache(-1); off != nil {
		t.Error("a cache with no bound")
	}
	var none *pageCache
	none.put(1, k, page(1))
	if _, ok := none.get(1, k); ok {
		t.Error("no cache served a page")
	}
}
