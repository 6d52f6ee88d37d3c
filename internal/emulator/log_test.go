package emulator

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func TestRequestLog(t *testing.T) {
	var buf bytes.Buffer
	h := newHarness(t, func(o *Options) { o.RequestLog = &buf })
	h.ok("create_tag", `{"name":"x","group_ids":[0]}`)
	h.fail("get_agent", `{"id":"ghost@example.com"}`, 404, "not_found")
	h.do("POST", listTagsPath, `{}`, nil) // 401
	h.do("GET", "/_emulator/state", "", nil)
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 3 {
		t.Fatalf("want 3 lines (admin requests are not logged), got %d:\n%s", len(lines), buf.String())
	}
	var first map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"time", "method", "path", "action", "status", "duration_ms", "request_body"} {
		if _, ok := first[k]; !ok {
			t.Fatalf("key %q missing in %s", k, lines[0])
		}
	}
	if first["time"] != "2024-05-06T07:08:09Z" || first["method"] != "POST" || first["action"] != "create_tag" ||
		first["path"] != "/v3.6/configuration/action/create_tag" || first["status"] != float64(200) {
		t.Fatalf("line %s", lines[0])
	}
	assertJSON(t, first["request_body"], `{"name":"x","group_ids":[0]}`)
	if !strings.Contains(lines[1], `"status":404`) || !strings.Contains(lines[2], `"status":401`) {
		t.Fatalf("statuses not logged:\n%s", buf.String())
	}
	if strings.Contains(buf.String(), testToken) || strings.Contains(strings.ToLower(buf.String()), "authorization") {
		t.Fatal("the Authorization header was logged")
	}
}

func TestRedaction(t *testing.T) {
	var buf bytes.Buffer
	h := newHarness(t, func(o *Options) { o.RequestLog = &buf })
	body := `{"url":"https://example.com","secret_key":"s1","Password":"s2","owner":{"TOKEN":"s3",
	 "billing_token":"s4","items":[{"client_secret":"s5","refresh_token":"s6","token_type":"bearer"}]},
	 "secret":"s7","access_token":"s8","secrets":"kept","tokenizer":"kept"}`
	h.call("register_webhook", body) // an unknown action is still logged
	var line struct {
		RequestBody json.RawMessage `json:"request_body"`
	}
	if err := json.Unmarshal(buf.Bytes(), &line); err != nil {
		t.Fatal(err)
	}
	assertJSON(t, decode(t, line.RequestBody), `{"url":"https://example.com","secret_key":"[REDACTED]",
	 "Password":"[REDACTED]","owner":{"TOKEN":"[REDACTED]","billing_token":"[REDACTED]",
	 "items":[{"client_secret":"[REDACTED]","refresh_token":"[REDACTED]","token_type":"bearer"}]},
	 "secret":"[REDACTED]","access_token":"[REDACTED]","secrets":"kept","tokenizer":"kept"}`)
	for i := 1; i <= 8; i++ {
		if strings.Contains(buf.String(), `"s`+string(rune('0'+i))+`"`) {
			t.Fatalf("secret s%d leaked: %s", i, buf.String())
		}
	}
}

func TestRedactNonJSONBody(t *testing.T) {
	got := string(redactBody([]byte("password=hunter2")))
	if strings.Contains(got, "hunter2") || got != `"[unparsed body, 16 bytes]"` {
		t.Fatalf("got %s", got)
	}
	if redactBody(nil) != nil {
		t.Fatal("empty body should be omitted")
	}
}
