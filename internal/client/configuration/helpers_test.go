package configuration_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/clienttest"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/configuration"
)

const actionPrefix = "/v3.6/configuration/action/"

type call struct {
	Action string
	Header http.Header
	Body   []byte
}

// actionHandler answers one call of an action; n counts calls of that action (0-based).
type actionHandler func(w http.ResponseWriter, r *http.Request, n int, body []byte)

// fakeAPI is a Configuration API stub that records every call.
type fakeAPI struct {
	t        *testing.T
	srv      *httptest.Server
	mu       sync.Mutex
	calls    []call
	perName  map[string]int
	handlers map[string]actionHandler
}

func newFakeAPI(t *testing.T, handlers map[string]actionHandler) *fakeAPI {
	t.Helper()
	f := &fakeAPI{t: t, perName: map[string]int{}, handlers: handlers}
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if r.Method != http.MethodPost || !strings.HasPrefix(r.URL.Path, actionPrefix) {
			t.Errorf("unexpected request %s %s", r.Method, r.URL.Path)
			w.WriteHeader(http.StatusNotFound)
			return
		}
		action := strings.TrimPrefix(r.URL.Path, actionPrefix)
		f.mu.Lock()
		n := f.perName[action]
		f.perName[action]++
		f.calls = append(f.calls, call{Action: action, Header: r.Header.Clone(), Body: body})
		f.mu.Unlock()
		h, ok := f.handlers[action]
		if !ok {
			t.Errorf("unexpected action %s", action)
			writeJSON(w, http.StatusNotFound, `{"error":{"type":"not_found","message":"no such action"}}`)
			return
		}
		h(w, r, n, body)
	}))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeAPI) actions() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, c := range f.calls {
		out = append(out, c.Action)
	}
	return out
}

func (f *fakeAPI) count(action string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.perName[action]
}

// body returns the JSON body of the i-th call of action, decoded.
func (f *fakeAPI) body(action string, i int) map[string]any {
	f.t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, c := range f.calls {
		if c.Action != action {
			continue
		}
		if i == 0 {
			var m map[string]any
			if err := json.Unmarshal(c.Body, &m); err != nil {
				f.t.Fatalf("%s body %q: %v", action, c.Body, err)
			}
			return m
		}
		i--
	}
	f.t.Fatalf("no such call of %s", action)
	return nil
}

// client returns a Configuration API client on top of a core client.
func (f *fakeAPI) client(cfg client.Config) *configuration.Client {
	f.t.Helper()
	cfg.APIURL = f.srv.URL
	if cfg.AccessToken == "" && cfg.PersonalAccessToken == "" {
		cfg.AccessToken = "dal:test-token"
	}
	if cfg.MinBackoff == 0 {
		cfg.MinBackoff = time.Millisecond
		cfg.MaxBackoff = 4 * time.Millisecond
	}
	if cfg.Clock == nil {
		// Batch windows and backoffs end at once: these tests count requests, not time.
		cfg.Clock = clienttest.NewMovingClock()
	}
	if cfg.RecoverWindow == 0 {
		// The fake API is consistent: a group that is not listed at once
		// will not appear later.
		cfg.RecoverWindow = time.Nanosecond
	}
	core, err := client.New(cfg)
	if err != nil {
		f.t.Fatal(err)
	}
	return configuration.New(core)
}

func writeJSON(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

func ok(body string) actionHandler {
	return func(w http.ResponseWriter, r *http.Request, n int, _ []byte) { writeJSON(w, http.StatusOK, body) }
}

func apiError(status int, typ string) actionHandler {
	return func(w http.ResponseWriter, r *http.Request, n int, _ []byte) {
		writeJSON(w, status, `{"error":{"type":"`+typ+`","message":"`+typ+`"}}`)
	}
}

// drop closes the connection without an answer (ambiguous for a write).
func drop(t *testing.T) actionHandler {
	return func(w http.ResponseWriter, r *http.Request, n int, _ []byte) {
		conn, _, err := w.(http.Hijacker).Hijack()
		if err != nil {
			t.Errorf("hijack: %v", err)
			return
		}
		_ = conn.Close()
	}
}

// sequence answers the n-th call with hs[n] (the last one repeats).
func sequence(hs ...actionHandler) actionHandler {
	return func(w http.ResponseWriter, r *http.Request, n int, body []byte) {
		hs[min(n, len(hs)-1)](w, r, n, body)
	}
}

// listed answers a list taken before a create with before, and every later one with after.
func listed(before, after string) actionHandler { return sequence(ok(before), ok(after)) }

func ptr[T any](v T) *T { return &v }
