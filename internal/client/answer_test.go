package client

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/clienttest"
)

type itemList []struct {
	Name string `json:"name"`
}

type withID struct {
	ID   string `json:"id" answer:"required"`
	Name string `json:"name"`
}

type embedsID struct {
	withID
	Extra string `json:"extra"`
}

// A 2xx answer is decoded only when it has the shape its Go type declares; anything else is an
// *AnswerError, never a not-found and never an empty value.
func TestDo_AnswerShape(t *testing.T) {
	tests := []struct {
		name    string
		body    string
		out     func() any
		wantErr string // "" = decoded
	}{
		{"list", `[{"name":"a"}]`, func() any { return &itemList{} }, ""},
		{"empty list", `[]`, func() any { return &itemList{} }, ""},
		{"list answered empty", ``, func() any { return &itemList{} }, "the answer is empty"},
		{"list answered null", `null`, func() any { return &itemList{} }, "the answer is null"},
		{"list answered blank", " \n", func() any { return &itemList{} }, "the answer is empty"},
		{"list answered an object", `{}`, func() any { return &itemList{} }, "not a JSON array"},
		{"object", `{"id":"x"}`, func() any { return &withID{} }, ""},
		{"object answered empty", ``, func() any { return &withID{} }, "the answer is empty"},
		{"object answered null", `null`, func() any { return &withID{} }, "the answer is null"},
		{"object answered an array", `[]`, func() any { return &withID{} }, "not a JSON object"},
		{"object without its id", `{"name":"a"}`, func() any { return &withID{} }, "lacks `id`"},
		{"object with a null id", `{"id":null}`, func() any { return &withID{} }, "lacks `id`"},
		{"embedded required key", `{"extra":"e"}`, func() any { return &embedsID{} }, "lacks `id`"},
		{"embedded required key present", `{"id":"x"}`, func() any { return &embedsID{} }, ""},
		{"map", `{}`, func() any { return &map[string]int{} }, ""},
		{"map answered null", `null`, func() any { return &map[string]int{} }, "the answer is null"},
		{"raw value", `"x"`, func() any { return &json.RawMessage{} }, ""},
		{"raw null", `null`, func() any { return &json.RawMessage{} }, "the answer is null"},
		{"not JSON", `not json`, func() any { return &map[string]int{} }, "not a JSON object"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int, body []byte) {
				writeJSON(w, http.StatusOK, tc.body)
			})
			c := newTestClient(t, ts, Config{AccessToken: "dal:test-token"})
			err := c.Do(t.Context(), Action("list_things", nil), tc.out())
			if tc.wantErr == "" {
				if err != nil {
					t.Fatalf("Do: %v", err)
				}
				return
			}
			var aerr *AnswerError
			if !errors.As(err, &aerr) || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("err = %v, want an *AnswerError saying %q", err, tc.wantErr)
			}
			if IsNotFound(err) {
				t.Errorf("a malformed answer reads as not found: %v", err)
			}
			if ts.count() != 1 {
				t.Errorf("%d requests, want 1 (a malformed answer to a read is not retried)", ts.count())
			}
		})
	}
}

// A create answered 200 without its documented id was applied: the object is looked up by its
// natural key and never created again.
func TestDo_CreateAnsweredWithoutItsIDIsLookedUpNotResent(t *testing.T) {
	ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int, body []byte) {
		writeJSON(w, http.StatusOK, `{}`)
	})
	c := newTestClient(t, ts, Config{AccessToken: "dal:test-token", MaxRetries: 3})
	var out withID
	looked := 0
	req := Action("register_webhook", map[string]string{"url": "https://example.com"})
	req.Creates = true
	req.Recover = func(ctx context.Context) (bool, error) { looked++; return false, nil }
	err := c.Do(t.Context(), req, &out)
	var amb *AmbiguousError
	if !errors.As(err, &amb) || !strings.Contains(err.Error(), "lacks `id`") {
		t.Fatalf("err = %v, want an *AmbiguousError about the missing id", err)
	}
	if looked != 1 || ts.count() != 1 {
		t.Errorf("looked up %d times, sent %d times; want 1 and 1", looked, ts.count())
	}

	found := Action("register_webhook", nil)
	found.Creates = true
	found.Recover = func(ctx context.Context) (bool, error) { out.ID = "found"; return true, nil }
	if err := c.Do(t.Context(), found, &out); err != nil || out.ID != "found" {
		t.Errorf("with the object found: err = %v, id = %q", err, out.ID)
	}
}

// A batch item answered without its id is an ambiguous create, like a single create.
func TestBatch_CreateItemWithoutItsIDIsAmbiguous(t *testing.T) {
	ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int, body []byte) {
		writeJSON(w, http.StatusOK, `{"responses":[{}]}`)
	})
	c := newTestClient(t, ts, Config{AccessToken: "dal:test-token", Clock: clienttest.NewMovingClock()})
	var out withID
	err := c.Batch(t.Context(), "batch_create_bots", true, map[string]string{"name": "b"}, &out)
	var amb *AmbiguousError
	if !errors.As(err, &amb) || !strings.Contains(err.Error(), "lacks `id`") {
		t.Fatalf("err = %v, want an *AmbiguousError about the missing id", err)
	}
}

// A batch answered without its documented responses list fails every item.
func TestBatch_AnswerWithoutResponsesIsAnError(t *testing.T) {
	ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int, body []byte) {
		writeJSON(w, http.StatusOK, `{}`)
	})
	c := newTestClient(t, ts, Config{AccessToken: "dal:test-token", Clock: clienttest.NewMovingClock()})
	err := c.Batch(t.Context(), "batch_update_agents", false, map[string]string{"id": "a"}, nil)
	var aerr *AnswerError
	if !errors.As(err, &aerr) || !strings.Contains(err.Error(), "lacks `responses`") {
		t.Fatalf("err = %v, want an *AnswerError about the missing responses", err)
	}
}

// An answer over MaxAnswerBytes is an error read no further than the limit: a 400 MB answer
// once took the provider to 5.7 GB.
func TestDo_AnswerOverTheSizeLimitIsAnError(t *testing.T) {
	ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int, body []byte) {
		w.Header().Set("Content-Type", "application/json")
		chunk := []byte(strings.Repeat(`{"name":"x"},`, 1<<16))
		_, _ = w.Write([]byte("["))
		for written := 0; written <= MaxAnswerBytes; written += len(chunk) {
			if _, err := w.Write(chunk); err != nil {
				return // the client hung up, as it should
			}
		}
		_, _ = w.Write([]byte(`{"name":"x"}]`))
	})
	c := newTestClient(t, ts, Config{AccessToken: "dal:test-token"})
	var out itemList
	err := c.Do(t.Context(), Action("list_tags", nil), &out)
	var aerr *AnswerError
	if !errors.As(err, &aerr) || !strings.Contains(err.Error(), "larger than 64 MiB") {
		t.Fatalf("err = %v, want an *AnswerError about the size", err)
	}
	if got := c.Stats().BytesReceived; got > MaxAnswerBytes+1 {
		t.Errorf("read %d bytes, want at most %d", got, MaxAnswerBytes+1)
	}
	if len(out) != 0 {
		t.Errorf("decoded %d items of an answer over the limit", len(out))
	}
}
