package provider

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
)

// The one way the provider waits out the API's propagation delay: awaitValue, and the shapes of
// it the resources use. Each returns what it waited for; nothing captures results in closures.

// awaitValue polls check with growing, jittered pauses until it reports done, fails, or ctx
// (bounded by the resource's timeouts) ends, and returns the value of the check that reported
// done. Against a consistent API the first check succeeds and nothing sleeps.
func awaitValue[T any](ctx context.Context, what string, check func(context.Context) (T, bool, error)) (T, error) {
	pause := 100 * time.Millisecond
	for {
		v, done, err := check(ctx)
		if err != nil || done {
			return v, err
		}
		t := time.NewTimer(pause/2 + time.Duration(rand.Int64N(int64(pause/2)+1)))
		select {
		case <-ctx.Done():
			t.Stop()
			var zero T
			if errors.Is(ctx.Err(), context.Canceled) {
				return zero, fmt.Errorf("%s: interrupted while waiting for the API to show the change (%w); the write itself was sent, and the next plan reads what the API has", what, ctx.Err())
			}
			return zero, fmt.Errorf("%s: the API did not show the change before the timeout (%w). The API documents up to 2 minutes of propagation delay: raise this resource's timeouts block or the provider's propagation_timeout", what, ctx.Err())
		case <-t.C:
		}
		pause = min(pause*2, 5*time.Second)
	}
}

// awaitConsistent is awaitValue for a check that gives no value.
func awaitConsistent(ctx context.Context, what string, check func(context.Context) (bool, error)) error {
	_, err := awaitValue(ctx, what, func(ctx context.Context) (struct{}, bool, error) {
		done, err := check(ctx)
		return struct{}{}, done, err
	})
	return err
}

// awaitShown polls get until its answer shows what a write sent (shows), and returns that
// answer. Not found is not yet: the object was written a moment ago.
func awaitShown[T any](ctx context.Context, what string, get func(context.Context) (T, error), shows func(T) bool) (T, error) {
	return awaitValue(ctx, what, shownBy(get, shows))
}

// shownBy is awaitShown's check: get answers and shows what the write sent.
func shownBy[T any](get func(context.Context) (T, error), shows func(T) bool) func(context.Context) (T, bool, error) {
	return func(ctx context.Context) (T, bool, error) {
		v, err := get(ctx)
		if client.IsNotFound(err) {
			return v, false, nil
		}
		return v, err == nil && shows(v), err
	}
}

// shownByPoll is shownBy for a wait that polls a list shared by the waits of concurrent writes
// (pollAgent, pollGroup, pollTag): each poll reads an answer fetched after the one the poll before
// it saw, the first one after since (when the write began). Not found is not yet.
func shownByPoll[T any](since time.Time, poll func(context.Context, time.Time) (*T, time.Time, error), shows func(context.Context, *T) bool) func(context.Context) (*T, bool, error) {
	return func(ctx context.Context) (*T, bool, error) {
		v, next, err := poll(ctx, since)
		since = next
		if client.IsNotFound(err) {
			return nil, false, nil
		}
		return v, err == nil && shows(ctx, v), err
	}
}

// listedByPoll is the listed of shownOnceListed over a shared list, as shownByPoll reads one:
// each poll asks for an answer fetched after the one the poll before it saw; not found is not
// listed yet.
func listedByPoll[L any](since time.Time, poll func(context.Context, time.Time) (*L, time.Time, error)) func(context.Context) (bool, error) {
	return func(ctx context.Context) (bool, error) {
		_, next, err := poll(ctx, since)
		since = next
		if client.IsNotFound(err) {
			return false, nil
		}
		return err == nil, err
	}
}

// shownOnceListed is shownBy for an object whose list lacks attributes the state needs (bots):
// get serves the first poll (a consistent API shows the write at once) and every poll once the
// object has answered; while it has not, a poll first asks listed (one list shared by the waits of
// concurrent writes) and reads the object only when the list has it. A wait on ten new objects
// thus costs one list per poll, not ten gets.
func shownOnceListed[T any](get func(context.Context) (T, error), shows func(T) bool, listed func(context.Context) (bool, error)) func(context.Context) (T, bool, error) {
	polled, answered := false, false
	return func(ctx context.Context) (T, bool, error) {
		if polled && !answered {
			if ok, err := listed(ctx); err != nil || !ok {
				var zero T
				return zero, false, err
			}
		}
		polled = true
		v, err := get(ctx)
		if client.IsNotFound(err) {
			return v, false, nil
		}
		answered = err == nil
		return v, err == nil && shows(v), err
	}
}

// awaitWrite is the one place a write decides whether to wait for propagation: it runs check
// until done and returns its value (shown true) when the state needs that value (needValue: a
// value no answer gives) or when writes wait (propagation_window 0s); otherwise it leaves check
// to the run's pending writes (afterWrite) and returns at once with shown false.
func awaitWrite[T any](ctx context.Context, b *resourceBase, needValue bool, what string, check func(context.Context) (T, bool, error)) (v T, shown bool, err error) {
	if needValue || b.waits() {
		v, err = awaitValue(ctx, what, check)
		return v, err == nil, err
	}
	return v, false, b.afterWrite(ctx, what, func(ctx context.Context) (bool, error) {
		_, done, err := check(ctx)
		return done, err
	})
}

// isGone is the check of a delete: get answers not found.
func isGone[T any](get func(context.Context) (T, error)) func(context.Context) (bool, error) {
	return func(ctx context.Context) (bool, error) {
		_, err := get(ctx)
		if client.IsNotFound(err) {
			return true, nil
		}
		return false, err
	}
}

// goneByPoll is isGone over a list shared by the waits of concurrent deletes, as shownByPoll is
// for writes: the object is gone when a list fetched after the one the poll before it saw lacks it.
func goneByPoll[T any](since time.Time, poll func(context.Context, time.Time) (*T, time.Time, error)) func(context.Context) (bool, error) {
	return isGone(func(ctx context.Context) (*T, error) {
		v, next, err := poll(ctx, since)
		since = next
		return v, err
	})
}

// awaitGone polls get until it answers not found (a delete has propagated).
func awaitGone(ctx context.Context, what string, get func(context.Context) (any, error)) error {
	return awaitConsistent(ctx, what, isGone(get))
}

// retryWhilePending calls write until it stops failing with an error that pending says will
// clear by itself (a reference to an object created a moment ago that has not propagated yet,
// e.g. group_not_found), and returns write's answer.
func retryWhilePending[T any](ctx context.Context, what string, pending func(error) bool, write func(context.Context) (T, error)) (T, error) {
	var last error
	v, err := awaitValue(ctx, what, func(ctx context.Context) (T, bool, error) {
		v, err := write(ctx)
		if err != nil && pending(err) {
			last = err
			return v, false, nil
		}
		return v, err == nil, err
	})
	if err != nil && last != nil && ctx.Err() != nil {
		return v, fmt.Errorf("%w; last answer: %v", err, last)
	}
	return v, err
}
