package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/clienttest"
)

// batchEcho answers a batch with one response per request: an error for
// items whose id is "bad", else {"id": <id>}.
func batchEcho(w http.ResponseWriter, _ *http.Request, _ int, body []byte) {
	var in struct {
		Requests []map[string]any `json:"requests"`
	}
	_ = json.Unmarshal(body, &in)
	out := make([]any, len(in.Requests))
	for i, r := range in.Requests {
		if r["id"] == "bad" {
			out[i] = map[string]any{"error": map[string]any{"type": "validation", "message": "`id` is bad"}}
			continue
		}
		out[i] = map[string]any{"id": r["id"]}
	}
	b, _ := json.Marshal(map[string]any{"responses": out})
	writeJSON(w, http.StatusOK, string(b))
}

func TestBatch_ConcurrentCallsShareOneRequest(t *testing.T) {
	ts := newTestServer(t, batchEcho)
	c, clock := newBatchingClient(t, ts, 200*time.Millisecond, Config{})
	const n = 10
	var wg sync.WaitGroup
	errs := make([]error, n)
	ids := make([]string, n)
	outs := make([]struct {
		ID string `json:"id"`
	}, n)
	for i := range n {
		id := fmt.Sprintf("a%d@example.com", i)
		if i == 3 {
			id = "bad"
		}
		batchIn(t, &wg, c, "batch_update_agents", map[string]any{"id": id}, &outs[i], &errs[i])
	}
	clienttest.Await(t, "every item in the batch", func() bool { return queued(c, "batch_update_agents") == n })
	clock.Advance(200 * time.Millisecond)
	wg.Wait()
	for i := range outs {
		ids[i] = outs[i].ID
	}
	if got := ts.count(); got != 1 {
		t.Fatalf("%d requests, want 1 batch", got)
	}
	if a := ts.requests()[0].action(); a != "batch_update_agents" {
		t.Errorf("action %q", a)
	}
	for i := range n {
		if i == 3 {
			if !IsValidation(errs[i]) {
				t.Errorf("item 3: error %v, want its own validation error", errs[i])
			}
			continue
		}
		if errs[i] != nil || ids[i] != fmt.Sprintf("a%d@example.com", i) {
			t.Errorf("item %d: %q, %v", i, ids[i], errs[i])
		}
	}
	if s := c.Stats(); s.Batches != 1 || s.BatchedItems != n {
		t.Errorf("stats %+v", s)
	}
}

func TestBatch_CreatingBatchFailureIsAmbiguousAndNotResent(t *testing.T) {
	ts := newTestServer(t, func(w http.ResponseWriter, _ *http.Request, _ int, _ []byte) {
		writeJSON(w, http.StatusInternalServerError, errorBody("internal", "Internal server error"))
	})
	c := newTestClient(t, ts, Config{AccessToken: "dal:test-token", Coalesce: true, MaxRetries: 3, Clock: clienttest.NewMovingClock()})
	err := c.Batch(t.Context(), "batch_create_agents", true, map[string]any{"id": "x@example.com"}, nil)
	var amb *AmbiguousError
	if !errors.As(err, &amb) {
		t.Fatalf("error %v, want *AmbiguousError", err)
	}
	if got := ts.count(); got != 1 {
		t.Errorf("%d requests: a creating batch must not be replayed blindly", got)
	}
}

func TestBatch_CancelledBeforeSendIsDropped(t *testing.T) {
	ts := newTestServer(t, batchEcho)
	c, clock := newBatchingClient(t, ts, 300*time.Millisecond, Config{})
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() {
		done <- c.Batch(ctx, "batch_delete_agents", false, map[string]any{"id": "gone@example.com"}, nil)
	}()
	var other error
	var wg sync.WaitGroup
	batchIn(t, &wg, c, "batch_delete_agents", map[string]any{"id": "kept@example.com"}, nil, &other)
	clienttest.Await(t, "both items in the batch", func() bool { return queued(c, "batch_delete_agents") == 2 })
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("canceled item: %v", err)
	}
	clienttest.Await(t, "the cancelled item leaving the batch", func() bool { return queued(c, "batch_delete_agents") == 1 })
	clock.Advance(300 * time.Millisecond)
	wg.Wait()
	if other != nil {
		t.Fatal(other)
	}
	reqs := ts.requests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests", len(reqs))
	}
	body := decodeBody(t, reqs[0].Body)
	items, _ := body["requests"].([]any)
	if len(items) != 1 || items[0].(map[string]any)["id"] != "kept@example.com" {
		t.Errorf("batch sent %v, want only the item still waiting", items)
	}
}

func TestDo_RateLimitCountsWaits(t *testing.T) {
	ts := newTestServer(t, func(w http.ResponseWriter, _ *http.Request, _ int, _ []byte) { writeJSON(w, 200, "{}") })
	c := newTestClient(t, ts, Config{AccessToken: "dal:test-token", RateLimit: 50, Clock: clienttest.NewMovingClock()})
	for range 60 {
		if err := c.Do(t.Context(), Action("list_groups", nil), nil); err != nil {
			t.Fatal(err)
		}
	}
	if s := c.Stats(); s.RateLimitWaits == 0 {
		t.Errorf("no request was held back past the burst: %+v", s)
	}
}
