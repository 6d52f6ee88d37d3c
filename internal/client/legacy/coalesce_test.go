package legacy_test

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/legacy"
)

func legacyHandlers() map[string]func(http.ResponseWriter, int) {
	return map[string]func(http.ResponseWriter, int){
		"GET /canned_responses?group=0": answer(200, `[{"id":1,"group":0,"text":"a","tags":["x"]},{"id":2,"group":0,"text":"b","tags":["x"]}]`),
		"GET /canned_responses?group=5": answer(200, `[{"id":3,"group":5,"text":"c","tags":["x"]}]`),
		"GET /canned_responses/1":       answer(200, `{"id":1,"group":0,"text":"a","tags":["x"]}`),
		"GET /canned_responses/2":       answer(200, `{"id":2,"group":0,"text":"b","tags":["x"]}`),
		"GET /canned_responses/3":       answer(200, `{"id":3,"group":5,"text":"c","tags":["x"]}`),
		"PUT /canned_responses/3":       answer(200, `{"id":3,"group":5,"text":"c2","tags":["x"]}`),
		"GET /goals":                    answer(200, `[{"id":1,"name":"api goal","active":1,"type":"api"},{"id":2,"name":"url goal","active":1,"type":"url"},{"id":3,"name":"was api","active":0,"type":"custom_variable"}]`),
		"GET /goals/1":                  answer(200, `{"id":1,"name":"api goal","active":1,"type":"api"}`),
		"GET /goals/2":                  answer(200, `{"id":2,"name":"url goal","active":1,"type":"url","url":"https://x.example.com","match_type":"exact"}`),
		"GET /goals/3":                  answer(200, `{"id":3,"name":"was api","active":0,"type":"custom_variable","custom_variable_name":"n","custom_variable_value":"v"}`),
		"PUT /goals/1":                  answer(200, `{"id":1,"name":"api goal","active":0,"type":"api"}`),
		"GET /greetings":                answer(200, `[{"id":1,"name":"g1","active":true,"group":0,"rules":[],"properties":{"greeting-message_text":"hi"}},{"id":2,"name":"g2","active":false,"group":3,"rules":[{"id":9,"type":"visits_number","value":"2"}],"properties":{}}]`),
		"GET /greetings/1":              answer(200, `{"id":1,"name":"g1","active":true,"group":0,"rules":[],"properties":{"greeting-message_text":"hi"}}`),
		"GET /greetings/2":              answer(200, `{"id":2,"name":"g2","active":false,"group":3,"rules":[],"properties":{}}`),
		"DELETE /greetings/1":           answer(200, `{"ok":true}`),
		"GET /greetings/404":            answer(404, `{"error":"Greeting 404 not found"}`),
		"GET /canned_responses/99":      answer(404, `{"error":"Canned response 99 not found"}`),
	}
}

// The run's cached lists: reads share one call per list (canned responses: per group) until a
// write of the kind drops it. Which answer serves a refresh is the provider's choice
// (helpers_read.go).
func TestCachedLists(t *testing.T) {
	f := newQueryFake(t, legacyHandlers())
	c := f.client(t, client.Config{Coalesce: true})
	ctx := t.Context()
	read := func() {
		var wg sync.WaitGroup
		for range 3 {
			wg.Go(func() {
				for _, group := range []int64{0, 5} {
					if _, err := c.ListCannedResponses(ctx, group, false); err != nil {
						t.Error(err)
					}
				}
				if _, err := c.ListGoals(ctx, false); err != nil {
					t.Error(err)
				}
				if _, err := c.ListGreetings(ctx, false); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
	}
	expect := func(when string, canned, goals, greetings int) {
		t.Helper()
		if f.count("GET /canned_responses") != canned || f.count("GET /goals") != goals || f.count("GET /greetings") != greetings {
			t.Errorf("%s: lists of canned responses %d, goals %d, greetings %d; want %d, %d, %d", when,
				f.count("GET /canned_responses"), f.count("GET /goals"), f.count("GET /greetings"), canned, goals, greetings)
		}
	}
	read()
	expect("three readers", 2, 1, 1)
	if _, err := c.UpdateCannedResponse(ctx, 3, 5, legacy.CannedResponseUpdate{Text: ptr("c2")}); err != nil {
		t.Fatal(err)
	}
	read()
	expect("after a write in group 5", 3, 1, 1)
	if _, err := c.UpdateGoal(ctx, 1, legacy.GoalWrite{Name: "api goal", Type: "api"}); err != nil {
		t.Fatal(err)
	}
	if err := c.DeleteGreeting(ctx, 1); err != nil {
		t.Fatal(err)
	}
	read()
	expect("after a goal and a greeting write", 3, 2, 2)
	if _, err := c.ListGoals(ctx, true); err != nil {
		t.Fatal(err)
	}
	expect("a fresh list", 3, 3, 2)
}

func ptr[T any](v T) *T { return &v }

// queryFake is fake with handlers keyed by "METHOD /path?query" when a request has a query, else
// "METHOD /path"; count("METHOD /path") counts requests of the path with any query.
type queryFake struct {
	mu    sync.Mutex
	calls []string
	srv   *httptest.Server
}

func newQueryFake(t *testing.T, handlers map[string]func(http.ResponseWriter, int)) *queryFake {
	f := &queryFake{}
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := r.Method + " " + r.URL.Path
		full := key
		if r.URL.RawQuery != "" {
			full += "?" + r.URL.RawQuery
		}
		f.mu.Lock()
		f.calls = append(f.calls, key)
		f.mu.Unlock()
		h, ok := handlers[full]
		if !ok {
			t.Errorf("unexpected %s", full)
			w.WriteHeader(http.StatusNotFound)
			return
		}
		h(w, 0)
	}))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *queryFake) client(t *testing.T, cfg client.Config) *legacy.Client {
	cfg.APIURL, cfg.AccessToken = f.srv.URL, "dal:tok"
	cfg.MinBackoff, cfg.MaxBackoff = time.Millisecond, 2*time.Millisecond
	core, err := client.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return legacy.New(core)
}

func (f *queryFake) count(key string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, c := range f.calls {
		if c == key {
			n++
		}
	}
	return n
}
