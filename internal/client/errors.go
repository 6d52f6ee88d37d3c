package client

import (
	"errors"
	"fmt"
	"net/http"
)

// Error types of the Configuration API v3.6 (its "Possible errors" table).
const (
	ErrTypeAuthentication     = "authentication"
	ErrTypeAuthorization      = "authorization"
	ErrTypeAlreadyExists      = "already_exists"
	ErrTypeGroupNotFound      = "group_not_found"
	ErrTypeInternal           = "internal"
	ErrTypeLicenseExpired     = "license_expired"
	ErrTypeLimitReached       = "limit_reached"
	ErrTypeMisdirectedRequest = "misdirected_request"
	ErrTypeNotFound           = "not_found"
	ErrTypeTooManyRequests    = "too_many_requests"
	ErrTypeValidation         = "validation"
)

// APIError is an error answered by one of the APIs. Type is the v3.6 error
// type when the API gave one; for the status-code-only APIs (Partner v2,
// legacy REST v2) it is derived from Status so that the Is* helpers work
// the same for all three.
type APIError struct {
	API     API
	Status  int
	Type    string
	Message string
	Data    map[string]any
	// Action or path of the call, for messages.
	Operation string
}

func (e *APIError) Error() string {
	msg := e.Message
	if msg == "" {
		msg = http.StatusText(e.Status)
	}
	return fmt.Sprintf("%s %s: %s (%s, HTTP %d)", e.API, e.Operation, msg, e.Type, e.Status)
}

// typeForStatus gives APIs without typed errors a v3.6-style type.
func typeForStatus(status int) string {
	switch status {
	case http.StatusUnauthorized:
		return ErrTypeAuthentication
	case http.StatusForbidden:
		return ErrTypeAuthorization
	case http.StatusNotFound:
		return ErrTypeNotFound
	case http.StatusConflict:
		return ErrTypeAlreadyExists
	case http.StatusTooManyRequests:
		return ErrTypeTooManyRequests
	case http.StatusMisdirectedRequest:
		return ErrTypeMisdirectedRequest
	case http.StatusBadRequest, http.StatusUnprocessableEntity:
		return ErrTypeValidation
	}
	if status >= 500 {
		return ErrTypeInternal
	}
	return "http_" + fmt.Sprint(status)
}

func asAPIError(err error) (*APIError, bool) {
	var apiErr *APIError
	ok := errors.As(err, &apiErr)
	return apiErr, ok
}

// IsNotFound reports whether the API said the object does not exist.
// group_not_found counts: it is the documented not-found of a group.
func IsNotFound(err error) bool {
	e, ok := asAPIError(err)
	return ok && (e.Type == ErrTypeNotFound || e.Type == ErrTypeGroupNotFound)
}

// IsGroupNotFound reports the v3.6 group_not_found error: a write referred
// to a group that does not exist (or has not propagated yet).
func IsGroupNotFound(err error) bool {
	e, ok := asAPIError(err)
	return ok && e.Type == ErrTypeGroupNotFound
}

// IsAlreadyExists reports whether a create collided with an existing object.
func IsAlreadyExists(err error) bool {
	e, ok := asAPIError(err)
	return ok && e.Type == ErrTypeAlreadyExists
}

// IsRateLimited reports a too_many_requests answer that outlived the retries.
func IsRateLimited(err error) bool {
	e, ok := asAPIError(err)
	return ok && e.Type == ErrTypeTooManyRequests
}

// IsValidation reports a request the API refused as malformed.
func IsValidation(err error) bool {
	e, ok := asAPIError(err)
	return ok && e.Type == ErrTypeValidation
}

// IsAuthentication reports refused credentials.
func IsAuthentication(err error) bool {
	e, ok := asAPIError(err)
	return ok && e.Type == ErrTypeAuthentication
}

// MissingCredentialsError is returned before any request is sent when the
// API that a call needs has no credentials configured. Which settings supply
// them is for the program that configured the client to say.
type MissingCredentialsError struct {
	API API
}

func (e *MissingCredentialsError) Error() string {
	var takes string
	switch e.API {
	case Configuration:
		takes = "an OAuth access token, or a personal access token with its account ID"
	case Legacy:
		takes = "an OAuth access token, or a personal access token with its login e-mail"
	case Partner:
		takes = "a Partner API token"
	default:
		return fmt.Sprintf("no credentials for the %s", e.API)
	}
	return fmt.Sprintf("no credentials for the %s: it takes %s", e.API, takes)
}

// AmbiguousError wraps a failure after which the server may or may not have
// applied a write (connection dropped after sending, 5xx to a creating POST).
type AmbiguousError struct{ Err error }

func (e *AmbiguousError) Error() string { return "outcome unknown: " + e.Err.Error() }
func (e *AmbiguousError) Unwrap() error { return e.Err }

// ErrorType returns the API error type of err, or "" when err is no *APIError.
func ErrorType(err error) string {
	if e, ok := asAPIError(err); ok {
		return e.Type
	}
	return ""
}

// RedirectError is a 3xx answer. The APIs do not redirect, so the client never follows one: it
// could carry the credentials to another host, port or scheme.
type RedirectError struct {
	API       API
	Operation string
	Status    int
	Location  string
}

func (e *RedirectError) Error() string {
	return fmt.Sprintf("%s %s: the server answered HTTP %d, a redirect to %q; the LiveChat APIs do not redirect, so it was not followed and nothing was sent there (check api_url)",
		e.API, e.Operation, e.Status, RedactURL(e.Location))
}
