package provider

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/configuration"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/legacy"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/partner"
)

// Which answer serves a Read (helpers_read.go): with coalescing, one list per type serves every
// Read that the list carries whole, and a write of the type lists again; without, one get each.

func TestReadAgentAndGroup(t *testing.T) {
	api := newAnswerFake(t, map[string]string{
		"POST /v3.6/configuration/action/list_agents":  `[{"id":"a@example.com"},{"id":"b@example.com"},{"id":"c@example.com"}]`,
		"POST /v3.6/configuration/action/get_agent":    `{"id":"b@example.com"}`,
		"POST /v3.6/configuration/action/update_agent": `{}`,
		"POST /v3.6/configuration/action/list_groups":  `[{"id":0,"name":"General"},{"id":1,"name":"One"}]`,
		"POST /v3.6/configuration/action/get_group":    `{"id":1,"name":"One"}`,
		"POST /v3.6/configuration/action/update_group": `{}`,
	})
	d := api.providerData(t, true)
	ctx := t.Context()
	var wg sync.WaitGroup
	for _, id := range []string{"a@example.com", "b@example.com", "c@example.com", "a@example.com"} {
		wg.Go(func() {
			if a, err := d.readAgent(ctx, id); err != nil || a.ID != id {
				t.Errorf("agent %s: %+v %v", id, a, err)
			}
		})
		wg.Go(func() {
			if g, err := d.readGroup(ctx, 1); err != nil || g.Name != "One" {
				t.Errorf("group 1: %+v %v", g, err)
			}
		})
	}
	wg.Wait()
	if _, err := d.readAgent(ctx, "gone@example.com"); !client.IsNotFound(err) {
		t.Errorf("an agent the list lacks: %v, want not found", err)
	}
	if _, err := d.readGroup(ctx, 7); !client.IsNotFound(err) {
		t.Errorf("a group the list lacks: %v, want not found", err)
	}
	api.expect(t, "coalescing", map[string]int{"list_agents": 1, "get_agent": 0, "list_groups": 1, "get_group": 0})

	// A write of the type lists again, once for every Read after it.
	if err := d.config.UpdateGroup(ctx, configuration.GroupUpdate{ID: 1, Name: stringPtr("One")}); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		_, _ = d.readGroup(ctx, 0)
	}
	api.expect(t, "after a group write", map[string]int{"list_groups": 2})

	off := api.providerData(t, false)
	for range 2 {
		_, _ = off.readAgent(ctx, "b@example.com")
		_, _ = off.readGroup(ctx, 1)
	}
	api.expect(t, "coalescing off", map[string]int{"list_agents": 1, "get_agent": 2, "list_groups": 2, "get_group": 2})
}

// A wait polls answers fetched after its write began, and the waiters that saw one answer share
// the next fetch.
func TestPollAgent(t *testing.T) {
	var mu sync.Mutex
	listed := 0
	api := newAnswerFake(t, nil)
	api.handle("POST /v3.6/configuration/action/list_agents", func(w http.ResponseWriter, _ *http.Request) {
		mu.Lock()
		listed++
		n := listed
		mu.Unlock()
		if n == 1 { // the first answer after the write has not caught up yet
			fmt.Fprint(w, `[]`)
			return
		}
		fmt.Fprint(w, `[{"id":"a@example.com"},{"id":"b@example.com"}]`)
	})
	d := api.providerData(t, true)
	since := time.Now()
	var wg sync.WaitGroup
	for _, id := range []string{"a@example.com", "b@example.com"} {
		wg.Go(func() {
			since := since
			for range 3 {
				a, next, err := d.pollAgent(t.Context(), id, since)
				since = next
				if err == nil && a.ID == id {
					return
				}
				if !client.IsNotFound(err) {
					t.Errorf("%s: %v", id, err)
					return
				}
			}
			t.Errorf("%s: not found after three polls", id)
		})
	}
	wg.Wait()
	api.expect(t, "two waiters", map[string]int{"list_agents": 2})
}

func TestReadGroupProperties(t *testing.T) {
	api := newAnswerFake(t, nil)
	api.handle("POST /v3.6/configuration/action/list_groups_properties", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `[{"id":0,"properties":{"o":{"p":0}}},{"id":1,"properties":{"o":{"p":1}}}]`)
	})
	d := api.providerData(t, true)
	for _, id := range []int64{0, 1, 0} {
		v, err := readGroupProperties(t.Context(), d.config, id, false)
		if got, ok := v.Get("o", "p"); err != nil || !ok || string(got) != fmt.Sprint(id) {
			t.Errorf("group %d: %s %v %v", id, got, ok, err)
		}
	}
	if _, err := readGroupProperties(t.Context(), d.config, 9, false); client.ErrorType(err) != client.ErrTypeGroupNotFound {
		t.Errorf("a group the list lacks: %v, want group_not_found as the group's own call answers", err)
	}
	api.expect(t, "coalescing", map[string]int{"list_groups_properties": 1})
	// A wait asks for its group alone, past the cache.
	_, _ = readGroupProperties(t.Context(), d.config, 1, true)
	api.expect(t, "a fresh read", map[string]int{"list_groups_properties": 2})
}

func TestReadCannedResponse(t *testing.T) {
	api := newAnswerFake(t, map[string]string{
		"GET /canned_responses/1": `{"id":1,"group":0,"text":"a","tags":["x"]}`,
		"GET /canned_responses/2": `{"id":2,"group":0,"text":"b","tags":["x"]}`,
		"GET /canned_responses/3": `{"id":3,"group":5,"text":"c","tags":["x"]}`,
		"PUT /canned_responses/3": `{"id":3,"group":5,"text":"c2","tags":["x"]}`,
	})
	api.handle("GET /canned_responses", func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Query().Get("group") {
		case "0":
			fmt.Fprint(w, `[{"id":1,"group":0,"text":"a","tags":["x"]},{"id":2,"group":0,"text":"b","tags":["x"]}]`)
		case "5":
			fmt.Fprint(w, `[{"id":3,"group":5,"text":"c","tags":["x"]}]`)
		default:
			t.Errorf("listed group %q", r.URL.Query().Get("group"))
		}
	})
	d := api.providerData(t, true)
	ctx := t.Context()
	var wg sync.WaitGroup
	for _, r := range []struct{ id, group int64 }{{1, 0}, {2, 0}, {3, 5}, {1, 0}} {
		wg.Go(func() {
			if cr, err := d.readCannedResponse(ctx, r.id, r.group, true); err != nil || cr.ID != r.id || cr.Group != r.group {
				t.Errorf("read %d: %+v %v", r.id, cr, err)
			}
		})
	}
	wg.Wait()
	if _, err := d.readCannedResponse(ctx, 4, 5, true); !client.IsNotFound(err) {
		t.Errorf("a canned response its group's list lacks: %v, want not found", err)
	}
	api.expect(t, "one list per group", map[string]int{"GET /canned_responses": 2, "GET /canned_responses/1": 0, "GET /canned_responses/3": 0})
	// Group unknown (an import): the single get.
	if cr, err := d.readCannedResponse(ctx, 3, 0, false); err != nil || cr.Group != 5 {
		t.Errorf("read without group: %+v %v", cr, err)
	}
	// A write lists its group again, and only its group.
	if _, err := d.legacy.UpdateCannedResponse(ctx, 3, 5, legacy.CannedResponseUpdate{Text: stringPtr("c2")}); err != nil {
		t.Fatal(err)
	}
	_, _ = d.readCannedResponse(ctx, 3, 5, true)
	_, _ = d.readCannedResponse(ctx, 1, 0, true)
	api.expect(t, "after a write", map[string]int{"GET /canned_responses": 3, "GET /canned_responses/3": 1})

	off := api.providerData(t, false)
	for _, id := range []int64{1, 2} {
		_, _ = off.readCannedResponse(ctx, id, 0, true)
	}
	api.expect(t, "coalescing off", map[string]int{"GET /canned_responses": 3, "GET /canned_responses/2": 1})
}

func TestReadGoal(t *testing.T) {
	api := newAnswerFake(t, map[string]string{
		"GET /goals":   `[{"id":1,"name":"api goal","active":1,"type":"api"},{"id":2,"name":"url goal","active":1,"type":"url"},{"id":3,"name":"was api","active":0,"type":"custom_variable"}]`,
		"GET /goals/1": `{"id":1,"name":"api goal","active":1,"type":"api"}`,
		"GET /goals/2": `{"id":2,"name":"url goal","active":1,"type":"url","url":"https://x.example.com","match_type":"exact"}`,
		"GET /goals/3": `{"id":3,"name":"was api","active":0,"type":"custom_variable","custom_variable_name":"n","custom_variable_value":"v"}`,
		"PUT /goals/1": `{"id":1,"name":"api goal","active":0,"type":"api"}`,
	})
	d := api.providerData(t, true)
	ctx := t.Context()
	for range 2 {
		if g, err := d.readGoal(ctx, 1, "api"); err != nil || g.Name != "api goal" || !bool(g.Active) {
			t.Fatalf("api goal: %+v %v", g, err)
		}
	}
	// The list lacks a url goal's parameters: never served by it.
	if g, err := d.readGoal(ctx, 2, "url"); err != nil || g.URL != "https://x.example.com" {
		t.Fatalf("url goal: %+v %v", g, err)
	}
	// Known as api, listed with another type (changed outside Terraform): its details are read.
	if g, err := d.readGoal(ctx, 3, "api"); err != nil || g.CustomVariableName != "n" {
		t.Fatalf("changed goal: %+v %v", g, err)
	}
	// Type unknown (an import): the details.
	if g, err := d.readGoal(ctx, 2, ""); err != nil || g.URL != "https://x.example.com" {
		t.Fatalf("imported goal: %+v %v", g, err)
	}
	if _, err := d.readGoal(ctx, 7, "api"); !client.IsNotFound(err) {
		t.Errorf("a goal the list lacks: %v, want not found", err)
	}
	api.expect(t, "coalescing", map[string]int{"GET /goals": 1, "GET /goals/1": 0, "GET /goals/2": 2, "GET /goals/3": 1})
	if _, err := d.legacy.UpdateGoal(ctx, 1, legacy.GoalWrite{Name: "api goal", Type: "api"}); err != nil {
		t.Fatal(err)
	}
	_, _ = d.readGoal(ctx, 1, "api")
	api.expect(t, "after a write", map[string]int{"GET /goals": 2})

	_, _ = api.providerData(t, false).readGoal(ctx, 1, "api")
	api.expect(t, "coalescing off", map[string]int{"GET /goals": 2, "GET /goals/1": 1})
}

func TestReadGreeting(t *testing.T) {
	api := newAnswerFake(t, map[string]string{
		"GET /greetings":      `[{"id":1,"name":"g1","active":true,"group":0,"rules":[],"properties":{"greeting-message_text":"hi"}},{"id":2,"name":"g2","active":false,"group":3,"rules":[{"id":9,"type":"visits_number","value":"2"}],"properties":{}}]`,
		"GET /greetings/1":    `{"id":1,"name":"g1","active":true,"group":0,"rules":[],"properties":{"greeting-message_text":"hi"}}`,
		"GET /greetings/2":    `{"id":2,"name":"g2","active":false,"group":3,"rules":[],"properties":{}}`,
		"DELETE /greetings/1": `{"ok":true}`,
	})
	d := api.providerData(t, true)
	ctx := t.Context()
	var wg sync.WaitGroup
	for _, id := range []int64{1, 2, 1, 2} {
		wg.Go(func() {
			if g, err := d.readGreeting(ctx, id); err != nil || g.ID != id {
				t.Errorf("read %d: %+v %v", id, g, err)
			}
		})
	}
	wg.Wait()
	if g, _ := d.readGreeting(ctx, 2); g == nil || g.Group == nil || *g.Group != 3 || len(g.Rules) != 1 || g.Rules[0].Value != "2" {
		t.Errorf("greeting from the list %+v", g)
	}
	if _, err := d.readGreeting(ctx, 404); !client.IsNotFound(err) {
		t.Errorf("a greeting the list lacks: %v", err)
	}
	api.expect(t, "coalescing", map[string]int{"GET /greetings": 1, "GET /greetings/1": 0})
	if err := d.legacy.DeleteGreeting(ctx, 1); err != nil {
		t.Fatal(err)
	}
	_, _ = d.readGreeting(ctx, 2)
	api.expect(t, "after a write", map[string]int{"GET /greetings": 2})

	off := api.providerData(t, false)
	for _, id := range []int64{1, 2} {
		_, _ = off.readGreeting(ctx, id)
	}
	api.expect(t, "coalescing off", map[string]int{"GET /greetings": 2, "GET /greetings/1": 1, "GET /greetings/2": 1})
}

// Every campaign Read of a run shares one list of the active campaigns (every Search Campaigns
// page, plus Get Campaigns); a disabled campaign is not found; a campaign write lists again.
func TestReadActiveCampaign(t *testing.T) {
	api := newAnswerFake(t, map[string]string{
		"GET /v2/partners/affiliates/campaigns":      `{"result":[{"name":"c","slug":"pp_c","creation_timestamp":"t3","trial_duration":21}]}`,
		"DELETE /v2/partners/affiliates/campaigns/2": ``,
	})
	api.handle("GET /v2/partners/affiliates/campaigns/search", func(w http.ResponseWriter, r *http.Request) {
		if s := r.URL.Query().Get("state"); s != "active" {
			t.Errorf("a refresh listed %s campaigns", s)
		}
		if r.URL.Query().Get("page") == "2" {
			fmt.Fprint(w, `{"total":3,"results":[{"id":3,"name":"c","slug":"pp_c","created_at":"t3"}]}`)
			return
		}
		fmt.Fprint(w, `{"total":3,"results":[{"id":1,"name":"a","slug":"pp_a","created_at":"t1"},{"id":2,"name":"b","slug":"pp_b","created_at":"t2"}]}`)
	})
	pc := api.providerData(t, true).partner
	ctx := t.Context()
	var wg sync.WaitGroup
	for _, id := range []int64{1, 2, 3, 3} {
		wg.Go(func() {
			if cp, err := readActiveCampaign(ctx, pc, id); err != nil || cp.ID != id || !cp.Active {
				t.Errorf("read %d: %+v %v", id, cp, err)
			}
		})
	}
	wg.Wait()
	if cp, _ := readActiveCampaign(ctx, pc, 3); cp == nil || cp.TrialDuration != 21 {
		t.Errorf("campaign 3 lacks Get Campaigns' details: %+v", cp)
	}
	if _, err := readActiveCampaign(ctx, pc, 9); !client.IsNotFound(err) {
		t.Errorf("a campaign that is not active: %v, want not found", err)
	}
	api.expect(t, "every read", map[string]int{"GET /v2/partners/affiliates/campaigns/search": 2, "GET /v2/partners/affiliates/campaigns": 1})
	if err := pc.DisableCampaign(ctx, 2); err != nil {
		t.Fatal(err)
	}
	_, _ = readActiveCampaign(ctx, pc, 1)
	api.expect(t, "after a write", map[string]int{"GET /v2/partners/affiliates/campaigns/search": 4, "GET /v2/partners/affiliates/campaigns": 2})
}

// answerFake is an API that answers "METHOD /path" (a Configuration API action is
// "POST /v3.6/configuration/action/<action>") and counts the calls.
type answerFake struct {
	t        *testing.T
	mu       sync.Mutex
	handlers map[string]http.HandlerFunc
	calls    map[string]int
	url      string
}

func newAnswerFake(t *testing.T, answers map[string]string) *answerFake {
	f := &answerFake{t: t, handlers: map[string]http.HandlerFunc{}, calls: map[string]int{}}
	for key, body := range answers {
		f.handle(key, func(w http.ResponseWriter, _ *http.Request) { fmt.Fprint(w, body) })
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := r.Method + " " + r.URL.Path
		f.mu.Lock()
		f.calls[key]++
		h := f.handlers[key]
		f.mu.Unlock()
		if h == nil {
			// What each API answers for an object it does not have.
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, `{"error":{"type":"not_found","message":"not found"}}`)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		h(w, r)
	}))
	t.Cleanup(srv.Close)
	f.url = srv.URL
	return f
}

func (f *answerFake) handle(key string, h http.HandlerFunc) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.handlers[key] = h
}

// providerData is what Configure would build against the fake, with its own read cache.
func (f *answerFake) providerData(t *testing.T, coalesce bool) *providerData {
	core, err := client.New(client.Config{APIURL: f.url, AccessToken: "dal:test", PartnerToken: "test",
		Coalesce: coalesce, MinBackoff: time.Millisecond, MaxBackoff: 2 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	return &providerData{core: core, config: configuration.New(core), legacy: legacy.New(core), partner: partner.New(core)}
}

// expect checks the number of calls so far of each operation named (a bare name is a
// Configuration API action).
func (f *answerFake) expect(t *testing.T, when string, want map[string]int) {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	for op, n := range want {
		key := op
		if !strings.Contains(op, " /") {
			key = "POST /v3.6/configuration/action/" + op
		}
		if got := f.calls[key]; got != n {
			t.Errorf("%s: %d calls of %s, want %d", when, got, op, n)
		}
	}
}

func stringPtr(s string) *string { return &s }
