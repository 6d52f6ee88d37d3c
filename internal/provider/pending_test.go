package provider

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"
)

// A reader settles only the writes of the types it reads, each polled until it shows, and the
// run forgets what has shown.
func TestPendingWrites_SettleWaitsForTheTypesGivenOnly(t *testing.T) {
	p := newPendingWrites()
	var polls atomic.Int32
	p.add("livechat_group", "group 1", func(context.Context) (bool, error) {
		return polls.Add(1) >= 2, nil // shows at the second poll
	})
	p.add("livechat_tag", "tag x", func(context.Context) (bool, error) {
		return false, errors.New("never polled: no reader of tags settled")
	})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := p.settle(ctx, "livechat_group", "livechat_agent"); err != nil {
		t.Fatalf("settle: %v", err)
	}
	if polls.Load() != 2 {
		t.Errorf("the group was polled %d times, want 2 (until it showed)", polls.Load())
	}
	if n := p.count("livechat_group"); n != 0 {
		t.Errorf("%d group writes still pending after they showed", n)
	}
	if n := p.count("livechat_tag"); n != 1 {
		t.Errorf("%d tag writes pending, want 1: a reader of groups settled a tag", n)
	}
	if err := p.settle(ctx, "livechat_group"); err != nil || polls.Load() != 2 {
		t.Errorf("a second settle polled again (%d polls, %v): what showed is forgotten", polls.Load(), err)
	}
}

// A write that never shows fails the reader when its bound ends, and stays pending for the next.
func TestPendingWrites_SettleEndsWithItsContext(t *testing.T) {
	p := newPendingWrites()
	p.add("livechat_goal", "goal 3", func(context.Context) (bool, error) { return false, nil })
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	if err := p.settle(ctx, "livechat_goal"); err == nil {
		t.Fatal("settle of a write that never shows returned no error")
	}
	if p.count("livechat_goal") != 1 {
		t.Error("a write that did not show was forgotten")
	}
}

// A reader of a thousand pending writes does not poll them all at once.
func TestPendingWrites_SettlePollsAFewAtATime(t *testing.T) {
	p := newPendingWrites()
	var now, most atomic.Int32
	for i := range 50 {
		p.add("livechat_canned_response", "canned response "+string(rune('a'+i%26)), func(context.Context) (bool, error) {
			n := now.Add(1)
			defer now.Add(-1)
			for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
			}
			time.Sleep(time.Millisecond) // a request's round trip, so that polls overlap
			return true, nil
		})
	}
	if err := p.settle(context.Background(), "livechat_canned_response"); err != nil {
		t.Fatal(err)
	}
	if m := most.Load(); m > settleWorkers || m < 2 {
		t.Errorf("%d polls at once, want 2..%d", m, settleWorkers)
	}
}
