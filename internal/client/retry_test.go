package client

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

func TestRetry_RateLimitedThenOK(t *testing.T) {
	ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int, body []byte) {
		if n == 0 {
			writeJSON(w, http.StatusTooManyRequests, errorBody("too_many_requests", "Too many requests"))
			return
		}
		writeJSON(w, http.StatusOK, `{"n":1}`)
	})
	c := newTestClient(t, ts, Config{AccessToken: "dal:test-token", MaxRetries: 3})
	var out struct{ N int }
	if err := c.Do(t.Context(), Action("list_agents", nil), &out); err != nil {
		t.Fatalf("Do: %v", err)
	}
	if out.N != 1 {
		t.Error("answer after the retry not decoded")
	}
	if n := ts.count(); n != 2 {
		t.Errorf("%d requests, want 2", n)
	}
	if s := c.Stats(); s.Requests != 2 || s.Retries != 1 {
		t.Errorf("stats = %+v, want 2 requests, 1 retry", s)
	}
}

// A throttled call is not bounded by max_retries: it waits its turn for as
// long as its operation may last.
func TestRetry_RateLimitedBeyondMaxRetries(t *testing.T) {
	ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int, body []byte) {
		if n < 6 {
			writeJSON(w, http.StatusTooManyRequests, errorBody("too_many_requests", "Too many requests"))
			return
		}
		writeJSON(w, http.StatusOK, `{}`)
	})
	c := newTestClient(t, ts, Config{AccessToken: "dal:test-token", MaxRetries: 1})
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	if err := c.Do(ctx, Action("list_agents", nil), nil); err != nil {
		t.Fatalf("Do: %v", err)
	}
	if n := ts.count(); n != 7 {
		t.Errorf("%d requests, want 7", n)
	}
	if s := c.Stats(); s.Throttled != 6 {
		t.Errorf("%d throttled answers counted, want 6", s.Throttled)
	}
}

// The operation's deadline ends a throttled call's retries.
func TestRetry_RateLimitedUntilTheDeadline(t *testing.T) {
	ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int, body []byte) {
		writeJSON(w, http.StatusTooManyRequests, errorBody("too_many_requests", "Too many requests"))
	})
	c := newTestClient(t, ts, Config{AccessToken: "dal:test-token", MaxRetries: 1})
	// Long enough for more than max_retries+1 attempts of a few milliseconds each on a loaded machine.
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Second)
	defer cancel()
	err := c.Do(ctx, Action("list_agents", nil), nil)
	if !IsRateLimited(err) {
		t.Fatalf("error = %v, want too_many_requests", err)
	}
	if n := ts.count(); n <= 2 {
		t.Errorf("%d requests: the retries stopped at max_retries, not at the deadline", n)
	}
}

// Without a deadline (a data source), ThrottledFor bounds the retries.
func TestRetry_RateLimitedWithoutDeadline(t *testing.T) {
	ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int, body []byte) {
		writeJSON(w, http.StatusTooManyRequests, errorBody("too_many_requests", "Too many requests"))
	})
	c := newTestClient(t, ts, Config{AccessToken: "dal:test-token", ThrottledFor: 200 * time.Millisecond})
	err := c.Do(t.Context(), Action("list_agents", nil), nil)
	if !IsRateLimited(err) || !strings.Contains(err.Error(), "still rate limited after 200ms") {
		t.Fatalf("error = %v, want too_many_requests after 200ms", err)
	}
}

// retryWaits returns the wait_ms of every "retrying request" log entry.
func retryWaits(t *testing.T, buf *bytes.Buffer) []float64 {
	t.Helper()
	entries, err := tflogtest.MultilineJSONDecode(buf)
	if err != nil {
		t.Fatalf("decoding logs: %v", err)
	}
	var waits []float64
	for _, e := range entries {
		if e["@message"] == "retrying request" {
			w, ok := e["wait_ms"].(float64)
			if !ok {
				t.Errorf("retry log entry without numeric wait_ms: %v", e)
			}
			waits = append(waits, w)
		}
	}
	return waits
}

func TestRetry_RetryAfterHonoured(t *testing.T) {
	ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int, body []byte) {
		if n == 0 {
			w.Header().Set("Retry-After", "1")
			writeJSON(w, http.StatusTooManyRequests, errorBody("too_many_requests", "Too many requests"))
			return
		}
		writeJSON(w, http.StatusOK, `{}`)
	})
	// Backoffs of a few milliseconds: only Retry-After can make the wait 1 s.
	c := newTestClient(t, ts, Config{AccessToken: "dal:test-token", MaxRetries: 3})
	var buf bytes.Buffer
	ctx := tflogtest.RootLogger(t.Context(), &buf)
	if err := c.Do(ctx, Action("list_agents", nil), nil); err != nil {
		t.Fatalf("Do: %v", err)
	}
	if n := ts.count(); n != 2 {
		t.Errorf("%d requests, want 2", n)
	}
	waits := retryWaits(t, &buf)
	if len(waits) != 1 {
		t.Fatalf("got %d retry log entries, want 1", len(waits))
	}
	if waits[0] < 1000 {
		t.Errorf("wait_ms = %v, want >= 1000 (Retry-After: 1)", waits[0])
	}
}

func TestRetry_RetryAfterBeyondDeadlineGivesUpAtOnce(t *testing.T) {
	ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int, body []byte) {
		w.Header().Set("Retry-After", "3600")
		writeJSON(w, http.StatusTooManyRequests, errorBody("too_many_requests", "Too many requests"))
	})
	c := newTestClient(t, ts, Config{AccessToken: "dal:test-token", MaxRetries: 5})
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	defer cancel()
	err := c.Do(ctx, Action("list_agents", nil), nil)
	if !IsRateLimited(err) {
		t.Fatalf("error = %v, want too_many_requests", err)
	}
	if ctx.Err() != nil {
		t.Error("Do waited for the deadline instead of giving up when Retry-After exceeds it")
	}
	if n := ts.count(); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}

func TestRetry_ServerErrorsUpToMaxRetries(t *testing.T) {
	for _, status := range []int{http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable} {
		t.Run(strconv.Itoa(status), func(t *testing.T) {
			ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int, body []byte) {
				writeJSON(w, status, `{"error":{"type":"internal","message":"attempt `+strconv.Itoa(n)+`"}}`)
			})
			const maxRetries = 3
			c := newTestClient(t, ts, Config{AccessToken: "dal:test-token", MaxRetries: maxRetries})
			err := c.Do(t.Context(), Action("update_agent", map[string]string{"id": "a"}), nil)
			var apiErr *APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("error = %v, want *APIError", err)
			}
			if apiErr.Status != status || apiErr.Type != ErrTypeInternal {
				t.Errorf("APIError = %+v", apiErr)
			}
			if apiErr.Message != "attempt "+strconv.Itoa(maxRetries) {
				t.Errorf("message %q: not the last attempt's error", apiErr.Message)
			}
			if n := ts.count(); n != maxRetries+1 {
				t.Errorf("%d requests, want %d", n, maxRetries+1)
			}
			if s := c.Stats(); s.Requests != maxRetries+1 || s.Retries != maxRetries {
				t.Errorf("stats = %+v", s)
			}
		})
	}
}

func TestRetry_ServerErrorStatusOnly(t *testing.T) {
	ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int, body []byte) {
		if n < 2 {
			w.WriteHeader(http.StatusBadGateway)
			return
		}
		writeJSON(w, http.StatusOK, `[]`)
	})
	c := newTestClient(t, ts, Config{PartnerToken: "p", MaxRetries: 2})
	if err := c.Do(t.Context(), Request{API: Partner, Method: http.MethodGet, Path: "/v2/partners/apps"}, nil); err != nil {
		t.Fatalf("Do: %v", err)
	}
	if n := ts.count(); n != 3 {
		t.Errorf("%d requests, want 3", n)
	}
}

func TestRetry_ClientErrorsNotRetried(t *testing.T) {
	tests := []struct {
		status int
		typ    string
		check  func(error) bool
	}{
		{http.StatusBadRequest, ErrTypeValidation, IsValidation},
		{http.StatusNotFound, ErrTypeNotFound, IsNotFound},
		{http.StatusUnauthorized, ErrTypeAuthentication, IsAuthentication},
	}
	for _, tt := range tests {
		t.Run(tt.typ, func(t *testing.T) {
			ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int, body []byte) {
				writeJSON(w, tt.status, errorBody(tt.typ, "no"))
			})
			c := newTestClient(t, ts, Config{AccessToken: "dal:test-token", MaxRetries: 5})
			err := c.Do(t.Context(), Action("update_agent", map[string]string{"id": "a"}), nil)
			if !tt.check(err) {
				t.Fatalf("error = %v", err)
			}
			if n := ts.count(); n != 1 {
				t.Errorf("%d requests, want 1", n)
			}
		})
	}
}

func TestRetry_ConnectionErrorRetriedForReads(t *testing.T) {
	ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int, body []byte) {
		if n < 2 {
			dropConnection(t, w)
			return
		}
		writeJSON(w, http.StatusOK, `{"id":"a"}`)
	})
	c := newTestClient(t, ts, Config{AccessToken: "dal:test-token", MaxRetries: 3})
	var out struct{ ID string }
	if err := c.Do(t.Context(), Action("get_agent", map[string]string{"id": "a"}), &out); err != nil {
		t.Fatalf("Do: %v", err)
	}
	if out.ID != "a" {
		t.Error("answer not decoded")
	}
	if n := ts.count(); n != 3 {
		t.Errorf("%d requests, want 3", n)
	}
}

func TestRetry_ConnectionErrorBeyondMaxRetries(t *testing.T) {
	ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int, body []byte) {
		dropConnection(t, w)
	})
	c := newTestClient(t, ts, Config{AccessToken: "dal:test-token", MaxRetries: 1})
	err := c.Do(t.Context(), Action("get_agent", map[string]string{"id": "a"}), nil)
	if err == nil {
		t.Fatal("no error")
	}
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		t.Errorf("transport failure reported as an API answer: %v", err)
	}
	if n := ts.count(); n != 2 {
		t.Errorf("%d requests, want 2", n)
	}
}

func TestRetry_ContextDeadlineBoundsTheLoop(t *testing.T) {
	ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int, body []byte) {
		writeJSON(w, http.StatusServiceUnavailable, errorBody("internal", "down"))
	})
	const maxRetries = 100000
	c := newTestClient(t, ts, Config{AccessToken: "dal:test-token", MaxRetries: maxRetries, MinBackoff: 2 * time.Millisecond, MaxBackoff: 5 * time.Millisecond})
	ctx, cancel := context.WithTimeout(t.Context(), 150*time.Millisecond)
	defer cancel()
	err := c.Do(ctx, Action("list_agents", nil), nil)
	if err == nil {
		t.Fatal("no error")
	}
	var apiErr *APIError
	if !errors.As(err, &apiErr) && !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error = %v, want the last API error or the deadline", err)
	}
	if n := ts.count(); n >= maxRetries+1 {
		t.Errorf("%d requests: the deadline did not bound the retries", n)
	}
}

func TestRetry_CancelledContextStopsAtOnce(t *testing.T) {
	ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int, body []byte) {
		writeJSON(w, http.StatusOK, `{}`)
	})
	c := newTestClient(t, ts, Config{AccessToken: "dal:test-token", MaxRetries: 5})
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	err := c.Do(ctx, Action("list_agents", nil), nil)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error = %v, want context.Canceled", err)
	}
	if n := ts.count(); n != 0 {
		t.Errorf("%d requests sent on a canceled context", n)
	}
}

// A creating call is never blindly replayed; the typed methods in the API
// packages test the look-up path with real actions, this covers the core.
func TestRetry_CreateAfterAmbiguousFailure(t *testing.T) {
	type step func(w http.ResponseWriter)
	tests := []struct {
		name          string
		answers       []step // per create attempt
		recover       func(calls *atomic.Int32) func(context.Context) (bool, error)
		proves        bool // Request.AlreadyExistsProves
		wantErr       func(error) bool
		wantAttempts  int
		wantRecovers  int32
		wantRecovered int64
	}{
		{
			name:         "no recover: dropped connection is not re-sent",
			answers:      []step{nil},
			wantErr:      func(err error) bool { var a *AmbiguousError; return errors.As(err, &a) },
			wantAttempts: 1,
		},
		{
			name:         "no recover: 500 is not re-sent",
			answers:      []step{func(w http.ResponseWriter) { writeJSON(w, 500, errorBody("internal", "x")) }},
			wantErr:      func(err error) bool { var a *AmbiguousError; return errors.As(err, &a) && !IsNotFound(err) },
			wantAttempts: 1,
		},
		{
			name:    "recover finds it",
			answers: []step{nil},
			recover: func(calls *atomic.Int32) func(context.Context) (bool, error) {
				return func(context.Context) (bool, error) { calls.Add(1); return true, nil }
			},
			wantErr:       func(err error) bool { return err == nil },
			wantAttempts:  1,
			wantRecovers:  1,
			wantRecovered: 1,
		},
		{
			name: "recover does not find it: re-sent once",
			answers: []step{nil, func(w http.ResponseWriter) {
				writeJSON(w, 200, `{"id":"new"}`)
			}},
			recover: func(calls *atomic.Int32) func(context.Context) (bool, error) {
				return func(context.Context) (bool, error) { calls.Add(1); return false, nil }
			},
			wantErr:      func(err error) bool { return err == nil },
			wantAttempts: 2,
			wantRecovers: 1,
		},
		{
			name: "re-sent create answered already_exists",
			answers: []step{
				func(w http.ResponseWriter) { writeJSON(w, 503, errorBody("internal", "x")) },
				func(w http.ResponseWriter) { writeJSON(w, 400, errorBody("already_exists", "exists")) },
			},
			recover: func(calls *atomic.Int32) func(context.Context) (bool, error) {
				return func(context.Context) (bool, error) { calls.Add(1); return false, nil }
			},
			proves:        true,
			wantErr:       func(err error) bool { return err == nil },
			wantAttempts:  2,
			wantRecovers:  1,
			wantRecovered: 1,
		},
		{
			name: "re-sent create answered already_exists for a key taken before: the answer stands",
			answers: []step{
				func(w http.ResponseWriter) { writeJSON(w, 503, errorBody("internal", "x")) },
				func(w http.ResponseWriter) { writeJSON(w, 400, errorBody("already_exists", "exists")) },
			},
			recover: func(calls *atomic.Int32) func(context.Context) (bool, error) {
				return func(context.Context) (bool, error) { calls.Add(1); return false, nil }
			},
			wantErr:      IsAlreadyExists,
			wantAttempts: 2,
			wantRecovers: 1,
		},
		{
			name:    "look-up fails too",
			answers: []step{nil},
			recover: func(calls *atomic.Int32) func(context.Context) (bool, error) {
				return func(context.Context) (bool, error) { calls.Add(1); return false, errors.New("lookup broke") }
			},
			wantErr:      func(err error) bool { var a *AmbiguousError; return errors.As(err, &a) },
			wantAttempts: 1,
			wantRecovers: 1,
		},
		{
			name: "429 is not ambiguous: retried without a look-up",
			answers: []step{
				func(w http.ResponseWriter) { writeJSON(w, 429, errorBody("too_many_requests", "slow down")) },
				func(w http.ResponseWriter) { writeJSON(w, 200, `{}`) },
			},
			recover: func(calls *atomic.Int32) func(context.Context) (bool, error) {
				return func(context.Context) (bool, error) { calls.Add(1); return true, nil }
			},
			wantErr:      func(err error) bool { return err == nil },
			wantAttempts: 2,
		},
		{
			name:    "already_exists without an ambiguous attempt is an error",
			answers: []step{func(w http.ResponseWriter) { writeJSON(w, 400, errorBody("already_exists", "exists")) }},
			recover: func(calls *atomic.Int32) func(context.Context) (bool, error) {
				return func(context.Context) (bool, error) { calls.Add(1); return true, nil }
			},
			wantErr:      IsAlreadyExists,
			wantAttempts: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int, body []byte) {
				if n >= len(tt.answers) {
					t.Errorf("unexpected attempt %d", n+1)
					writeJSON(w, 500, errorBody("internal", "unexpected"))
					return
				}
				if tt.answers[n] == nil {
					dropConnection(t, w)
					return
				}
				tt.answers[n](w)
			})
			c := newTestClient(t, ts, Config{AccessToken: "dal:test-token", MaxRetries: 3})
			var recovers atomic.Int32
			req := Action("create_thing", map[string]string{"name": "n"})
			req.Creates = true
			req.AlreadyExistsProves = tt.proves
			if tt.recover != nil {
				req.Recover = tt.recover(&recovers)
			}
			err := c.Do(t.Context(), req, nil)
			if !tt.wantErr(err) {
				t.Errorf("unexpected error result: %v", err)
			}
			if n := ts.count(); n != tt.wantAttempts {
				t.Errorf("%d create attempts, want %d", n, tt.wantAttempts)
			}
			if got := recovers.Load(); got != tt.wantRecovers {
				t.Errorf("%d look-ups, want %d", got, tt.wantRecovers)
			}
			if got := c.Stats().Recovered; got != tt.wantRecovered {
				t.Errorf("Stats().Recovered = %d, want %d", got, tt.wantRecovered)
			}
		})
	}
}

func TestParseRetryAfter(t *testing.T) {
	future := time.Now().Add(time.Hour).UTC().Format(http.TimeFormat)
	past := time.Now().Add(-time.Hour).UTC().Format(http.TimeFormat)
	if got := parseRetryAfter("3"); got != 3*time.Second {
		t.Errorf("parseRetryAfter(3) = %v", got)
	}
	for _, v := range []string{"", "-1", "soon", past, "0"} {
		if got := parseRetryAfter(v); got != 0 {
			t.Errorf("parseRetryAfter(%q) = %v, want 0", v, got)
		}
	}
	if got := parseRetryAfter(future); got <= 58*time.Minute || got > time.Hour {
		t.Errorf("parseRetryAfter(date in an hour) = %v", got)
	}
}

func TestBackoffStaysWithinBounds(t *testing.T) {
	c, err := New(Config{MinBackoff: 10 * time.Millisecond, MaxBackoff: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	for attempt := range 40 {
		for range 20 {
			d := c.backoff(attempt)
			full := min(10*time.Millisecond<<min(attempt, 16), 100*time.Millisecond)
			if d < full/2 || d > full {
				t.Fatalf("backoff(%d) = %v, want within [%v, %v]", attempt, d, full/2, full)
			}
		}
	}
}

// Terraform cancels the context on Ctrl-C. A create not sent yet is not sent; one whose first
// attempt failed unclearly gets one last look on a context of its own, so that the object it may
// have made still reaches the caller.
func TestRetry_InterruptedCreate(t *testing.T) {
	t.Run("cancelled before it was sent: nothing is sent", func(t *testing.T) {
		ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int, body []byte) { writeJSON(w, 200, `{}`) })
		c := newTestClient(t, ts, Config{AccessToken: "dal:test-token", MaxRetries: 3})
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		req := Action("create_thing", nil)
		req.Creates = true
		if err := c.Do(ctx, req, nil); !errors.Is(err, context.Canceled) {
			t.Errorf("error = %v, want context.Canceled", err)
		}
		if n := ts.count(); n != 0 {
			t.Errorf("%d requests sent on a cancelled context", n)
		}
	})
	t.Run("cancelled while the answer was lost: the last look adopts", func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int, body []byte) {
			cancel() // Ctrl-C while the request is on the wire
			dropConnection(t, w)
		})
		c := newTestClient(t, ts, Config{AccessToken: "dal:test-token", MaxRetries: 3})
		req := Action("create_thing", nil)
		req.Creates = true
		req.RecoverWaits = true
		req.Recover = func(ctx context.Context) (bool, error) { return ctx.Err() == nil, ctx.Err() }
		if err := c.Do(ctx, req, nil); err != nil {
			t.Errorf("error = %v, want the object the last look found", err)
		}
		if n := ts.count(); n != 1 {
			t.Errorf("%d requests, want the one create", n)
		}
	})
	t.Run("cancelled and not found: unclear, not re-sent", func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request, n int, body []byte) {
			cancel()
			dropConnection(t, w)
		})
		c := newTestClient(t, ts, Config{AccessToken: "dal:test-token", MaxRetries: 3})
		req := Action("create_thing", nil)
		req.Creates = true
		req.Recover = func(context.Context) (bool, error) { return false, nil }
		var amb *AmbiguousError
		if err := c.Do(ctx, req, nil); !errors.As(err, &amb) {
			t.Errorf("error = %v, want an unclear outcome", err)
		}
		if n := ts.count(); n != 1 {
			t.Errorf("%d requests, want the one create", n)
		}
	})
}

// A waiting Recover keeps looking for an object that shows up late (the
// propagation delay) instead of sending a duplicate create.
func TestDo_RecoverWaitsForLateObject(t *testing.T) {
	creates, lookups, err := unclearCreate(t, 5*time.Second, func(n int) (bool, error) { return n == 3, nil })
	if err != nil {
		t.Fatal(err)
	}
	if creates != 1 || lookups != 3 {
		t.Errorf("%d creates and %d lookups, want 1 create and 3 lookups", creates, lookups)
	}
}

// One failed lookup does not end a waiting recovery: the next poll may find the object, and a
// create sent again instead could make a duplicate. A lookup that keeps failing until the
// window ends reports its last error.
func TestDo_RecoverKeepsPollingAfterAFailedLookup(t *testing.T) {
	creates, lookups, err := unclearCreate(t, 5*time.Second, func(n int) (bool, error) {
		if n == 1 {
			return false, &APIError{API: Configuration, Status: http.StatusServiceUnavailable, Type: ErrTypeInternal, Operation: "list_groups"}
		}
		return true, nil
	})
	if err != nil {
		t.Fatalf("Do: %v", err)
	}
	if creates != 1 || lookups != 2 {
		t.Errorf("%d creates and %d lookups, want 1 create and 2 lookups", creates, lookups)
	}

	_, lookups, err = unclearCreate(t, 50*time.Millisecond, func(int) (bool, error) {
		return false, &url.Error{Op: "Post", URL: "http://127.0.0.1/v3.6/configuration/action/list_groups", Err: errors.New("still failing")}
	})
	var amb *AmbiguousError
	if !errors.As(err, &amb) || !strings.Contains(err.Error(), "still failing") || lookups < 2 {
		t.Errorf("err = %v after %d lookups, want an *AmbiguousError with the last lookup's error", err, lookups)
	}

	// A lookup that fails for good (two candidates, say) ends the recovery at once.
	_, lookups, err = unclearCreate(t, 5*time.Second, func(int) (bool, error) { return false, errors.New("2 new groups named late") })
	if err == nil || lookups != 1 {
		t.Errorf("err = %v after %d lookups, want the lookup's error after 1", err, lookups)
	}
}
