package client

import (
	"context"
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
