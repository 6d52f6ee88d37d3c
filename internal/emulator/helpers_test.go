package emulator

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

const testToken = "dal:test-token"

// fakeClock is an injectable clock: tests move time instead of sleeping.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{t: time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

type harness struct {
	t     *testing.T
	s     *Server
	clock *fakeClock
}

// newHarness returns an emulator with a fake clock and testToken; mods adjust the options.
func newHarness(t *testing.T, mods ...func(*Options)) *harness {
	t.Helper()
	clock := newFakeClock()
	opts := Options{AccessTokens: []string{testToken}, Now: clock.Now}
	for _, m := range mods {
		m(&opts)
	}
	return &harness{t: t, s: New(opts), clock: clock}
}

// do sends a raw request through ServeHTTP.
func (h *harness) do(method, path, body string, header map[string]string) *httptest.ResponseRecorder {
	h.t.Helper()
	r := httptest.NewRequest(method, path, strings.NewReader(body))
	for k, v := range header {
		r.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	h.s.ServeHTTP(w, r)
	return w
}

// call posts a v3.6 action with the test token and decodes the JSON answer.
func (h *harness) call(action, body string) (int, any) {
	h.t.Helper()
	w := h.do(http.MethodPost, "/v3.6/configuration/action/"+action, body, map[string]string{
		"Authorization": "Bearer " + testToken,
		"Content-Type":  "application/json",
	})
	return w.Code, decode(h.t, w.Body.Bytes())
}

// ok calls an action that must succeed and returns its payload.
func (h *harness) ok(action, body string) any {
	h.t.Helper()
	code, out := h.call(action, body)
	if code != http.StatusOK {
		h.t.Fatalf("%s %s: status %d, body %v", action, body, code, out)
	}
	return out
}

// fail calls an action that must fail with status and error type; it returns the error object.
func (h *harness) fail(action, body string, status int, typ string) map[string]any {
	h.t.Helper()
	code, out := h.call(action, body)
	e := errorOf(h.t, out)
	if code != status || e["type"] != typ {
		h.t.Fatalf("%s %s: got %d %v, want %d %s", action, body, code, out, status, typ)
	}
	return e
}

func errorOf(t *testing.T, out any) map[string]any {
	t.Helper()
	m, _ := out.(map[string]any)
	e, _ := m["error"].(map[string]any)
	if e == nil {
		t.Fatalf("no error object in %v", out)
	}
	return e
}

func decode(t *testing.T, b []byte) any {
	t.Helper()
	if len(bytes.TrimSpace(b)) == 0 {
		return nil
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("response is not JSON: %v: %s", err, b)
	}
	return v
}

// normalize turns any Go value into its generic JSON form.
func normalize(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return decode(t, b)
}

// assertJSON compares got with the JSON literal want.
func assertJSON(t *testing.T, got any, want string) {
	t.Helper()
	g := normalize(t, got)
	w := decode(t, []byte(want))
	if !reflect.DeepEqual(g, w) {
		gb, _ := json.Marshal(g)
		t.Fatalf("got  %s\nwant %s", gb, want)
	}
}

// field returns m[k] of a JSON object.
func field(t *testing.T, v any, k string) any {
	t.Helper()
	m, ok := v.(map[string]any)
	if !ok {
		t.Fatalf("not an object: %v", v)
	}
	return m[k]
}

// ids lists the values of key k of a JSON array of objects.
func ids(t *testing.T, list any, k string) []any {
	t.Helper()
	arr, ok := list.([]any)
	if !ok {
		t.Fatalf("not an array: %v", list)
	}
	out := []any{}
	for _, x := range arr {
		out = append(out, field(t, x, k))
	}
	return out
}
