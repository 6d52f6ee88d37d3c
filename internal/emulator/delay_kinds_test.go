package emulator

import (
	"context"
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestDelayForKindOverridesDefault(t *testing.T) {
	cases := []struct {
		name     string
		def      time.Duration
		per      map[string]time.Duration
		agentIn  time.Duration // when a new agent becomes visible
		groupIn  time.Duration // when a new group becomes visible
		tagIn    time.Duration
		advances []time.Duration
	}{
		{name: "no overrides", def: time.Minute, agentIn: time.Minute, groupIn: time.Minute, tagIn: time.Minute},
		{name: "longer for agents", def: 0, per: map[string]time.Duration{"agent": 2 * time.Minute},
			agentIn: 2 * time.Minute, groupIn: 0, tagIn: 0},
		{name: "shorter for tags", def: 2 * time.Minute, per: map[string]time.Duration{"tag": 0, "group": 30 * time.Second},
			agentIn: 2 * time.Minute, groupIn: 30 * time.Second, tagIn: 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, func(o *Options) { o.PropagationDelay, o.PropagationDelayFor = tc.def, tc.per })
			start := h.clock.Now()
			h.ok("create_agent", `{"id":"a@example.com","name":"A"}`)
			h.ok("create_group", `{"name":"G","agent_priorities":{}}`)
			h.ok("create_tag", `{"name":"new"}`)
			visible := func() (agent, group, tag bool) {
				code, _ := h.call("get_agent", `{"id":"a@example.com"}`)
				gcode, _ := h.call("get_group", `{"id":1}`)
				return code == http.StatusOK, gcode == http.StatusOK, len(ids(t, h.ok("list_tags", `{}`), "name")) == 7
			}
			// Step through every instant of interest and check each kind against its own delay.
			for _, at := range []time.Duration{0, time.Second, 29 * time.Second, 30 * time.Second, time.Minute, 2*time.Minute - time.Second, 2 * time.Minute} {
				h.clock.Advance(start.Add(at).Sub(h.clock.Now()))
				a, g, tg := visible()
				if a != (at >= tc.agentIn) || g != (at >= tc.groupIn) || tg != (at >= tc.tagIn) {
					t.Fatalf("at +%s: agent %v group %v tag %v visible; want %v %v %v", at, a, g, tg,
						at >= tc.agentIn, at >= tc.groupIn, at >= tc.tagIn)
				}
			}
		})
	}
}

func TestDelayForKindUpdatesDeletesAndReferences(t *testing.T) {
	h := newHarness(t, func(o *Options) {
		o.PropagationDelay = 0
		o.PropagationDelayFor = map[string]time.Duration{"group": time.Minute}
	})
	// A new group cannot be referred to until its own delay has passed, although agents and tags
	// have no delay.
	h.ok("create_group", `{"name":"New","agent_priorities":{}}`)
	h.fail("create_agent", `{"id":"b@example.com","name":"B","groups":[{"id":1,"priority":"normal"}]}`, http.StatusNotFound, "group_not_found")
	h.fail("create_tag", `{"name":"t","group_ids":[1]}`, http.StatusNotFound, "group_not_found")
	h.clock.Advance(time.Minute)
	h.ok("create_agent", `{"id":"b@example.com","name":"B","groups":[{"id":1,"priority":"normal"}]}`)
	// Agent writes have no delay: the membership shows at once on the agent ...
	assertJSON(t, field(t, h.ok("get_agent", `{"id":"b@example.com","fields":["groups"]}`), "groups"), `[{"id":1,"priority":"normal"}]`)
	// ... and a group update is delayed, a group delete too.
	h.ok("update_group", `{"id":1,"name":"Renamed"}`)
	assertJSON(t, field(t, h.ok("get_group", `{"id":1}`), "name"), `"New"`)
	h.ok("delete_group", `{"id":1}`)
	h.ok("get_group", `{"id":1}`)
	h.clock.Advance(time.Minute)
	h.fail("get_group", `{"id":1}`, http.StatusNotFound, "group_not_found")
	// The cascade of the delete (dropping b's membership) is an agent write: no delay.
	assertJSON(t, field(t, h.ok("get_agent", `{"id":"b@example.com","fields":["groups"]}`), "groups"), `[]`)
}

// The override belongs to the kind, whichever API writes it.
func TestDelayForKindAcrossAPIs(t *testing.T) {
	h := newHarness(t, withPartner, func(o *Options) {
		o.PropagationDelayFor = map[string]time.Duration{"canned_response": 10 * time.Second, "agent": 10 * time.Second, "partner_api_token": 10 * time.Second}
	})
	// Legacy REST API v2.
	h.restOK("POST", "/canned_responses", `{"text":"Hi","tags":["hi"]}`)
	h.restFail("GET", "/canned_responses/1", "", http.StatusNotFound)
	h.restOK("POST", "/goals", `{"name":"g","type":"api"}`)
	h.restOK("GET", "/goals/1", "") // goals: no override, no default delay
	h.restOK("POST", "/agents", `{"login":"legacy@example.com","name":"L"}`)
	h.fail("get_agent", `{"id":"legacy@example.com"}`, http.StatusNotFound, "not_found")
	// Partner API v2.
	h.pok(200, preq{method: "POST", path: "/v2/partners/tokens", form: formOf("label", "CI token")})
	assertJSON(t, h.pok(200, pget("/v2/partners/tokens")), `{"result":[]}`)
	h.pok(200, createCampaignReq("livechat", "name", "Spring sale", "link", "https://www.livechat.com/", "trial_duration", "14"))
	if got := h.pok(200, pget("/v2/partners/affiliates/campaigns")); len(resultList(t, got)) == 0 {
		t.Fatal("campaign (no override) not listed at once")
	}
	h.clock.Advance(10 * time.Second)
	h.restOK("GET", "/canned_responses/1", "")
	h.ok("get_agent", `{"id":"legacy@example.com"}`)
	if got := h.pok(200, pget("/v2/partners/tokens")); len(resultList(t, got)) != 1 {
		t.Fatalf("token not listed after its delay: %v", got)
	}
}

// resultList is the "result" array of a Partner API list answer.
func resultList(t *testing.T, v any) []any {
	t.Helper()
	l, ok := field(t, v, "result").([]any)
	if !ok {
		t.Fatalf("no result array in %v", v)
	}
	return l
}

func TestSetPropagationDelayFor(t *testing.T) {
	h := newHarness(t)
	if err := h.s.SetPropagationDelayFor("tag", time.Minute); err != nil {
		t.Fatal(err)
	}
	if err := h.s.SetPropagationDelayFor("tags", time.Minute); err == nil || !strings.Contains(err.Error(), `"tags"`) {
		t.Fatalf("unknown kind accepted: %v", err)
	}
	if got := h.s.Credentials().PropagationDelayFor; !reflect.DeepEqual(got, map[string]time.Duration{"tag": time.Minute}) {
		t.Fatalf("Credentials: %v", got)
	}
	h.ok("create_tag", `{"name":"later"}`)
	if n := len(ids(t, h.ok("list_tags", `{}`), "name")); n != 6 {
		t.Fatalf("%d tags listed: the override is not applied", n)
	}
	// Reset keeps the overrides (like the default delay).
	h.s.Reset()
	h.ok("create_tag", `{"name":"after reset"}`)
	if n := len(ids(t, h.ok("list_tags", `{}`), "name")); n != 6 {
		t.Fatalf("%d tags listed: the override was lost by Reset", n)
	}
	// A negative delay removes the override.
	if err := h.s.SetPropagationDelayFor("tag", -1); err != nil {
		t.Fatal(err)
	}
	h.ok("create_tag", `{"name":"now"}`)
	if names := ids(t, h.ok("list_tags", `{}`), "name"); len(names) != 7 {
		t.Fatalf("override not removed: %v", names)
	}
}

func TestNewRejectsBadDelayKinds(t *testing.T) {
	for _, per := range []map[string]time.Duration{{"agents": time.Second}, {"agent": -time.Second}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Fatalf("New accepted %v", per)
				}
			}()
			New(Options{AccessTokens: []string{testToken}, PropagationDelayFor: per})
		}()
	}
}

func TestAdminConfigPropagationDelayFor(t *testing.T) {
	h := newHarness(t)
	w := h.do("POST", "/_emulator/config", `{"propagation_delay":"1s","propagation_delay_for":{"agent":"2m","tag":"0s"}}`, nil)
	assertJSON(t, decode(t, w.Body.Bytes()), `{"propagation_delay":"1s","propagation_delay_for":{"agent":"2m0s","tag":"0s"},"latency":"0s","answers":"full"}`)
	w = h.do("GET", "/_emulator/config", "", nil)
	assertJSON(t, decode(t, w.Body.Bytes()), `{"propagation_delay":"1s","propagation_delay_for":{"agent":"2m0s","tag":"0s"},"latency":"0s","answers":"full"}`)
	h.ok("create_tag", `{"name":"at once"}`)
	h.ok("create_group", `{"name":"G","agent_priorities":{}}`)
	if len(ids(t, h.ok("list_tags", `{}`), "name")) != 7 {
		t.Fatal("tag override from /_emulator/config not applied")
	}
	h.fail("get_group", `{"id":1}`, http.StatusNotFound, "group_not_found")
	// Invalid bodies change nothing.
	for _, body := range []string{
		`{"propagation_delay_for":{"agents":"1s"}}`,
		`{"propagation_delay_for":{"agent":"-1s"}}`,
		`{"propagation_delay_for":{"agent":5}}`,
		`{"propagation_delay_for":["agent"]}`,
		`{"propagation_delay":"3s","propagation_delay_for":{"nope":"1s"}}`,
	} {
		w = h.do("POST", "/_emulator/config", body, nil)
		if w.Code != 400 || errorOf(t, decode(t, w.Body.Bytes()))["type"] != "validation" {
			t.Fatalf("%s: %d %s", body, w.Code, w.Body)
		}
	}
	if c := h.s.Credentials(); c.PropagationDelay != time.Second || len(c.PropagationDelayFor) != 2 {
		t.Fatalf("a rejected body changed the config: %+v", c)
	}
	// {} removes every override.
	w = h.do("POST", "/_emulator/config", `{"propagation_delay_for":{}}`, nil)
	assertJSON(t, field(t, decode(t, w.Body.Bytes()), "propagation_delay_for"), `{}`)
}

func TestDelayForFlag(t *testing.T) {
	f := delayForFlag{}
	for _, v := range []string{"agent=5s", " group = 2m , tag=0s"} {
		if err := f.Set(v); err != nil {
			t.Fatalf("%q: %v", v, err)
		}
	}
	if f.String() != "agent=5s,group=2m0s,tag=0s" {
		t.Fatalf("parsed %s", f)
	}
	for _, bad := range []string{"agent", "=5s", "agent=soon", "agents=5s", "agent=-1s"} {
		if err := (delayForFlag{}).Set(bad); err == nil {
			t.Fatalf("%q accepted", bad)
		}
	}
}

func TestCLIPropagationDelayFor(t *testing.T) {
	url, token, stop := runCLI(t, "-propagation-delay-for", "tag=1h", "-propagation-delay-for", "group=0s")
	defer func() { _ = stop() }()
	if code, out := post(t, url, token, "create_tag", `{"name":"slow"}`); code != 200 {
		t.Fatalf("create_tag: %d %v", code, out)
	}
	if _, out := post(t, url, token, "list_tags", `{}`); len(out.([]any)) != 6 {
		t.Fatalf("tag listed before its 1h delay: %v", out)
	}
	if code, out := post(t, url, token, "create_group", `{"name":"fast","agent_priorities":{}}`); code != 200 {
		t.Fatalf("create_group: %d %v", code, out)
	}
	if code, out := post(t, url, token, "get_group", `{"id":1}`); code != 200 {
		t.Fatalf("group not visible at once: %d %v", code, out)
	}
	if err := RunCLI(context.Background(), []string{"-propagation-delay-for", "robots=1s"}, io.Discard, io.Discard); err == nil {
		t.Fatal("unknown kind accepted")
	}
}

// Every table of the store must be bound to a kind, or its writes would silently ignore the
// per-kind delays: walk the store and check each table, after every way a store is installed.
func TestDelayKindsCoverEveryTable(t *testing.T) {
	h := newHarness(t, withPartner)
	check := func(when string) {
		t.Helper()
		h.s.mu.Lock()
		defer h.s.mu.Unlock()
		n := 0
		walkTables(reflect.ValueOf(h.s.st), map[uintptr]bool{}, "store", func(path string, tv reflect.Value) {
			n++
			if tv.FieldByName("kind").String() == "" || tv.FieldByName("policy").IsNil() {
				t.Errorf("%s: table %s is not bound to a delay kind; add it to store.delayTables", when, path)
			} else if tv.FieldByName("policy").Pointer() != reflect.ValueOf(h.s.delays).Pointer() {
				t.Errorf("%s: table %s is bound to another server's delays", when, path)
			}
		})
		if n != len(KnownDelayKinds()) {
			t.Errorf("%s: %d tables, %d delay kinds", when, n, len(KnownDelayKinds()))
		}
	}
	check("New")
	h.s.Reset()
	check("Reset")
	b, err := h.s.StateJSON()
	if err != nil {
		t.Fatal(err)
	}
	if err := h.s.LoadState(b); err != nil {
		t.Fatal(err)
	}
	check("LoadState")
	if err := h.s.LoadFixture([]byte(`{"tags":[{"name":"fixture"}]}`)); err != nil {
		t.Fatal(err)
	}
	check("LoadFixture")
}

// walkTables calls fn for every *table reachable from v through pointers to structs.
func walkTables(v reflect.Value, seen map[uintptr]bool, path string, fn func(string, reflect.Value)) {
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct || seen[v.Pointer()] {
		return
	}
	seen[v.Pointer()] = true
	e := v.Elem()
	if strings.HasPrefix(e.Type().Name(), "table[") {
		fn(path, e)
		return
	}
	for i := range e.NumField() {
		walkTables(e.Field(i), seen, path+"."+e.Type().Field(i).Name, fn)
	}
}
