package cli

import "testing"

// TestPageCacheBytes: LIUYAN_PAGE_CACHE_MB in megabytes, 0 for none, the
// site's default when unset, and a clear refusal of anything else.
func TestPageCacheBytes(t *testing.T) {
	for _, c := range []struct {
		env  string
		want int
		bad  bool
	}{{"", 0, false}, {"64", 64 << 20, false}, {"0", -1, false}, {"-1", 0, true}, {"三十二", 0, true}, {"1.5", 0, true}} {
		t.Setenv("LIUYAN_PAGE_CACHE_MB", c.env)
		got, err := pageCacheBytes()
		if (err != nil) != c.bad || got != c.want {
			t.Errorf("LIUYAN_PAGE_CACHE_MB=%q: %d, %v", c.env, got, err)
		}
	}
}
