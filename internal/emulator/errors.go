package emulator

import (
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"time"
)

// Error types of the Configuration API v3.6 ("Errors" section of the reference).
const (
	errTypeAuthentication     = "authentication"
	errTypeAuthorization      = "authorization"
	errTypeAlreadyExists      = "already_exists"
	errTypeGroupNotFound      = "group_not_found"
	errTypeInternal           = "internal"
	errTypeLicenseExpired     = "license_expired"
	errTypeLimitReached       = "limit_reached"
	errTypeMisdirectedRequest = "misdirected_request"
	errTypeNotFound           = "not_found"
	errTypeTooManyRequests    = "too_many_requests"
	errTypeOwnershipTransfer  = "ownership_transfer"
	errTypeUnsupportedVersion = "unsupported_version"
	errTypeValidation         = "validation"
)

// errorKind holds the documented default message of an error type and the HTTP status the emulator
// answers with (the reference gives no statuses for v3.6; the choice is recorded in API-NOTES.md).
type errorKind struct {
	status  int
	message string
}

var errorKinds = map[string]errorKind{
	errTypeAuthentication:     {http.StatusUnauthorized, "Authentication error"},
	errTypeAuthorization:      {http.StatusForbidden, "Authorization error"},
	errTypeAlreadyExists:      {http.StatusConflict, "Already exists"},
	errTypeGroupNotFound:      {http.StatusNotFound, "Group not found"},
	errTypeInternal:           {http.StatusInternalServerError, "Internal server error"},
	errTypeLicenseExpired:     {http.StatusPaymentRequired, "License expired"},
	errTypeLimitReached:       {http.StatusUnprocessableEntity, "Limit reached"},
	errTypeMisdirectedRequest: {http.StatusMisdirectedRequest, "Wrong region"},
	errTypeNotFound:           {http.StatusNotFound, "Not found"},
	errTypeTooManyRequests:    {http.StatusTooManyRequests, "Too many requests"},
	errTypeOwnershipTransfer:  {http.StatusBadRequest, "Invalid transfer ownership request"},
	errTypeUnsupportedVersion: {http.StatusBadRequest, "Cannot call unsupported API versions."},
	errTypeValidation:         {http.StatusBadRequest, "Wrong format of request"},
}

// apiError is an error in the documented v3.6 shape {"error":{"type","message","data"}}.
type apiError struct {
	Status     int
	Type       string
	Message    string
	Data       map[string]any
	RetryAfter time.Duration // too_many_requests only: sent as the Retry-After header
}

func (e *apiError) Error() string { return e.Type + ": " + e.Message }

// newError builds an error of a documented type; an empty message means the default message.
func newError(typ, message string) *apiError {
	k, ok := errorKinds[typ]
	if !ok {
		k = errorKinds[errTypeInternal]
	}
	if message == "" {
		message = k.message
	}
	return &apiError{Status: k.status, Type: typ, Message: message}
}

func errValidation(format string, args ...any) *apiError {
	return newError(errTypeValidation, fmt.Sprintf(format, args...))
}

func errWrongFormat() *apiError             { return newError(errTypeValidation, "") }
func errAuthentication() *apiError          { return newError(errTypeAuthentication, "") }
func errAuthorization(msg string) *apiError { return newError(errTypeAuthorization, msg) }
func errNotFound() *apiError                { return newError(errTypeNotFound, "") }
func errGroupNotFound() *apiError           { return newError(errTypeGroupNotFound, "") }
func errAlreadyExists() *apiError           { return newError(errTypeAlreadyExists, "") }
func errLimitReached() *apiError            { return newError(errTypeLimitReached, "") }
func errInternal() *apiError                { return newError(errTypeInternal, "") }
func errUnsupportedVersion() *apiError      { return newError(errTypeUnsupportedVersion, "") }

func errMisdirected(region string) *apiError {
	e := newError(errTypeMisdirectedRequest, "")
	e.Data = map[string]any{"region": region}
	return e
}

func errTooManyRequests(retryAfter time.Duration) *apiError {
	e := newError(errTypeTooManyRequests, "")
	e.RetryAfter = retryAfter
	return e
}

// payload is the value of the "error" key.
func (e *apiError) payload() map[string]any {
	p := map[string]any{"type": e.Type, "message": e.Message}
	if len(e.Data) > 0 {
		p["data"] = e.Data
	}
	return p
}

// writeJSON writes v as the JSON body of a response with the given status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		b, _ = json.Marshal(map[string]any{"error": errInternal().payload()})
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(append(b, '\n'))
}

// writeError writes e in the documented error shape, with Retry-After when e carries one.
func writeError(w http.ResponseWriter, e *apiError) {
	if e.RetryAfter > 0 {
		secs := int(math.Ceil(e.RetryAfter.Seconds()))
		w.Header().Set("Retry-After", strconv.Itoa(secs))
	}
	writeJSON(w, e.Status, map[string]any{"error": e.payload()})
}
