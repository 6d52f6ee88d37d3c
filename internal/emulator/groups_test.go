package emulator

import (
	"net/http"
	"strings"
	"testing"
)

func TestGroupLifecycle(t *testing.T) {
	h := newHarness(t)
	h.ok("create_agent", `{"id":"agent1@example.com","name":"One"}`)
	h.ok("create_agent", `{"id":"agent2@example.com","name":"Two"}`)
	assertJSON(t, h.ok("create_group", `{"name":"Sports shoes","agent_priorities":{"agent1@example.com":"normal","agent2@example.com":"last"}}`), `{"id":1}`)

	// Without fields, agent_priorities and routing_status are omitted.
	assertJSON(t, h.ok("get_group", `{"id":1}`), `{"id":1,"name":"Sports shoes","language_code":"en"}`)
	assertJSON(t, h.ok("get_group", `{"id":1,"fields":["agent_priorities","routing_status"]}`), `{"id":1,
	 "name":"Sports shoes","language_code":"en","routing_status":"offline",
	 "agent_priorities":{"agent1@example.com":"normal","agent2@example.com":"last"}}`)

	assertJSON(t, h.ok("update_group", `{"id":1,"name":"Sport shoes","language_code":"pl"}`), `{}`)
	assertJSON(t, h.ok("list_groups", `{}`), `[{"id":0,"name":"General","language_code":"en"},
	 {"id":1,"name":"Sport shoes","language_code":"pl"}]`)
	assertJSON(t, h.ok("list_groups", `{"fields":["routing_status"]}`), `[
	 {"id":0,"name":"General","language_code":"en","routing_status":"offline"},
	 {"id":1,"name":"Sport shoes","language_code":"pl","routing_status":"offline"}]`)
	// An update without agent_priorities keeps the members.
	assertJSON(t, field(t, h.ok("get_group", `{"id":1,"fields":["agent_priorities"]}`), "agent_priorities"),
		`{"agent1@example.com":"normal","agent2@example.com":"last"}`)

	assertJSON(t, h.ok("delete_group", `{"id":1}`), `{}`)
	h.fail("get_group", `{"id":1}`, http.StatusNotFound, "group_not_found")
	// Ids increase and are never reused.
	assertJSON(t, h.ok("create_group", `{"name":"Again","agent_priorities":{}}`), `{"id":2}`)
}

func TestGroupValidation(t *testing.T) {
	cases := []struct{ name, action, body, msg string }{
		{"name required", "create_group", `{"agent_priorities":{}}`, "`name` is required"},
		{"name too long", "create_group", `{"name":"` + strings.Repeat("é", 181) + `","agent_priorities":{}}`, "`name` must be 1 to 180 characters long"},
		{"update name empty", "update_group", `{"id":0,"name":""}`, "`name` must be 1 to 180 characters long"},
		{"priorities required", "create_group", `{"name":"G"}`, "`agent_priorities` is required"},
		{"priorities type", "create_group", `{"name":"G","agent_priorities":[]}`, "`agent_priorities` must be an object"},
		{"priority value", "create_group", `{"name":"G","agent_priorities":{"owner@example.com":"top"}}`, "`agent_priorities.owner@example.com` must be one of: first, normal, last, supervisor"},
		{"priority type", "update_group", `{"id":0,"agent_priorities":{"owner@example.com":1}}`, "`agent_priorities.owner@example.com` must be a string"},
		{"language", "create_group", `{"name":"G","language_code":"english!","agent_priorities":{}}`, "`language_code` must be a language code such as \"en\""},
		{"unknown param", "create_group", `{"name":"G","agent_priorities":{},"routing_status":"online"}`, "`routing_status` is not a supported parameter"},
		{"update id", "update_group", `{"name":"G"}`, "`id` is required"},
		{"update id type", "update_group", `{"id":"1"}`, "`id` must be an integer"},
		{"delete id", "delete_group", `{}`, "`id` is required"},
		{"delete default", "delete_group", `{"id":0}`, "Cannot delete the default group"},
		{"get id", "get_group", `{"fields":[]}`, "`id` is required"},
		{"get fields", "get_group", `{"id":0,"fields":["members"]}`, "`fields[0]` must be one of: agent_priorities, routing_status"},
		{"list fields", "list_groups", `{"fields":"routing_status"}`, "`fields` must be an array of strings"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			e := h.fail(tc.action, tc.body, http.StatusBadRequest, "validation")
			if e["message"] != tc.msg {
				t.Fatalf("message %q, want %q", e["message"], tc.msg)
			}
		})
	}
	h := newHarness(t)
	h.ok("create_group", `{"name":"`+strings.Repeat("é", 180)+`","agent_priorities":{}}`)
}

func TestGroupErrors(t *testing.T) {
	h := newHarness(t)
	for _, action := range []string{"get_group", "update_group", "delete_group"} {
		h.fail(action, `{"id":42}`, http.StatusNotFound, "group_not_found")
	}
	e := h.fail("create_group", `{"name":"G","agent_priorities":{"ghost@example.com":"normal"}}`, http.StatusNotFound, "not_found")
	if !strings.Contains(e["message"].(string), "ghost@example.com") {
		t.Fatalf("message %q does not name the agent", e["message"])
	}
	h.fail("update_group", `{"id":0,"agent_priorities":{"ghost@example.com":"normal"}}`, http.StatusNotFound, "not_found")
	if _, ok := h.s.Group(1); ok {
		t.Fatal("a failed create_group left a group behind")
	}
}

// Membership is one relation seen from two sides: agent.groups and group.agent_priorities.
func TestMembershipBothSides(t *testing.T) {
	h := newHarness(t)
	h.ok("create_agent", `{"id":"a@example.com","name":"A"}`)
	h.ok("create_agent", `{"id":"b@example.com","name":"B"}`)
	h.ok("create_group", `{"name":"G1","agent_priorities":{"a@example.com":"first"}}`)
	h.ok("create_group", `{"name":"G2","agent_priorities":{}}`)

	groupsOf := func(id string) any {
		return field(t, h.ok("get_agent", `{"id":"`+id+`","fields":["groups"]}`), "groups")
	}
	membersOf := func(gid string) any {
		return field(t, h.ok("get_group", `{"id":`+gid+`,"fields":["agent_priorities"]}`), "agent_priorities")
	}
	check := func(aGroups, bGroups, g0, g1, g2 string) {
		t.Helper()
		assertJSON(t, groupsOf("a@example.com"), aGroups)
		assertJSON(t, groupsOf("b@example.com"), bGroups)
		assertJSON(t, membersOf("0"), g0)
		assertJSON(t, membersOf("1"), g1)
		assertJSON(t, membersOf("2"), g2)
		// The authoritative Go lookups agree with the API.
		g, _ := h.s.Group(1)
		assertJSON(t, g.AgentPriorities, g1)
		a, _ := h.s.Agent("a@example.com")
		assertJSON(t, a.Groups, aGroups)
	}
	check(`[{"id":1,"priority":"first"}]`, `[]`, `{"owner@example.com":"normal"}`, `{"a@example.com":"first"}`, `{}`)

	// update_agent groups replaces that agent's memberships.
	h.ok("update_agent", `{"id":"a@example.com","groups":[{"id":2,"priority":"last"},{"id":0,"priority":"supervisor"}]}`)
	check(`[{"id":0,"priority":"supervisor"},{"id":2,"priority":"last"}]`, `[]`,
		`{"owner@example.com":"normal","a@example.com":"supervisor"}`, `{}`, `{"a@example.com":"last"}`)

	// update_group agent_priorities replaces that group's members.
	h.ok("update_group", `{"id":2,"agent_priorities":{"b@example.com":"normal"}}`)
	check(`[{"id":0,"priority":"supervisor"}]`, `[{"id":2,"priority":"normal"}]`,
		`{"owner@example.com":"normal","a@example.com":"supervisor"}`, `{}`, `{"b@example.com":"normal"}`)
	h.ok("update_group", `{"id":0,"agent_priorities":{"a@example.com":"first","b@example.com":"last"}}`)
	check(`[{"id":0,"priority":"first"}]`, `[{"id":0,"priority":"last"},{"id":2,"priority":"normal"}]`,
		`{"a@example.com":"first","b@example.com":"last"}`, `{}`, `{"b@example.com":"normal"}`)
	assertJSON(t, groupsOf("owner@example.com"), `[]`)

	// Deleting an agent removes it from its groups; deleting a group removes it from agents and tags.
	h.ok("update_tag", `{"name":"sales","group_ids":[0,2]}`)
	h.ok("delete_agent", `{"id":"a@example.com"}`)
	assertJSON(t, membersOf("0"), `{"b@example.com":"last"}`)
	h.ok("delete_group", `{"id":2}`)
	assertJSON(t, groupsOf("b@example.com"), `[{"id":0,"priority":"last"}]`)
	tags := h.ok("list_tags", `{"filters":{"group_ids":[0]}}`)
	for _, tag := range tags.([]any) {
		if field(t, tag, "name") == "sales" {
			assertJSON(t, field(t, tag, "group_ids"), `[0]`)
		}
	}
}
