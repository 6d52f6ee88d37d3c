package emulator

import (
	"net/http"
	"strings"
	"testing"
)

const smith = `{"id":"smith@example.com","name":"Agent Smith","role":"viceowner","login_status":"accepting chats",
 "job_title":"Support Hero","mobile":"+48 123","max_chats_count":5,
 "groups":[{"id":0,"priority":"last"}],
 "work_scheduler":{"schedule":[{"day":"monday","start":"08:00","end":"12:30","enabled":true},
   {"day":"friday","start":"08:00","end":"16:00","enabled":false}],"timezone":"Europe/Warsaw"},
 "notifications":["new_visitor","new_goal"],"email_subscriptions":["weekly_summary"]}`

var allAgentFields = `["work_scheduler","groups","email_subscriptions","notifications","job_title","mobile",
 "max_chats_count","suspended","awaiting_approval","last_logout"]`

func TestAgentCreateGetList(t *testing.T) {
	h := newHarness(t)
	assertJSON(t, h.ok("create_agent", smith), `{"id":"smith@example.com"}`)
	acct := accountID("smith@example.com")

	// Without fields: the six base fields of the Get Agent example.
	assertJSON(t, h.ok("get_agent", `{"id":"smith@example.com"}`), `{"id":"smith@example.com",
	 "account_id":"`+acct+`","name":"Agent Smith","avatar":"","role":"viceowner","login_status":"accepting chats"}`)

	assertJSON(t, h.ok("get_agent", `{"id":"smith@example.com","fields":`+allAgentFields+`}`), `{
	 "id":"smith@example.com","account_id":"`+acct+`","name":"Agent Smith","avatar":"","role":"viceowner",
	 "login_status":"accepting chats","job_title":"Support Hero","mobile":"+48 123","max_chats_count":5,
	 "suspended":false,"awaiting_approval":false,"groups":[{"id":0,"priority":"last"}],
	 "work_scheduler":{"timezone":"Europe/Warsaw","schedule":[
	   {"day":"monday","enabled":true,"start":"08:00","end":"12:30"},
	   {"day":"friday","enabled":false,"start":"08:00","end":"16:00"}]},
	 "notifications":["new_visitor","new_goal"],"email_subscriptions":["weekly_summary"]}`)

	// list_agents: "avatar_path" and "summaries", as in the List Agents example.
	list := h.ok("list_agents", `{"fields":["email_subscriptions","max_chats_count"]}`)
	assertJSON(t, ids(t, list, "id"), `["owner@example.com","smith@example.com"]`)
	assertJSON(t, list.([]any)[1], `{"id":"smith@example.com","account_id":"`+acct+`","name":"Agent Smith",
	 "avatar_path":"","role":"viceowner","login_status":"accepting chats","max_chats_count":5,
	 "summaries":["weekly_summary"]}`)
}

func TestAgentDefaults(t *testing.T) {
	h := newHarness(t)
	h.ok("create_agent", `{"id":"jones@example.com","name":"Jones"}`)
	assertJSON(t, h.ok("get_agent", `{"id":"jones@example.com","fields":`+allAgentFields+`}`), `{
	 "id":"jones@example.com","account_id":"`+accountID("jones@example.com")+`","name":"Jones","avatar":"",
	 "role":"normal","login_status":"not accepting chats","job_title":"","mobile":"","max_chats_count":6,
	 "suspended":false,"awaiting_approval":false,"groups":[],"work_scheduler":{"timezone":"","schedule":[]},
	 "notifications":[],"email_subscriptions":[]}`)
	h.ok("create_agent", `{"id":"new@example.com","name":"New","awaiting_approval":true}`)
	out := h.ok("get_agent", `{"id":"new@example.com","fields":["awaiting_approval"]}`)
	assertJSON(t, field(t, out, "awaiting_approval"), `true`)
}

func TestAgentValidation(t *testing.T) {
	long := strings.Repeat("x", 10)
	cases := []struct {
		name, action, body, msg string
	}{
		{"id required", "create_agent", `{"name":"A"}`, "`id` is required"},
		{"id empty", "create_agent", `{"id":"","name":"A"}`, "`id` is required"},
		{"id not e-mail", "create_agent", `{"id":"smith","name":"A"}`, "`id` must be an e-mail address"},
		{"id display name", "create_agent", `{"id":"Smith <s@example.com>","name":"A"}`, "`id` must be an e-mail address"},
		{"name required", "create_agent", `{"id":"a@example.com"}`, "`name` is required"},
		{"name type", "create_agent", `{"id":"a@example.com","name":5}`, "`name` must be a string"},
		{"null", "create_agent", `{"id":"a@example.com","name":"A","job_title":null}`, "`job_title` must be a string"},
		{"unknown param", "create_agent", `{"id":"a@example.com","name":"A","avatar":"x"}`, "`avatar` is not a supported parameter"},
		{"role owner", "create_agent", `{"id":"a@example.com","name":"A","role":"owner"}`, "`role` must be one of: viceowner, administrator, normal"},
		{"role bad", "update_agent", `{"id":"owner@example.com","role":"boss"}`, "`role` must be one of: viceowner, administrator, normal"},
		{"login_status", "create_agent", `{"id":"a@example.com","name":"A","login_status":"online"}`, "`login_status` must be one of: accepting chats, not accepting chats"},
		{"max chats > 20", "create_agent", `{"id":"a@example.com","name":"A","max_chats_count":21}`, "`max_chats_count` must be between 0 and 20"},
		{"max chats > 20 on update", "update_agent", `{"id":"owner@example.com","max_chats_count":21}`, "`max_chats_count` must be between 0 and 20"},
		{"max chats < 0", "update_agent", `{"id":"owner@example.com","max_chats_count":-1}`, "`max_chats_count` must be between 0 and 20"},
		{"max chats float", "create_agent", `{"id":"a@example.com","name":"A","max_chats_count":1.5}`, "`max_chats_count` must be an integer"},
		{"notification", "create_agent", `{"id":"a@example.com","name":"A","notifications":["new_visitor","bell"]}`, "`notifications[1]` must be one of: " + strings.Join(notifications, ", ")},
		{"subscription", "update_agent", `{"id":"owner@example.com","email_subscriptions":["monthly_summary"]}`, "`email_subscriptions[0]` must be one of: daily_summary, weekly_summary"},
		{"group priority", "create_agent", `{"id":"a@example.com","name":"A","groups":[{"id":0,"priority":"high"}]}`, "`groups[0].priority` must be one of: first, normal, last, supervisor"},
		{"group priority required", "create_agent", `{"id":"a@example.com","name":"A","groups":[{"id":0}]}`, "`groups[0].priority` is required"},
		{"group id required", "update_agent", `{"id":"owner@example.com","groups":[{"priority":"first"}]}`, "`groups[0].id` is required"},
		{"group id negative", "update_agent", `{"id":"owner@example.com","groups":[{"id":-1,"priority":"first"}]}`, "`groups[0].id` must be a non-negative integer"},
		{"group twice", "update_agent", `{"id":"owner@example.com","groups":[{"id":0,"priority":"first"},{"id":0,"priority":"last"}]}`, "`groups[1].id`: group 0 is listed twice"},
		{"groups type", "update_agent", `{"id":"owner@example.com","groups":{"id":0}}`, "`groups` must be an array of objects"},
		{"schedule day", "create_agent", `{"id":"a@example.com","name":"A","work_scheduler":{"timezone":"UTC","schedule":[{"day":"mon","enabled":true,"start":"08:00","end":"09:00"}]}}`, "`work_scheduler.schedule[0].day` must be one of: " + strings.Join(weekdays, ", ")},
		{"schedule start", "create_agent", `{"id":"a@example.com","name":"A","work_scheduler":{"timezone":"UTC","schedule":[{"day":"monday","enabled":true,"start":"8:00","end":"09:00"}]}}`, "`work_scheduler.schedule[0].start` must be a time in the HH:MM format"},
		{"schedule end", "update_agent", `{"id":"owner@example.com","work_scheduler":{"timezone":"UTC","schedule":[{"day":"monday","enabled":true,"start":"08:00","end":"24:30"}]}}`, "`work_scheduler.schedule[0].end` must be a time in the HH:MM format"},
		{"schedule enabled", "create_agent", `{"id":"a@example.com","name":"A","work_scheduler":{"timezone":"UTC","schedule":[{"day":"monday","start":"08:00","end":"09:00"}]}}`, "`work_scheduler.schedule[0].enabled` is required"},
		{"schedule required", "create_agent", `{"id":"a@example.com","name":"A","work_scheduler":{"timezone":"UTC"}}`, "`work_scheduler.schedule` is required"},
		{"timezone required", "create_agent", `{"id":"a@example.com","name":"A","work_scheduler":{"schedule":[{"day":"monday","enabled":true,"start":"08:00","end":"09:00"}]}}`, "`work_scheduler.timezone` is required when the schedule is not empty"},
		{"timezone bad", "create_agent", `{"id":"a@example.com","name":"A","work_scheduler":{"timezone":"Mars/Olympus","schedule":[]}}`, "`work_scheduler.timezone` must be an IANA time zone name"},
		{"day map on create", "create_agent", `{"id":"a@example.com","name":"A","work_scheduler":{"monday":{"start":"08:00","end":"09:00"}}}`, "`work_scheduler.monday` is not a supported parameter"},
		{"day map bad day", "update_agent", `{"id":"owner@example.com","work_scheduler":{"timezone":"UTC","someday":{"start":"08:00","end":"09:00"}}}`, "`work_scheduler.someday` is not a supported parameter"},
		{"day map bad time", "update_agent", `{"id":"owner@example.com","work_scheduler":{"timezone":"UTC","monday":{"start":"08:00","end":"9"}}}`, "`work_scheduler.monday.end` must be a time in the HH:MM format"},
		{"day map no timezone", "update_agent", `{"id":"owner@example.com","work_scheduler":{"monday":{"start":"08:00","end":"09:00"}}}`, "`work_scheduler.timezone` is required when the schedule is not empty"},
		{"update id required", "update_agent", `{"name":"x"}`, "`name` is not a supported parameter"},
		{"update id missing", "update_agent", `{}`, "`id` is required"},
		{"get id", "get_agent", `{}`, "`id` is required"},
		{"get fields", "get_agent", `{"id":"owner@example.com","fields":["avatar"]}`, "`fields[0]` must be one of: " + strings.Join(agentFields, ", ")},
		{"list fields", "list_agents", `{"fields":["summaries"]}`, "`fields[0]` must be one of: " + strings.Join(agentFields, ", ")},
		{"list filters", "list_agents", `{"filters":{"group_ids":["0"]}}`, "`filters.group_ids` must be an array of integers"},
		{"list filter key", "list_agents", `{"filters":{"role":"normal"}}`, "`filters.role` is not a supported parameter"},
		{"list suspended", "list_agents", `{"filters":{"suspended":"yes"}}`, "`filters.suspended` must be a boolean"},
		{"delete id", "delete_agent", `{}`, "`id` is required"},
		{"suspend id", "suspend_agent", `{"id":` + `"` + long + `","x":1}`, "`x` is not a supported parameter"},
		{"unsuspend id", "unsuspend_agent", `{}`, "`id` is required"},
		{"approve id", "approve_agent", `{}`, "`id` is required"},
		{"request unsuspension", "request_agent_unsuspension", `{"id":"a@example.com"}`, "`id` is not a supported parameter"},
		{"awaiting type", "create_agent", `{"id":"a@example.com","name":"A","awaiting_approval":"no"}`, "`awaiting_approval` must be a boolean"},
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
}

// Today's reference: "Maximum: 20" on Create Agent and Update Agent (the 2024 preview said 100 on
// create); see API-NOTES.md.
func TestAgentLimitIs20OnCreateAndUpdate(t *testing.T) {
	h := newHarness(t)
	h.ok("update_agent", `{"id":"owner@example.com","max_chats_count":20}`)
	out := h.ok("get_agent", `{"id":"owner@example.com","fields":["max_chats_count"]}`)
	assertJSON(t, field(t, out, "max_chats_count"), `20`)
	h.ok("create_agent", `{"id":"twenty@example.com","name":"T","max_chats_count":20}`)
	h.ok("create_agent", `{"id":"zero@example.com","name":"Z","max_chats_count":0}`)
	h.fail("create_agent", `{"id":"many@example.com","name":"M","max_chats_count":21}`, http.StatusBadRequest, "validation")
}

func TestAgentErrors(t *testing.T) {
	h := newHarness(t)
	h.ok("create_agent", `{"id":"smith@example.com","name":"Smith"}`)
	h.fail("create_agent", `{"id":"smith@example.com","name":"Again"}`, http.StatusConflict, "already_exists")
	h.fail("create_agent", `{"id":"brown@example.com","name":"B","groups":[{"id":7,"priority":"first"}]}`, http.StatusNotFound, "group_not_found")
	h.fail("update_agent", `{"id":"smith@example.com","groups":[{"id":0,"priority":"first"},{"id":9,"priority":"last"}]}`, http.StatusNotFound, "group_not_found")
	for _, action := range []string{"get_agent", "update_agent", "delete_agent", "suspend_agent", "unsuspend_agent", "approve_agent"} {
		e := h.fail(action, `{"id":"nobody@example.com"}`, http.StatusNotFound, "not_found")
		if e["message"] != "Not found" {
			t.Fatalf("%s: message %q", action, e["message"])
		}
	}
	// The owner keeps its role and cannot be deleted or suspended.
	h.fail("update_agent", `{"id":"owner@example.com","role":"normal"}`, http.StatusForbidden, "authorization")
	h.fail("delete_agent", `{"id":"owner@example.com"}`, http.StatusForbidden, "authorization")
	h.fail("suspend_agent", `{"id":"owner@example.com"}`, http.StatusForbidden, "authorization")
}

func TestAgentUpdate(t *testing.T) {
	h := newHarness(t)
	h.ok("create_group", `{"name":"Sales","agent_priorities":{}}`)
	h.ok("create_agent", smith)
	h.ok("update_agent", `{"id":"smith@example.com","role":"administrator","job_title":"Lead",
	 "groups":[{"id":1,"priority":"first"}],"notifications":[],"email_subscriptions":["daily_summary","weekly_summary"]}`)
	out := h.ok("get_agent", `{"id":"smith@example.com","fields":["groups","job_title","notifications","email_subscriptions","mobile"]}`)
	assertJSON(t, out, `{"id":"smith@example.com","account_id":"`+accountID("smith@example.com")+`","name":"Agent Smith",
	 "avatar":"","role":"administrator","login_status":"accepting chats","job_title":"Lead","mobile":"+48 123",
	 "groups":[{"id":1,"priority":"first"}],"notifications":[],"email_subscriptions":["daily_summary","weekly_summary"]}`)
}

func TestAgentWorkSchedulerShapes(t *testing.T) {
	h := newHarness(t)
	h.ok("create_agent", smith)
	// The Update Agent example's day-map shape: normalized, enabled, keeping the agent's timezone.
	h.ok("update_agent", `{"id":"smith@example.com","work_scheduler":{"monday":{"start":"08:30","end":"12:30"},
	 "friday":{"start":"07:30","end":"21:30"},"sunday":{"start":"10:00","end":"11:00","enabled":false}}}`)
	out := h.ok("get_agent", `{"id":"smith@example.com","fields":["work_scheduler"]}`)
	assertJSON(t, field(t, out, "work_scheduler"), `{"timezone":"Europe/Warsaw","schedule":[
	 {"day":"sunday","enabled":false,"start":"10:00","end":"11:00"},
	 {"day":"monday","enabled":true,"start":"08:30","end":"12:30"},
	 {"day":"friday","enabled":true,"start":"07:30","end":"21:30"}]}`)
	// The canonical shape on update, with a new timezone; an empty timezone keeps the old one.
	h.ok("update_agent", `{"id":"smith@example.com","work_scheduler":{"timezone":"America/Chicago","schedule":[]}}`)
	h.ok("update_agent", `{"id":"smith@example.com","work_scheduler":{"timezone":"","schedule":[{"day":"tuesday","enabled":true,"start":"09:00","end":"17:00"}]}}`)
	out = h.ok("get_agent", `{"id":"smith@example.com","fields":["work_scheduler"]}`)
	assertJSON(t, field(t, out, "work_scheduler"), `{"timezone":"America/Chicago","schedule":[
	 {"day":"tuesday","enabled":true,"start":"09:00","end":"17:00"}]}`)
}

func TestAgentDeleteSuspendApprove(t *testing.T) {
	h := newHarness(t)
	h.ok("create_agent", `{"id":"a@example.com","name":"A","awaiting_approval":true}`)
	h.ok("create_agent", `{"id":"b@example.com","name":"B"}`)
	assertJSON(t, h.ok("suspend_agent", `{"id":"a@example.com"}`), `{}`)
	assertJSON(t, h.ok("approve_agent", `{"id":"a@example.com"}`), `{}`)
	out := h.ok("get_agent", `{"id":"a@example.com","fields":["suspended","awaiting_approval"]}`)
	assertJSON(t, []any{field(t, out, "suspended"), field(t, out, "awaiting_approval")}, `[true,false]`)

	assertJSON(t, ids(t, h.ok("list_agents", `{"filters":{"suspended":true}}`), "id"), `["a@example.com"]`)
	assertJSON(t, ids(t, h.ok("list_agents", `{"filters":{"suspended":false}}`), "id"), `["owner@example.com","b@example.com"]`)

	h.ok("unsuspend_agent", `{"id":"a@example.com"}`)
	assertJSON(t, field(t, h.ok("get_agent", `{"id":"a@example.com","fields":["suspended"]}`), "suspended"), `false`)
	assertJSON(t, h.ok("request_agent_unsuspension", `{}`), `{}`)

	assertJSON(t, h.ok("delete_agent", `{"id":"b@example.com"}`), `{}`)
	h.fail("get_agent", `{"id":"b@example.com"}`, http.StatusNotFound, "not_found")
	if _, ok := h.s.Agent("b@example.com"); ok {
		t.Fatal("deleted agent still in the store")
	}
}

func TestListAgentsGroupFilter(t *testing.T) {
	h := newHarness(t)
	h.ok("create_group", `{"name":"One","agent_priorities":{}}`)
	h.ok("create_group", `{"name":"Two","agent_priorities":{}}`)
	h.ok("create_agent", `{"id":"a@example.com","name":"A","groups":[{"id":1,"priority":"normal"}]}`)
	h.ok("create_agent", `{"id":"b@example.com","name":"B","groups":[{"id":2,"priority":"normal"}]}`)
	h.ok("create_agent", `{"id":"c@example.com","name":"C"}`)
	assertJSON(t, ids(t, h.ok("list_agents", `{"filters":{"group_ids":[1,2]}}`), "id"), `["a@example.com","b@example.com"]`)
	assertJSON(t, ids(t, h.ok("list_agents", `{"filters":{"group_ids":[0]}}`), "id"), `["owner@example.com"]`)
	assertJSON(t, h.ok("list_agents", `{"filters":{"group_ids":[5]}}`), `[]`)
}

func TestAgentBatch(t *testing.T) {
	h := newHarness(t)
	out := h.ok("batch_create_agents", `{"requests":[{"id":"a@example.com","name":"A"},{"id":"a@example.com","name":"A"},
	 {"name":"no id"},{"id":"b@example.com","name":"B","groups":[{"id":3,"priority":"first"}]},"x"]}`)
	assertJSON(t, out, `{"responses":[{"id":"a@example.com"},
	 {"error":{"type":"already_exists","message":"Already exists"}},
	 {"error":{"type":"validation","message":"`+"`id` is required"+`"}},
	 {"error":{"type":"group_not_found","message":"Group 3 not found"}},
	 {"error":{"type":"validation","message":"Wrong format of request"}}]}`)

	h.ok("create_agent", `{"id":"smith@example.com","name":"S"}`)
	h.ok("create_agent", `{"id":"brown@example.com","name":"B"}`)
	// The reference's own example.
	out = h.ok("batch_delete_agents", `{"requests":[{"id":"smith@example.com"},{"id":"brown@example.com"},{}]}`)
	assertJSON(t, out, `{"responses":[{},{},{"error":{"type":"validation","message":"`+"`id` is required"+`"}}]}`)

	h.ok("batch_update_agents", `{"requests":[{"id":"a@example.com","job_title":"T"}]}`)
	assertJSON(t, h.ok("batch_suspend_agents", `{"requests":[{"id":"a@example.com"},{"id":"x@example.com"}]}`),
		`{"responses":[{},{"error":{"type":"not_found","message":"Not found"}}]}`)
	assertJSON(t, h.ok("batch_unsuspend_agents", `{"requests":[{"id":"a@example.com"}]}`), `{"responses":[{}]}`)
	assertJSON(t, h.ok("batch_approve_agents", `{"requests":[]}`), `{"responses":[]}`)
	out = h.ok("get_agent", `{"id":"a@example.com","fields":["job_title","suspended"]}`)
	assertJSON(t, []any{field(t, out, "job_title"), field(t, out, "suspended")}, `["T",false]`)

	h.fail("batch_delete_agents", `{}`, http.StatusBadRequest, "validation")
	h.fail("batch_delete_agents", `{"requests":{}}`, http.StatusBadRequest, "validation")
	h.fail("batch_delete_agents", `{"requests":[],"x":1}`, http.StatusBadRequest, "validation")
}
