package emulator

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

func TestGreetingLifecycle(t *testing.T) {
	h := newHarness(t)
	// The reference's examples, in JSON.
	assertJSON(t, h.restOK("POST", "/greetings", `{"name":"my custom invitation","rules":[
	  {"type":"visit_time_site","value":15},{"type":"custom","variable_name":"empty_cart","variable_value":true},
	  {"type":"url_current","value":"shoes","operator":"contains"}]}`), `{
	  "id":1,"active":true,"name":"my custom invitation","group":0,
	  "rules":[
	    {"id":1,"value":"15","type":"visit_time_site","operator":"equals","condition":"and"},
	    {"id":2,"type":"custom_variable","operator":"equals","condition":"and","variable_name":"empty_cart","variable_value":"true"},
	    {"id":3,"value":"shoes","type":"url_current","operator":"contains","condition":"and"}],
	  "properties":{"active":"1","greeting-message_text":"Hello, would you like to talk about our products?"}}`)
	h.ok("create_group", `{"name":"Shoes","agent_priorities":{}}`)
	// The custom variable example sends the group in the query string.
	assertJSON(t, h.restOK("POST", "/greetings?group=1", `{"name":"url funnel type greeting","active":0,"subtype":"announcement",
	  "properties":{"greeting-message_text":"Hi"},
	  "rules":[{"type":"url_funnel","condition":"or","urls":[{"url":"mystore.com/shoes","operator":"equals"},{"url":"cart","operator":"contains"}]}]}`), `{
	  "id":2,"active":false,"name":"url funnel type greeting","group":1,"subtype":"announcement",
	  "rules":[{"id":4,"type":"url_funnel","condition":"or","urls":[{"url":"mystore.com/shoes","operator":"equals"},{"url":"cart","operator":"contains"}]}],
	  "properties":{"active":"0","greeting-message_text":"Hi"}}`)

	assertJSON(t, ids(t, h.restOK("GET", "/greetings", ""), "id"), `[1,2]`)
	assertJSON(t, ids(t, h.restOK("GET", "/greetings?group=1", ""), "id"), `[2]`)
	assertJSON(t, ids(t, h.restOK("GET", "/greetings?groups=0", ""), "id"), `[1]`)
	assertJSON(t, field(t, h.restOK("GET", "/greetings/2", ""), "name"), `"url funnel type greeting"`)

	// The three documented updates, as forms.
	h.restOK("PUT", "/greetings/2", "name=athletic+shoes&properties[greeting-message_text]=Hello")
	h.restOK("PUT", "/greetings/2", "active=1")
	assertJSON(t, h.restOK("PUT", "/greetings/2", "rules[0][type]=custom_variable&rules[0][variable_name]=athletic_shoes&rules[0][variable_value]=true"), `{
	  "id":2,"active":true,"name":"athletic shoes","group":1,"subtype":"announcement",
	  "rules":[{"id":5,"type":"custom_variable","operator":"equals","condition":"and","variable_name":"athletic_shoes","variable_value":"true"}],
	  "properties":{"active":"1","greeting-message_text":"Hello"}}`)
	g, ok := h.s.Greeting(2)
	if !ok || g.MessageText != "Hello" || len(g.Rules) != 1 {
		t.Fatalf("Greeting(2) = %+v, %v", g, ok)
	}

	assertJSON(t, h.restOK("DELETE", "/greetings/2", ""), `{"ok":true}`)
	h.restFail("GET", "/greetings/2", "", http.StatusNotFound)
	h.restFail("PUT", "/greetings/2", "active=0", http.StatusNotFound)
	h.restFail("DELETE", "/greetings/2", "", http.StatusNotFound)
}

func TestGreetingAnnouncementLimit(t *testing.T) {
	h := newHarness(t)
	body := `{"name":"a%d","subtype":"announcement","rules":[{"type":"visits_number","value":1}]}`
	for i := 0; i < maxAnnouncementGreetings; i++ {
		h.restOK("POST", "/greetings", fmt.Sprintf(body, i))
	}
	msg := h.restFail("POST", "/greetings", fmt.Sprintf(body, 10), http.StatusBadRequest)
	if !strings.Contains(msg, "up to 10 announcement") {
		t.Fatalf("message %q", msg)
	}
	// Other greetings are not limited by it; deleting an announcement frees a place.
	h.restOK("POST", "/greetings", `{"name":"plain","rules":[{"type":"visits_number","value":1}]}`)
	h.restOK("DELETE", "/greetings/1", "")
	h.restOK("POST", "/greetings", fmt.Sprintf(body, 11))
}

func TestGreetingValidation(t *testing.T) {
	rule := `{"type":"visits_number","value":2}`
	cases := []struct{ name, body, msg string }{
		{"name required", `{"rules":[` + rule + `]}`, "`name` is required"},
		{"rules required", `{"name":"g"}`, "`rules` is required"},
		{"rules empty", `{"name":"g","rules":[]}`, "at least one rule"},
		{"rule type", `{"name":"g","rules":[{"type":"weather","value":"sun"}]}`, "`rules[0][type]` must be one of: visit_time_site"},
		{"operator", `{"name":"g","rules":[{"type":"url_current","value":"x","operator":"like"}]}`, "`rules[0][operator]` must be one of: equals, doesnt_equal"},
		{"condition", `{"name":"g","rules":[{"type":"url_current","value":"x","condition":"xor"}]}`, "`rules[0][condition]` must be one of: and, or"},
		{"value required", `{"name":"g","rules":[{"type":"url_current"}]}`, "`rules[0][value]` is required"},
		{"numeric value", `{"name":"g","rules":[{"type":"visit_time_page","value":"soon"}]}`, "`rules[0][value]` must be a whole number"},
		{"variable name", `{"name":"g","rules":[{"type":"custom_variable","variable_value":"x"}]}`, "`rules[0][variable_name]` is required"},
		{"variable value", `{"name":"g","rules":[{"type":"custom_variable","variable_name":"x"}]}`, "`rules[0][variable_value]` is required"},
		{"value on custom variable", `{"name":"g","rules":[{"type":"custom_variable","variable_name":"x","variable_value":"y","value":"z"}]}`, "`rules[0][value]` is not a supported parameter"},
		{"funnel urls", `{"name":"g","rules":[{"type":"url_funnel"}]}`, "`rules[0][urls]` is required"},
		{"funnel empty", `{"name":"g","rules":[{"type":"url_funnel","urls":[]}]}`, "must contain at least one url"},
		{"funnel url", `{"name":"g","rules":[{"type":"url_funnel","urls":[{"operator":"equals"}]}]}`, "`rules[0][urls][0][url]` is required"},
		{"funnel operator", `{"name":"g","rules":[{"type":"url_funnel","urls":[{"url":"a","operator":"near"}]}]}`, "`rules[0][urls][0][operator]` must be one of"},
		{"funnel rule operator", `{"name":"g","rules":[{"type":"url_funnel","operator":"equals","urls":[{"url":"a"}]}]}`, "`rules[0][operator]` is not a supported parameter"},
		{"subtype", `{"name":"g","subtype":"popup","rules":[` + rule + `]}`, "`subtype` must be one of: announcement"},
		{"active", `{"name":"g","active":"yes","rules":[` + rule + `]}`, "`active` must be 0 or 1"},
		{"properties", `{"name":"g","properties":{"color":"red"},"rules":[` + rule + `]}`, "`properties[color]` is not a supported parameter"},
		{"message empty", `{"name":"g","properties":{"greeting-message_text":""},"rules":[` + rule + `]}`, "must not be empty"},
		{"group", `{"name":"g","group":3,"rules":[` + rule + `]}`, "Group 3 not found"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			code, out := h.rest("POST", "/greetings", tc.body)
			msg, _ := field(t, out, "error").(string)
			want := http.StatusBadRequest
			if tc.name == "group" {
				want = http.StatusNotFound
			}
			if code != want || !strings.Contains(msg, tc.msg) {
				t.Fatalf("got %d %q, want %d %q", code, msg, want, tc.msg)
			}
		})
	}
	h := newHarness(t)
	h.restOK("POST", "/greetings", `{"name":"g","rules":[`+rule+`]}`)
	h.restFail("PUT", "/greetings/1", `{"group":1}`, http.StatusBadRequest)
	h.restFail("PUT", "/greetings/1", `{"subtype":"announcement"}`, http.StatusBadRequest)
	h.restFail("PUT", "/greetings/1", `{"name":""}`, http.StatusBadRequest)
	h.restFail("PUT", "/greetings/1", `{"rules":[]}`, http.StatusBadRequest)
}
