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

func TestReadCannedResponse(t *testing.T) {
	f := newQueryFake(t, legacyHandlers())
	t.Run("coalescing: one list per group", func(t *testing.T) {
		c := f.client(t, client.Config{Coalesce: true})
		ctx := t.Context()
		var wg sync.WaitGroup
		for _, r := range []struct{ id, group int64 }{{1, 0}, {2, 0}, {3, 5}, {1, 0}} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				cr, err := c.ReadCannedResponse(ctx, r.id, r.group, true)
				if err != nil || cr.ID != r.id || cr.Group != r.group {
					t.Errorf("read %d: %+v %v", r.id, cr, err)
				}
			}()
		}
		wg.Wait()
		if _, err := c.ReadCannedResponse(ctx, 4, 5, true); !client.IsNotFound(err) {
			t.Errorf("a canned response its group's list lacks: %v, want not found", err)
		}
		if n := f.count("GET /canned_responses"); n != 2 {
			t.Fatalf("%d list calls for two groups, want 2", n)
		}
		for _, k := range []string{"GET /canned_responses/1", "GET /canned_responses/2", "GET /canned_responses/3"} {
			if f.count(k) != 0 {
				t.Errorf("%s while coalescing", k)
			}
		}
		// Unknown group (an import): the single GET.
		if cr, err := c.ReadCannedResponse(ctx, 3, 0, false); err != nil || cr.Group != 5 {
			t.Errorf("read without group: %+v %v", cr, err)
		}
		// A write invalidates its group's list only.
		if _, err := c.UpdateCannedResponse(ctx, 3, 5, legacy.CannedResponseUpdate{Text: ptr("c2")}); err != nil {
			t.Fatal(err)
		}
		_, _ = c.ReadCannedResponse(ctx, 3, 5, true)
		_, _ = c.ReadCannedResponse(ctx, 1, 0, true)
		if n := f.count("GET /canned_responses"); n != 3 {
			t.Errorf("%d list calls, want 3 (group 5 listed again after its write)", n)
		}
	})
	t.Run("off: one GET each", func(t *testing.T) {
		before := f.count("GET /canned_responses")
		c := f.client(t, client.Config{})
		for _, id := range []int64{1, 2, 3} {
			if _, err := c.ReadCannedResponse(t.Context(), id, 0, true); err != nil {
				t.Fatal(err)
			}
		}
		if f.count("GET /canned_responses") != before || f.count("GET /canned_responses/2") != 1 {
			t.Errorf("coalescing off must read one by one")
		}
	})
}

func TestReadGoal(t *testing.T) {
	f := newQueryFake(t, legacyHandlers())
	c := f.client(t, client.Config{Coalesce: true})
	ctx := t.Context()
	for range 2 {
		g, err := c.ReadGoal(ctx, 1, "api")
		if err != nil || g.Name != "api goal" || !bool(g.Active) {
			t.Fatalf("api goal: %+v %v", g, err)
		}
	}
	// The list lacks a url goal's parameters: never served by it.
	if g, err := c.ReadGoal(ctx, 2, "url"); err != nil || g.URL != "https://x.example.com" {
		t.Fatalf("url goal: %+v %v", g, err)
	}
	// Known as api, listed with another type (changed outside Terraform): its details are read.
	if g, err := c.ReadGoal(ctx, 3, "api"); err != nil || g.CustomVariableName != "n" {
		t.Fatalf("changed goal: %+v %v", g, err)
	}
	// Type unknown (an import): the details.
	if g, err := c.ReadGoal(ctx, 2, ""); err != nil || g.URL != "https://x.example.com" {
		t.Fatalf("imported goal: %+v %v", g, err)
	}
	if _, err := c.ReadGoal(ctx, 7, "api"); !client.IsNotFound(err) {
		t.Errorf("a goal the list lacks: %v, want not found", err)
	}
	if f.count("GET /goals") != 1 || f.count("GET /goals/1") != 0 || f.count("GET /goals/2") != 2 || f.count("GET /goals/3") != 1 {
		t.Errorf("calls: list %d, get 1/2/3 %d/%d/%d", f.count("GET /goals"), f.count("GET /goals/1"), f.count("GET /goals/2"), f.count("GET /goals/3"))
	}
	if _, err := c.UpdateGoal(ctx, 1, legacy.GoalWrite{Name: "api goal", Type: "api"}); err != nil {
		t.Fatal(err)
	}
	_, _ = c.ReadGoal(ctx, 1, "api")
	if n := f.count("GET /goals"); n != 2 {
		t.Errorf("%d list calls, want 2 (the update invalidates)", n)
	}

	off := f.client(t, client.Config{})
	_, _ = off.ReadGoal(ctx, 1, "api")
	if f.count("GET /goals/1") != 1 || f.count("GET /goals") != 2 {
		t.Errorf("coalescing off must read one by one")
	}
}

func TestReadGreeting(t *testing.T) {
	f := newQueryFake(t, legacyHandlers())
	c := f.client(t, client.Config{Coalesce: true})
	ctx := t.Context()
	var wg sync.WaitGroup
	for _, id := range []int64{1, 2, 1, 2} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			g, err := c.ReadGreeting(ctx, id)
			if err != nil || g.ID != id {
				t.Errorf("read %d: %+v %v", id, g, err)
			}
		}()
	}
	wg.Wait()
	g, _ := c.ReadGreeting(ctx, 2)
	if g.Group == nil || *g.Group != 3 || len(g.Rules) != 1 || g.Rules[0].Value != "2" {
		t.Errorf("greeting from the list %+v", g)
	}
	if _, err := c.ReadGreeting(ctx, 404); !client.IsNotFound(err) {
		t.Errorf("a greeting the list lacks: %v", err)
	}
	if f.count("GET /greetings") != 1 || f.count("GET /greetings/1") != 0 {
		t.Errorf("list %d, get %d; want one list", f.count("GET /greetings"), f.count("GET /greetings/1"))
	}
	if err := c.DeleteGreeting(ctx, 1); err != nil {
		t.Fatal(err)
	}
	_, _ = c.ReadGreeting(ctx, 2)
	if n := f.count("GET /greetings"); n != 2 {
		t.Errorf("%d list calls, want 2 (the delete invalidates)", n)
	}

	off := f.client(t, client.Config{})
	for _, id := range []int64{1, 2} {
		if _, err := off.ReadGreeting(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	if f.count("GET /greetings/1") != 1 || f.count("GET /greetings/2") != 1 || f.count("GET /greetings") != 2 {
		t.Errorf("coalescing off must read one by one")
	}
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
