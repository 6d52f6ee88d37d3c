package emulator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// The request log: one JSON line per API request, with secrets redacted. The Authorization header
// is never logged.

type logLine struct {
	Time        string          `json:"time"`
	Method      string          `json:"method"`
	Path        string          `json:"path"`
	Action      string          `json:"action,omitempty"`
	Status      int             `json:"status"`
	DurationMS  float64         `json:"duration_ms"`
	RequestBody json.RawMessage `json:"request_body,omitempty"`
}

const redacted = "[REDACTED]"

func (s *Server) logRequest(at time.Time, r *http.Request, ex *exchange, status int, d time.Duration) {
	if s.opts.RequestLog == nil {
		return
	}
	line := logLine{
		Time:        at.UTC().Format(time.RFC3339Nano),
		Method:      r.Method,
		Path:        r.URL.Path,
		Action:      ex.action,
		Status:      status,
		DurationMS:  float64(d.Microseconds()) / 1000,
		RequestBody: redactBody(ex.body),
	}
	b, err := json.Marshal(line)
	if err != nil {
		return
	}
	s.logMu.Lock()
	defer s.logMu.Unlock()
	_, _ = s.opts.RequestLog.Write(append(b, '\n'))
}

// isSecretKey reports whether a JSON key names a secret.
func isSecretKey(k string) bool {
	k = strings.ToLower(k)
	switch k {
	case "secret", "secret_key", "password", "token", "access_token", "billing_token":
		return true
	}
	return strings.HasSuffix(k, "_token") || strings.HasSuffix(k, "_secret")
}

// redactBody returns the body as JSON with every secret value replaced; a body that is not JSON
// is replaced by a note of its size, as it cannot be redacted reliably.
func redactBody(body []byte) json.RawMessage {
	body = bytes.TrimSpace(body)
	if len(body) == 0 {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil || dec.More() {
		b, _ := json.Marshal(fmt.Sprintf("[unparsed body, %d bytes]", len(body)))
		return b
	}
	b, err := json.Marshal(redactValue(v))
	if err != nil {
		return nil
	}
	return b
}

func redactValue(v any) any {
	switch t := v.(type) {
	case map[string]any:
		for k, x := range t {
			if isSecretKey(k) {
				t[k] = redacted
			} else {
				t[k] = redactValue(x)
			}
		}
	case []any:
		for i, x := range t {
			t[i] = redactValue(x)
		}
	}
	return v
}
