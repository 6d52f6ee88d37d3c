package client

import (
	"context"
	"sync"
	"time"
)

// readCache keeps one list answer per object type for the life of the
// client (one provider run), so that N Reads of a list-only type cost one
// call. Writes of a type invalidate it; an answer whose fetch started before
// a write was answered is never kept after it.
type readCache struct {
	mu      sync.Mutex
	entries map[string]*cacheEntry
	// dropped is the latest answer of each kind that a write invalidated: it can still tell what
	// existed before a create (NotingBefore), never what a Read or a wait sees.
	dropped map[string]*cacheEntry
}

type cacheEntry struct {
	done    chan struct{}
	value   any
	err     error
	started time.Time
}

func newReadCache() *readCache {
	return &readCache{entries: map[string]*cacheEntry{}, dropped: map[string]*cacheEntry{}}
}

// Invalidate drops the cached lists of kinds; call it after every write of them.
func (c *Client) Invalidate(kinds ...string) { c.InvalidateAt(time.Now(), kinds...) }

// InvalidateAt records a write of kinds that the API answered at t: the
// answer whose fetch started at or before t is dropped, done or still in
// flight (its callers get it, nobody after them); an answer fetched after t
// stays. The batcher invalidates once per batch with its answer time, before
// any item returns, so the list the first item to wake fetches for the
// batch's waits is kept for the others.
func (c *Client) InvalidateAt(t time.Time, kinds ...string) {
	rc := c.cache
	rc.mu.Lock()
	defer rc.mu.Unlock()
	for _, kind := range kinds {
		if e, ok := rc.entries[kind]; ok && !e.started.After(t) {
			delete(rc.entries, kind)
			rc.dropped[kind] = e
		}
	}
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
	v, _, err := CachedAfter(ctx, c, kind, since, fetch)
	return v, err
}

// CachedAfter is CachedSince that also reports when the fetch behind the
// answer started. A poll that did not find what it waits for asks next for
// an answer started after the one it saw: the waiters that saw the same
// answer then share the next fetch instead of each starting its own.
func CachedAfter[T any](ctx context.Context, c *Client, kind string, since time.Time, fetch func(context.Context) (T, error)) (T, time.Time, error) {
	rc := c.cache
	rc.mu.Lock()
	e, ok := rc.entries[kind]
	if !ok && since.IsZero() && notingBefore(ctx) {
		if d, recent := rc.dropped[kind]; recent && time.Since(d.started) < beforeAge {
			e, ok = d, true
		}
	}
	if ok && !e.started.Before(since) {
		rc.mu.Unlock()
		select {
		case <-e.done:
		case <-ctx.Done():
			var zero T
			return zero, time.Time{}, ctx.Err()
		}
		if e.err == nil {
			return e.value.(T), e.started, nil
		}
		// A failed shared fetch is not cached: fall through and try ourselves.
		rc.mu.Lock()
		if rc.entries[kind] == e {
			delete(rc.entries, kind)
		}
	}
	e = &cacheEntry{done: make(chan struct{}), started: time.Now()}
	rc.entries[kind] = e
	rc.mu.Unlock()

	v, err := fetch(ctx)
	e.value, e.err = v, err
	close(e.done)

	if err != nil {
		rc.mu.Lock()
		if rc.entries[kind] == e {
			delete(rc.entries, kind)
		}
		rc.mu.Unlock()
	}
	return v, e.started, err
}

// beforeAge is how old a list that a write invalidated may be and still tell a create what
// existed before it (recovery.go): the concurrent creates of one apply share it instead of
// listing once each. An object this run created since is told apart by Claim, so only an
// object someone else created in the last beforeAge could be missed, as it could be in the
// moment between any list and the create.
const beforeAge = time.Second

type notingBeforeKey struct{}

// NotingBefore marks ctx as a create's note of the objects that exist before it: a cached list
// answer (fresh=false) may then be one that a write invalidated less than beforeAge ago.
func NotingBefore(ctx context.Context) context.Context {
	return context.WithValue(ctx, notingBeforeKey{}, true)
}

func notingBefore(ctx context.Context) bool { return ctx.Value(notingBeforeKey{}) != nil }

// Find returns a copy of the first item of items that match picks, nil when none does: how every
// Read and wait served by a list answer looks its object up.
func Find[T any](items []T, match func(*T) bool) *T {
	for i := range items {
		if match(&items[i]) {
			it := items[i]
			return &it
		}
	}
	return nil
}
