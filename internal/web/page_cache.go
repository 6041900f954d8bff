package web

import (
	"container/list"
	"crypto/rand"
	"encoding/hex"
	"runtime/debug"
	"strconv"
	"sync"
	"time"
)

// DefaultPageCacheBytes bounds the rendered message and board pages a
// site keeps when Config.PageCacheBytes is zero: about two thousand pages
// of 15 KiB.
const DefaultPageCacheBytes = 32 << 20

// pageKey is what a kept page was rendered from: the store's version of
// the message (store.PageKey) or board (store.BoardPageKey) and its page
// generation, and what depends on the clock: a message's overdue and
// due-soon flags, a board page's day (its figures run to the end of the
// day, and the flags of its messages that are due soon follow the day).
// A kept page is served only while the store and the clock give the same.
type pageKey struct {
	version, generation int64
	overdue, dueSoon    bool
	day                 int32 // yyyymmdd in China; 0 for a message page
}

// etag names the page of message id with key k, as rendered by this
// build, for If-None-Match.
func (k pageKey) etag(id int64) string {
	b := make([]byte, 0, 64)
	b = append(b, '"')
	b = append(b, buildTag...)
	b = append(b, '-')
	b = strconv.AppendInt(b, id, 36)
	b = append(b, '-')
	b = strconv.AppendInt(b, k.version, 36)
	b = append(b, '-')
	b = strconv.AppendInt(b, k.generation, 36)
	b = append(b, '-', flag(k.overdue), flag(k.dueSoon), '"')
	return string(b)
}

// boardETag names a kept board page: board id's page with key k, kept
// until until (zero: no deadline of its messages to pass), as rendered by
// this build. Two instances that render one state give the same.
func (k pageKey) boardETag(id int64, until time.Time) string {
	b := make([]byte, 0, 80)
	b = append(b, '"')
	b = append(b, buildTag...)
	b = append(b, "-b"...)
	for _, n := range []int64{id, k.version, k.generation, int64(k.day), untilNanos(until)} {
		b = append(b, '-')
		b = strconv.AppendInt(b, n, 36)
	}
	return string(append(b, '"'))
}

func untilNanos(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixNano()
}

func flag(b bool) byte {
	if b {
		return '1'
	}
	return '0'
}

// buildTag tells one build's pages from another's in an ETag: the
// template, the catalogue and the code that render a page change only
// with the build. A build from a clean checkout is named by its commit,
// so every instance of a deployment gives the same ETags; any other
// build (a modified checkout, tests) by a random value of its own.
var buildTag = func() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		var rev string
		clean := false
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				clean = s.Value == "false"
			}
		}
		if rev != "" && clean {
			return rev[:min(len(rev), 12)]
		}
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}()

// pageCache keeps anonymous visitors' message and board pages as
// rendered, by address, the least recently used dropped first once they
// pass max bytes. It decides nothing about freshness: the caller compares
// each kept page's key with the store's before serving it, so no instance
// needs to hear of another's changes. A page may also say until when it
// holds (a board page whose messages' deadlines pass).
type pageCache struct {
	mu     sync.Mutex
	max    int
	size   int
	lru    *list.List // of *keptPage, most recent first
	byAddr map[string]*list.Element
}

type keptPage struct {
	addr  string
	key   pageKey
	until time.Time // zero: no end
	body  []byte
}

// newPageCache keeps up to max bytes of pages; nil (no cache) when max is
// not positive.
func newPageCache(max int) *pageCache {
	if max <= 0 {
		return nil
	}
	return &pageCache{max: max, lru: list.New(), byAddr: map[string]*list.Element{}}
}

// get returns the page kept for addr if it was rendered from key k and
// still holds at now, with the end it was kept with.
func (c *pageCache) get(addr string, k pageKey, now time.Time) (body []byte, until time.Time, ok bool) {
	if c == nil {
		return nil, time.Time{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.byAddr[addr]
	if !ok {
		return nil, time.Time{}, false
	}
	p := e.Value.(*keptPage)
	if p.key != k || (!p.until.IsZero() && !now.Before(p.until)) {
		return nil, time.Time{}, false
	}
	c.lru.MoveToFront(e)
	return p.body, p.until, true
}

// put keeps body as addr's page rendered from key k, holding until until
// (zero: as long as the key), replacing any other, and drops the least
// recently used pages beyond the bound.
func (c *pageCache) put(addr string, k pageKey, until time.Time, body []byte) {
	if c == nil || len(body) > c.max {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.byAddr[addr]; ok {
		c.size -= len(e.Value.(*keptPage).body)
		c.lru.Remove(e)
	}
	c.byAddr[addr] = c.lru.PushFront(&keptPage{addr: addr, key: k, until: until, body: body})
	c.size += len(body)
	for c.size > c.max {
		e := c.lru.Back()
		p := e.Value.(*keptPage)
		c.lru.Remove(e)
		delete(c.byAddr, p.addr)
		c.size -= len(p.body)
	}
}
