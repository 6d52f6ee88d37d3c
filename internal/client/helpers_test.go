package client

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
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
