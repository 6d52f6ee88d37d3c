package client

import (
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestAPIError_ParsedFromV36Shape(t *testing.T) {
	ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int, body []byte) {
		writeJSON(w, http.StatusUnprocessableEntity,
			`{"error":{"type":"limit_reached","message":"Too many groups","data":{"limit":100,"kind":"groups"}}}`)
	})
	c := newTestClient(t, ts, Config{AccessToken: "dal:test-token"})
	err := c.Do(t.Context(), Action("create_group", map[string]any{"name": "g"}), nil)

	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("error %v (%T) is not an *APIError", err, err)
	}
	want := &APIError{
		API: Configuration, Status: http.StatusUnprocessableEntity, Type: ErrTypeLimitReached,
		Message: "Too many groups", Data: map[string]any{"limit": float64(100), "kind": "groups"},
		Operation: "create_group",
	}
	if !reflect.DeepEqual(apiErr, want) {
		t.Errorf("APIError = %+v, want %+v", apiErr, want)
	}
	msg := apiErr.Error()
	for _, part := range []string{"create_group", "Too many groups", "limit_reached", "422"} {
		if !strings.Contains(msg, part) {
			t.Errorf("Error() = %q does not mention %q", msg, part)
		}
	}
	if ts.count() != 1 {
		t.Errorf("%d requests, want 1 (422 is not retried)", ts.count())
	}
}

func TestErrorHelpers(t *testing.T) {
	type helper struct {
		name string
		fn   func(error) bool
	}
	helpers := []helper{
		{"IsNotFound", IsNotFound},
		{"IsGroupNotFound", IsGroupNotFound},
		{"IsAlreadyExists", IsAlreadyExists},
		{"IsRateLimited", IsRateLimited},
		{"IsValidation", IsValidation},
		{"IsAuthentication", IsAuthentication},
	}
	tests := []struct {
		status  int
		typ     string
		trueFor []string // helpers that must report true; all others false
	}{
		{http.StatusNotFound, ErrTypeNotFound, []string{"IsNotFound"}},
		{http.StatusNotFound, ErrTypeGroupNotFound, []string{"IsNotFound", "IsGroupNotFound"}},
		{http.StatusUnprocessableEntity, ErrTypeAlreadyExists, []string{"IsAlreadyExists"}},
		{http.StatusTooManyRequests, ErrTypeTooManyRequests, []string{"IsRateLimited"}},
		{http.StatusBadRequest, ErrTypeValidation, []string{"IsValidation"}},
		{http.StatusUnauthorized, ErrTypeAuthentication, []string{"IsAuthentication"}},
		{http.StatusForbidden, ErrTypeAuthorization, nil},
		{http.StatusUnprocessableEntity, ErrTypeLimitReached, nil},
	}
	for _, tt := range tests {
		t.Run(tt.typ, func(t *testing.T) {
			ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int, body []byte) {
				writeJSON(w, tt.status, errorBody(tt.typ, "msg"))
			})
			// A 429 is retried until ThrottledFor has passed.
			c := newTestClient(t, ts, Config{AccessToken: "dal:test-token", ThrottledFor: 10 * time.Millisecond})
			err := c.Do(t.Context(), Action("get_thing", nil), nil)
			if err == nil {
				t.Fatal("no error")
			}
			wrapped := fmt.Errorf("reading thing: %w", fmt.Errorf("attempt: %w", err))
			for _, h := range helpers {
				want := false
				for _, name := range tt.trueFor {
					want = want || name == h.name
				}
				if got := h.fn(err); got != want {
					t.Errorf("%s(err) = %v, want %v", h.name, got, want)
				}
				if got := h.fn(wrapped); got != want {
					t.Errorf("%s(wrapped) = %v, want %v", h.name, got, want)
				}
			}
		})
	}
}

func TestErrorHelpers_NotAPIErrors(t *testing.T) {
	for _, err := range []error{
		nil,
		errors.New("not_found"),
		errors.New("API error: already_exists (HTTP 404)"),
		fmt.Errorf("wrapped: %w", errors.New("too_many_requests")),
		&MissingCredentialsError{API: Partner},
	} {
		if IsNotFound(err) || IsGroupNotFound(err) || IsAlreadyExists(err) || IsRateLimited(err) || IsValidation(err) || IsAuthentication(err) {
			t.Errorf("a helper classified %v by its text", err)
		}
	}
}

// Partner API v2 and the legacy REST API answer errors by status code, with
// varying or no bodies; the helpers must work the same as for v3.6.
func TestAPIError_StatusOnlyAPIs(t *testing.T) {
	tests := []struct {
		name     string
		api      API
		status   int
		body     string
		wantType string
		wantMsg  string
		helper   func(error) bool
	}{
		{"partner 404 empty", Partner, http.StatusNotFound, "", ErrTypeNotFound, "", IsNotFound},
		{"partner 409", Partner, http.StatusConflict, `{"message":"already there"}`, ErrTypeAlreadyExists, "already there", IsAlreadyExists},
		{"partner 401", Partner, http.StatusUnauthorized, `{"error":"invalid token"}`, ErrTypeAuthentication, "invalid token", IsAuthentication},
		{"legacy 404 text", Legacy, http.StatusNotFound, "Not Found", ErrTypeNotFound, "", IsNotFound},
		{"legacy 409", Legacy, http.StatusConflict, `{"error":"Conflict"}`, ErrTypeAlreadyExists, "Conflict", IsAlreadyExists},
		{"legacy 401", Legacy, http.StatusUnauthorized, `{"error":"Unauthorized"}`, ErrTypeAuthentication, "Unauthorized", IsAuthentication},
		{"legacy 422 errors list", Legacy, http.StatusUnprocessableEntity, `{"errors":["name is required","bad url"]}`, ErrTypeValidation, "name is required; bad url", IsValidation},
		{"legacy 400", Legacy, http.StatusBadRequest, `{}`, ErrTypeValidation, "", IsValidation},
		{"partner 403", Partner, http.StatusForbidden, "", ErrTypeAuthorization, "", func(err error) bool { e, ok := asAPIError(err); return ok && e.Type == ErrTypeAuthorization }},
		{"legacy 418", Legacy, http.StatusTeapot, "", "http_418", "", func(err error) bool { e, ok := asAPIError(err); return ok && e.Status == http.StatusTeapot }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int, body []byte) {
				w.WriteHeader(tt.status)
				_, _ = w.Write([]byte(tt.body))
			})
			c := newTestClient(t, ts, Config{AccessToken: "dal:test-token", PartnerToken: "p"})
			err := c.Do(t.Context(), Request{API: tt.api, Method: http.MethodGet, Path: "/v2/things/1"}, nil)
			var apiErr *APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("error %v is not an *APIError", err)
			}
			if apiErr.Status != tt.status || apiErr.Type != tt.wantType || apiErr.Message != tt.wantMsg || apiErr.API != tt.api {
				t.Errorf("APIError = %+v, want status %d type %q message %q", apiErr, tt.status, tt.wantType, tt.wantMsg)
			}
			if apiErr.Operation != "GET /v2/things/1" {
				t.Errorf("Operation = %q", apiErr.Operation)
			}
			if !tt.helper(fmt.Errorf("ctx: %w", err)) {
				t.Errorf("helper does not recognize the wrapped error %v", err)
			}
			if apiErr.Error() == "" || !strings.Contains(apiErr.Error(), "GET /v2/things/1") {
				t.Errorf("Error() = %q", apiErr.Error())
			}
		})
	}
}

func TestTypeForStatus(t *testing.T) {
	for status, want := range map[int]string{
		400: ErrTypeValidation, 401: ErrTypeAuthentication, 403: ErrTypeAuthorization, 404: ErrTypeNotFound,
		409: ErrTypeAlreadyExists, 421: ErrTypeMisdirectedRequest, 422: ErrTypeValidation, 429: ErrTypeTooManyRequests,
		500: ErrTypeInternal, 502: ErrTypeInternal, 503: ErrTypeInternal, 418: "http_418",
	} {
		if got := typeForStatus(status); got != want {
			t.Errorf("typeForStatus(%d) = %q, want %q", status, got, want)
		}
	}
}

func TestAPIError_TypeFromBodyWinsOverStatus(t *testing.T) {
	e := parseError(Configuration, "update_group", &response{status: http.StatusBadRequest, body: []byte(errorBody("group_not_found", "Group not found"))})
	if e.Type != ErrTypeGroupNotFound || !IsNotFound(e) || IsValidation(e) {
		t.Errorf("parseError = %+v, want group_not_found", e)
	}
}

func TestAmbiguousError_Unwraps(t *testing.T) {
	inner := &APIError{API: Configuration, Status: 503, Type: ErrTypeInternal, Operation: "create_agent"}
	err := fmt.Errorf("create: %w", &AmbiguousError{Err: inner})
	var amb *AmbiguousError
	if !errors.As(err, &amb) {
		t.Fatal("AmbiguousError not found with errors.As")
	}
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr != inner {
		t.Error("AmbiguousError does not unwrap to its cause")
	}
	if !strings.Contains(err.Error(), "outcome unknown") {
		t.Errorf("Error() = %q", err.Error())
	}
}
