package client

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
)

func newCacheClient(t *testing.T) *Client {
	t.Helper()
	c, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestCached_OneFetchUntilInvalidated(t *testing.T) {
	c := newCacheClient(t)
	var fetches atomic.Int32
	fetch := func(context.Context) ([]string, error) {
		n := fetches.Add(1)
		return []string{string('a' + n - 1)}, nil
	}
	ctx := t.Context()
	get := func(fresh bool) string {
		t.Helper()
		v, err := Cached(ctx, c, "things", fresh, fetch)
		if err != nil {
			t.Fatal(err)
		}
		return v[0]
	}
	if a, b := get(false), get(false); a != "a" || b != "a" || fetches.Load() != 1 {
		t.Fatalf("two reads = %q %q with %d fetches, want one fetch", a, b, fetches.Load())
	}
	// Another kind has its own entry.
	if _, err := Cached(ctx, c, "others", false, fetch); err != nil || fetches.Load() != 2 {
		t.Fatalf("other kind: err %v, %d fetches", err, fetches.Load())
	}
	c.Invalidate("things")
	if v := get(false); v != "c" || fetches.Load() != 3 {
		t.Errorf("after Invalidate got %q with %d fetches", v, fetches.Load())
	}
	if v := get(true); v != "d" {
		t.Errorf("fresh read got %q, want a new fetch", v)
	}
	if v := get(false); v != "d" || fetches.Load() != 4 {
		t.Errorf("read after a fresh read got %q with %d fetches; the fresh answer should be cached", v, fetches.Load())
	}
}

func TestCached_ErrorsAreNotCached(t *testing.T) {
	c := newCacheClient(t)
	var fetches atomic.Int32
	boom := errors.New("boom")
	fetch := func(context.Context) (int, error) {
		if fetches.Add(1) == 1 {
			return 0, boom
		}
		return 7, nil
	}
	if _, err := Cached(t.Context(), c, "k", false, fetch); !errors.Is(err, boom) {
		t.Fatalf("first read: %v", err)
	}
	if v, err := Cached(t.Context(), c, "k", false, fetch); err != nil || v != 7 {
		t.Fatalf("second read = %d, %v; a failure must not be cached", v, err)
	}
}

func TestCached_InvalidatedDuringFetchIsNotStored(t *testing.T) {
	c := newCacheClient(t)
	var fetches atomic.Int32
	fetch := func(context.Context) (int32, error) {
		n := fetches.Add(1)
		if n == 1 {
			// A write of this kind lands while the list is in flight.
			c.Invalidate("k")
		}
		return n, nil
	}
	if v, _ := Cached(t.Context(), c, "k", false, fetch); v != 1 {
		t.Fatalf("first read = %d", v)
	}
	if v, _ := Cached(t.Context(), c, "k", false, fetch); v != 2 {
		t.Errorf("second read = %d: an answer fetched before an invalidation was kept", v)
	}
}

// signalCtx reports the first time someone waits on it: Cached waits on
// ctx.Done() while another caller's fetch is in flight.
type signalCtx struct {
	context.Context
	once     sync.Once
	waiting  chan struct{}
	finished chan struct{} // closed when the caller has its answer
}

func (s *signalCtx) Done() <-chan struct{} {
	s.once.Do(func() { close(s.waiting) })
	return s.Context.Done()
}

func TestCached_ConcurrentCallersShareOneFetch(t *testing.T) {
	c := newCacheClient(t)
	var fetches atomic.Int32
	started := make(chan struct{})
	release := make(chan struct{})
	fetch := func(context.Context) (string, error) {
		if fetches.Add(1) == 1 {
			close(started)
			<-release
		}
		return "v", nil
	}
	const waiters = 5
	var wg sync.WaitGroup
	results := make([]string, waiters+1)
	errs := make([]error, waiters+1)
	wg.Add(1)
	go func() {
		defer wg.Done()
		results[0], errs[0] = Cached(t.Context(), c, "k", false, fetch)
	}()
	<-started
	var ctxs []*signalCtx
	for i := 1; i <= waiters; i++ {
		sc := &signalCtx{Context: t.Context(), waiting: make(chan struct{}), finished: make(chan struct{})}
		ctxs = append(ctxs, sc)
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer close(sc.finished)
			results[i], errs[i] = Cached(sc, c, "k", false, fetch)
		}()
	}
	for _, sc := range ctxs {
		// A caller that finished without waiting did not share the fetch;
		// the count below reports it.
		select {
		case <-sc.waiting:
		case <-sc.finished:
		}
	}
	close(release)
	wg.Wait()
	for i := range results {
		if errs[i] != nil || results[i] != "v" {
			t.Errorf("caller %d: %q, %v", i, results[i], errs[i])
		}
	}
	if n := fetches.Load(); n != 1 {
		t.Errorf("%d fetches, want 1 shared by %d callers", n, waiters+1)
	}
}

func TestCached_WaiterGivesUpWithItsContext(t *testing.T) {
	c := newCacheClient(t)
	started := make(chan struct{})
	release := make(chan struct{})
	go func() {
		_, _ = Cached(t.Context(), c, "k", false, func(context.Context) (int, error) {
			close(started)
			<-release
			return 1, nil
		})
	}()
	defer close(release)
	<-started
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := Cached(ctx, c, "k", false, func(context.Context) (int, error) { return 2, nil }); !errors.Is(err, context.Canceled) {
		t.Errorf("waiter on a canceled context: %v", err)
	}
}

// Find answers a copy of the first match, so a caller that changes it (a Read marking its answer
// Listed) never changes the cached list; nil when nothing matches.
func TestFind(t *testing.T) {
	type item struct {
		id     int
		listed bool
	}
	items := []item{{id: 1}, {id: 2}, {id: 2}}
	got := Find(items, func(it *item) bool { return it.id == 2 })
	if got == nil || got.id != 2 {
		t.Fatalf("Find = %+v, want id 2", got)
	}
	got.listed = true
	if items[1].listed {
		t.Error("changing the answer changed the list")
	}
	if Find(items, func(it *item) bool { return it.id == 3 }) != nil {
		t.Error("Find of a missing item is not nil")
	}
}

// A create's note of what exists before it may use a list that a write invalidated less than
// beforeAge ago (the concurrent creates of one apply share it); a Read never does, and an older
// dropped list is fetched again.
func TestCached_NotingBeforeSharesARecentlyInvalidatedList(t *testing.T) {
	c := newCacheClient(t)
	var fetches atomic.Int32
	fetch := func(context.Context) ([]string, error) {
		n := fetches.Add(1)
		return []string{string('a' + n - 1)}, nil
	}
	get := func(ctx context.Context) string {
		t.Helper()
		v, err := Cached(ctx, c, "things", false, fetch)
		if err != nil {
			t.Fatal(err)
		}
		return v[0]
	}
	noting := NotingBefore(t.Context())
	get(noting)
	c.Invalidate("things") // a create of one of them was answered
	if got := get(noting); got != "a" || fetches.Load() != 1 {
		t.Errorf("the next create's note got %q after %d fetches, want the recent list a and no fetch", got, fetches.Load())
	}
	if got := get(t.Context()); got != "b" {
		t.Errorf("a Read after the write got %q, want a fresh list b", got)
	}
	c.Invalidate("things")
	c.cache.mu.Lock()
	c.cache.dropped["things"].started = c.cache.dropped["things"].started.Add(-2 * beforeAge)
	c.cache.mu.Unlock()
	if got := get(noting); got != "c" {
		t.Errorf("a create's note got %q from a list dropped %s ago, want a fresh list c", got, 2*beforeAge)
	}
}
