package client

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"testing"
	"time"
)

var t0 = time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)

func TestLimiter_NoPaceUntilA429(t *testing.T) {
	l := newLimiter(0, 0)
	for range 100 {
		if r := l.reserve(t0); !r.sendAt.Equal(t0) {
			t.Fatalf("request held back to %s with no cap and no 429", r.sendAt.Sub(t0))
		}
	}
}

// A 429 pauses every request for its Retry-After, then paces them at half
// of what was sent in the last paceWindow, evenly spaced.
func TestLimiter_A429PausesEveryoneThenHalvesThePace(t *testing.T) {
	l := newLimiter(0, 0)
	for i := range 20 { // 10 requests per second over the window
		l.record(t0.Add(-paceWindow + time.Duration(i+1)*paceWindow/20))
	}
	if pace := l.throttled(t0, t0, time.Second); pace != 5 {
		t.Fatalf("pace after the 429 = %v, want 5 (half of 10 per second)", pace)
	}
	for i := range 5 {
		want := t0.Add(time.Second + time.Duration(i)*200*time.Millisecond)
		if r := l.reserve(t0); r.sendAt.Sub(want).Abs() > 2*time.Millisecond {
			t.Fatalf("request %d booked for %s, want %s", i, r.sendAt.Sub(t0), want.Sub(t0))
		}
	}
}

// The 429s of requests sent before a cut are the same congestion: they
// extend the pause but cut nothing more. A 429 to a request sent after the
// cut cuts again.
func TestLimiter_OneCutPerCongestion(t *testing.T) {
	l := newLimiter(0, 0)
	for i := range 40 {
		l.record(t0.Add(-time.Duration(i) * 40 * time.Millisecond))
	}
	first := l.throttled(t0, t0, time.Second)
	if pace := l.throttled(t0.Add(-time.Millisecond), t0.Add(10*time.Millisecond), 2*time.Second); pace != 0 {
		t.Fatalf("a 429 to a request sent before the cut cut the pace again, to %v", pace)
	}
	if r := l.reserve(t0); r.sendAt.Before(t0.Add(10*time.Millisecond + 2*time.Second)) {
		t.Fatalf("booked at %s: the later Retry-After must hold every request", r.sendAt.Sub(t0))
	}
	later := t0.Add(3 * time.Second)
	if pace := l.throttled(later, later, 0); pace <= 0 || pace >= first {
		t.Fatalf("a 429 after the cut set the pace to %v, want below %v", pace, first)
	}
}

// After a cut the pace grows back linearly, and once it is far above the cut
// there is no pace any more.
func TestLimiter_RecoversAfterACut(t *testing.T) {
	l := newLimiter(0, 0)
	for i := range 40 {
		l.record(t0.Add(-time.Duration(i) * 50 * time.Millisecond))
	}
	cut := l.throttled(t0, t0, 0)
	p1, _ := l.rate(t0.Add(time.Second))
	p5, _ := l.rate(t0.Add(5 * time.Second))
	if !(cut < p1 && p1 < p5) {
		t.Fatalf("pace %v at the cut, %v a second later, %v five seconds later: want it growing", cut, p1, p5)
	}
	if p, _ := l.rate(t0.Add(time.Minute)); p != 0 {
		t.Fatalf("pace %v a minute after the cut, want none", p)
	}
	if r := l.reserve(t0.Add(time.Minute)); !r.sendAt.Equal(t0.Add(time.Minute)) {
		t.Fatal("a recovered limiter still holds requests back")
	}
}

// rate_limit is a hard cap with a burst of as many requests; after a 429 the
// lower of the cap and the adaptive pace applies.
func TestLimiter_HardCap(t *testing.T) {
	l := newLimiter(2, 0)
	for i, want := range []time.Duration{0, 0, 500 * time.Millisecond, time.Second} {
		if r := l.reserve(t0); !r.sendAt.Equal(t0.Add(want)) {
			t.Fatalf("request %d booked at %s, want %s", i, r.sendAt.Sub(t0), want)
		}
	}
	// Sending 20 per second under a cap of 100: the cut to 10 is below the cap.
	l = newLimiter(100, 0)
	for i := range 40 {
		l.record(t0.Add(-time.Duration(i) * 50 * time.Millisecond))
	}
	l.throttled(t0, t0, 0)
	if p, burst := l.rate(t0); p != 10 || burst != 1 {
		t.Fatalf("pace %v (burst %v) after the cut, want 10 evenly spaced", p, burst)
	}
	if p, burst := l.rate(t0.Add(time.Hour)); p != 100 || burst != 100 {
		t.Fatalf("pace %v (burst %v) once recovered, want the cap of 100", p, burst)
	}
}

// A request that gives up while it waits for its turn gives the turn back.
func TestLimiter_CancelGivesTheTurnBack(t *testing.T) {
	l := newLimiter(1, 0)
	l.reserve(t0)
	r := l.reserve(t0)
	if !r.sendAt.Equal(t0.Add(time.Second)) {
		t.Fatalf("second request booked at %s, want 1s", r.sendAt.Sub(t0))
	}
	l.cancel(r)
	if again := l.reserve(t0); !again.sendAt.Equal(r.sendAt) {
		t.Fatalf("after the cancel the next request is booked at %s, want the freed %s", again.sendAt.Sub(t0), r.sendAt.Sub(t0))
	}

	// Through wait: a context that ends first ends the wait with its error.
	l = newLimiter(1, 0)
	if _, err := l.wait(t.Context()); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Millisecond)
	defer cancel()
	if _, err := l.wait(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("wait beyond the burst: %v, want the context's deadline", err)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if next := l.reserve(time.Now()); time.Until(next.sendAt) > time.Second {
		t.Fatalf("the cancelled turn was not given back: next request in %s", time.Until(next.sendAt))
	}
}

// A request already waiting for its turn when a 429 comes in waits out the
// pause too.
func TestLimiter_WaitingRequestHonoursALaterPause(t *testing.T) {
	l := newLimiter(4, 0)
	for range 4 {
		if _, err := l.wait(t.Context()); err != nil {
			t.Fatal(err)
		}
	}
	done := make(chan time.Time)
	go func() {
		_, _ = l.wait(t.Context()) // due in 250 ms
		done <- time.Now()
	}()
	now := time.Now()
	l.throttled(now, now, time.Second)
	if sent := <-done; sent.Before(now.Add(time.Second)) {
		t.Fatalf("sent %s after the 429, before its Retry-After of 1s ended", sent.Sub(now))
	}
}

// A 429 holds back every call of the client, not only the one it answered:
// calls made during its Retry-After are sent after it.
func TestDo_A429HoldsBackEveryCall(t *testing.T) {
	var mu sync.Mutex
	var throttledAt time.Time
	var sent []time.Time
	ts := newTestServer(t, func(w http.ResponseWriter, _ *http.Request, n int, _ []byte) {
		mu.Lock()
		defer mu.Unlock()
		if n == 0 {
			throttledAt = time.Now()
			w.Header().Set("Retry-After", "1")
			writeJSON(w, http.StatusTooManyRequests, errorBody("too_many_requests", "Too many requests"))
			return
		}
		sent = append(sent, time.Now())
		writeJSON(w, http.StatusOK, `{}`)
	})
	c := newTestClient(t, ts, Config{AccessToken: "dal:test-token"})
	first := make(chan error)
	go func() { first <- c.Do(t.Context(), Action("list_agents", nil), nil) }()
	// The other calls start once the client has read the 429 (not merely once the server sent it:
	// under load the answer may still be on its way).
	for {
		c.limit.mu.Lock()
		paused := !c.limit.pausedUntil.IsZero()
		c.limit.mu.Unlock()
		if paused {
			break
		}
		time.Sleep(time.Millisecond)
	}
	var wg sync.WaitGroup
	for range 5 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := c.Do(t.Context(), Action("list_groups", nil), nil); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if err := <-first; err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	for _, at := range sent {
		if at.Before(throttledAt.Add(time.Second)) {
			t.Fatalf("a call was sent %s after the 429, within its Retry-After of 1s", at.Sub(throttledAt))
		}
	}
	if s := c.Stats(); s.Throttled != 1 || s.RateLimitWaits == 0 {
		t.Errorf("stats %+v: want 1 throttled answer and calls held back", s)
	}
}
