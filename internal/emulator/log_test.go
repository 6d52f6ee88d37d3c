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

// A MemoryLog gives back what the file log would hold, line by line, while the server runs.
func TestMemoryLog(t *testing.T) {
	var log MemoryLog
	h := newHarness(t, func(o *Options) { o.RequestLog = &log })
	h.ok("create_tag", `{"name":"x","group_ids":[0]}`)
	h.fail("get_agent", `{"id":"ghost@example.com"}`, 404, "not_found")
	got, err := log.Requests()
	if err != nil || len(got) != 2 {
		t.Fatalf("requests %+v, %v: want the two answered", got, err)
	}
	if got[0].Action != "create_tag" || got[0].Status != 200 || got[1].Action != "get_agent" || got[1].Status != 404 {
		t.Fatalf("requests %+v", got)
	}
	assertJSON(t, got[0].RequestBody, `{"name":"x","group_ids":[0]}`)
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

func TestRequestLogQueryAndForm(t *testing.T) {
	var buf bytes.Buffer
	h := newHarness(t, withPartner, func(o *Options) { o.RequestLog = &buf })
	auth := map[string]string{"Authorization": "Bearer " + testToken, "X-API-Version": "2"}
	h.do("GET", "/canned_responses?group=0&callback=cb&access_token=q1", "", auth)
	form := map[string]string{"Content-Type": "application/x-www-form-urlencoded"}
	for k, v := range auth {
		form[k] = v
	}
	h.do("POST", "/canned_responses", "text=Hi&tags[]=a&tags[]=b&billing[token]=f1&password=f2", form)
	h.pok(200, createCampaignReq("livechat", "name", "New campaign", "link", "https://www.livechat.com/", "trial_duration", "30"))
	mp := "--XX\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nHello\r\n" +
		"--XX\r\nContent-Disposition: form-data; name=\"secret_key\"\r\n\r\nf3\r\n" +
		"--XX\r\nContent-Disposition: form-data; name=\"tags[]\"\r\n\r\nx\r\n--XX--\r\n"
	multi := map[string]string{"Content-Type": "multipart/form-data; boundary=XX"}
	for k, v := range auth {
		multi[k] = v
	}
	h.do("POST", "/canned_responses", mp, multi)

	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 4 {
		t.Fatalf("want 4 lines, got:\n%s", buf.String())
	}
	var got []map[string]any
	for _, l := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatal(err)
		}
		got = append(got, m)
	}
	assertJSON(t, got[0]["query"], `{"group":"0","callback":"cb","access_token":"[REDACTED]"}`)
	assertJSON(t, got[1]["request_form"], `{"text":"Hi","tags[]":["a","b"],"billing[token]":"[REDACTED]","password":"[REDACTED]"}`)
	if _, has := got[1]["request_body"]; has {
		t.Fatalf("a form body is logged as a body too: %s", lines[1])
	}
	assertJSON(t, got[2]["query"], `{"product":"livechat"}`)
	assertJSON(t, got[2]["request_form"], `{"name":"New campaign","link":"https://www.livechat.com/","trial_duration":"30"}`)
	assertJSON(t, got[3]["request_form"], `{"text":"Hello","secret_key":"[REDACTED]","tags[]":"x"}`)
	for _, secret := range []string{"q1", "f1", "f2", "f3"} {
		if strings.Contains(buf.String(), `"`+secret+`"`) {
			t.Fatalf("secret %s leaked:\n%s", secret, buf.String())
		}
	}
}
