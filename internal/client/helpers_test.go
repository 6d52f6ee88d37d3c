package client

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/clienttest"
)

// seenRequest is what the test server recorded about one request.
type seenRequest struct {
	Method string
	Path   string
	Query  url.Values
	Header http.Header
	Body   []byte
}

// action returns the v3.6 action of a /v3.6/configuration/action/<action> path.
func (r seenRequest) action() string {
	return strings.TrimPrefix(r.Path, "/v3.6/configuration/action/")
}

// handlerFunc answers request number n (0-based) whose body has already been read.
type handlerFunc func(w http.ResponseWriter, r *http.Request, n int, body []byte)

type testServer struct {
	*httptest.Server
	mu   sync.Mutex
	reqs []seenRequest
}

func newTestServer(t *testing.T, h handlerFunc) *testServer {
	t.Helper()
	ts := &testServer{}
	ts.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		ts.mu.Lock()
		n := len(ts.reqs)
		ts.reqs = append(ts.reqs, seenRequest{
			Method: r.Method, Path: r.URL.Path, Query: r.URL.Query(), Header: r.Header.Clone(), Body: body,
		})
		ts.mu.Unlock()
		h(w, r, n, body)
	}))
	t.Cleanup(ts.Close)
	return ts
}

func (ts *testServer) requests() []seenRequest {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return append([]seenRequest(nil), ts.reqs...)
}

func (ts *testServer) count() int {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return len(ts.reqs)
}

// newTestClient points cfg at ts with millisecond backoffs.
func newTestClient(t *testing.T, ts *testServer, cfg Config) *Client {
	t.Helper()
	cfg.APIURL = ts.URL
	if cfg.MinBackoff == 0 {
		cfg.MinBackoff = time.Millisecond
	}
	if cfg.MaxBackoff == 0 {
		cfg.MaxBackoff = 4 * time.Millisecond
	}
	// A 429 slows the client to no less than 1,000 requests per second: the
	// tests of retries need not wait for the pace (ratelimit_test.go tests it).
	if cfg.MinPace == 0 {
		cfg.MinPace = 1000
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c
}

// newBatchingClient is a coalescing client of ts whose batch windows last window on a fake clock
// that only the test moves.
func newBatchingClient(t *testing.T, ts *testServer, window time.Duration, cfg Config) (*Client, *clienttest.Clock) {
	t.Helper()
	clock := clienttest.NewClock()
	cfg.AccessToken, cfg.Coalesce, cfg.BatchWindow, cfg.Clock = "dal:test-token", true, window, clock
	return newTestClient(t, ts, cfg), clock
}

// unclearCreate sends a waiting create_group to a server that answers every request 500, so that
// only its lookups can end it: the n-th lookup (from 1) answers look(n). The client has no retries
// and looks for up to window on a moving clock. It returns the creates sent and the lookups made.
func unclearCreate(t *testing.T, window time.Duration, look func(n int) (bool, error)) (creates, lookups int, err error) {
	t.Helper()
	ts := newTestServer(t, func(w http.ResponseWriter, _ *http.Request, _ int, _ []byte) {
		writeJSON(w, http.StatusInternalServerError, errorBody("internal", "Internal server error"))
	})
	c := newTestClient(t, ts, Config{AccessToken: "dal:test-token", RecoverWindow: window, Clock: clienttest.NewMovingClock()})
	req := Action("create_group", map[string]any{"name": "late"})
	req.Creates, req.RecoverWaits = true, true
	req.Recover = func(context.Context) (bool, error) { lookups++; return look(lookups) }
	err = c.Do(t.Context(), req, nil)
	return ts.count(), lookups, err
}

func writeJSON(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

func errorBody(typ, msg string) string {
	return `{"error":{"type":"` + typ + `","message":"` + msg + `"}}`
}

// dropConnection closes the connection without answering: the client sees a
// transport error after its request was sent (an ambiguous failure).
func dropConnection(t *testing.T, w http.ResponseWriter) {
	t.Helper()
	hj, ok := w.(http.Hijacker)
	if !ok {
		t.Errorf("response writer cannot hijack")
		return
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		t.Errorf("hijack: %v", err)
		return
	}
	_ = conn.Close()
}

func decodeBody(t *testing.T, b []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("request body %q is not a JSON object: %v", b, err)
	}
	return m
}

// queued is how many items wait in the open batch of action (0: none open).
func queued(c *Client, action string) int {
	c.batches.mu.Lock()
	defer c.batches.mu.Unlock()
	if pb := c.batches.open[action]; pb != nil {
		return len(pb.items)
	}
	return 0
}

// batchIn sends one Batch item of action in its own goroutine, its error into *err.
func batchIn(t *testing.T, wg *sync.WaitGroup, c *Client, action string, body any, out any, err *error) {
	wg.Add(1)
	go func() {
		defer wg.Done()
		*err = c.Batch(t.Context(), action, false, body, out)
	}()
}

// noItemErrors fails the test for each item of a batch that ended with an error.
func noItemErrors(t *testing.T, errs []error) {
	t.Helper()
	for i, err := range errs {
		if err != nil {
			t.Errorf("item %d: %v", i, err)
		}
	}
}
