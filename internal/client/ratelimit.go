package client

import (
	"context"
	"fmt"
	"math"
	"sync"
	"time"
)

// MinRateLimit is the slowest pace a client-side rate limit may set: one request every 10
// seconds. Slower, one request of a small apply already waits out an operation's timeout.
const MinRateLimit = 0.1

// CheckRateLimit refuses a rate limit that is no usable pace: not a number, infinite, negative or
// below MinRateLimit (0 turns the limit off).
func CheckRateLimit(perSecond float64) error {
	if math.IsNaN(perSecond) || math.IsInf(perSecond, 0) || perSecond < 0 || (perSecond > 0 && perSecond < MinRateLimit) {
		return fmt.Errorf("must be 0 (no limit) or at least %g requests per second, and finite; got %g", MinRateLimit, perSecond)
	}
	return nil
}

// limiter is a token bucket shared by every request of the client, so a
// large apply stays under the API's rate limit instead of living on 429
// retries. Each request reserves a token; when the bucket is empty it waits
// for its reservation to come due (first come, first served).
type limiter struct {
	mu     sync.Mutex
	rate   float64 // tokens per second
	burst  float64
	tokens float64
	last   time.Time
}

func newLimiter(perSecond float64) *limiter {
	if perSecond <= 0 {
		return nil
	}
	burst := max(perSecond, 1)
	return &limiter{rate: perSecond, burst: burst, tokens: burst, last: time.Now()}
}

// wait blocks until the caller may send, or ctx ends. It reports how long
// it waited.
func (l *limiter) wait(ctx context.Context) (time.Duration, error) {
	if l == nil {
		return 0, nil
	}
	l.mu.Lock()
	now := time.Now()
	l.tokens = min(l.burst, l.tokens+now.Sub(l.last).Seconds()*l.rate)
	l.last = now
	l.tokens--
	var d time.Duration
	if l.tokens < 0 {
		d = time.Duration(-l.tokens / l.rate * float64(time.Second))
	}
	l.mu.Unlock()
	if d == 0 {
		return 0, nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		// Give the reservation back: this request will not be sent.
		l.mu.Lock()
		l.tokens++
		l.mu.Unlock()
		return 0, ctx.Err()
	case <-t.C:
		return d, nil
	}
}
