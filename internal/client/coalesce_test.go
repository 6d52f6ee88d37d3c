package client

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/clienttest"
)

// When the client-side rate limit holds requests back, a batch stays open
// while it waits for its token: calls that arrive meanwhile travel in it
// instead of each queueing a request of its own, and the batch does not take
// a second token when it is sent.
func TestBatch_WaitingForTheRateLimitKeepsTheBatchOpen(t *testing.T) {
	ts := newTestServer(t, batchEcho)
	c, clock := newBatchingClient(t, ts, 10*time.Millisecond, Config{RateLimit: 4})
	// Spend the burst: the next token is due in 250 ms.
	for range 4 {
		if err := c.Do(t.Context(), Action("list_agents", nil), nil); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	errs := make([]error, 5)
	batchIn(t, &wg, c, "batch_update_agents", map[string]any{"id": 0}, nil, &errs[0])
	clienttest.Await(t, "the first item's batch window", func() bool { return clock.Timers() == 1 })
	clock.Advance(10 * time.Millisecond) // the window ends: the batch waits for its token
	clienttest.Await(t, "the batch waiting for its token", func() bool { return clock.Timers() == 1 })
	// Spread over 100 ms: far beyond the 10 ms window, within the wait for the token.
	for i := 1; i < 5; i++ {
		clock.Advance(25 * time.Millisecond)
		batchIn(t, &wg, c, "batch_update_agents", map[string]any{"id": i}, nil, &errs[i])
		clienttest.Await(t, fmt.Sprintf("item %d joining the waiting batch", i), func() bool { return queued(c, "batch_update_agents") == i+1 })
	}
	if n := ts.count(); n != 4 {
		t.Fatalf("%d requests before the token was due, want the 4 lists", n)
	}
	clock.Advance(140 * time.Millisecond) // the token is due
	wg.Wait()
	noItemErrors(t, errs)
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
	c, clock := newBatchingClient(t, ts, 5*time.Millisecond, Config{RateLimit: 4})
	for range 4 {
		if err := c.Do(t.Context(), Action("list_agents", nil), nil); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- c.Batch(ctx, "batch_delete_agents", false, map[string]any{"id": "x"}, nil) }()
	clienttest.Await(t, "the item's batch window", func() bool { return clock.Timers() == 1 })
	clock.Advance(5 * time.Millisecond)
	clienttest.Await(t, "the batch waiting for its token", func() bool { return clock.Timers() == 1 })
	cancel() // the item gives up while its batch waits
	if err := <-done; err == nil {
		t.Fatal("the item outlived its context")
	}
	clock.Advance(time.Second) // the batch's token comes due
	var onWire bool
	clienttest.Await(t, "the batch closing", func() bool {
		c.batches.mu.Lock()
		defer c.batches.mu.Unlock()
		// Closed and sent are one step under the lock: a batch sent is on the wire, or answered.
		onWire = c.batches.inFlight["batch_delete_agents"] != nil
		return c.batches.open["batch_delete_agents"] == nil
	})
	if n := ts.count(); n != 4 || onWire {
		t.Errorf("%d requests (one on the wire: %v): an empty batch was sent", n, onWire)
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
	c, clock := newBatchingClient(t, ts, 5*time.Millisecond, Config{})
	var wg sync.WaitGroup
	errs := make([]error, 11)
	batchIn(t, &wg, c, "batch_update_agents", map[string]any{"id": 0}, nil, &errs[0])
	clienttest.Await(t, "the first item's batch window", func() bool { return clock.Timers() == 1 })
	clock.Advance(5 * time.Millisecond)
	clienttest.Await(t, "the first batch on the wire", func() bool { return ts.count() == 1 })
	for i := 1; i <= 10; i++ {
		batchIn(t, &wg, c, "batch_update_agents", map[string]any{"id": i}, nil, &errs[i])
		clienttest.Await(t, fmt.Sprintf("item %d in the next batch", i), func() bool { return queued(c, "batch_update_agents") == i })
		clock.Advance(10 * time.Millisecond) // each beyond the window of the one before
	}
	if n := ts.count(); n != 1 {
		t.Fatalf("%d requests while the first batch was unanswered, want 1", n)
	}
	close(release)
	wg.Wait()
	noItemErrors(t, errs)
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
	fetched := make(chan struct{})
	go func() {
		defer close(fetched)
		_, _ = CachedSince(t.Context(), c, "slow", time.Now(), func(context.Context) (int, error) {
			close(started)
			<-finish
			return -1, nil
		})
	}()
	<-started
	c.Invalidate("slow")
	close(finish)
	<-fetched // the fetch has stored what it would keep
	if got, _ := Cached(t.Context(), c, "slow", false, func(context.Context) (int, error) { return 7, nil }); got != 7 {
		t.Errorf("got %d: an answer fetched before a write was kept after it", got)
	}
}

// Each companion extends a batch's window, up to maxBatchWindows windows: a stream of writes,
// each arriving within a window of the one before, travels in few requests, and the stream
// cannot hold a batch open for ever. The clock is fake: each write joins, then time moves on.
func TestBatch_CompanionsExtendTheWindowUpToACap(t *testing.T) {
	ts := newTestServer(t, batchEcho)
	const window = 40 * time.Millisecond
	c, clock := newBatchingClient(t, ts, window, Config{})
	const action = "batch_update_agents"
	const items, spacing = 80, 8 * time.Millisecond // 640 ms of writes, each 8 ms after the last
	var wg sync.WaitGroup
	errs := make([]error, items)
	for i := range items {
		before := queued(c, action)
		batchIn(t, &wg, c, action, map[string]any{"id": i}, nil, &errs[i])
		clienttest.Await(t, fmt.Sprintf("item %d joining", i), func() bool { return queued(c, action) == before+1 })
		clock.Advance(spacing)
		if clock.Timers() == 0 { // the window ended: the batch leaves before the next write
			clienttest.Await(t, "the batch leaving", func() bool { return queued(c, action) == 0 })
		}
	}
	clock.Advance(maxBatchWindows * window)
	wg.Wait()
	noItemErrors(t, errs)
	// A fixed window sends one request per 5 writes (16); a window without a cap, one request;
	// this one, a batch per maxBatchWindows windows of the stream: 400 ms of 640, two.
	if n := ts.count(); n != 2 {
		t.Errorf("%d requests for a stream of %d writes %s apart, want 2: a window of %s extended by each write, up to %d windows",
			n, items, spacing, window, maxBatchWindows)
	}
}
