package web

import (
	"container/list"
	"crypto/rand"
	"encoding/hex"
	"runtime/debug"
	"strconv"
	"sync"
)

// DefaultPageCacheBytes bounds the rendered message pages a site keeps
// when Config.PageCacheBytes is zero: about two thousand pages of 15 KiB.
const DefaultPageCacheBytes = 32 << 20

// pageKey is what a kept message page was rendered from: the message's
// store.PageKey and the overdue and due-soon flags, which depend on the
// clock too. A kept page is served only while the store gives the same.
type pageKey struct {
	version, generation int64
	overdue, dueSoon    bool
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

// pageCache keeps anonymous visitors' message pages as rendered, the
// least recently used dropped first once they pass max bytes. It decides
// nothing about freshness: the caller compares each kept page's key with
// the store's before serving it, so no instance needs to hear of another's
// changes.
type pageCache struct {
	mu   sync.Mutex
	max  int
	size int
	lru  *list.List // of *keptPage, most recent first
	byID map[int64]*list.Element
}

type keptPage struct {
	id   int64
	key  pageKey
	body []byte
}

// newPageCache keeps up to max bytes of pages; nil (no cache) when max is
// not positive.
func newPageCache(max int) *pageCache {
	if max <= 0 {
		return nil
	}
	return &pageCache{max: max, lru: list.New(), byID: map[int64]*list.Element{}}
}

// get returns message id's kept page if it was rendered from key k.
func (c *pageCache) get(id int64, k pageKey) ([]byte, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.byID[id]
	if !ok {
		return nil, false
	}
	p := e.Value.(*keptPage)
	if p.key != k {
		return nil, false
	}
	c.lru.MoveToFront(e)
	return p.body, true
}

// put keeps body as message id's page rendered from key k, replacing any
// other, and drops the least recently used pages beyond the bound.
func (c *pageCache) put(id int64, k pageKey, body []byte) {
	if c == nil || len(body) > c.max {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.byID[id]; ok {
		c.size -= len(e.Value.(*keptPage).body)
		c.lru.Remove(e)
	}
	c.byID[id] = c.lru.PushFront(&keptPage{id: id, key: k, body: body})
	c.size += len(body)
	for c.size > c.max {
		e := c.lru.Back()
		p := e.Value.(*keptPage)
		c.lru.Remove(e)
		delete(c.byID, p.id)
		c.size -= len(p.body)
	}
}
