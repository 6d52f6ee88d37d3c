package client

import (
	"bytes"
	"net/http"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

const urlPassword = "hunter2-pw"

// A password in api_url never shows in an error, whatever is wrong with the URL.
func TestParseAPIURL_ErrorsMaskThePassword(t *testing.T) {
	for _, raw := range []string{
		"http://user:" + urlPassword + "@api.example.com",  // plain http to a remote host
		"ftp://user:" + urlPassword + "@api.example.com",   // another scheme
		"https://user:" + urlPassword + "@exa mple.com",    // does not parse
		"user:" + urlPassword + "@api.example.com",         // no scheme
		"//user:" + urlPassword + "@api.example.com/v3.6/", // no scheme either
	} {
		_, err := ParseAPIURL(raw)
		if err == nil {
			t.Errorf("%s: accepted", RedactURL(raw))
			continue
		}
		if strings.Contains(err.Error(), urlPassword) {
			t.Errorf("the error shows the password: %v", err)
		}
		if _, err := New(Config{APIURL: raw, AccessToken: "dal:t"}); err == nil || strings.Contains(err.Error(), urlPassword) {
			t.Errorf("New: %v", err)
		}
	}
	if got := RedactURL("https://user:" + urlPassword + "@api.example.com/x"); got != "https://user:xxxxx@api.example.com/x" {
		t.Errorf("RedactURL = %q", got)
	}
}

// Nor in a log line or a redirect error, even when an answer carries it.
func TestAPIURLPassword_MaskedInLogsAndErrors(t *testing.T) {
	ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int, body []byte) {
		if n == 0 {
			writeJSON(w, http.StatusOK, `{"note":"`+urlPassword+`"}`)
			return
		}
		w.Header().Set("Location", "https://user:"+urlPassword+"@elsewhere.example.com/")
		w.WriteHeader(http.StatusTemporaryRedirect)
	})
	c, err := New(Config{APIURL: strings.Replace(ts.URL, "http://", "http://user:"+urlPassword+"@", 1), AccessToken: "dal:t"})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	ctx := tflogtest.RootLogger(t.Context(), &buf)
	if err := c.Do(ctx, Action("list_tags", nil), nil); err != nil {
		t.Fatal(err)
	}
	err = c.Do(ctx, Action("list_tags", nil), nil)
	if err == nil || strings.Contains(err.Error(), urlPassword) || !strings.Contains(err.Error(), "elsewhere.example.com") {
		t.Errorf("redirect error = %v", err)
	}
	if !strings.Contains(buf.String(), "response body") || strings.Contains(buf.String(), urlPassword) {
		t.Errorf("the log shows the password or lacks the body:\n%s", buf.String())
	}
}
