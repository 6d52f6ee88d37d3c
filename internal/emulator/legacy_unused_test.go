package emulator

import (
	"net/http"
	"strings"
	"testing"
)

func TestLegacyWebhooks(t *testing.T) {
	h := newHarness(t)
	created := h.restOK("POST", "/webhooks", "event_type=chat_started&data_types[]=chat&data_types[]=visitor&url=http://my-company.com/parse_webhook.php")
	events := field(t, created, "events").([]any)
	if len(events) != 1 {
		t.Fatalf("events %v", events)
	}
	w := events[0].(map[string]any)
	id := w["id"].(string)
	if len(id) != 32 || len(w["token"].(string)) != 32 || w["verified"] != true || w["licence"] != float64(legacyLicenceNumber) {
		t.Fatalf("webhook %v", w)
	}
	assertJSON(t, w["data_types"], `["chat","visitor"]`)
	h.restOK("POST", "/webhooks", `{"event_type":"ticket_created","data_types":["ticket"],"url":"https://example.com/t"}`)
	assertJSON(t, len(field(t, h.restOK("GET", "/webhooks", ""), "events").([]any)), `2`)
	assertJSON(t, h.restOK("DELETE", "/webhooks/"+id, ""), `{"result":"Push notification removed successfully"}`)
	h.restFail("DELETE", "/webhooks/"+id, "", http.StatusNotFound)
	if err := h.s.DeleteObject("legacy_webhook", id); err == nil {
		t.Fatal("out-of-band delete of a deleted webhook succeeded")
	}
	for _, tc := range []struct{ body, msg string }{
		{`{"data_types":["chat"],"url":"https://x.io"}`, "`event_type` is required"},
		{`{"event_type":"chat_rated","data_types":["chat"],"url":"https://x.io"}`, "`event_type` must be one of"},
		{`{"event_type":"chat_started","url":"https://x.io"}`, "`data_types` is required"},
		{`{"event_type":"chat_started","data_types":[],"url":"https://x.io"}`, "at least one data type"},
		{`{"event_type":"chat_started","data_types":["weather"],"url":"https://x.io"}`, "`data_types` must be one of"},
		{`{"event_type":"ticket_created","data_types":["chat"],"url":"https://x.io"}`, "chat is not supported by the ticket_created event type"},
		{`{"event_type":"chat_started","data_types":["chat"],"url":"ftp://x.io"}`, "`url` must be an http or https URL"},
	} {
		if msg := h.restFail("POST", "/webhooks", tc.body, http.StatusBadRequest); !strings.Contains(msg, tc.msg) {
			t.Errorf("%s: message %q, want %q", tc.body, msg, tc.msg)
		}
	}
}

func TestLegacyTickets(t *testing.T) {
	h := newHarness(t)
	h.restOK("POST", "/agents", `{"login":"jane.doe@mycompany.com","name":"Jane Doe"}`)
	// The Postman collection's form.
	created := h.restOK("POST", "/tickets", "subject=I+have+a+problem&message=Hi,I+have+a+problem+with+my+shoes.&requester[mail]=mary.brown@email.com&requester[name]=Mary+Brown")
	id := field(t, created, "id").(string)
	assertJSON(t, created, `{"events":[{"author":{"id":"mary.brown@email.com","name":"Mary Brown","type":"client"},"date":"2024-05-06T07:08:09Z",
	  "is_private":false,"message":"Hi,I have a problem with my shoes.","type":"message","source":{"type":"lc2"}}],
	  "id":"`+id+`","requester":{"mail":"mary.brown@email.com","name":"Mary Brown"},"groups":[{"id":0,"name":"General"}],
	  "status":"open","subject":"I have a problem","modified":"2024-05-06T07:08:09Z","source":{"type":"lc2","url":null,"id":null},
	  "opened":[{"from":"2024-05-06T07:08:09Z"}],"firstResponse":{},"tags":[],"rate":"not_rated","date":"2024-05-06T07:08:09Z",
	  "currentGroup":{"id":0,"name":"General"}}`)
	if len(id) != 5 || strings.ToUpper(id) != id {
		t.Fatalf("ticket id %q", id)
	}
	h.clock.Advance(3600e9)
	second := h.restOK("POST", "/tickets", `{"message":"Where is my order?","requester":{"mail":"bob@example.com"},
	  "assignee":{"id":"jane.doe@mycompany.com"},"source":{"type":"chat-window","url":"https://shop.example.com"}}`)
	id2 := field(t, second, "id").(string)
	assertJSON(t, field(t, second, "subject"), `"(no subject)"`)
	assertJSON(t, field(t, second, "assignee"), `{"id":"jane.doe@mycompany.com","name":"Jane Doe"}`)
	assertJSON(t, field(t, h.restOK("GET", "/tickets/"+id, ""), "id"), `"`+id+`"`)
	assertJSON(t, field(t, h.restOK("PUT", "/tickets/"+id+"/tags", "tag[]=sales&tag[]=support&tag[]=sales"), "tags"), `["sales","support"]`)

	list := h.restOK("GET", "/tickets", "")
	assertJSON(t, field(t, list, "total"), `2`)
	assertJSON(t, field(t, list, "pages"), `1`)
	// Newest modification first by default.
	assertJSON(t, ids(t, field(t, list, "tickets"), "id"), `["`+id2+`","`+id+`"]`)
	for query, want := range map[string]string{
		"?order=asc":                       `["` + id + `","` + id2 + `"]`,
		"?assigned=1":                      `["` + id2 + `"]`,
		"?assigned=0":                      `["` + id + `"]`,
		"?assignee=jane.doe@mycompany.com": `["` + id2 + `"]`,
		"?tagged=1":                        `["` + id + `"]`,
		"?tag=support":                     `["` + id + `"]`,
		"?source=chat-window":              `["` + id2 + `"]`,
		"?query=shoes":                     `["` + id + `"]`,
		"?requester[mail]=bob@example.com": `["` + id2 + `"]`,
		"?status=solved":                   `[]`,
		"?group=0&date_from=2024-05-06":    `["` + id2 + `","` + id + `"]`,
		"?date_from=2024-05-07":            `[]`,
		"?date_to=2024-05-05":              `[]`,
		"?page=2":                          `[]`,
	} {
		assertJSON(t, ids(t, field(t, h.restOK("GET", "/tickets"+query, ""), "tickets"), "id"), want)
	}
	if tk, ok := h.s.Ticket(id); !ok || len(tk.Tags) != 2 {
		t.Fatalf("Ticket(%s) = %+v", id, tk)
	}
	for _, tc := range []struct{ method, path, body, msg string }{
		{"POST", "/tickets", `{"requester":{"mail":"a@b.co"}}`, "`message` is required"},
		{"POST", "/tickets", `{"message":"m"}`, "`requester` is required"},
		{"POST", "/tickets", `{"message":"m","requester":{"mail":"nope"}}`, "`requester[mail]` must be an e-mail address"},
		{"POST", "/tickets", `{"message":"m","requester":{"mail":"a@b.co"},"source":{"type":"fax"}}`, "`source[type]` must be one of: chat-window, mail, lc2"},
		{"POST", "/tickets", `{"message":"m","requester":{"mail":"a@b.co"},"source":{"url":"https://x"}}`, "applies only when"},
		{"GET", "/tickets?status=closed", ``, "`status` must be one of"},
		{"GET", "/tickets?order=up", ``, "`order` must be one of"},
		{"GET", "/tickets?date_from=05/06/2024", ``, "YYYY-MM-DD"},
		{"GET", "/tickets?page=0", ``, "`page` must be 1 or more"},
		{"PUT", "/tickets/" + id + "/tags", `{}`, "`tag` is required"},
	} {
		if msg := h.restFail(tc.method, tc.path, tc.body, http.StatusBadRequest); !strings.Contains(msg, tc.msg) {
			t.Errorf("%s %s: message %q, want %q", tc.method, tc.path, msg, tc.msg)
		}
	}
	h.restFail("POST", "/tickets", `{"message":"m","requester":{"mail":"a@b.co"},"assignee":{"id":"ghost@example.com"}}`, http.StatusNotFound)
	h.restFail("POST", "/tickets", `{"message":"m","requester":{"mail":"a@b.co"},"group":[7]}`, http.StatusNotFound)
	h.restFail("GET", "/tickets/ZZZZZ", "", http.StatusNotFound)
	h.restFail("PUT", "/tickets/ZZZZZ/tags", `{"tag":["a"]}`, http.StatusNotFound)
}

// activityFixture has two archived chats and two visitors (2024-05-01 and 2024-05-03).
const activityFixture = `{"legacy":{
  "chats":[
    {"id":"MH022RD0K5","visitor_id":"S1","visitor_name":"Mary Brown","city":"Berlin","country":"Germany",
     "agents":["owner@example.com"],"groups":[0],"rate":"rated_good","engagement":"auto_invite","queue_duration":20,
     "started":1714554000,"ended":1714555800,"first_response":30,"tags":["sales"],"greeting":1,
     "messages":[{"author_name":"Mary Brown","text":"Hello, shoes?","timestamp":1714554000,"user_type":"visitor"},
                 {"author_name":"License Owner","text":"Hi!","timestamp":1714554030,"user_type":"agent","agent_id":"owner@example.com"}]},
    {"id":"NX1","visitor_id":"S2","visitor_name":"Bob","agents":["owner@example.com"],"groups":[0],"rate":"rated_bad",
     "started":1714726800,"ended":1714727400,"comment":"slow","tags":[],"messages":[]}
  ],
  "visitors":[
    {"id":"S1","name":"Mary Brown","state":"chatting","group":0,"visits":3,"chats":1,"chat_id":"MH022RD0K5",
     "custom_variables":[{"key":"empty_cart","value":"true"}]},
    {"id":"S3","name":"Visitor","state":"browsing","group":1,"visits":1}
  ]}}`

func TestLegacyArchives(t *testing.T) {
	h := newHarness(t)
	h.ok("create_group", `{"name":"G","agent_priorities":{}}`)
	if err := h.s.LoadFixture([]byte(activityFixture)); err != nil {
		t.Fatal(err)
	}
	list := h.restOK("GET", "/chats?date_from=2024-05-01", "")
	assertJSON(t, field(t, list, "total"), `2`)
	assertJSON(t, ids(t, field(t, list, "chats"), "id"), `["NX1","MH022RD0K5"]`)
	chat := h.restOK("GET", "/chats/MH022RD0K5", "")
	assertJSON(t, field(t, chat, "started"), `"Wed, 05/01/24 09:00:00 am"`)
	assertJSON(t, field(t, chat, "duration"), `1800`)
	assertJSON(t, field(t, chat, "queue"), `{"duration":20}`)
	assertJSON(t, field(t, chat, "agents"), `[{"display_name":"License Owner","email":"owner@example.com"}]`)
	for query, want := range map[string]string{
		"?visitor_id=S2":      `["NX1"]`,
		"?query=shoes":        `["MH022RD0K5"]`,
		"?rate=rated_bad":     `["NX1"]`,
		"?rate=rated":         `["NX1","MH022RD0K5"]`,
		"?queued=1":           `["MH022RD0K5"]`,
		"?tagged=0":           `["NX1"]`,
		"?tag[]=sales":        `["MH022RD0K5"]`,
		"?comment=1":          `["NX1"]`,
		"?city=Berlin":        `["MH022RD0K5"]`,
		"?date_to=2024-05-02": `["MH022RD0K5"]`,
		"?group=1":            `[]`,
		"?has_goal=1":         `[]`,
		"?agent=owner@example.com&timezone=Europe/Berlin": `["NX1","MH022RD0K5"]`,
	} {
		assertJSON(t, ids(t, field(t, h.restOK("GET", "/chats"+query, ""), "chats"), "id"), want)
	}
	// A goal marked for the visitor shows in the visitor's latest chat.
	h.restOK("POST", "/goals", `{"name":"purchase","type":"sales_tracker"}`)
	h.restOK("POST", "/goals/1/mark_as_successful", `{"visitor_id":"S1","order_id":"A1","order_price":"19.99","order_currency":"EUR"}`)
	goals := field(t, h.restOK("GET", "/chats/MH022RD0K5", ""), "goals").([]any)
	if len(goals) != 1 || field(t, goals[0], "type") != "sales_tracker" {
		t.Fatalf("goals %v", goals)
	}
	assertJSON(t, field(t, goals[0], "order"), `{"id":"A1","description":"","price":"19.99","currency":"EUR"}`)
	assertJSON(t, ids(t, field(t, h.restOK("GET", "/chats?has_sale=1", ""), "chats"), "id"), `["MH022RD0K5"]`)
	assertJSON(t, ids(t, field(t, h.restOK("GET", "/chats?sale=1", ""), "chats"), "id"), `["MH022RD0K5"]`)

	assertJSON(t, field(t, h.restOK("PUT", "/chats/NX1/tags", "tag[0]=support&tag[1]=feedback"), "tags"), `["support","feedback"]`)
	assertJSON(t, h.restOK("POST", "/chats/NX1/send_transcript", `{"to":"john.doe@mycompany.com"}`), `{"result":"E-mail has been sent to john.doe@mycompany.com."}`)
	h.restFail("POST", "/chats/NX1/send_transcript", `{"to":"nope"}`, http.StatusBadRequest)
	h.restFail("POST", "/chats/NX9/send_transcript", `{"to":"a@b.co"}`, http.StatusNotFound)
	h.restFail("GET", "/chats/NX9", "", http.StatusNotFound)
	h.restFail("GET", "/chats?rate=great", "", http.StatusBadRequest)
	h.restFail("GET", "/chats?timezone=Mars/Base", "", http.StatusBadRequest)
	h.restFail("GET", "/chats?has_goal=yes", "", http.StatusBadRequest)
	// Tag counts of the tags endpoint come from chats and tickets.
	for _, tag := range h.restOK("GET", "/tags?group=0", "").([]any) {
		if field(t, tag, "name") == "support" {
			assertJSON(t, field(t, tag, "count"), `{"inChats":1,"inTickets":0}`)
		}
	}
}

func TestLegacyVisitors(t *testing.T) {
	h := newHarness(t)
	h.ok("create_group", `{"name":"G","agent_priorities":{}}`)
	if err := h.s.LoadFixture([]byte(activityFixture)); err != nil {
		t.Fatal(err)
	}
	assertJSON(t, ids(t, h.restOK("GET", "/visitors", ""), "id"), `["S1","S3"]`)
	assertJSON(t, ids(t, h.restOK("GET", "/visitors?state=chatting&group[]=0", ""), "id"), `["S1"]`)
	assertJSON(t, ids(t, h.restOK("GET", "/visitors?group[]=1", ""), "id"), `["S3"]`)
	assertJSON(t, h.restOK("GET", "/visitors?count=1", ""), `{"total":2}`)
	v := h.restOK("GET", "/visitors?state=chatting", "").([]any)[0]
	assertJSON(t, field(t, v, "custom_variables"), `[{"key":"empty_cart","value":"true"}]`)
	h.restFail("GET", "/visitors?state=sleeping", "", http.StatusBadRequest)

	h.restOK("POST", "/visitors/S1/details", "license_id=12345&token=26132406c42c96ba61ed42689b70f719&id=my-app&fields[0][name]=Age&fields[0][value]=36")
	data, _ := h.s.StateJSON()
	if !strings.Contains(string(data), `"my-app"`) {
		t.Fatal("visitor details not stored")
	}
	h.restFail("POST", "/visitors/S9/details", "license_id=12345&token=t&id=a&fields[0][name]=n&fields[0][value]=v", http.StatusNotFound)
	h.restFail("POST", "/visitors/S1/details", "license_id=1&token=t&id=a&fields[0][name]=n", http.StatusBadRequest)
	h.restFail("POST", "/visitors/S1/details", "license_id=12345&id=a&fields[0][name]=n", http.StatusBadRequest)
	h.restFail("POST", "/visitors/S1/details", "license_id=12345&token=t&id=a", http.StatusBadRequest)
}

func TestLegacyReports(t *testing.T) {
	h := newHarness(t)
	h.ok("create_group", `{"name":"G","agent_priorities":{}}`)
	if err := h.s.LoadFixture([]byte(activityFixture)); err != nil {
		t.Fatal(err)
	}
	week := "?date_from=2024-05-01&date_to=2024-05-03"
	get := func(path string) any { return h.restOK("GET", path, "") }
	assertJSON(t, get("/reports/chats/total_chats"+week), `{"2024-05-01":{"chats":1},"2024-05-02":{"chats":0},"2024-05-03":{"chats":1}}`)
	assertJSON(t, get("/reports/chats/total_chats?date_from=2024-05-01&date_to=2024-05-31&group_by=month"), `{"2024-05":{"chats":2}}`)
	assertJSON(t, field(t, get("/reports/chats/total_chats?date_from=2024-05-01&date_to=2024-05-01&group_by=hour"), "09:00"), `{"chats":1}`)
	assertJSON(t, get("/reports/chats/engagement?date_from=2024-05-01&date_to=2024-05-01"), `{"2024-05-01":{"auto_invite":1,"manual_invite":0,"immediate_start":0}}`)
	assertJSON(t, get("/reports/chats/ratings?date_from=2024-05-03&date_to=2024-05-03"), `{"2024-05-03":{"chats":1,"good":0,"bad":1}}`)
	assertJSON(t, get("/reports/chats/ratings/ranking"+week), `{"ranking":[{"name":"owner@example.com","good":1,"bad":1,"total":2,"score":0.5}]}`)
	assertJSON(t, field(t, get("/reports/chats/queued_visitors"+week), "2024-05-01"), `{"queued":{"count":1},"entered_chat":{"count":1},"left_queue":{"count":0}}`)
	assertJSON(t, field(t, get("/reports/chats/queued_visitors/waiting_times"+week), "2024-05-01"), `{"count":1,"min":20,"max":20,"average":20}`)
	assertJSON(t, field(t, get("/reports/chats/chatting_time"+week), "2024-05-01"), `{"hours":0.5}`)
	assertJSON(t, field(t, get("/reports/chats/first_response_time"+week), "2024-05-01"), `{"count":1,"response_time":30}`)
	assertJSON(t, field(t, get("/reports/chats/response_time"+week), "2024-05-01"), `{"count":1,"response_time":30}`)
	assertJSON(t, field(t, get("/reports/chats/agents_occupancy?weekday=wed&date_from=2024-05-01&date_to=2024-05-07"), "09:00"), `{"max":1}`)
	assertJSON(t, field(t, get("/reports/chats/agents_occupancy?weekday=wed&date_from=2024-05-01&date_to=2024-05-07"), "11:00"), `{"max":0}`)
	assertJSON(t, field(t, get("/reports/chats/greetings"+week), "2024-05-01"), `{"displayed":1,"accepted":1,"goals":0}`)
	// Goals come from mark_as_successful (the fake clock says 2024-05-06).
	h.restOK("POST", "/goals", `{"name":"g","type":"api"}`)
	h.restOK("POST", "/goals/1/mark_as_successful", `{"visitor_id":"S1"}`)
	assertJSON(t, get("/reports/chats/goals?date_from=2024-05-06&date_to=2024-05-06&goal=1"), `{"2024-05-06":{"goals":1}}`)
	assertJSON(t, get("/reports/chats/goals?date_from=2024-05-06&date_to=2024-05-06&goal=2"), `{"2024-05-06":{"goals":0}}`)
	// Defaults: the last seven days up to today.
	if n := len(get("/reports/chats/total_chats").(map[string]any)); n != 7 {
		t.Fatalf("default range has %d days", n)
	}
	// Availability comes from the agents' work schedules (Monday 09:00-17:00).
	h.restOK("PUT", "/agents/owner@example.com", `{"work_scheduler":{"monday":{"start":"09:00","end":"17:00"}}}`)
	assertJSON(t, get("/reports/availability?date_from=2024-05-06&date_to=2024-05-07"), `{"2024-05-06":{"hours":8},"2024-05-07":{"hours":0}}`)
	assertJSON(t, field(t, get("/reports/availability?date_from=2024-05-06&date_to=2024-05-06&group_by=hour"), "16:00"), `{"minutes":60}`)

	// Tickets.
	h.restOK("POST", "/tickets", `{"message":"m","requester":{"mail":"a@b.co"},"source":{"type":"mail"}}`)
	today := "?date_from=2024-05-06&date_to=2024-05-06"
	assertJSON(t, get("/reports/tickets/new_tickets"+today), `{"2024-05-06":{"new_tickets":1}}`)
	assertJSON(t, get("/reports/tickets/ticket_sources"+today), `{"2024-05-06":{"lc2":0,"mail":1,"facebook":0,"agent-app-manual":0,"chat-window":0}}`)
	assertJSON(t, get("/reports/tickets/solved_tickets"+today), `{"2024-05-06":{"solved":0}}`)
	assertJSON(t, get("/reports/tickets/resolution_time"+today), `{"2024-05-06":{"count":0,"resolution_time":0}}`)
	assertJSON(t, get("/reports/tickets/first_response_time"+today), `{"2024-05-06":{"count":0,"first_response_time":0}}`)
	assertJSON(t, get("/reports/tickets/ratings"+today), `{"2024-05-06":{"good":0,"bad":0}}`)
	assertJSON(t, get("/reports/tickets/ratings/ranking"+today), `{"ranking":[]}`)

	for _, q := range []string{
		"/reports/chats/total_chats?group_by=week",
		"/reports/chats/total_chats?date_from=2024-05-01&date_to=2024-05-02&group_by=hour",
		"/reports/chats/total_chats?date_from=2024-05-03&date_to=2024-05-01",
		"/reports/chats/total_chats?date_from=2024-13-01",
		"/reports/chats/agents_occupancy?weekday=monday",
		"/reports/chats/total_chats?colour=red",
	} {
		h.restFail("GET", q, "", http.StatusBadRequest)
	}
	h.restFail("GET", "/reports/chats/total_chats?group=9", "", http.StatusNotFound)
	h.restFail("GET", "/reports/chats/total_chats?agent=ghost@example.com", "", http.StatusNotFound)
	h.restFail("GET", "/reports/chats/nothing", "", http.StatusNotFound)
}
