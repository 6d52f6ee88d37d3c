package client

import (
	"context"
	"encoding/json"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/sdklog"
)

// LogSubsystem is the tflog subsystem of every client log line
// (TF_LOG_PROVIDER_LIVECHAT_API=trace shows request bodies).
const LogSubsystem = "livechat_api"

const redacted = "[REDACTED]"

// secretKeys are JSON/form keys whose values never reach a log line.
var secretKeys = map[string]bool{
	"secret": true, "secret_key": true, "password": true, "token": true,
	"access_token": true, "refresh_token": true, "billing_token": true,
	"authorization": true, "bot_secret": true, "api_token": true,
}

// IsSecretKey reports whether a field of this name holds a secret.
func IsSecretKey(k string) bool {
	k = strings.ToLower(k)
	return secretKeys[k] || strings.HasSuffix(k, "_token") || strings.HasSuffix(k, "_secret") || strings.HasSuffix(k, "_password")
}

// logContext adds the subsystem with every configured secret masked, on the
// caller's (CRUD) context.
func (c *Client) logContext(ctx context.Context) context.Context {
	ctx = tflog.NewSubsystem(ctx, LogSubsystem)
	ctx = tflog.SubsystemMaskFieldValuesWithFieldKeys(ctx, LogSubsystem, "authorization", "Authorization")
	if len(c.secrets) > 0 {
		ctx = tflog.SubsystemMaskAllFieldValuesStrings(ctx, LogSubsystem, c.secrets...)
		ctx = tflog.SubsystemMaskMessageStrings(ctx, LogSubsystem, c.secrets...)
	}
	return ctx
}

// userinfo matches the user:password@ of a URL, also one that does not parse or lacks a scheme.
var userinfo = regexp.MustCompile(`((?:^|//)[^/@:?#\s]*):[^/?#\s]*@`)

// RedactURL masks the password of a URL (https://user:pass@host) for errors and logs.
func RedactURL(s string) string {
	if u, err := url.Parse(s); err == nil && u.User != nil {
		s = u.Redacted()
	}
	return userinfo.ReplaceAllString(s, "$1:xxxxx@")
}

// RedactBody returns body with the values of secret fields replaced, for
// JSON and form bodies; anything else is summarized by its length.
func RedactBody(body []byte) string {
	if len(body) == 0 {
		return ""
	}
	var v any
	if json.Unmarshal(body, &v) == nil {
		out, _ := json.Marshal(redactValue(v))
		return string(out)
	}
	if form, ok := parseForm(string(body)); ok {
		for k := range form {
			if IsSecretKey(k) {
				form[k] = []string{redacted}
			}
		}
		return form.Encode()
	}
	return "[non-JSON body, " + strconv.Itoa(len(body)) + " bytes]"
}

var formKey = regexp.MustCompile(`^[A-Za-z0-9_.\[\]-]+$`)

// parseForm accepts only bodies that look like url-encoded forms, so that a
// bare token (base64, maybe ending in "==") is never echoed as a "form".
func parseForm(body string) (url.Values, bool) {
	if !strings.Contains(body, "=") || strings.Contains(body, "==") || strings.ContainsAny(body, " \n{") {
		return nil, false
	}
	form, err := url.ParseQuery(body)
	if err != nil || len(form) == 0 {
		return nil, false
	}
	for k := range form {
		if !formKey.MatchString(k) {
			return nil, false
		}
	}
	return form, true
}

func redactValue(v any) any {
	switch t := v.(type) {
	case map[string]any:
		for k, val := range t {
			if IsSecretKey(k) {
				t[k] = redacted
				continue
			}
			t[k] = redactValue(val)
		}
	case []any:
		for i := range t {
			t[i] = redactValue(t[i])
		}
	}
	return v
}

// logRequest and logResponse build nothing when nobody asked for logs (sdklog.Off): redacting a
// 1,000-object list answer is a JSON decode and encode that Terraform would then discard.
func logRequest(ctx context.Context, req *Request, body []byte) {
	if sdklog.Off() {
		return
	}
	fields := map[string]any{"api": req.API.String(), "method": req.Method, "operation": req.Operation}
	tflog.SubsystemDebug(ctx, LogSubsystem, "sending request", fields)
	if len(body) > 0 {
		tflog.SubsystemTrace(ctx, LogSubsystem, "request body", map[string]any{"operation": req.Operation, "body": RedactBody(body)})
	}
}

func logResponse(ctx context.Context, req *Request, status int, body []byte, d time.Duration) {
	if sdklog.Off() {
		return
	}
	tflog.SubsystemDebug(ctx, LogSubsystem, "received response", map[string]any{
		"api": req.API.String(), "method": req.Method, "operation": req.Operation,
		"status": status, "duration_ms": d.Milliseconds(),
	})
	if len(body) > 0 {
		tflog.SubsystemTrace(ctx, LogSubsystem, "response body", map[string]any{"operation": req.Operation, "body": RedactBody(body)})
	}
}

func logTransportError(ctx context.Context, req *Request, err error, d time.Duration) {
	tflog.SubsystemDebug(ctx, LogSubsystem, "request failed", map[string]any{
		"operation": req.Operation, "error": err.Error(), "duration_ms": d.Milliseconds(),
	})
}

func logRetry(ctx context.Context, req *Request, attempt int, wait time.Duration, err error) {
	tflog.SubsystemWarn(ctx, LogSubsystem, "retrying request", map[string]any{
		"operation": req.Operation, "attempt": attempt, "wait_ms": wait.Milliseconds(), "error": err.Error(),
	})
}

func logSlowDown(ctx context.Context, req *Request, pace float64, pause time.Duration) {
	tflog.SubsystemWarn(ctx, LogSubsystem, "rate limited by the API: every request waits out Retry-After, then the provider slows down and speeds up again", map[string]any{
		"operation": req.Operation, "requests_per_second": pace, "retry_after_ms": pause.Milliseconds(),
	})
}

func logRecovered(ctx context.Context, req *Request) {
	tflog.SubsystemWarn(ctx, LogSubsystem, "creating call failed ambiguously; found the object by its natural key and adopted it instead of re-sending", map[string]any{
		"operation": req.Operation,
	})
}

func logRegionSwitch(ctx context.Context, from, to string) {
	tflog.SubsystemWarn(ctx, LogSubsystem, "misdirected_request: switching region for the rest of this run", map[string]any{
		"from": from, "to": to,
	})
}
