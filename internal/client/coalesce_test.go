package client

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"
)

// When the client-side rate limit holds requests back, a batch stays open
// while it waits for its token: calls that arrive meanwhile travel in it
// instead of each queueing a request of its own, and the batch does not take
// a second token when it is sent.
func TestBatch_WaitingForTheRateLimitKeepsTheBatchOpen(t *testing.T) {
	ts := newTestServer(t, batchEcho)
	c := newTestClient(t, ts, Config{AccessToken: "dal:test-token", Coalesce: true, RateLimit: 4, BatchWindow: 10 * time.Millisecond})
	// Spend the burst: the next token is due in 250 ms.
	for range 4 {
		if err := c.Do(t.Context(), Action("list_agents", nil), nil); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	errs := make([]error, 5)
	for i := range 5 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Spread over 100 ms: far beyond the 10 ms window.
			time.Sleep(time.Duration(i) * 25 * time.Millisecond)
			errs[i] = c.Batch(t.Context(), "batch_update_agents", false, map[string]any{"id": i}, nil)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("item %d: %v", i, err)
		}
	}
	reqs := ts.requests()
	if len(reqs) != 5 {
		t.Fatalf("%d requests, want the 4 lists and 1 batch", len(reqs))
	}
	items, _ := decodeBody(t, reqs[4].Body)["requests"].([]any)
	if len(items) != 5 {
		t.Errorf("the batch carried %d items, want all 5 (they arrived while it waited for its token)", len(items))
	}
	// One token for the batch: it waited once, and was not held back again
	// when it was sent.
	if s := c.Stats(); s.RateLimitWaits != 1 {
		t.Errorf("%d rate-limit waits, want 1 (the batch's, before it was sent)", s.RateLimitWaits)
	}
}

// An item that gives up while its batch waits for the rate limit leaves it;
// a batch whose items all gave up sends nothing.
func TestBatch_ItemsLeaveWhileWaitingForTheRateLimit(t *testing.T) {
	ts := newTestServer(t, batchEcho)
	c := newTestClient(t, ts, Config{AccessToken: "dal:test-token", Coalesce: true, RateLimit: 4, BatchWindow: 5 * time.Millisecond})
	for range 4 {
		if err := c.Do(t.Context(), Action("list_agents", nil), nil); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	if err := c.Batch(ctx, "batch_delete_agents", false, map[string]any{"id": "x"}, nil); err == nil {
		t.Fatal("the item outlived its context")
	}
	time.Sleep(300 * time.Millisecond) // the batch's token comes due
	if n := ts.count(); n != 4 {
		t.Errorf("%d requests: an empty batch was sent", n)
	}
}

// While a batch is on the wire, the calls that arrive join the next batch of
// the action, which is sent once the first is answered: two requests for
// eleven items, however long the first round trip takes.
func TestBatch_NextBatchWaitsForTheOneOnTheWire(t *testing.T) {
	release := make(chan struct{})
	ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int, body []byte) {
		if n == 0 {
			<-release
		}
		batchEcho(w, r, n, body)
	})
	c := newTestClient(t, ts, Config{AccessToken: "dal:test-token", Coalesce: true, BatchWindow: 5 * time.Millisecond})
	var wg sync.WaitGroup
	call := func(i int) {
		defer wg.Done()
		if err := c.Batch(t.Context(), "batch_update_agents", false, map[string]any{"id": i}, nil); err != nil {
			t.Errorf("item %d: %v", i, err)
		}
	}
	wg.Add(1)
	go call(0)
	for ts.count() == 0 { // the first batch is on the wire
		time.Sleep(time.Millisecond)
	}
	for i := 1; i <= 10; i++ {
		wg.Add(1)
		go call(i)
		time.Sleep(10 * time.Millisecond) // each beyond the window of the one before
	}
	if n := ts.count(); n != 1 {
		t.Fatalf("%d requests while the first batch was unanswered, want 1", n)
	}
	close(release)
	wg.Wait()
	reqs := ts.requests()
	if len(reqs) != 2 {
		t.Fatalf("%d requests, want 2", len(reqs))
	}
	if items, _ := decodeBody(t, reqs[1].Body)["requests"].([]any); len(items) != 10 {
		t.Errorf("the second batch carried %d items, want the 10 that arrived while the first was on the wire", len(items))
	}
}

// A write answered at t drops the answers fetched before t, keeps the one
// fetched after it, and an answer whose fetch began before t is not kept.
func TestInvalidateAt_KeepsAnswersFetchedAfterTheWrite(t *testing.T) {
	ts := newTestServer(t, func(w http.ResponseWriter, _ *http.Request, _ int, _ []byte) { writeJSON(w, http.StatusOK, `[]`) })
	c := newTestClient(t, ts, Config{AccessToken: "dal:test-token"})
	fetches := 0
	fetch := func(context.Context) (int, error) { fetches++; return fetches, nil }

	before, _ := Cached(t.Context(), c, "k", false, fetch)
	written := time.Now()
	after, _ := CachedSince(t.Context(), c, "k", written, fetch)
	if before == after {
		t.Fatal("an answer fetched before since was served")
	}
	c.InvalidateAt(written, "k") // a write answered before `after` was fetched
	if got, _ := Cached(t.Context(), c, "k", false, fetch); got != after {
		t.Errorf("got answer %d, want %d: the answer fetched after the write was dropped", got, after)
	}
	c.Invalidate("k")
	if got, _ := Cached(t.Context(), c, "k", false, fetch); got == after {
		t.Error("an answer fetched before the latest write was served")
	}

	// A fetch in flight when a write is answered is not kept.
	started := make(chan struct{})
	finish := make(chan struct{})
	go func() {
		_, _ = CachedSince(t.Context(), c, "slow", time.Now(), func(context.Context) (int, error) {
			close(started)
			<-finish
			return -1, nil
		})
	}()
	<-started
	c.Invalidate("slow")
	close(finish)
	time.Sleep(10 * time.Millisecond)
	if got, _ := Cached(t.Context(), c, "slow", false, func(context.Context) (int, error) { return 7, nil }); got != 7 {
		t.Errorf("got %d: an answer fetched before a write was kept after it", got)
	}
}

// Each companion extends a batch's window, up to maxBatchWindows windows: a
// stream of writes, each arriving within a window of the one before, travels
// in few requests, and the stream cannot hold a batch open for ever.
func TestBatch_CompanionsExtendTheWindowUpToACap(t *testing.T) {
	ts := newTestServer(t, batchEcho)
	const window = 40 * time.Millisecond
	c := newTestClient(t, ts, Config{AccessToken: "dal:test-token", Coalesce: true, BatchWindow: window})
	const items, spacing = 80, 8 * time.Millisecond // 640 ms of writes, each 8 ms after the last
	var wg sync.WaitGroup
	for i := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := c.Batch(t.Context(), "batch_update_agents", false, map[string]any{"id": i}, nil); err != nil {
				t.Errorf("item %d: %v", i, err)
			}
		}()
		time.Sleep(spacing)
	}
	wg.Wait()
	n := ts.count()
	// A fixed window would send about 16 requests; a window without a cap,
	// one request; this one, two or three.
	if n > 8 {
		t.Errorf("%d requests for a stream of %d writes %s apart: the window was not extended", n, items, spacing)
	}
	if n < 2 {
		t.Errorf("%d request for %s of writes: the window outgrew its cap of %s", n, items*spacing, maxBatchWindows*window)
	}
}
