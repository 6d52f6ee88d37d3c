package emulator

import (
	"net/http"
	"strings"
	"testing"
)

func TestGoalLifecycle(t *testing.T) {
	h := newHarness(t)
	assertJSON(t, h.restOK("POST", "/goals", "name=new+goal&type=url&url=http://www.mystore.com/checkout/thank_you&match_type=exact"),
		`{"id":1,"name":"new goal","active":1,"type":"url","match_type":"exact","url":"http://www.mystore.com/checkout/thank_you"}`)
	assertJSON(t, h.restOK("POST", "/goals", `{"name":"nike shoes variable","type":"custom_variable","custom_variable_name":"nike_shoes","custom_variable_value":true}`),
		`{"id":2,"name":"nike shoes variable","active":1,"type":"custom_variable","custom_variable_name":"nike_shoes","custom_variable_value":"true"}`)
	assertJSON(t, h.restOK("POST", "/goals", `{"name":"api goal","type":"api","active":0}`), `{"id":3,"name":"api goal","active":0,"type":"api"}`)
	assertJSON(t, h.restOK("POST", "/goals", `{"name":"sales","type":"sales_tracker","value_type":"set","value":"199.00","currency":"USD"}`),
		`{"id":4,"name":"sales","active":1,"type":"sales_tracker","sales_tracker_id":"","value_type":"set","value":"199.00",
		  "currency":"USD","time_range":"","order_field_name":"","value_field_name":""}`)
	// url goals default to substring matching.
	assertJSON(t, field(t, h.restOK("POST", "/goals", `{"name":"u","type":"url","url":"thanks"}`), "match_type"), `"substring"`)

	assertJSON(t, h.restOK("GET", "/goals", ""), `[{"id":1,"name":"new goal","active":1,"type":"url"},
	 {"id":2,"name":"nike shoes variable","active":1,"type":"custom_variable"},{"id":3,"name":"api goal","active":0,"type":"api"},
	 {"id":4,"name":"sales","active":1,"type":"sales_tracker"},{"id":5,"name":"u","active":1,"type":"url"}]`)
	assertJSON(t, ids(t, h.restOK("GET", "/goals?type=url", ""), "id"), `[1,5]`)
	assertJSON(t, h.restOK("GET", "/goals/2", ""), `{"id":2,"name":"nike shoes variable","active":1,"type":"custom_variable",
	 "custom_variable_name":"nike_shoes","custom_variable_value":"true"}`)

	// Update keeps what is not sent.
	assertJSON(t, h.restOK("PUT", "/goals/1", "name=new+goal+paused&active=0"),
		`{"id":1,"name":"new goal paused","active":0,"type":"url","match_type":"exact","url":"http://www.mystore.com/checkout/thank_you"}`)
	// A type change needs the new type's required parameters and drops the old ones.
	h.restFail("PUT", "/goals/1", `{"type":"custom_variable"}`, http.StatusBadRequest)
	assertJSON(t, h.restOK("PUT", "/goals/1", `{"type":"custom_variable","custom_variable_name":"a","custom_variable_value":"b"}`),
		`{"id":1,"name":"new goal paused","active":0,"type":"custom_variable","custom_variable_name":"a","custom_variable_value":"b"}`)
	assertJSON(t, h.restOK("PUT", "/goals/1", `{"type":"api"}`), `{"id":1,"name":"new goal paused","active":0,"type":"api"}`)

	assertJSON(t, h.restOK("DELETE", "/goals/1", ""), `{"result":"goal removed successfully"}`)
	h.restFail("GET", "/goals/1", "", http.StatusNotFound)
	h.restFail("PUT", "/goals/1", `{"name":"x"}`, http.StatusNotFound)
	h.restFail("DELETE", "/goals/1", "", http.StatusNotFound)
}

func TestGoalMarkAsSuccessful(t *testing.T) {
	h := newHarness(t)
	h.restOK("POST", "/goals", `{"name":"g","type":"api"}`)
	h.restOK("POST", "/goals", `{"name":"off","type":"api","active":0}`)
	assertJSON(t, h.restOK("POST", "/goals/1/mark_as_successful", `{"visitor_id":"S1281361958.2238ee3bd3","order_id":"AP723HVCA721","order_description":"Nike shoes","order_price":"199.00","order_currency":"USD"}`),
		`{"result":"goal marked as successful"}`)
	conv := h.s.GoalConversions()
	if len(conv) != 1 || conv[0].GoalID != 1 || conv[0].OrderPrice != "199.00" || conv[0].VisitorID != "S1281361958.2238ee3bd3" {
		t.Fatalf("conversions %+v", conv)
	}
	h.restFail("POST", "/goals/1/mark_as_successful", `{}`, http.StatusBadRequest)
	h.restFail("POST", "/goals/1/mark_as_successful", `{"visitor_id":"S1","order_price":"199,00"}`, http.StatusBadRequest)
	h.restFail("POST", "/goals/2/mark_as_successful", `{"visitor_id":"S1"}`, http.StatusBadRequest)
	h.restFail("POST", "/goals/9/mark_as_successful", `{"visitor_id":"S1"}`, http.StatusNotFound)
}

func TestGoalValidation(t *testing.T) {
	cases := []struct{ name, body, msg string }{
		{"name required", `{"type":"api"}`, "`name` is required"},
		{"type required", `{"name":"g"}`, "`type` is required"},
		{"type enum", `{"name":"g","type":"page"}`, "`type` must be one of: custom_variable, url, api, sales_tracker"},
		{"url required", `{"name":"g","type":"url"}`, "`url` is required for a goal of type url"},
		{"match type", `{"name":"g","type":"url","url":"x","match_type":"regex"}`, "`match_type` must be one of: substring, exact"},
		{"custom variable name", `{"name":"g","type":"custom_variable","custom_variable_value":"v"}`, "`custom_variable_name` is required"},
		{"custom variable value", `{"name":"g","type":"custom_variable","custom_variable_name":"n"}`, "`custom_variable_value` is required"},
		{"foreign param", `{"name":"g","type":"api","url":"x"}`, "`url` is not a parameter of a goal of type api"},
		{"value type", `{"name":"g","type":"sales_tracker","value_type":"fixed"}`, "`value_type` must be one of: set, not_set, dynamic"},
		{"value", `{"name":"g","type":"sales_tracker","value":"1,5"}`, "`value` must be an amount"},
		{"active", `{"name":"g","type":"api","active":2}`, "`active` must be 0 or 1"},
		{"unknown", `{"name":"g","type":"api","color":"red"}`, "`color` is not a supported parameter"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			msg := h.restFail("POST", "/goals", tc.body, http.StatusBadRequest)
			if !strings.Contains(msg, tc.msg) {
				t.Fatalf("message %q, want %q", msg, tc.msg)
			}
		})
	}
	h := newHarness(t)
	h.restFail("GET", "/goals?type=x", "", http.StatusBadRequest)
}
