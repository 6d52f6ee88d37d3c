package emulator

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"
)

func TestAdminState(t *testing.T) {
	h := newHarness(t, withDelay)
	h.ok("create_group", `{"name":"G","agent_priorities":{"owner@example.com":"first"}}`)
	w := h.do("GET", "/_emulator/state", "", nil) // no credentials needed
	if w.Code != 200 {
		t.Fatalf("state: %d %s", w.Code, w.Body)
	}
	var st State
	if err := json.Unmarshal(w.Body.Bytes(), &st); err != nil {
		t.Fatal(err)
	}
	// Authoritative: the group is there although reads do not see it yet.
	if len(st.Groups) != 2 || st.Groups[1].Name != "G" || st.Groups[1].AgentPriorities["owner@example.com"] != "first" {
		t.Fatalf("groups %+v", st.Groups)
	}
	if st.NextGroupID != 2 || len(st.Agents) != 1 || len(st.Tags) != 6 {
		t.Fatalf("state %+v", st)
	}
	b, _ := h.s.StateJSON()
	if string(b)+"\n" != w.Body.String() {
		t.Fatal("GET /_emulator/state differs from StateJSON")
	}
}

func TestAdminReset(t *testing.T) {
	h := newHarness(t, withDelay)
	h.ok("create_group", `{"name":"G","agent_priorities":{}}`)
	h.ok("delete_tag", `{"name":"spam"}`)
	fresh, _ := New(Options{AccessTokens: []string{testToken}}).StateJSON()
	w := h.do("POST", "/_emulator/reset", "", nil)
	if w.Code != 200 {
		t.Fatalf("reset: %d %s", w.Code, w.Body)
	}
	got, _ := h.s.StateJSON()
	if string(got) != string(fresh) {
		t.Fatalf("after reset:\n%s\nwant\n%s", got, fresh)
	}
	// Ids start again at 1 and the delay setting is kept.
	assertJSON(t, h.ok("create_group", `{"name":"G","agent_priorities":{}}`), `{"id":1}`)
	h.fail("get_group", `{"id":1}`, 404, "group_not_found")
}

func TestAdminConfig(t *testing.T) {
	h := newHarness(t)
	w := h.do("POST", "/_emulator/config", `{"propagation_delay":"5s","latency":"50ms"}`, nil)
	assertJSON(t, decode(t, w.Body.Bytes()), `{"propagation_delay":"5s","propagation_delay_for":{},"latency":"50ms","answers":"full"}`)
	w = h.do("POST", "/_emulator/config", `{"latency":"0s"}`, nil)
	assertJSON(t, decode(t, w.Body.Bytes()), `{"propagation_delay":"5s","propagation_delay_for":{},"latency":"0s","answers":"full"}`)
	creds := h.s.Credentials()
	if creds.PropagationDelay != 5*time.Second || creds.Latency != 0 {
		t.Fatalf("config not applied: %+v", creds)
	}
	w = h.do("GET", "/_emulator/config", "", nil)
	assertJSON(t, decode(t, w.Body.Bytes()), `{"propagation_delay":"5s","propagation_delay_for":{},"latency":"0s","answers":"full"}`)
	for _, body := range []string{`{"latency":"soon"}`, `{"propagation_delay":"-1s"}`, `{"delay":"1s"}`, `[`} {
		w = h.do("POST", "/_emulator/config", body, nil)
		if w.Code != 400 || errorOf(t, decode(t, w.Body.Bytes()))["type"] != "validation" {
			t.Fatalf("%s: %d %s", body, w.Code, w.Body)
		}
	}
	// The new delay applies to later writes.
	h.ok("create_tag", `{"name":"later"}`)
	if len(ids(t, h.ok("list_tags", `{}`), "name")) != 6 {
		t.Fatal("delay from /_emulator/config not applied")
	}
}

func TestAdminDeleteObjects(t *testing.T) {
	h := newHarness(t, withDelay)
	h.s.SetPropagationDelay(0)
	h.ok("create_agent", `{"id":"a@example.com","name":"A"}`)
	h.ok("create_group", `{"name":"G","agent_priorities":{"a@example.com":"normal"}}`)
	h.ok("update_tag", `{"name":"support","group_ids":[0,1]}`)
	h.s.SetPropagationDelay(delay) // out-of-band deletes ignore the delay

	cases := []struct {
		path   string
		status int
	}{
		{"/_emulator/objects/tag/positive%20feedback", 200},
		{"/_emulator/objects/tag/positive%20feedback", 404},
		{"/_emulator/objects/group/1", 200},
		{"/_emulator/objects/group/1", 404},
		{"/_emulator/objects/group/0", 400},
		{"/_emulator/objects/group/x", 400},
		{"/_emulator/objects/agent/a@example.com", 200},
		{"/_emulator/objects/agent/a@example.com", 404},
		{"/_emulator/objects/spaceship/1", 400},
	}
	for _, tc := range cases {
		w := h.do("DELETE", tc.path, "", nil)
		if w.Code != tc.status {
			t.Fatalf("DELETE %s: %d %s, want %d", tc.path, w.Code, w.Body, tc.status)
		}
	}
	// Visible at once, cascades included.
	h.fail("get_group", `{"id":1}`, http.StatusNotFound, "group_not_found")
	h.fail("get_agent", `{"id":"a@example.com"}`, http.StatusNotFound, "not_found")
	names := ids(t, h.ok("list_tags", `{}`), "name")
	assertJSON(t, names, `["docs_feedback","support","complaint","sales","spam"]`)
	assertJSON(t, ids(t, h.ok("list_tags", `{"filters":{"group_ids":[1]}}`), "name"), `[]`)

	if err := h.s.DeleteObject("tag", "spam"); err != nil {
		t.Fatal(err)
	}
	if err := h.s.DeleteObject("tag", "spam"); err == nil {
		t.Fatal("second delete of spam succeeded")
	}
	if w := h.do("GET", "/_emulator/nothing", "", nil); w.Code != 404 {
		t.Fatalf("unknown admin path: %d", w.Code)
	}
}

func TestAdminDeleteInvisibleObject(t *testing.T) {
	h := newHarness(t, withDelay)
	h.ok("create_tag", `{"name":"pending"}`)
	if err := h.s.DeleteObject("tag", "pending"); err != nil {
		t.Fatal(err)
	}
	h.clock.Advance(delay)
	if len(ids(t, h.ok("list_tags", `{}`), "name")) != 6 {
		t.Fatal("out-of-band deleted tag appeared after the delay")
	}
}

func TestAdminPatchObjects(t *testing.T) {
	h := newHarness(t, withDelay)
	h.s.SetPropagationDelay(0)
	h.ok("create_agent", `{"id":"a@example.com","name":"A","job_title":"Support"}`)
	h.ok("register_property", `{"name":"p","owner_client_id":"c1","type":"int","access":{"license":{"agent":["read","write"]}}}`)
	h.ok("update_license_properties", `{"properties":{"c1":{"p":1}}}`)
	h.s.SetPropagationDelay(delay) // out-of-band changes ignore the delay

	cases := []struct {
		path, body string
		status     int
	}{
		{"/_emulator/objects/agent/a@example.com", `{"name":"Renamed"}`, 200},
		{"/_emulator/objects/license_property/c1/p", `{"value":7}`, 200},
		{"/_emulator/objects/agent/b@example.com", `{"name":"B"}`, 404},
		{"/_emulator/objects/agent/a@example.com", `{"full_name":"unknown field"}`, 400},
		{"/_emulator/objects/agent/a@example.com", `{"max_chats_count":"six"}`, 400},
		{"/_emulator/objects/spaceship/1", `{}`, 400},
	}
	for _, tc := range cases {
		w := h.do("PATCH", tc.path, tc.body, nil)
		if w.Code != tc.status {
			t.Fatalf("PATCH %s %s: %d %s, want %d", tc.path, tc.body, w.Code, w.Body, tc.status)
		}
	}
	// Visible at once; fields the patch did not name are kept.
	a := h.ok("get_agent", `{"id":"a@example.com","fields":["job_title"]}`).(map[string]any)
	if a["name"] != "Renamed" || a["job_title"] != "Support" {
		t.Fatalf("agent after patch: name %v, job_title %v", a["name"], a["job_title"])
	}
	assertJSON(t, h.ok("list_license_properties", `{"namespace":"c1"}`), `{"c1":{"p":7}}`)

	// A change overtakes a write still propagating: readers see the patched object.
	h.ok("update_agent", `{"id":"a@example.com","job_title":"Sales"}`)
	if err := h.s.PatchObject("agent", "a@example.com", []byte(`{"name":"Again"}`)); err != nil {
		t.Fatal(err)
	}
	a = h.ok("get_agent", `{"id":"a@example.com","fields":["job_title"]}`).(map[string]any)
	if a["name"] != "Again" || a["job_title"] != "Sales" {
		t.Fatalf("agent after patch over a pending write: name %v, job_title %v", a["name"], a["job_title"])
	}
}
