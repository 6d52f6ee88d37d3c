package client

import "time"

// Clock is the time the client waits by: a batch window, a rate-limit turn, a Retry-After pause,
// a retry backoff, the polls of a recovery. Config.Clock replaces the real one in tests, which move
// time instead of sleeping (clienttest.Clock).
type Clock interface {
	Now() time.Time
	// AfterFunc calls f in its own goroutine once d has passed, unless stop is called first;
	// stop reports whether it prevented the call.
	AfterFunc(d time.Duration, f func()) (stop func() bool)
}

type realClock struct{}

func (realClock) Now() time.Time                                  { return time.Now() }
func (realClock) AfterFunc(d time.Duration, f func()) func() bool { return time.AfterFunc(d, f).Stop }

// sleep waits d on clock, or until ctx ends; it reports whether d passed.
func sleep(ctx interface{ Done() <-chan struct{} }, clock Clock, d time.Duration) bool {
	due := make(chan struct{})
	stop := clock.AfterFunc(d, func() { close(due) })
	select {
	case <-due:
		return true
	case <-ctx.Done():
		stop()
		return false
	}
}
