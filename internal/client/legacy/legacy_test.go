package legacy_test

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/legacy"
)

type seen struct {
	Method, Path, Query string
	Header              http.Header
	Body                []byte
}

// fake answers each request with the handler for "METHOD /path" and records the requests.
type fake struct {
	mu    sync.Mutex
	calls []seen
	srv   *httptest.Server
}

func newFake(t *testing.T, handlers map[string]func(w http.ResponseWriter, n int)) *fake {
	f := &fake{}
	counts := map[string]int{}
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		key := r.Method + " " + r.URL.Path
		f.mu.Lock()
		f.calls = append(f.calls, seen{r.Method, r.URL.Path, r.URL.RawQuery, r.Header.Clone(), body})
		n := counts[key]
		counts[key]++
		f.mu.Unlock()
		h, ok := handlers[key]
		if !ok {
			t.Errorf("unexpected %s", key)
			w.WriteHeader(http.StatusNotFound)
			return
		}
		h(w, n)
	}))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fake) client(t *testing.T, cfg client.Config) *legacy.Client {
	cfg.APIURL = f.srv.URL
	if cfg.AccessToken == "" && cfg.PersonalAccessToken == "" {
		cfg.AccessToken = "dal:tok"
	}
	cfg.MinBackoff, cfg.MaxBackoff = time.Millisecond, 2*time.Millisecond
	core, err := client.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return legacy.New(core)
}

func (f *fake) count(key string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, c := range f.calls {
		if c.Method+" "+c.Path == key {
			n++
		}
	}
	return n
}

func answer(status int, body string) func(http.ResponseWriter, int) {
	return func(w http.ResponseWriter, _ int) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}
}

func drop(w http.ResponseWriter, _ int) {
	conn, _, _ := w.(http.Hijacker).Hijack()
	_ = conn.Close()
}

func jsonEqual(t *testing.T, got []byte, want string) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("body %q: %v", got, err)
	}
	_ = json.Unmarshal([]byte(want), &w)
	if !reflect.DeepEqual(g, w) {
		t.Fatalf("body %s, want %s", got, want)
	}
}

func TestRequestShape(t *testing.T) {
	f := newFake(t, map[string]func(http.ResponseWriter, int){
		"GET /greetings":  answer(200, `[]`),
		"POST /greetings": answer(200, `{"id":7,"name":"g","active":false,"group":2,"rules":[{"id":9,"type":"visits_number","value":"2","operator":"equals","condition":"and"}],"properties":{"active":"0","greeting-message_text":"Hi"}}`),
	})
	c := f.client(t, client.Config{})
	g, err := c.CreateGreeting(t.Context(), legacy.GreetingCreate{Name: "g", Group: 2, Active: false,
		Rules:      []legacy.GreetingRule{{Type: "visits_number", Value: "2", Operator: "equals", Condition: "and"}},
		Properties: map[string]string{legacy.GreetingMessageKey: "Hi"}})
	if err != nil {
		t.Fatal(err)
	}
	if g.ID != 7 || g.Message() != "Hi" || g.Rules[0].ID != 9 || g.Active {
		t.Fatalf("decoded %+v", g)
	}
	call := f.calls[1] // after the list of the greetings that exist before
	if call.Header.Get("X-API-Version") != "2" || call.Header.Get("Authorization") != "Bearer dal:tok" ||
		call.Header.Get("Content-Type") != "application/json" {
		t.Fatalf("headers %v", call.Header)
	}
	jsonEqual(t, call.Body, `{"name":"g","group":2,"active":0,"rules":[{"type":"visits_number","value":"2","operator":"equals","condition":"and"}],"properties":{"greeting-message_text":"Hi"}}`)
}

func TestBasicAuthUsesLoginEmail(t *testing.T) {
	f := newFake(t, map[string]func(http.ResponseWriter, int){"GET /status": answer(200, `{"status":"online"}`)})
	c := f.client(t, client.Config{PersonalAccessToken: "pat", AccountID: "acc", LoginEmail: "me@example.com"})
	st, err := c.GetStatus(t.Context(), 3)
	if err != nil || st != "online" {
		t.Fatalf("%q %v", st, err)
	}
	user, pass, ok := (&http.Request{Header: f.calls[0].Header}).BasicAuth()
	if !ok || user != "me@example.com" || pass != "pat" || f.calls[0].Query != "group=3" {
		t.Fatalf("auth %q %q %v, query %q", user, pass, ok, f.calls[0].Query)
	}
}

func TestGoalWriteBody(t *testing.T) {
	cases := []struct {
		name string
		in   legacy.GoalWrite
		want string
	}{
		{"url", legacy.GoalWrite{Name: "n", Type: "url", Active: true, URL: "u", MatchType: "exact", CustomVariableName: "ignored"},
			`{"name":"n","type":"url","active":1,"url":"u","match_type":"exact"}`},
		{"api", legacy.GoalWrite{Name: "n", Type: "api"}, `{"name":"n","type":"api","active":0}`},
		{"custom variable", legacy.GoalWrite{Name: "n", Type: "custom_variable", Active: true, CustomVariableName: "a", CustomVariableValue: "b"},
			`{"name":"n","type":"custom_variable","active":1,"custom_variable_name":"a","custom_variable_value":"b"}`},
		{"sales tracker sends what is set", legacy.GoalWrite{Name: "n", Type: "sales_tracker", Active: true, Currency: "USD"},
			`{"name":"n","type":"sales_tracker","active":1,"currency":"USD"}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b, err := json.Marshal(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			jsonEqual(t, b, tc.want)
		})
	}
	var g legacy.Goal
	for _, v := range []string{`1`, `true`, `"1"`} {
		if err := json.Unmarshal([]byte(`{"active":`+v+`}`), &g); err != nil || !bool(g.Active) {
			t.Fatalf("active %s: %v %v", v, g.Active, err)
		}
	}
}

// before answers the list taken before a create with was, and every later list with is.
func before(was, is string) func(http.ResponseWriter, int) {
	return func(w http.ResponseWriter, n int) {
		if n == 0 {
			answer(200, was)(w, n)
			return
		}
		answer(200, is)(w, n)
	}
}

// A create whose connection drops is not re-sent when the object turns up under its natural key.
// After a dropped create, the object with the natural key that was not listed before is adopted;
// the one that was (a twin with the same key) is someone else's.
func TestCreateRecoversByNaturalKey(t *testing.T) {
	tests := []struct {
		name   string
		routes map[string]func(http.ResponseWriter, int)
		create func(*legacy.Client) (int64, error)
		post   string
	}{
		{"canned response: text + group", map[string]func(http.ResponseWriter, int){
			"POST /canned_responses": drop,
			"GET /canned_responses": before(`[{"id":3,"group":1,"text":"Hi","tags":["x"]}]`,
				`[{"id":3,"group":1,"text":"Hi","tags":["x"]},{"id":4,"group":1,"text":"Hi","tags":["hi"]}]`),
		}, func(c *legacy.Client) (int64, error) {
			cr, err := c.CreateCannedResponse(t.Context(), legacy.CannedResponseCreate{Text: "Hi", Tags: []string{"hi"}, Group: 1})
			if err != nil {
				return 0, err
			}
			return cr.ID, nil
		}, "POST /canned_responses"},
		{"goal: name", map[string]func(http.ResponseWriter, int){
			"POST /goals": drop,
			"GET /goals": before(`[{"id":1,"name":"h","type":"api","active":1},{"id":2,"name":"g","type":"api","active":1}]`,
				`[{"id":1,"name":"h","type":"api","active":1},{"id":2,"name":"g","type":"api","active":1},{"id":3,"name":"g","type":"api","active":1}]`),
		}, func(c *legacy.Client) (int64, error) {
			g, err := c.CreateGoal(t.Context(), legacy.GoalWrite{Name: "g", Type: "api"})
			if err != nil {
				return 0, err
			}
			return g.ID, nil
		}, "POST /goals"},
		// Answers need not show a greeting's group: the group's list (?group=2) is asked.
		{"greeting: name + group", map[string]func(http.ResponseWriter, int){
			"POST /greetings": drop,
			"GET /greetings": before(`[{"id":5,"name":"g","rules":[]}]`,
				`[{"id":5,"name":"g","rules":[]},{"id":6,"name":"g","rules":[]}]`),
		}, func(c *legacy.Client) (int64, error) {
			g, err := c.CreateGreeting(t.Context(), legacy.GreetingCreate{Name: "g", Group: 2})
			if err != nil {
				return 0, err
			}
			return g.ID, nil
		}, "POST /greetings"},
	}
	want := map[string]int64{"canned response: text + group": 4, "goal: name": 3, "greeting: name + group": 6}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t, tt.routes)
			id, err := tt.create(f.client(t, client.Config{MaxRetries: 3}))
			if err != nil {
				t.Fatal(err)
			}
			if id != want[tt.name] || f.count(tt.post) != 1 {
				t.Fatalf("id %d, %d POSTs", id, f.count(tt.post))
			}
			if tt.post == "POST /greetings" && !slices.ContainsFunc(f.calls, func(c seen) bool { return c.Path == "/greetings" && c.Query == "group=2" }) {
				t.Fatalf("the greeting recovery did not list the group's greetings: %+v", f.calls)
			}
		})
	}
}

func TestErrorsByStatus(t *testing.T) {
	f := newFake(t, map[string]func(http.ResponseWriter, int){
		"GET /goals/1":    answer(404, `{"error":"Goal 1 not found"}`),
		"GET /greetings":  answer(200, `[]`),
		"POST /greetings": answer(400, `{"error":"You can have up to 10 announcement greetings"}`),
	})
	c := f.client(t, client.Config{})
	_, err := c.GetGoal(t.Context(), 1)
	if !client.IsNotFound(err) {
		t.Fatalf("GetGoal: %v", err)
	}
	_, err = c.CreateGreeting(t.Context(), legacy.GreetingCreate{Name: "g"})
	var apiErr *client.APIError
	if !client.IsValidation(err) || !errorsAs(err, &apiErr) || apiErr.Message != "You can have up to 10 announcement greetings" {
		t.Fatalf("CreateGreeting: %v", err)
	}
}

func TestListCache(t *testing.T) {
	f := newFake(t, map[string]func(http.ResponseWriter, int){
		"GET /goals":            answer(200, `[]`),
		"DELETE /goals/1":       answer(200, `{"result":"goal removed successfully"}`),
		"GET /greetings":        answer(200, `[]`),
		"POST /greetings":       answer(200, `{"id":1,"name":"g","rules":[]}`),
		"GET /canned_responses": answer(200, `[]`),
	})
	c := f.client(t, client.Config{Coalesce: true}) // the create notes what exists from the cached list
	ctx := t.Context()
	_, _ = c.ListGoals(ctx, false)
	_, _ = c.ListGoals(ctx, false)
	_ = c.DeleteGoal(ctx, 1)
	_, _ = c.ListGoals(ctx, false)
	_, _ = c.ListGreetings(ctx, false)
	_, _ = c.CreateGreeting(ctx, legacy.GreetingCreate{Name: "g"})
	_, _ = c.ListGreetings(ctx, false)
	_, _ = c.ListCannedResponses(ctx, 0, false)
	_, _ = c.ListCannedResponses(ctx, 1, false)
	_, _ = c.ListCannedResponses(ctx, 0, false)
	if f.count("GET /goals") != 2 || f.count("GET /greetings") != 2 || f.count("GET /canned_responses") != 2 {
		t.Fatalf("list calls: goals %d greetings %d canned %d", f.count("GET /goals"), f.count("GET /greetings"), f.count("GET /canned_responses"))
	}
}

func errorsAs(err error, target **client.APIError) bool { return errors.As(err, target) }
