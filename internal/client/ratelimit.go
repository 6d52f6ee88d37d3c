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

// The API documents a 429 with Retry-After but no rate, so the client has no
// fixed pace: it sends as fast as it is asked until the API answers 429, then
// the whole client slows down and recovers (AIMD: multiplicative decrease,
// additive increase).
const (
	// paceCut is the share of the measured pace kept after a 429.
	paceCut = 0.5
	// minPace is the slowest the client goes on its own, in requests per second.
	minPace = 0.5
	// paceClimb is how fast the pace grows back after a cut: this share of the
	// pace the cut set, per second (at least minClimb requests per second, per
	// second), so it is back where it was cut from in about 5 seconds.
	paceClimb = 0.2
	minClimb  = 1.0
	// paceFree: once the pace has grown to this multiple of the cut, it is dropped.
	paceFree = 8.0
	// paceWindow is how far back the pace of requests is measured at a 429.
	paceWindow = 2 * time.Second
)

// limiter paces every request of the client. Each request reserves a send
// time (first come, first served, GCRA). Two limits apply, the lower wins:
//   - the adaptive pace: none until the API answers 429; then everyone waits
//     out the Retry-After and the pace drops to paceCut of what was sent in
//     the last paceWindow, then grows linearly until it no longer binds;
//   - the user's hard cap (rate_limit), with a burst of as many requests.
type limiter struct {
	mu    sync.Mutex
	clock Clock

	hardCap float64 // requests per second; 0: none
	burst   float64 // requests the hard cap lets through at once
	floor   float64 // Config.MinPace, default minPace

	pace  float64   // requests per second set by the last cut; 0: no adaptive limit
	cutAt time.Time // when pace was set
	climb float64   // requests per second added per second since cutAt

	pausedUntil time.Time // a Retry-After, for every request
	tat         time.Time // theoretical arrival time of the next request (GCRA)
	generation  int       // bumped by each cut: reservations made before it are made again
	sent        []time.Time
}

func newLimiter(hardCap, floor float64) *limiter {
	if floor <= 0 {
		floor = minPace
	}
	l := &limiter{floor: floor, clock: realClock{}}
	if hardCap > 0 {
		l.hardCap, l.burst = hardCap, max(hardCap, 1)
	}
	return l
}

// rate is the pace that applies at now and the burst it allows; 0: none.
func (l *limiter) rate(now time.Time) (perSecond, burst float64) {
	adaptive := 0.0
	if l.pace > 0 {
		adaptive = l.pace + l.climb*max(0, now.Sub(l.cutAt).Seconds())
		if adaptive >= paceFree*l.pace {
			l.pace, adaptive = 0, 0 // recovered
		}
	}
	switch {
	case l.hardCap > 0 && (adaptive == 0 || l.hardCap <= adaptive):
		return l.hardCap, l.burst
	case adaptive > 0:
		return adaptive, 1 // evenly spaced: a burst is what the API just refused
	}
	return 0, 0
}

// reservation is a booked send time, and what booking it changed.
type reservation struct {
	sendAt         time.Time
	tatBefore, tat time.Time
	generation     int
}

// reserve books the send time of one request asked for at now.
func (l *limiter) reserve(now time.Time) reservation {
	start := now
	if l.pausedUntil.After(start) {
		start = l.pausedUntil
	}
	r := reservation{sendAt: start, tatBefore: l.tat, generation: l.generation}
	if perSecond, burst := l.rate(start); perSecond > 0 {
		interval := time.Duration(float64(time.Second) / perSecond)
		tau := time.Duration((burst - 1) * float64(interval))
		if t := l.tat.Add(-tau); t.After(r.sendAt) {
			r.sendAt = t
		}
		l.tat = maxTime(l.tat, r.sendAt).Add(interval)
	}
	r.tat = l.tat
	return r
}

// cancel gives back a reservation that will not be used, when nothing was
// booked after it.
func (l *limiter) cancel(r reservation) {
	if r.generation == l.generation && l.tat.Equal(r.tat) {
		l.tat = r.tatBefore
	}
}

// throttled records a 429 answer to a request sent at sentAt, received at
// now: every request waits out retryAfter, and the pace is cut, once per
// congestion: a 429 to a request sent before the last cut changes no pace.
// It reports the pace set by the cut (0: none made).
func (l *limiter) throttled(sentAt, now time.Time, retryAfter time.Duration) float64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	if p := now.Add(retryAfter); p.After(l.pausedUntil) {
		l.pausedUntil = p
	}
	if sentAt.Before(l.cutAt) {
		return 0
	}
	base := l.measured(now)
	if current, _ := l.rate(now); current > 0 && current < base {
		base = current
	}
	l.pace = max(l.floor, paceCut*base)
	l.cutAt = maxTime(now, l.pausedUntil) // the pace grows from when sending resumes
	l.climb = max(minClimb, paceClimb*l.pace)
	l.tat = time.Time{}
	l.generation++
	return l.pace
}

// measured is the pace of the requests sent in the paceWindow before now.
func (l *limiter) measured(now time.Time) float64 {
	from := now.Add(-paceWindow)
	n := 0
	for _, t := range l.sent {
		if t.After(from) && !t.After(now) {
			n++
		}
	}
	return float64(n) / paceWindow.Seconds()
}

// wait blocks until the caller may send, or ctx ends. It reports how long
// it waited.
func (l *limiter) wait(ctx context.Context) (time.Duration, error) {
	start := l.clock.Now()
	for booked := false; ; booked = true {
		l.mu.Lock()
		now := l.clock.Now()
		r := l.reserve(now)
		if !r.sendAt.After(now) {
			l.record(now)
			l.mu.Unlock()
			if !booked {
				return 0, nil
			}
			return now.Sub(start), nil
		}
		l.mu.Unlock()
		if !sleep(ctx, l.clock, r.sendAt.Sub(now)) {
			l.mu.Lock()
			l.cancel(r)
			l.mu.Unlock()
			return 0, ctx.Err()
		}
		l.mu.Lock()
		now = l.clock.Now()
		// A 429 that came in meanwhile set a new pace, or a pause: book again.
		if r.generation == l.generation && !l.pausedUntil.After(now) {
			l.record(now)
			l.mu.Unlock()
			return now.Sub(start), nil
		}
		l.mu.Unlock()
	}
}

// record notes a request sent at now, and forgets those too old to be measured.
func (l *limiter) record(now time.Time) {
	from := now.Add(-paceWindow)
	i := 0
	for i < len(l.sent) && !l.sent[i].After(from) {
		i++
	}
	l.sent = append(l.sent[:0], l.sent[i:]...)
	l.sent = append(l.sent, now)
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
