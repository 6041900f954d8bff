package vocab

import (
	"context"
	"sync"
	"sync/atomic"
)

// Loader reads the current lists and rules from storage.
type Loader func(ctx context.Context) (*Set, error)

// Registry caches the current Set. Admin changes call Reload after they
// commit; an instance that hears of another instance's change (the
// cross-instance cache invalidation) calls Reload too.
type Registry struct {
	load Loader
	mu   sync.Mutex // one first load at a time
	cur  atomic.Pointer[Set]
}

// NewRegistry makes a registry over a loader; the first Current loads.
func NewRegistry(load Loader) *Registry { return &Registry{load: load} }

// Current returns the cached Set, loading it on first use.
func (r *Registry) Current(ctx context.Context) (*Set, error) {
	if s := r.cur.Load(); s != nil {
		return s, nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if s := r.cur.Load(); s != nil {
		return s, nil
	}
	s, err := r.load(ctx)
	if err != nil {
		return nil, err
	}
	r.cur.Store(s)
	return s, nil
}

// Reload reads the lists and rules again; until it succeeds the previous
// Set stays in use.
func (r *Registry) Reload(ctx context.Context) error {
	s, err := r.load(ctx)
	if err != nil {
		return err
	}
	r.cur.Store(s)
	return nil
}
