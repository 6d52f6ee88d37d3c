package emulator

import (
	"encoding/base64"
	"net/http"
	"strings"
	"testing"
	"time"
)

// rest sends a legacy REST API request with the test token and X-API-Version: 2. A body that
// starts with "{" is sent as JSON, any other non-empty body as a url-encoded form.
func (h *harness) rest(method, path, body string) (int, any) {
	h.t.Helper()
	hdr := map[string]string{"Authorization": "Bearer " + testToken, "X-API-Version": "2"}
	switch {
	case strings.HasPrefix(body, "{"):
		hdr["Content-Type"] = "application/json"
	case body != "":
		hdr["Content-Type"] = "application/x-www-form-urlencoded"
	}
	w := h.do(method, path, body, hdr)
	return w.Code, decode(h.t, w.Body.Bytes())
}

// restOK sends a request that must succeed and returns the answer.
func (h *harness) restOK(method, path, body string) any {
	h.t.Helper()
	code, out := h.rest(method, path, body)
	if code != http.StatusOK {
		h.t.Fatalf("%s %s %s: status %d, body %v", method, path, body, code, out)
	}
	return out
}

// restFail sends a request that must fail with status; it returns the error message.
func (h *harness) restFail(method, path, body string, status int) string {
	h.t.Helper()
	code, out := h.rest(method, path, body)
	msg, _ := field(h.t, out, "error").(string)
	if code != status || msg == "" {
		h.t.Fatalf("%s %s %s: got %d %v, want %d with an error message", method, path, body, code, out, status)
	}
	return msg
}

func TestLegacyTransport(t *testing.T) {
	pat := PAT{AccountID: "acc-1", LoginEmail: "owner@example.com", Token: "pat-secret"}
	h := newHarness(t, func(o *Options) { o.PATs = []PAT{pat} })
	basic := func(user, pass string) string {
		return "Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+pass))
	}
	cases := []struct {
		name    string
		method  string
		path    string
		headers map[string]string
		status  int
		want    string // substring of the body
	}{
		{"bearer", "GET", "/status", map[string]string{"Authorization": "Bearer " + testToken, "X-API-Version": "2"}, 200, `"status":"offline"`},
		{"basic login e-mail and PAT", "GET", "/status", map[string]string{"Authorization": basic(pat.LoginEmail, pat.Token), "X-API-Version": "2"}, 200, `"offline"`},
		{"wrong PAT", "GET", "/status", map[string]string{"Authorization": basic(pat.LoginEmail, "nope"), "X-API-Version": "2"}, 401, `"error":"Authentication error"`},
		{"no credentials", "GET", "/goals", map[string]string{"X-API-Version": "2"}, 401, `"error"`},
		{"missing version", "GET", "/goals", map[string]string{"Authorization": "Bearer " + testToken}, 400, `X-API-Version: 2`},
		{"other version", "GET", "/goals", map[string]string{"Authorization": "Bearer " + testToken, "X-API-Version": "3"}, 400, `X-API-Version: 2`},
		{"other region", "GET", "/goals", map[string]string{"Authorization": "Bearer " + testToken, "X-API-Version": "2", "X-Region": "fra"}, 421, `"region":"dal"`},
		{"unknown path", "GET", "/goals/1/nothing", map[string]string{"Authorization": "Bearer " + testToken, "X-API-Version": "2"}, 404, `No API at /goals/1/nothing`},
		{"wrong method", "PATCH", "/goals/1", map[string]string{"Authorization": "Bearer " + testToken, "X-API-Version": "2"}, 405, `use DELETE, GET, PUT`},
		{"jsonp", "GET", "/status?callback=cb", map[string]string{"Authorization": "Bearer " + testToken, "X-API-Version": "2"}, 200, `cb({"status":"offline"})`},
		{"bad jsonp callback", "GET", "/status?callback=alert(1)", map[string]string{"Authorization": "Bearer " + testToken, "X-API-Version": "2"}, 400, "`callback`"},
		{"bad json", "POST", "/goals", map[string]string{"Authorization": "Bearer " + testToken, "X-API-Version": "2", "Content-Type": "application/json"}, 400, `not valid JSON`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			body := ""
			if tc.name == "bad json" {
				body = "{"
			}
			w := h.do(tc.method, tc.path, body, tc.headers)
			if w.Code != tc.status || !strings.Contains(w.Body.String(), tc.want) {
				t.Fatalf("got %d %s, want %d containing %s", w.Code, w.Body.String(), tc.status, tc.want)
			}
		})
	}
	// The 405 names the allowed methods.
	w := h.do("PATCH", "/goals/1", "", map[string]string{"Authorization": "Bearer " + testToken, "X-API-Version": "2"})
	if got := w.Header().Get("Allow"); got != "DELETE, GET, PUT" {
		t.Fatalf("Allow %q", got)
	}
}

func TestLegacyBodies(t *testing.T) {
	h := newHarness(t)
	// Form with PHP-style brackets, as the Postman collection sends it.
	out := h.restOK("POST", "/greetings", "name=my+custom+invitation&rules[0][type]=visit_time_page&rules[0][value]=15&rules[0][operator]=greater_than&rules[1][type]=visits_number&rules[1][value]=2&rules[1][operator]=greater_or_equal")
	assertJSON(t, field(t, out, "rules"), `[
	 {"id":1,"type":"visit_time_page","value":"15","operator":"greater_than","condition":"and"},
	 {"id":2,"type":"visits_number","value":"2","operator":"greater_or_equal","condition":"and"}]`)
	// Multipart form (Postman's "form-data").
	body := "--XX\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nHave a great day, goodbye.\r\n" +
		"--XX\r\nContent-Disposition: form-data; name=\"tags[0]\"\r\n\r\nbye\r\n" +
		"--XX\r\nContent-Disposition: form-data; name=\"tags[1]\"\r\n\r\ncu\r\n--XX--\r\n"
	w := h.do("POST", "/canned_responses", body, map[string]string{"Authorization": "Bearer " + testToken,
		"X-API-Version": "2", "Content-Type": "multipart/form-data; boundary=XX"})
	if w.Code != 200 {
		t.Fatalf("multipart: %d %s", w.Code, w.Body.String())
	}
	assertJSON(t, field(t, decode(t, w.Body.Bytes()), "tags"), `["bye","cu"]`)
	// tags[]=x repeated, and query parameters merged with the body.
	out = h.restOK("POST", "/canned_responses?group=0", "text=Hi&tags[]=a&tags[]=b")
	assertJSON(t, field(t, out, "tags"), `["a","b"]`)
	// JSON keys in form style ("tag[]") are understood as well.
	h.restFail("POST", "/canned_responses", "tags[x=1", http.StatusBadRequest)
	h.restFail("POST", "/canned_responses", "text=a&text[0]=b", http.StatusBadRequest)
}

func TestLegacyFormPath(t *testing.T) {
	m := map[string]any{}
	if err := mergeForm(m, map[string][]string{
		"a": {"1"}, "b[]": {"x", "y"}, "c[1]": {"q"}, "c[0]": {"p"}, "d[k][0][n]": {"v"}, "e[key-1]": {"z"},
	}); err != nil {
		t.Fatal(err)
	}
	assertJSON(t, m, `{"a":"1","b":["x","y"],"c":["p","q"],"d":{"k":[{"n":"v"}]},"e":{"key-1":"z"}}`)
}

func TestLegacyStatus(t *testing.T) {
	h := newHarness(t)
	h.ok("create_agent", `{"id":"a@example.com","name":"A"}`)
	h.ok("create_group", `{"name":"G","agent_priorities":{"a@example.com":"normal"}}`)
	assertJSON(t, h.restOK("GET", "/status", ""), `{"status":"offline"}`)
	if err := h.s.SetAgentStatus("a@example.com", "accepting chats"); err != nil {
		t.Fatal(err)
	}
	assertJSON(t, h.restOK("GET", "/status", ""), `{"status":"online"}`)
	assertJSON(t, h.restOK("GET", "/status?group=1", ""), `{"status":"online"}`)
	assertJSON(t, h.restOK("GET", "/status/1", ""), `{"status":"online"}`)
	h.restOK("PUT", "/agents/a@example.com", `{"status":"not accepting chats"}`)
	assertJSON(t, h.restOK("GET", "/status/1", ""), `{"status":"offline"}`)
	h.restFail("GET", "/status?group=9", "", http.StatusNotFound)
	h.restFail("GET", "/status?group=x", "", http.StatusBadRequest)
	h.restFail("GET", "/status?grp=1", "", http.StatusBadRequest)
	if err := h.s.SetAgentStatus("ghost@example.com", "offline"); err == nil {
		t.Fatal("SetAgentStatus accepted an unknown agent")
	}
}

// Configuration objects follow the propagation-delay model like the v3.6 objects.
func TestLegacyPropagationDelay(t *testing.T) {
	h := newHarness(t, func(o *Options) { o.PropagationDelay = 10 * time.Second })
	out := h.restOK("POST", "/canned_responses", `{"text":"Hi","tags":["hi"]}`)
	h.restFail("GET", "/canned_responses/1", "", http.StatusNotFound)
	assertJSON(t, h.restOK("GET", "/canned_responses", ""), `[]`)
	// Writes act on the authoritative state at once.
	h.restOK("PUT", "/canned_responses/1", `{"text":"Hello"}`)
	h.clock.Advance(10 * time.Second)
	assertJSON(t, field(t, h.restOK("GET", "/canned_responses/1", ""), "text"), `"Hello"`)
	_ = out
	// A group created a moment ago cannot be referred to yet.
	h.ok("create_group", `{"name":"New","agent_priorities":{}}`)
	msg := h.restFail("POST", "/greetings", `{"name":"g","group":1,"rules":[{"type":"visits_number","value":2}]}`, http.StatusNotFound)
	if !strings.Contains(msg, "Group 1") {
		t.Fatalf("message %q", msg)
	}
	h.clock.Advance(10 * time.Second)
	h.restOK("POST", "/greetings", `{"name":"g","group":1,"rules":[{"type":"visits_number","value":2}]}`)
	// Deletes stay invisible for the delay too.
	h.restOK("DELETE", "/canned_responses/1", "")
	h.restOK("GET", "/canned_responses/1", "")
	h.clock.Advance(10 * time.Second)
	h.restFail("GET", "/canned_responses/1", "", http.StatusNotFound)
}

func TestLegacyStateRoundTrip(t *testing.T) {
	h := newHarness(t)
	h.restOK("POST", "/canned_responses", `{"text":"Hi","tags":["hi"]}`)
	h.restOK("POST", "/goals", `{"name":"g","type":"api"}`)
	h.restOK("POST", "/greetings", `{"name":"g","rules":[{"type":"url_funnel","urls":[{"url":"a"}]}]}`)
	h.restOK("POST", "/goals/1/mark_as_successful", `{"visitor_id":"S1"}`)
	data, err := h.s.StateJSON()
	if err != nil {
		t.Fatal(err)
	}
	h2 := newHarness(t)
	if err := h2.s.LoadState(data); err != nil {
		t.Fatal(err)
	}
	data2, _ := h2.s.StateJSON()
	if string(data) != string(data2) {
		t.Fatalf("state changed on a round trip:\n%s\n%s", data, data2)
	}
	// Ids continue after the loaded ones.
	assertJSON(t, field(t, h2.restOK("POST", "/goals", `{"name":"g2","type":"api"}`), "id"), `2`)
	if len(h2.s.GoalConversions()) != 1 {
		t.Fatal("goal conversions were not loaded")
	}
	// Fixtures add legacy objects; bad ones are refused.
	if err := h2.s.LoadFixture([]byte(`{"legacy":{"canned_responses":[{"id":7,"group":0,"text":"x","tags":["x"]}]}}`)); err != nil {
		t.Fatal(err)
	}
	if _, ok := h2.s.CannedResponse(7); !ok {
		t.Fatal("fixture canned response missing")
	}
	if err := h2.s.LoadFixture([]byte(`{"legacy":{"canned_responses":[{"id":8,"group":99,"text":"x","tags":["x"]}]}}`)); err == nil {
		t.Fatal("a canned response in a missing group was loaded")
	}
	// Out-of-band deletes.
	for kind, id := range map[string]string{"canned_response": "7", "goal": "1", "greeting": "1"} {
		if err := h2.s.DeleteObject(kind, id); err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
		if err := h2.s.DeleteObject(kind, id); err == nil {
			t.Fatalf("%s deleted twice", kind)
		}
	}
}
