package client

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"sync/atomic"
	"time"
)

// Stats counts what the client did; soak and benchmark reports read them.
type Stats struct {
	Requests       int64 // HTTP requests sent (attempts)
	Retries        int64 // attempts after the first one of a call
	Recovered      int64 // creating calls completed by finding the object after an ambiguous failure
	RegionSwitches int64
	RateLimitWaits int64 // requests held back by the client-side rate limit
	Throttled      int64 // 429 answers
	Batches        int64 // batch actions sent
	BatchedItems   int64 // items sent inside them
	BytesReceived  int64 // response body bytes
}

// Add sums two snapshots.
func (s Stats) Add(o Stats) Stats {
	return Stats{
		Requests: s.Requests + o.Requests, Retries: s.Retries + o.Retries, Recovered: s.Recovered + o.Recovered,
		RegionSwitches: s.RegionSwitches + o.RegionSwitches, RateLimitWaits: s.RateLimitWaits + o.RateLimitWaits, Throttled: s.Throttled + o.Throttled,
		Batches: s.Batches + o.Batches, BatchedItems: s.BatchedItems + o.BatchedItems, BytesReceived: s.BytesReceived + o.BytesReceived,
	}
}

type counters struct {
	requests, retries, recovered, regionSwitches, rateLimitWaits, throttled, batches, batchedItems, bytesReceived atomic.Int64
}

// Stats returns a snapshot of the counters.
func (c *Client) Stats() Stats {
	return Stats{
		Requests:       c.stats.requests.Load(),
		Retries:        c.stats.retries.Load(),
		Recovered:      c.stats.recovered.Load(),
		RegionSwitches: c.stats.regionSwitches.Load(),
		RateLimitWaits: c.stats.rateLimitWaits.Load(),
		Throttled:      c.stats.throttled.Load(),
		Batches:        c.stats.batches.Load(),
		BatchedItems:   c.stats.batchedItems.Load(),
		BytesReceived:  c.stats.bytesReceived.Load(),
	}
}

// isRetryableStatus: rate limiting and server-side failures.
func isRetryableStatus(status int) bool {
	return status == http.StatusTooManyRequests || status >= 500
}

// transient reports a failure a later call may not meet: rate limiting, a 5xx,
// the connection, a malformed answer.
func transient(err error) bool {
	if e, ok := asAPIError(err); ok {
		return isRetryableStatus(e.Status)
	}
	var uerr *url.Error
	var aerr *AnswerError
	return errors.As(err, &uerr) || errors.As(err, &aerr)
}

// notSent reports a transport error that happened before the request left
// (the dial failed), so re-sending cannot duplicate anything.
func notSent(err error) bool {
	var opErr *net.OpError
	return errors.As(err, &opErr) && opErr.Op == "dial"
}

// withRetries is the only retry loop of the provider.
func (c *Client) withRetries(ctx context.Context, req *Request, send func(context.Context) (*response, error), out any) error {
	regionSwitched := false
	hadAmbiguous := false
	reserved := req.rateReserved // the first send's rate-limit token is already taken (batch.go)
	// failures counts the answers max_retries bounds (5xx, connection errors);
	// throttled the 429s, retried for as long as the operation may last.
	failures, throttled := 0, 0
	var throttledUntil time.Time
	// prevErr is the previous attempt's failure: when the operation ends during a retry, that is
	// what the caller needs to see (a 429, a 503), not only the context's end.
	var prevErr error
	for attempt := 0; ; attempt++ {
		if reserved {
			reserved = false
		} else if waited, err := c.limit.wait(ctx); err != nil {
			if prevErr != nil {
				return fmt.Errorf("%w (gave up waiting for the next attempt: %w)", prevErr, err)
			}
			return fmt.Errorf("%s %s: waiting for the client rate limit: %w", req.API, req.Operation, err)
		} else if waited > 0 {
			c.stats.rateLimitWaits.Add(1)
		}
		c.stats.requests.Add(1)
		if attempt > 0 {
			c.stats.retries.Add(1)
		}
		sendCtx := ctx
		if req.Creates {
			if ctxErr := ctx.Err(); ctxErr != nil { // interrupted before this attempt: nothing more is sent
				err := fmt.Errorf("%s %s: %w", req.API, req.Operation, ctxErr)
				if hadAmbiguous {
					return &AmbiguousError{Err: err}
				}
				return err
			}
			// Once sent, a create is finished, not abandoned, when Terraform cancels (Ctrl-C): the API
			// may apply it anyway, and only its answer tells the id. send bounds it by the request timeout.
			sendCtx = context.WithoutCancel(ctx)
		}
		sentAt := c.cfg.Clock.Now()
		r, err := send(sendCtx)
		var lastErr error
		var retryAfter time.Duration
		ambiguous, answered, rateLimited := false, false, false
		switch {
		case err != nil:
			if ctxErr := ctx.Err(); ctxErr != nil && !req.Creates {
				if prevErr != nil {
					return fmt.Errorf("%w (gave up during the next attempt: %w)", prevErr, ctxErr)
				}
				return fmt.Errorf("%s %s: %w", req.API, req.Operation, ctxErr)
			}
			lastErr = fmt.Errorf("%s %s: %w", req.API, req.Operation, err)
			ambiguous = !notSent(err)
		case r.status >= 200 && r.status < 300:
			if out == nil {
				return nil
			}
			err := errAnswerTooLarge
			if !r.tooLarge {
				err = decodeAnswer(r.body, out)
			}
			if err == nil {
				return nil
			}
			lastErr = &AnswerError{API: req.API, Operation: req.Operation, Status: r.status, Err: err}
			if !req.Creates {
				return lastErr
			}
			// Applied, but the answer does not say which object: look it up as after any
			// unclear create, and never send it again.
			ambiguous, answered = true, true
		case r.status >= 300 && r.status < 400:
			return &RedirectError{API: req.API, Operation: req.Operation, Status: r.status, Location: r.header.Get("Location")}
		default:
			apiErr := parseError(req.API, req.Operation, r)
			if apiErr.Type == ErrTypeMisdirectedRequest && !regionSwitched {
				// Compare with the region this attempt used: a concurrent call
				// may have switched already.
				if region, _ := apiErr.Data["region"].(string); region != "" && region != r.region {
					regionSwitched = true
					if c.switchRegion(r.region, region) {
						logRegionSwitch(ctx, r.region, region)
						c.stats.regionSwitches.Add(1)
					}
					attempt-- // the switch is not a retry
					continue
				}
			}
			if !isRetryableStatus(r.status) {
				if hadAmbiguous && req.Creates && req.AlreadyExistsProves && apiErr.Type == ErrTypeAlreadyExists {
					// An earlier attempt was applied after all: the object exists
					// under its natural key, which is what the caller wanted.
					c.stats.recovered.Add(1)
					logRecovered(ctx, req)
					return nil
				}
				return apiErr
			}
			lastErr = apiErr
			retryAfter = parseRetryAfter(r.header.Get("Retry-After"))
			ambiguous = r.status >= 500
			if r.status == http.StatusTooManyRequests {
				rateLimited = true
				c.stats.throttled.Add(1)
				if pace := c.limit.throttled(sentAt, c.cfg.Clock.Now(), retryAfter); pace > 0 {
					logSlowDown(ctx, req, pace, retryAfter)
				}
			}
		}

		if ambiguous && req.Creates {
			hadAmbiguous = true
			if req.Recover == nil {
				return &AmbiguousError{Err: lastErr}
			}
			found, rerr := c.recoverCreate(ctx, req)
			if rerr != nil {
				return &AmbiguousError{Err: fmt.Errorf("%w; looking the object up failed too: %v", lastErr, rerr)}
			}
			if found {
				c.stats.recovered.Add(1)
				logRecovered(ctx, req)
				return nil
			}
			if ctx.Err() != nil { // interrupted: the last look may have come before the object showed
				return &AmbiguousError{Err: fmt.Errorf("%w; interrupted (%v) before it could tell whether the create went through", lastErr, ctx.Err())}
			}
			if answered {
				return &AmbiguousError{Err: lastErr}
			}
		}
		var wait time.Duration
		if rateLimited {
			// No count: a throttled call waits its turn for as long as its
			// operation may last (or ThrottledFor, when it has no deadline).
			if throttled == 0 {
				throttledUntil = c.cfg.Clock.Now().Add(c.cfg.ThrottledFor)
			}
			if _, ok := ctx.Deadline(); !ok && c.cfg.Clock.Now().After(throttledUntil) {
				return fmt.Errorf("%w (still rate limited after %s)", lastErr, c.cfg.ThrottledFor)
			}
			wait = retryAfter
			if wait == 0 {
				wait = c.backoff(throttled)
			}
			throttled++
		} else {
			if failures >= c.cfg.MaxRetries {
				return lastErr
			}
			wait = max(c.backoff(failures), retryAfter)
			failures++
		}
		if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < wait {
			return fmt.Errorf("%w (no time left in this operation's timeout for another attempt)", lastErr)
		}
		logRetry(ctx, req, attempt+1, wait, lastErr)
		prevErr = lastErr
		if !sleep(ctx, c.cfg.Clock, wait) {
			return fmt.Errorf("%w (gave up: %v)", lastErr, ctx.Err())
		}
	}
}

// backoff is exponential with jitter in [d/2, d].
func (c *Client) backoff(attempt int) time.Duration {
	d := c.cfg.MinBackoff << min(attempt, 16)
	if d > c.cfg.MaxBackoff || d <= 0 {
		d = c.cfg.MaxBackoff
	}
	return d/2 + rand.N(d/2+1)
}

// parseRetryAfter reads delta-seconds or an HTTP date.
func parseRetryAfter(v string) time.Duration {
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil && s >= 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := time.Until(t); d > 0 {
			return d
		}
	}
	return 0
}

// recoverCreate looks for the object of an ambiguous create; with
// RecoverWaits it keeps looking, with backoff, within RecoverWindow, also
// after a lookup that failed transiently (the next may succeed; giving up
// could lead to a duplicate). When the window ends, the last lookup's error
// is the answer.
func (c *Client) recoverCreate(ctx context.Context, req *Request) (bool, error) {
	if ctx.Err() != nil {
		return c.lastLook(ctx, req)
	}
	until := c.cfg.Clock.Now().Add(c.cfg.RecoverWindow)
	for attempt := 0; ; attempt++ {
		found, err := req.Recover(ctx)
		if err != nil && ctx.Err() != nil { // interrupted during the look
			return c.lastLook(ctx, req)
		}
		if found || !req.RecoverWaits || (err != nil && !transient(err)) {
			return found, err
		}
		wait := min(c.backoff(attempt)*4, 5*time.Second)
		if c.cfg.Clock.Now().Add(wait).After(until) {
			return false, err
		}
		if !sleep(ctx, c.cfg.Clock, wait) {
			return c.lastLook(ctx, req)
		}
	}
}

// lastLook is the one look-up left to a create whose context has ended (interrupted, or out of
// time) after an ambiguous failure: on a context of its own, bounded by the request timeout, so
// that an object the first attempt made still reaches the state.
func (c *Client) lastLook(ctx context.Context, req *Request) (bool, error) {
	ctx, cancel := c.Finishing(ctx)
	defer cancel()
	return req.Recover(ctx)
}
