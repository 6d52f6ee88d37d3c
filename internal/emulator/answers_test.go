package emulator

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"
)

func documented(o *Options) { o.Answers = AnswersDocumented }

// hasKey reports whether the JSON object v has key k.
func hasKey(t *testing.T, v any, k string) bool {
	t.Helper()
	m, ok := v.(map[string]any)
	if !ok {
		t.Fatalf("not an object: %v", v)
	}
	_, has := m[k]
	return has
}

func TestDocumentedGreetingRulesComeBackReordered(t *testing.T) {
	h := newHarness(t, documented)
	h.ok("create_group", `{"name":"Shoes","agent_priorities":{}}`)
	// The reference's two-rule example: sent visit_time_page, visits_number.
	body := `{"name":"my custom invitation","group":1,"subtype":"announcement","rules":[
	  {"type":"visit_time_page","value":15,"operator":"greater_than"},
	  {"type":"visits_number","value":2,"operator":"greater_or_equal"}]}`
	want := `{"id":1,"active":true,"name":"my custom invitation","rules":[
	  {"id":2,"value":"2","type":"visits_number","operator":"greater_or_equal","condition":"and"},
	  {"id":1,"value":"15","type":"visit_time_page","operator":"greater_than","condition":"and"}],
	  "properties":{"active":"1","greeting-message_text":"Hello, would you like to talk about our products?"}}`
	assertJSON(t, h.restOK("POST", "/greetings", body), want) // no group, no subtype
	assertJSON(t, h.restOK("GET", "/greetings/1", ""), want)
	assertJSON(t, h.restOK("GET", "/greetings?group=1", ""), "["+want+"]")
	// The store keeps the request order and the group: only the answers change.
	if g, _ := h.s.Greeting(1); g.Group != 1 || g.Rules[0].Type != "visit_time_page" {
		t.Fatalf("stored greeting %+v", g)
	}
}

func TestFullAnswersUnchanged(t *testing.T) {
	h := newHarness(t)
	out := h.restOK("POST", "/greetings", `{"name":"g","subtype":"announcement","rules":[
	  {"type":"visit_time_page","value":15},{"type":"visits_number","value":2}]}`)
	assertJSON(t, ids(t, field(t, out, "rules"), "type"), `["visit_time_page","visits_number"]`)
	if !hasKey(t, out, "group") || !hasKey(t, out, "subtype") {
		t.Fatalf("full answer lost keys: %v", out)
	}
	h.ok("create_agent", `{"id":"a@example.com","name":"A"}`)
	h.ok("suspend_agent", `{"id":"a@example.com"}`)
}

func TestDocumentedConfigurationKeys(t *testing.T) {
	h := newHarness(t, documented)
	h.ok("register_property", `{"name":"p","owner_client_id":"c1","type":"int","domain":[1,2],"default_value":1,
	  "access":{"license":{"agent":["read","write"]}}}`)
	props := field(t, h.ok("list_properties", `{"owner_client_id":"c1"}`), "p")
	assertJSON(t, props, `{"type":"int","description":"","access":{"license":{"agent":["write","read"]}},"public_access":[]}`)

	id := field(t, h.ok("register_webhook", `{"url":"https://example.com/hook","action":"incoming_event","secret_key":"s3cret",
	  "owner_client_id":"c1","type":"license","additional_data":["chat_properties"],
	  "filters":{"author_type":"customer","chat_presence":{"user_ids":{"values":["a@example.com","b@example.com"]},"my_bots":true}}}`), "id")
	assertJSON(t, h.ok("list_webhooks", `{"owner_client_id":"c1"}`), `[{"id":"`+id.(string)+`","url":"https://example.com/hook",
	  "description":"","action":"incoming_event","owner_client_id":"c1","type":"license",
	  "filters":{"chat_presence":{"user_ids":{"values":["b@example.com","a@example.com"]},"my_bots":true}}}]`)

	// Avatars come back re-hosted, the same URL always under the same name.
	h.ok("create_bot", `{"name":"B","avatar":"https://example.com/bot.jpg","owner_client_id":"c1"}`)
	bots := h.ok("list_bots", `{"all":true}`).([]any)
	avatar := field(t, bots[0], "avatar_path").(string)
	if avatar != RehostedAvatar("https://example.com/bot.jpg") || !strings.HasPrefix(avatar, "https://cdn.livechatinc.com/avatars/") ||
		!strings.HasSuffix(avatar, ".jpg") || RehostedAvatar("https://example.com/other.jpg") == avatar {
		t.Fatalf("avatar_path %q", avatar)
	}

	// Batches answer each item in the single method's shape; errors keep theirs.
	assertJSON(t, h.ok("batch_create_agents", `{"requests":[{"id":"a@example.com","name":"A"},{}]}`),
		`{"responses":[{"id":"a@example.com"},{"error":{"type":"validation","message":"`+"`id` is required"+`"}}]}`)
}

func TestDocumentedNotYetPublicOperations(t *testing.T) {
	h := newHarness(t, documented)
	h.ok("create_agent", `{"id":"a@example.com","name":"A"}`)
	for _, action := range []string{"suspend_agent", "unsuspend_agent", "approve_agent"} {
		e := h.fail(action, `{"id":"a@example.com"}`, http.StatusForbidden, errTypeAuthorization)
		if e["message"] != "Authorization error" {
			t.Fatalf("%s: %v", action, e)
		}
		h.fail("batch_"+strings.TrimSuffix(action, "_agent")+"_agents", `{"requests":[{"id":"a@example.com"}]}`,
			http.StatusForbidden, errTypeAuthorization)
	}
	if a, _ := h.s.Agent("a@example.com"); a.Suspended {
		t.Fatal("a refused suspend_agent suspended the agent")
	}
}

func TestDocumentedPartnerKeys(t *testing.T) {
	h := newHarness(t, withPartner, documented)
	h.pok(204, preq{method: "PUT", path: "/v2/partners/billing", json: `{"type":"business","company":"C","address":"A",
	  "city":"New York","country":"US","paypal":"p@example.com","state":"NY"}`})
	if b := h.pok(200, pget("/v2/partners/billing")); hasKey(t, b, "state") {
		t.Fatalf("billing shows state: %v", b)
	}
	h.pok(201, preq{method: "POST", path: "/v2/partners/experts/profile", json: `{"company":"ACME","phone":"123456789","description":"Long description goes here",
	  "short_description":"Short description","country":"US","website":"https://acme.example","twitter":"https://twitter.com/acme",
	  "facebook":"https://facebook.com/acme","categories":["custom-development","training"],"industry_ids":[19,22],"projects":[]}`})
	ep := h.pok(200, pget("/v2/partners/experts/profile"))
	if hasKey(t, ep, "facebook") || field(t, ep, "twitter") != "https://twitter.com/acme" {
		t.Fatalf("expert profile %v", ep)
	}
	assertJSON(t, field(t, ep, "categories"), `["training","custom-development"]`)

	// Search Campaigns writes slugs as its example does; Get Campaigns as its own.
	h.pok(200, createCampaignReq("livechat", "name", "New campaign", "link", "https://www.livechat.com/", "trial_duration", "30"))
	search := h.pok(200, pget("/v2/partners/affiliates/campaigns/search?page=1&state=active"))
	assertJSON(t, ids(t, field(t, search, "results"), "slug"), `["pp-new-campaign"]`)
	assertJSON(t, ids(t, field(t, h.pok(200, pget("/v2/partners/affiliates/campaigns")), "result"), "slug"), `["pp_new-campaign"]`)
}

func TestAnswerModeSettings(t *testing.T) {
	h := newHarness(t)
	w := h.do("POST", "/_emulator/config", `{"answers":"documented"}`, nil)
	if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), `"answers":"documented"`) {
		t.Fatalf("config: %d %s", w.Code, w.Body)
	}
	if h.s.Credentials().Answers != AnswersDocumented {
		t.Fatal("the admin API did not switch the mode")
	}
	h.fail("suspend_agent", `{"id":"x@example.com"}`, http.StatusForbidden, errTypeAuthorization)
	if w := h.do("POST", "/_emulator/config", `{"answers":"terse"}`, nil); w.Code != http.StatusBadRequest {
		t.Fatalf("unknown mode accepted: %d %s", w.Code, w.Body)
	}
	if err := h.s.SetAnswers(""); err != nil || h.s.Credentials().Answers != AnswersFull {
		t.Fatalf("SetAnswers(\"\"): %v", err)
	}
	var out bytes.Buffer
	if err := RunCLI(context.Background(), []string{"-answers", "terse"}, &out, &out); err == nil || !strings.Contains(err.Error(), "answers") {
		t.Fatalf("RunCLI -answers terse: %v", err)
	}
	defer func() {
		if recover() == nil {
			t.Fatal("New accepted an unknown answer mode")
		}
	}()
	New(Options{Answers: "terse"})
}

// TestAnswerTablesCoverEveryMethod keeps the answer tables complete and free of stale entries:
// every method the emulator serves has a shape, and every shape names a served method.
func TestAnswerTablesCoverEveryMethod(t *testing.T) {
	s := New(Options{})
	check := func(api string, served []string, table answerTable, covered func(string) bool) {
		t.Helper()
		seen := map[string]bool{}
		for _, m := range served {
			seen[m] = true
			if table[m] == nil && !covered(m) {
				t.Errorf("%s %s has no answer shape", api, m)
			}
		}
		for m, sh := range table {
			if !seen[m] && !covered(m) {
				t.Errorf("%s answer shape %s names no served method", api, m)
			}
			if len(sh.keys) == 0 && sh.asIs == "" {
				t.Errorf("%s %s: a shape needs keys or a reason to keep the answer as is", api, m)
			}
		}
	}
	var actions []string
	for a := range s.actions {
		actions = append(actions, a)
	}
	check("v3.6", actions, configurationAnswers, func(string) bool { return false })
	var routes []string
	for _, rt := range legacyRoutes {
		routes = append(routes, rt.method+" /"+strings.Join(rt.pattern, "/"))
	}
	check("legacy", routes, legacyAnswers, func(m string) bool { return strings.HasPrefix(m, "GET /reports/") })
	var ops []string
	for _, rt := range partnerRoutes.routes {
		ops = append(ops, rt.op)
	}
	check("partner", ops, partnerAnswers, func(string) bool { return false })
}

func TestShapeFilter(t *testing.T) {
	sh := compileAnswers(answerTable{"m": {
		keys:      []string{"[].id", "[].map.*", "[].list[].a", "[].nested.*.*"},
		unordered: []string{"[].list", "[].nested.*.*"},
		rewrite:   map[string]func(string) string{"[].list[].a": strings.ToUpper},
	}})
	s := New(Options{Answers: AnswersDocumented})
	got := s.shapeAnswer(sh, "m", []any{map[string]any{
		"id": 1, "drop": true, "map": map[string]any{"x": 1, "y": map[string]any{"z": 2}},
		"list":   []any{map[string]any{"a": "p", "b": 1}, map[string]any{"a": "q"}},
		"nested": map[string]any{"ns": map[string]any{"k": []any{1, 2, 3}, "l": "v"}},
	}})
	assertJSON(t, got, `[{"id":1,"map":{"x":1,"y":{"z":2}},"list":[{"a":"Q"},{"a":"P"}],
	  "nested":{"ns":{"k":[3,2,1],"l":"v"}}}]`)
	if out := s.shapeAnswer(sh, "unknown", map[string]any{"a": 1}); !hasKey(t, out, "a") {
		t.Fatal("a method without a shape lost its keys")
	}
}
