package client

import (
	"context"
	"sync"
	"time"
)

// readCache keeps one list answer per object type for the life of the
// client (one provider run), so that N Reads of a list-only type cost one
// call. Writes of a type invalidate it; an answer fetched before an
// invalidation is never stored after it.
type readCache struct {
	mu      sync.Mutex
	entries map[string]*cacheEntry
	gen     map[string]uint64
}

type cacheEntry struct {
	done    chan struct{}
	value   any
	err     error
	started time.Time
}

func newReadCache() *readCache {
	return &readCache{entries: map[string]*cacheEntry{}, gen: map[string]uint64{}}
}

// Invalidate drops the cached list of kind; call it after every write of kind.
func (c *Client) Invalidate(kind string) {
	rc := c.cache
	rc.mu.Lock()
	delete(rc.entries, kind)
	rc.gen[kind]++
	rc.mu.Unlock()
}

// Cached returns the list of kind, fetching it at most once per run while no
// write invalidates it. fresh=true bypasses (and refreshes) the cache.
// Concurrent callers share one fetch.
func Cached[T any](ctx context.Context, c *Client, kind string, fresh bool, fetch func(context.Context) (T, error)) (T, error) {
	var since time.Time
	if fresh {
		since = time.Now()
	}
	return CachedSince(ctx, c, kind, since, fetch)
}

// CachedSince returns the list of kind from a fetch that started at or after
// since (the zero time accepts any answer cached in this run). Consistency
// waits pass the time their write was answered: they never see a list
// fetched before it, yet every waiter of one batched write shares one fetch.
func CachedSince[T any](ctx context.Context, c *Client, kind string, since time.Time, fetch func(context.Context) (T, error)) (T, error) {
	rc := c.cache
	rc.mu.Lock()
	if e, ok := rc.entries[kind]; ok && !e.started.Before(since) {
		rc.mu.Unlock()
		select {
		case <-e.done:
		case <-ctx.Done():
			var zero T
			return zero, ctx.Err()
		}
		if e.err == nil {
			return e.value.(T), nil
		}
		// A failed shared fetch is not cached: fall through and try ourselves.
		rc.mu.Lock()
		if rc.entries[kind] == e {
			delete(rc.entries, kind)
		}
	}
	e := &cacheEntry{done: make(chan struct{}), started: time.Now()}
	gen := rc.gen[kind]
	rc.entries[kind] = e
	rc.mu.Unlock()

	v, err := fetch(ctx)
	e.value, e.err = v, err
	close(e.done)

	rc.mu.Lock()
	if err != nil || rc.gen[kind] != gen {
		if rc.entries[kind] == e {
			delete(rc.entries, kind)
		}
	}
	rc.mu.Unlock()
	return v, err
}
