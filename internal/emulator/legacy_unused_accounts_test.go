package emulator

import (
	"net/http"
	"strings"
	"testing"
)

func TestLegacyAgents(t *testing.T) {
	h := newHarness(t)
	h.ok("create_group", `{"name":"Sales","agent_priorities":{}}`)
	h.ok("create_group", `{"name":"Technical Support","agent_priorities":{}}`)
	created := h.restOK("POST", "/agents", `{"login":"jenny.doe@mycompany.com","name":"Jenny Doe","permission":"administrator","groups":[1,2]}`)
	assertJSON(t, created, `{"login":"jenny.doe@mycompany.com","name":"Jenny Doe","login_status":"accepting chats",
	  "permission":"administrator","daily_summary":1,"job_title":"Support Agent","avatar":"`+v2DefaultAvatar+`",
	  "notifications":{"new_visitor":1,"incoming_chat":1,"returning_visitor":1,"queued_visitor":1,"visitor_is_typing":0,"new_goal":1},
	  "max_chats_count":6,"groups":[{"id":1,"name":"Sales"},{"id":2,"name":"Technical Support"}],"status":"offline","last_logout":0}`)
	// The same agent through the Configuration API v3.6.
	v3 := h.ok("get_agent", `{"id":"jenny.doe@mycompany.com","fields":["groups","job_title","email_subscriptions"]}`)
	assertJSON(t, field(t, v3, "role"), `"administrator"`)
	assertJSON(t, field(t, v3, "groups"), `[{"id":1,"priority":"normal"},{"id":2,"priority":"normal"}]`)
	assertJSON(t, field(t, v3, "email_subscriptions"), `["daily_summary"]`)

	// Form bodies as in the Postman collection.
	h.restOK("POST", "/agents", "login=john@public.com&name=John+Public")
	assertJSON(t, h.restOK("GET", "/agents", ""), `[
	  {"login":"owner@example.com","name":"License Owner","permission":"owner","avatar":"`+v2DefaultAvatar+`","status":"offline"},
	  {"login":"jenny.doe@mycompany.com","name":"Jenny Doe","permission":"administrator","avatar":"`+v2DefaultAvatar+`","status":"offline"},
	  {"login":"john@public.com","name":"John Public","permission":"normal","avatar":"`+v2DefaultAvatar+`","status":"offline"}]`)

	updated := h.restOK("PUT", "/agents/jenny.doe@mycompany.com", `{"status":"not accepting chats","max_chats_count":2,
	  "notifications":{"visitor_is_typing":1},"daily_summary":0,"groups":[2],
	  "work_scheduler":{"monday":{"enabled":1,"start":"09:00","end":"17:00"},"sunday":{"enabled":0,"start":"11:00","end":"17:00"}}}`)
	assertJSON(t, field(t, updated, "status"), `"not accepting chats"`)
	assertJSON(t, field(t, updated, "max_chats_count"), `2`)
	assertJSON(t, field(t, updated, "daily_summary"), `0`)
	assertJSON(t, field(t, field(t, updated, "notifications"), "visitor_is_typing"), `1`)
	assertJSON(t, field(t, updated, "groups"), `[{"id":2,"name":"Technical Support"}]`)
	assertJSON(t, field(t, updated, "work_scheduler"), `{"sunday":{"enabled":0,"start":"11:00","end":"17:00"},"monday":{"enabled":1,"start":"09:00","end":"17:00"}}`)
	assertJSON(t, ids(t, h.restOK("GET", "/agents?status=not+accepting+chats", ""), "login"), `["jenny.doe@mycompany.com"]`)
	h.restOK("PUT", "/agents/john@public.com", "job_title=Super+Support+Agent")
	assertJSON(t, field(t, h.restOK("GET", "/agents/john@public.com", ""), "job_title"), `"Super Support Agent"`)

	assertJSON(t, h.restOK("DELETE", "/agents/john@public.com", ""), `{"result":"john@public.com removed successfully"}`)
	h.restFail("GET", "/agents/john@public.com", "", http.StatusNotFound)
	h.fail("get_agent", `{"id":"john@public.com"}`, http.StatusNotFound, "not_found")

	for _, tc := range []struct{ method, path, body, msg string }{
		{"POST", "/agents", `{"name":"X"}`, "`login` is required"},
		{"POST", "/agents", `{"login":"not-an-email","name":"X"}`, "`login` must be a correct e-mail address"},
		{"POST", "/agents", `{"login":"jenny.doe@mycompany.com","name":"X"}`, "already exists"},
		{"POST", "/agents", `{"login":"a@b.co","name":"X","permission":"owner"}`, "`permission` must be one of: administrator, normal"},
		{"POST", "/agents", `{"login":"a@b.co","name":"X","password":"1234"}`, "at least 5 characters"},
		{"POST", "/agents", `{"login":"a@b.co","name":"X","notifications":{"new_visitor":1}}`, "`notifications[incoming_chat]` is required"},
		{"POST", "/agents", `{"login":"a@b.co","name":"X","max_chats_count":21}`, "between 0 and 20"},
		{"PUT", "/agents/jenny.doe@mycompany.com", `{"password":"secret1"}`, "`current_password` is required"},
		{"PUT", "/agents/jenny.doe@mycompany.com", `{"notifications":{"new_goal":1}}`, "`notifications[new_goal]` is not a supported parameter"},
		{"PUT", "/agents/jenny.doe@mycompany.com", `{"status":"away"}`, "`status` must be one of"},
		{"PUT", "/agents/jenny.doe@mycompany.com", `{"work_scheduler":{"funday":{"start":"09:00","end":"10:00"}}}`, "is not a day of the week"},
		{"PUT", "/agents/owner@example.com", `{"permission":"normal"}`, "owner's permission cannot be changed"},
		{"DELETE", "/agents/owner@example.com", ``, "owner cannot be removed"},
	} {
		if msg := h.restFail(tc.method, tc.path, tc.body, http.StatusBadRequest); !strings.Contains(msg, tc.msg) {
			t.Errorf("%s %s %s: message %q, want %q", tc.method, tc.path, tc.body, msg, tc.msg)
		}
	}
	h.restFail("POST", "/agents", `{"login":"a@b.co","name":"X","groups":[9]}`, http.StatusNotFound)
	h.restFail("PUT", "/agents/ghost@example.com", `{"name":"X"}`, http.StatusNotFound)
}

func TestLegacyGroups(t *testing.T) {
	h := newHarness(t)
	h.restOK("POST", "/agents", `{"login":"jenny.doe@mycompany.com","name":"Jenny"}`)
	h.restOK("POST", "/agents", `{"login":"john.doe@mycompany.com","name":"John"}`)
	assertJSON(t, h.restOK("POST", "/groups", `{"name":"Human Resources","agents":["jenny.doe@mycompany.com","john.doe@mycompany.com"]}`),
		`{"id":1,"name":"Human Resources","language":"en","agents":["jenny.doe@mycompany.com","john.doe@mycompany.com"],"status":"offline"}`)
	// The v3.6 view of the same group.
	assertJSON(t, h.ok("get_group", `{"id":1,"fields":["agent_priorities"]}`),
		`{"id":1,"name":"Human Resources","language_code":"en","agent_priorities":{"jenny.doe@mycompany.com":"normal","john.doe@mycompany.com":"normal"}}`)
	// A group created through v3.6 is visible through v2; group 0 shows no agents list.
	h.ok("create_group", `{"name":"Sales","language_code":"de","agent_priorities":{"john.doe@mycompany.com":"first"}}`)
	assertJSON(t, h.restOK("GET", "/groups", ""), `[
	  {"id":0,"name":"General","language":"en","status":"offline"},
	  {"id":1,"name":"Human Resources","language":"en","agents":["jenny.doe@mycompany.com","john.doe@mycompany.com"],"status":"offline"},
	  {"id":2,"name":"Sales","language":"de","agents":["john.doe@mycompany.com"],"status":"offline"}]`)
	if err := h.s.SetAgentStatus("john.doe@mycompany.com", "not accepting chats"); err != nil {
		t.Fatal(err)
	}
	assertJSON(t, field(t, h.restOK("GET", "/groups/2", ""), "status"), `"not accepting chats"`)
	h.restOK("PUT", "/agents/jenny.doe@mycompany.com", `{"status":"accepting chats"}`)
	assertJSON(t, field(t, h.restOK("GET", "/groups/1", ""), "status"), `"accepting chats"`)

	// Form update: members replaced, kept members keep their v3.6 priority.
	assertJSON(t, h.restOK("PUT", "/groups/2", "name=Quality+Assurance&agents[0]=john.doe@mycompany.com&agents[1]=jenny.doe@mycompany.com"),
		`{"id":2,"name":"Quality Assurance","language":"de","agents":["jenny.doe@mycompany.com","john.doe@mycompany.com"],"status":"accepting chats"}`)
	assertJSON(t, field(t, h.ok("get_group", `{"id":2,"fields":["agent_priorities"]}`), "agent_priorities"),
		`{"jenny.doe@mycompany.com":"normal","john.doe@mycompany.com":"first"}`)

	assertJSON(t, h.restOK("DELETE", "/groups/2", ""), `{"result":"group removed successfully"}`)
	h.restFail("GET", "/groups/2", "", http.StatusNotFound)
	h.fail("get_group", `{"id":2}`, http.StatusNotFound, "group_not_found")
	h.restFail("DELETE", "/groups/0", "", http.StatusBadRequest)
	h.restFail("PUT", "/groups/0", `{"agents":[]}`, http.StatusBadRequest)
	h.restFail("POST", "/groups", `{"name":"X"}`, http.StatusBadRequest)
	h.restFail("POST", "/groups", `{"agents":[]}`, http.StatusBadRequest)
	h.restFail("POST", "/groups", `{"name":"X","agents":["ghost@example.com"]}`, http.StatusNotFound)
	h.restFail("POST", "/groups", `{"name":"`+strings.Repeat("x", 181)+`","agents":[]}`, http.StatusBadRequest)
	h.restFail("POST", "/groups", `{"name":"X","agents":[],"language":"english!"}`, http.StatusBadRequest)
	h.restFail("PUT", "/groups/7", `{"name":"X"}`, http.StatusNotFound)
}

func TestLegacyTags(t *testing.T) {
	h := newHarness(t)
	h.ok("create_group", `{"name":"Sales","agent_priorities":{}}`)
	// Default tags: one entry per tag and group.
	assertJSON(t, ids(t, h.restOK("GET", "/tags?group=0", ""), "name"), `["docs_feedback","positive feedback","support","complaint","sales","spam"]`)
	assertJSON(t, h.restOK("POST", "/tags", `{"tag":"vip","author":"owner@example.com","group":1}`),
		`{"name":"vip","author":"owner@example.com","creation_date":1714979289,"count":{"inChats":0,"inTickets":0},"group":1}`)
	// The same tag in another group; v3.6 sees one tag with two groups.
	h.restOK("POST", "/tags", "tag=vip&author=owner@example.com&group=0")
	assertJSON(t, field(t, h.ok("list_tags", `{"filters":{"group_ids":[1]}}`).([]any)[0], "group_ids"), `[1,0]`)
	assertJSON(t, ids(t, h.restOK("GET", "/tags?group=1", ""), "name"), `["vip"]`)
	h.restFail("POST", "/tags", `{"tag":"vip","author":"owner@example.com","group":1}`, http.StatusBadRequest)
	h.restFail("POST", "/tags", `{"tag":"VIP","author":"owner@example.com","group":0}`, http.StatusBadRequest)
	h.restFail("POST", "/tags", `{"tag":"x","author":"ghost@example.com","group":0}`, http.StatusBadRequest)
	h.restFail("POST", "/tags", `{"tag":"x","author":"owner@example.com","group":5}`, http.StatusNotFound)
	h.restFail("POST", "/tags", `{"tag":"x","author":"owner@example.com"}`, http.StatusBadRequest)

	assertJSON(t, h.restOK("DELETE", "/tags/vip", `{"group":1}`), `{"ok":true}`)
	assertJSON(t, h.restOK("GET", "/tags?group=1", ""), `[]`)
	h.restFail("DELETE", "/tags/vip", `{"group":1}`, http.StatusNotFound)
	h.restOK("DELETE", "/tags/vip", "group=0")
	if _, ok := h.s.Tag("vip"); ok {
		t.Fatal("a tag left in no group was kept")
	}
	h.restFail("DELETE", "/tags/support", ``, http.StatusBadRequest)
	// Tag names with spaces travel escaped in the path.
	h.restOK("DELETE", "/tags/positive%20feedback?group=0", "")
}
