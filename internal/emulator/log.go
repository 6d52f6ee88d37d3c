package emulator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// The request log: one JSON line per API request, with secrets redacted. The Authorization header
// is never logged.

// LoggedRequest is one line of the request log.
type LoggedRequest struct {
	Time       string         `json:"time"`
	Method     string         `json:"method"`
	Path       string         `json:"path"`
	Query      map[string]any `json:"query,omitempty"`
	Action     string         `json:"action,omitempty"`
	Status     int            `json:"status"`
	DurationMS float64        `json:"duration_ms"`
	// RequestBody is a JSON body (or a note of the size of a body that is neither JSON nor a
	// form); RequestForm the fields of a form body.
	RequestBody json.RawMessage `json:"request_body,omitempty"`
	RequestForm map[string]any  `json:"request_form,omitempty"`
}

const redacted = "[REDACTED]"

// MemoryLog is a RequestLog kept in memory, safe to read while the server writes it: for Go
// tests that check what a client asked.
type MemoryLog struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

// Write appends log lines; the server calls it.
func (l *MemoryLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

// Requests are the requests logged so far, in the order they were answered.
func (l *MemoryLog) Requests() ([]LoggedRequest, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []LoggedRequest
	dec := json.NewDecoder(bytes.NewReader(l.buf.Bytes()))
	for dec.More() {
		var r LoggedRequest
		if err := dec.Decode(&r); err != nil {
			return out, fmt.Errorf("request log line %d: %w", len(out)+1, err)
		}
		out = append(out, r)
	}
	return out, nil
}

func (s *Server) logRequest(at time.Time, r *http.Request, ex *exchange, status int, d time.Duration) {
	if s.opts.RequestLog == nil {
		return
	}
	line := LoggedRequest{
		Time:       at.UTC().Format(time.RFC3339Nano),
		Method:     r.Method,
		Path:       r.URL.Path,
		Query:      redactForm(r.URL.Query()),
		Action:     ex.action,
		Status:     status,
		DurationMS: float64(d.Microseconds()) / 1000,
	}
	if form, ok := formFields(r.Header.Get("Content-Type"), ex.body); ok {
		line.RequestForm = redactForm(form)
	} else {
		line.RequestBody = redactBody(ex.body)
	}
	b, err := json.Marshal(line)
	if err != nil {
		return
	}
	s.logMu.Lock()
	defer s.logMu.Unlock()
	_, _ = s.opts.RequestLog.Write(append(b, '\n'))
}

// isSecretKey reports whether a JSON key or form field names a secret; a PHP-style field
// ("billing[token]") is judged by its last name.
func isSecretKey(k string) bool {
	if i := strings.LastIndexByte(strings.TrimSuffix(k, "[]"), '['); i >= 0 {
		k = strings.Trim(k[i:], "[]")
	}
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

// formFields parses a url-encoded or multipart form body; ok is false for other bodies. Files of
// a multipart form are noted by size.
func formFields(contentType string, body []byte) (url.Values, bool) {
	mt, params, _ := mime.ParseMediaType(contentType)
	switch {
	case len(bytes.TrimSpace(body)) == 0:
		return nil, false
	case mt == "application/x-www-form-urlencoded":
		v, err := url.ParseQuery(string(body))
		return v, err == nil
	case mt == "multipart/form-data":
		form, err := multipart.NewReader(bytes.NewReader(body), params["boundary"]).ReadForm(maxBodyBytes)
		if err != nil {
			return nil, false
		}
		defer func() { _ = form.RemoveAll() }()
		v := url.Values(form.Value)
		for k, files := range form.File {
			for _, f := range files {
				v.Add(k, fmt.Sprintf("[file %s, %d bytes]", f.Filename, f.Size))
			}
		}
		return v, true
	}
	return nil, false
}

// redactForm is a query string or form as a JSON object (a field given once is a string, more
// often an array), secrets replaced; nil when empty.
func redactForm(v url.Values) map[string]any {
	if len(v) == 0 {
		return nil
	}
	out := make(map[string]any, len(v))
	for k, vals := range v {
		switch {
		case isSecretKey(k):
			out[k] = redacted
		case len(vals) == 1:
			out[k] = vals[0]
		default:
			out[k] = append([]string(nil), vals...)
		}
	}
	return out
}
