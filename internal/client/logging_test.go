package client

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

func TestRedactBody_JSON(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{
			name: "flat",
			in:   `{"url":"https://x","secret_key":"s3cr3t","name":"n"}`,
			want: `{"url":"https://x","secret_key":"[REDACTED]","name":"n"}`,
		},
		{
			name: "nested objects",
			in:   `{"webhook":{"action":"chat","auth":{"password":"pw","user":"u"}},"id":5}`,
			want: `{"webhook":{"action":"chat","auth":{"password":"[REDACTED]","user":"u"}},"id":5}`,
		},
		{
			name: "arrays of objects",
			in:   `{"bots":[{"id":"b1","secret":"x1"},{"id":"b2","secret":"x2","groups":[{"id":0}]}]}`,
			want: `{"bots":[{"id":"b1","secret":"[REDACTED]"},{"id":"b2","secret":"[REDACTED]","groups":[{"id":0}]}]}`,
		},
		{
			name: "top-level array",
			in:   `[{"name":"a","access_token":"t1"},{"name":"b","refresh_token":"t2"},"plain",3]`,
			want: `[{"name":"a","access_token":"[REDACTED]"},{"name":"b","refresh_token":"[REDACTED]"},"plain",3]`,
		},
		{
			name: "secret holding an array or number",
			in:   `{"password":["a","b"],"token":12345,"ok":true}`,
			want: `{"password":"[REDACTED]","token":"[REDACTED]","ok":true}`,
		},
		{
			name: "suffixes and case",
			in:   `{"Client_Secret":"a","billing_token":"b","partner_api_token":"c","admin_password":"d","author_id":"keep","tokens_count":1}`,
			want: `{"Client_Secret":"[REDACTED]","billing_token":"[REDACTED]","partner_api_token":"[REDACTED]","admin_password":"[REDACTED]","author_id":"keep","tokens_count":1}`,
		},
		{
			name: "no secrets",
			in:   `{"name":"General","agent_priorities":{"a@x":"normal"}}`,
			want: `{"name":"General","agent_priorities":{"a@x":"normal"}}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := RedactBody([]byte(tt.in))
			var gotV, wantV any
			if err := json.Unmarshal([]byte(got), &gotV); err != nil {
				t.Fatalf("RedactBody returned non-JSON %q: %v", got, err)
			}
			_ = json.Unmarshal([]byte(tt.want), &wantV)
			if !reflect.DeepEqual(gotV, wantV) {
				t.Errorf("RedactBody(%s)\n got %s\nwant %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestRedactBody_Form(t *testing.T) {
	got := RedactBody([]byte("name=hook&secret_key=s3cr3t-value&password=pw&url=https%3A%2F%2Fx"))
	if strings.Contains(got, "s3cr3t") || strings.Contains(got, "pw&") {
		t.Errorf("secret left in %q", got)
	}
	form, err := url.ParseQuery(got)
	if err != nil {
		t.Fatalf("redacted form %q does not parse: %v", got, err)
	}
	want := url.Values{"name": {"hook"}, "secret_key": {"[REDACTED]"}, "password": {"[REDACTED]"}, "url": {"https://x"}}
	if !reflect.DeepEqual(form, want) {
		t.Errorf("redacted form = %v, want %v", form, want)
	}
}

func TestRedactBody_NonJSON(t *testing.T) {
	for _, body := range []string{
		"<html><body>502 Bad Gateway</body></html>",
		"upstream connect error or disconnect/reset before headers",
		"{not json",
		"Unauthorized",
		"dal:raw-token-in-a-plain-text-body",
	} {
		got := RedactBody([]byte(body))
		want := "[non-JSON body, " + itoa(len(body)) + " bytes]"
		if got != want {
			t.Errorf("RedactBody(%q) = %q, want %q", body, got, want)
		}
	}
	if got := RedactBody(nil); got != "" {
		t.Errorf("RedactBody(nil) = %q", got)
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

func TestIsSecretKey(t *testing.T) {
	for k, want := range map[string]bool{
		"secret": true, "secret_key": true, "password": true, "token": true, "Authorization": true,
		"bot_secret": true, "api_token": true, "client_secret": true, "some_password": true, "X_TOKEN": true,
		"name": false, "id": false, "tokens": false, "secretary": false, "author_id": false,
	} {
		if got := IsSecretKey(k); got != want {
			t.Errorf("IsSecretKey(%q) = %v, want %v", k, got, want)
		}
	}
}

// TestLogging_NoSecretsInOutput runs calls on all three APIs with every kind
// of credential at TRACE and checks that the log has the operations and
// statuses but no credential and no secret field value.
func TestLogging_NoSecretsInOutput(t *testing.T) {
	const (
		accessToken  = "dal:access-token-QWERTY123"
		pat          = "pat-value-ASDFGH456"
		accountID    = "acc-7c1e"
		loginEmail   = "owner@example.com"
		partnerToken = "partner-token-ZXCVBN789"
		secretKey    = "s3cr3t-value"
		botSecret    = "bot-secret-value"
	)
	ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int, body []byte) {
		// Echo the credential in a non-secret field: masking must catch it too.
		seen := r.Header.Get("Authorization")
		switch {
		case strings.HasSuffix(r.URL.Path, "/register_webhook"):
			writeJSON(w, http.StatusOK, `{"id":"wh1","seen":"`+seen+`"}`)
		case strings.HasSuffix(r.URL.Path, "/create_bot"):
			writeJSON(w, http.StatusOK, `{"id":"bot1","secret":"`+botSecret+`","seen":"`+seen+`"}`)
		case strings.HasSuffix(r.URL.Path, "/list_agents") && n == 2:
			writeJSON(w, http.StatusInternalServerError, `{"error":{"type":"internal","message":"failed for `+seen+`"}}`)
		default:
			writeJSON(w, http.StatusOK, `{"ok":true,"seen":"`+seen+`"}`)
		}
	})
	var buf bytes.Buffer
	ctx := tflogtest.RootLogger(t.Context(), &buf)

	full := newTestClient(t, ts, Config{AccessToken: accessToken, PartnerToken: partnerToken, MaxRetries: 2})
	patOnly := newTestClient(t, ts, Config{PersonalAccessToken: pat, AccountID: accountID, LoginEmail: loginEmail, MaxRetries: 2})

	calls := []struct {
		c   *Client
		req Request
	}{
		{full, Action("register_webhook", map[string]any{"url": "https://example.com/hook", "action": "incoming_chat", "secret_key": secretKey})},
		{full, Action("create_bot", map[string]any{"name": "Bot"})},
		{patOnly, Action("list_agents", nil)}, // 500 once, then OK
		{patOnly, Request{API: Legacy, Method: http.MethodGet, Path: "/agents"}},
		{full, Request{API: Partner, Method: http.MethodPost, Path: "/v2/partners/apps", JSON: map[string]string{"name": "App", "billing_token": "bill-tok-991"}}},
	}
	for _, call := range calls {
		if err := call.c.Do(ctx, call.req, nil); err != nil {
			t.Fatalf("%s: %v", call.req.Path, err)
		}
	}
	out := buf.String()
	if out == "" {
		t.Fatal("nothing logged")
	}

	for _, want := range []string{
		"sending request", "received response", "request body", "response body", "retrying request",
		`"operation":"register_webhook"`, `"operation":"create_bot"`, `"operation":"list_agents"`,
		`"operation":"GET /agents"`, `"operation":"POST /v2/partners/apps"`,
		`"status":200`, `"status":500`, "duration_ms", "[REDACTED]",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("log output lacks %q", want)
		}
	}
	for _, secret := range []string{
		accessToken, "access-token-QWERTY123", pat, partnerToken, secretKey, botSecret, "bill-tok-991",
		b64(accountID + ":" + pat), b64(loginEmail + ":" + pat),
	} {
		if strings.Contains(out, secret) {
			t.Errorf("log output contains the secret %q", secret)
		}
	}
	// The log entries are at the levels the design names.
	entries, err := tflogtest.MultilineJSONDecode(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	levels := map[string]string{}
	for _, e := range entries {
		if m, ok := e["@message"].(string); ok {
			levels[m], _ = e["@level"].(string)
			if mod, _ := e["@module"].(string); !strings.HasSuffix(mod, LogSubsystem) {
				t.Errorf("entry %q logged by module %q, want the %s subsystem", m, mod, LogSubsystem)
			}
		}
	}
	for msg, lvl := range map[string]string{
		"sending request": "debug", "received response": "debug", "request body": "trace", "response body": "trace",
	} {
		if levels[msg] != lvl {
			t.Errorf("%q logged at %q, want %q", msg, levels[msg], lvl)
		}
	}
}

func TestLogging_RegionSwitchAndRecoveryAreLogged(t *testing.T) {
	ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int, body []byte) {
		switch n {
		case 0:
			writeJSON(w, http.StatusMisdirectedRequest, misdirectedFRA)
		case 1:
			dropConnection(t, w)
		default:
			t.Errorf("unexpected request %d", n)
		}
	})
	var buf bytes.Buffer
	ctx := tflogtest.RootLogger(t.Context(), &buf)
	c := newTestClient(t, ts, Config{AccessToken: "dal:tok", MaxRetries: 2})
	req := Action("create_thing", map[string]string{"name": "x"})
	req.Creates = true
	req.Recover = func(context.Context) (bool, error) { return true, nil }
	if err := c.Do(ctx, req, nil); err != nil {
		t.Fatalf("Do: %v", err)
	}
	out := buf.String()
	for _, want := range []string{"misdirected_request: switching region", `"from":"dal"`, `"to":"fra"`, "found the object by its natural key"} {
		if !strings.Contains(out, want) {
			t.Errorf("log output lacks %q", want)
		}
	}
	if strings.Contains(out, "dal:tok") {
		t.Error("log output contains the access token")
	}
}
