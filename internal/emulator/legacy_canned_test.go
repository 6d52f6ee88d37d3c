package emulator

import (
	"net/http"
	"strings"
	"testing"
)

func TestCannedResponseLifecycle(t *testing.T) {
	h := newHarness(t)
	created := h.restOK("POST", "/canned_responses", `{"text":"Have a great day, goodbye.","tags":["bye","cu"]}`)
	assertJSON(t, created, `{"id":1,"group":0,"text":"Have a great day, goodbye.","creation_date":1714979289,
	 "created_by":"owner@example.com","tags":["bye","cu"]}`)
	assertJSON(t, h.restOK("GET", "/canned_responses/1", ""), `{"id":1,"group":0,"text":"Have a great day, goodbye.",
	 "creation_date":1714979289,"created_by":"owner@example.com","tags":["bye","cu"]}`)
	h.ok("create_group", `{"name":"Sales","agent_priorities":{}}`)
	h.restOK("POST", "/canned_responses", `{"text":"What product?","tags":["product"],"group":1}`)
	// The list shows one group, group 0 by default.
	assertJSON(t, ids(t, h.restOK("GET", "/canned_responses", ""), "id"), `[1]`)
	assertJSON(t, ids(t, h.restOK("GET", "/canned_responses?group=1", ""), "id"), `[2]`)
	assertJSON(t, h.restOK("GET", "/canned_responses?group=5", ""), `[]`)

	h.clock.Advance(60e9)
	// PUT with a form body, as in the reference's example; modification data appear.
	updated := h.restOK("PUT", "/canned_responses/1", "tags[]=bye")
	assertJSON(t, updated, `{"id":1,"group":0,"text":"Have a great day, goodbye.","creation_date":1714979289,
	 "created_by":"owner@example.com","modification_date":1714979349,"modified_by":"owner@example.com","tags":["bye"]}`)
	h.restOK("POST", "/canned_responses/1", `{"text":"Bye!"}`)
	assertJSON(t, field(t, h.restOK("GET", "/canned_responses/1", ""), "text"), `"Bye!"`)

	assertJSON(t, h.restOK("DELETE", "/canned_responses/1", ""), `{"result":"Canned response removed successfully"}`)
	h.restFail("GET", "/canned_responses/1", "", http.StatusNotFound)
	h.restFail("DELETE", "/canned_responses/1", "", http.StatusNotFound)
	h.restFail("PUT", "/canned_responses/1", `{"text":"x"}`, http.StatusNotFound)
	h.restFail("GET", "/canned_responses/abc", "", http.StatusNotFound)
	if _, ok := h.s.CannedResponse(2); !ok {
		t.Fatal("CannedResponse(2) not found")
	}
}

func TestCannedResponseValidation(t *testing.T) {
	cases := []struct {
		name, method, path, body string
		status                   int
		msg                      string
	}{
		{"text required", "POST", "/canned_responses", `{"tags":["a"]}`, 400, "`text` is required"},
		{"text empty", "POST", "/canned_responses", `{"text":" ","tags":["a"]}`, 400, "`text` is required"},
		{"tags required", "POST", "/canned_responses", `{"text":"a"}`, 400, "`tags` is required"},
		{"tags empty", "POST", "/canned_responses", `{"text":"a","tags":[]}`, 400, "at least one tag"},
		{"tag empty", "POST", "/canned_responses", `{"text":"a","tags":["a",""]}`, 400, "empty strings"},
		{"tags type", "POST", "/canned_responses", `{"text":"a","tags":[1]}`, 400, "`tags` must be an array of strings"},
		{"group type", "POST", "/canned_responses", `{"text":"a","tags":["a"],"group":"x"}`, 400, "`group` must be an integer"},
		{"group missing", "POST", "/canned_responses", `{"text":"a","tags":["a"],"group":4}`, 404, "Group 4 not found"},
		{"unknown param", "POST", "/canned_responses", `{"text":"a","tags":["a"],"shortcut":"x"}`, 400, "`shortcut` is not a supported parameter"},
		{"update group", "PUT", "/canned_responses/1", `{"group":1}`, 400, "`group` is not a supported parameter"},
		{"update empty text", "PUT", "/canned_responses/1", `{"text":""}`, 400, "`text` must not be empty"},
		{"list group", "GET", "/canned_responses?group=-1", ``, 400, "`group` must be a non-negative integer"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			h.restOK("POST", "/canned_responses", `{"text":"x","tags":["x"]}`)
			msg := h.restFail(tc.method, tc.path, tc.body, tc.status)
			if !strings.Contains(msg, tc.msg) {
				t.Fatalf("message %q, want %q", msg, tc.msg)
			}
		})
	}
}
