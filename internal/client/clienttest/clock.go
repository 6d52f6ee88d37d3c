package clienttest

import (
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"
)

// Clock is a fake client.Clock (Config.Clock): time moves only with Advance, which runs the
// timers that come due, so batch windows and rate-limit turns pass without sleeping.
type Clock struct {
	mu        sync.Mutex
	now       time.Time
	timers    []*timer
	scheduled int
	moving    bool          // NewMovingClock
	held      time.Duration // Hold: the timers of this length wait for Advance
}

type timer struct {
	at time.Time
	f  func()
}

// NewClock is a Clock at a fixed time.
func NewClock() *Clock { return &Clock{now: time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)} }

// NewMovingClock is a Clock that moves by itself: a timer comes due as it is set, time jumping to
// it, so the client's waits (backoffs, recovery polls, rate-limit turns, batch windows) end at
// once, for tests where how long a wait lasts does not matter, only that it ends. Hold keeps one
// kind of timer for Advance.
func NewMovingClock() *Clock {
	c := NewClock()
	c.moving = true
	return c
}

// Hold makes a moving clock keep the timers set for d for Advance: with d the batch window, a
// batch closes once the test has seen every call join it (Scheduled) while other waits end at
// once. Take d far longer than those waits add up to (a batch near its cap of windows sets a
// shorter timer, not held), and shorter than the bounds Advance(d) would reach (ThrottledFor).
func (c *Clock) Hold(d time.Duration) *Clock {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.held = d
	return c
}

func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *Clock) AfterFunc(d time.Duration, f func()) func() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	t := &timer{at: c.now.Add(d), f: f}
	if c.moving && (c.held <= 0 || d != c.held) {
		c.now = c.now.Add(max(d, 0))
		go f()
		return func() bool { return false } // it has fired
	}
	c.timers = append(c.timers, t)
	c.scheduled++
	return func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		i := slices.Index(c.timers, t)
		if i < 0 {
			return false
		}
		c.timers = slices.Delete(c.timers, i, i+1)
		return true
	}
}

// Advance moves time by d and runs, in their order, the timers that come due (each in its own
// goroutine, as time.AfterFunc does).
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	var due []*timer
	c.timers = slices.DeleteFunc(c.timers, func(t *timer) bool {
		if t.at.After(c.now) {
			return false
		}
		due = append(due, t)
		return true
	})
	c.mu.Unlock()
	slices.SortStableFunc(due, func(a, b *timer) int { return a.at.Compare(b.at) })
	for _, t := range due {
		go t.f()
	}
}

// Timers is how many timers are waiting.
func (c *Clock) Timers() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.timers)
}

// Scheduled is how many timers were set so far to wait for Advance (on a moving clock, the held
// ones): a batch sets one for its first item and one again for each item that joins it (the
// window starts over).
func (c *Clock) Scheduled() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.scheduled
}

// Await blocks until cond holds: the state the test waits for (a goroutine reaching a timer, an
// item joining a batch) is reached by other goroutines, not by time passing, so it yields instead
// of sleeping. A state never reached fails the test after 10 s rather than hanging it.
func Await(tb testing.TB, what string, cond func() bool) {
	tb.Helper()
	for give := time.Now().Add(10 * time.Second); !cond(); runtime.Gosched() {
		if time.Now().After(give) {
			tb.Fatalf("never reached: %s", what)
		}
	}
}
