package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"time"
)

// maxBatchItems bounds one batch request.
const maxBatchItems = 100

// maxBatchWindows bounds how long companions can keep a batch open, in
// batch windows.
const maxBatchWindows = 10

// batcher gathers concurrent calls of one batchable v3.6 action (Terraform
// runs up to 10 operations at once) into the documented batch_* action:
// {"requests":[...]} answered by {"responses":[...]} in the same order.
//
// A batch collects items for Config.BatchWindow, then takes its place in the
// client's rate limit and stays open while it waits for its token: when the
// limit is what holds requests back (a large apply), the calls that arrive
// meanwhile travel in the same request instead of each queueing its own.
type batcher struct {
	c    *Client
	mu   sync.Mutex
	open map[string]*pendingBatch
	// inFlight holds, per action, a channel closed when the batch on the
	// wire is answered. The next batch of the action stays open until then
	// (group commit): under load batches grow with the round trip instead of
	// each window sending a few items, and an idle client waits for nothing.
	inFlight map[string]chan struct{}
}

type pendingBatch struct {
	action      string
	creates     bool
	invalidates []string // cache kinds the action writes
	items       []*batchItem
	opened      time.Time
	stopTimer   func() bool // stops the timer that flushes the batch when its window ends
	flushing    bool        // its window has ended: it waits for its rate-limit token
	sent        bool        // on the wire: items can no longer withdraw
}

type batchItem struct {
	ctx  context.Context
	body any
	done chan struct{}
	raw  json.RawMessage
	err  error
}

func newBatcher(c *Client) *batcher {
	return &batcher{c: c, open: map[string]*pendingBatch{}, inFlight: map[string]chan struct{}{}}
}

// Batch sends body as one item of batchAction together with the items other
// goroutines submit within the batch window, and decodes this item's answer
// into out. An item answered with an error returns it as an *APIError. When
// the whole request fails, every item gets that error; for creating batches
// (creates=true) an unclear failure is an *AmbiguousError and nothing is
// re-sent, so the caller can look its object up before trying again.
//
// invalidates names the cache kinds the action writes (the same for every
// call of the action): once the batch is sent they are invalidated as of its
// answer (InvalidateAt), before any item returns, so the items' waits share
// the first list fetched after it.
func (c *Client) Batch(ctx context.Context, batchAction string, creates bool, body, out any, invalidates ...string) error {
	if err := c.RequireCredentials(Configuration); err != nil {
		return err
	}
	it := &batchItem{ctx: ctx, body: body, done: make(chan struct{})}
	b := c.batches
	b.mu.Lock()
	pb := b.open[batchAction]
	if pb == nil {
		pb = &pendingBatch{action: batchAction, creates: creates, invalidates: invalidates, opened: c.cfg.Clock.Now()}
		b.open[batchAction] = pb
		pb.stopTimer = c.cfg.Clock.AfterFunc(c.cfg.BatchWindow, func() { b.flush(pb) })
	} else if !pb.flushing {
		// Each companion extends the window, up to maxBatchWindows windows
		// in all: a stream of writes (Terraform starting creates as fast as
		// it walks the graph) fills one batch instead of many small ones,
		// while a lone write still waits one window only.
		// A timer that has fired already is flushing the batch, this item with it.
		if left := pb.opened.Add(maxBatchWindows * c.cfg.BatchWindow).Sub(c.cfg.Clock.Now()); left > 0 && pb.stopTimer() {
			pb.stopTimer = c.cfg.Clock.AfterFunc(min(c.cfg.BatchWindow, left), func() { b.flush(pb) })
		}
	}
	pb.items = append(pb.items, it)
	if len(pb.items) >= maxBatchItems {
		delete(b.open, batchAction) // full: later items start the next batch
		go b.flush(pb)
	}
	b.mu.Unlock()

	select {
	case <-it.done:
	case <-ctx.Done():
		b.mu.Lock()
		if !pb.sent {
			for i, x := range pb.items {
				if x == it {
					pb.items = append(pb.items[:i], pb.items[i+1:]...)
					break
				}
			}
			b.mu.Unlock()
			return ctx.Err()
		}
		b.mu.Unlock()
		// Already on the wire: wait for the answer so that a created
		// object is never lost (the request has its own deadline).
		<-it.done
	}
	if it.err != nil {
		return it.err
	}
	if out != nil {
		if err := decodeAnswer(it.raw, out); err != nil {
			var aerr error = &AnswerError{API: Configuration, Operation: batchAction, Status: http.StatusOK, Err: err}
			if creates { // applied, but which object? the caller looks it up
				aerr = &AmbiguousError{Err: aerr}
			}
			return aerr
		}
	}
	return nil
}

// RecoverBatchedCreate is the lookup after a creating Batch failed ambiguously (an
// *AmbiguousError): it runs look, the creating call's Recover, exactly as Do would for a single
// create (with waits, like Request.RecoverWaits, for up to Config.RecoverWindow while the object
// may still be propagating). found=false means the object is not there and the caller may send
// the create again on its own; nothing is re-sent here.
func (c *Client) RecoverBatchedCreate(ctx context.Context, operation string, look func(context.Context) (bool, error), waits bool) (bool, error) {
	req := &Request{API: Configuration, Operation: operation, Creates: true, Recover: look, RecoverWaits: waits}
	found, err := c.recoverCreate(ctx, req)
	if found && err == nil {
		c.stats.recovered.Add(1)
		logRecovered(c.logContext(ctx), req)
	}
	return found, err
}

func (b *batcher) flush(pb *pendingBatch) {
	b.mu.Lock()
	if pb.flushing || len(pb.items) == 0 {
		pb.flushing = true
		if b.open[pb.action] == pb {
			delete(b.open, pb.action)
		}
		b.mu.Unlock()
		return
	}
	pb.flushing = true
	// The wait for the token carries the first item's logging context and
	// ends when the token is due (it is bounded by the queue ahead of it).
	waitCtx := context.WithoutCancel(pb.items[0].ctx)
	b.mu.Unlock()

	// Still open: items keep joining while the batch waits for the one on
	// the wire and then for its token.
	for {
		b.mu.Lock()
		busy := b.inFlight[pb.action]
		b.mu.Unlock()
		if busy == nil {
			break
		}
		<-busy
	}
	if waited, _ := b.c.limit.wait(waitCtx); waited > 0 {
		b.c.stats.rateLimitWaits.Add(1)
	}

	b.mu.Lock()
	pb.sent = true
	if b.open[pb.action] == pb {
		delete(b.open, pb.action)
	}
	items := pb.items
	if len(items) == 0 { // every item gave up while waiting
		b.mu.Unlock()
		return
	}
	onWire := make(chan struct{})
	b.inFlight[pb.action] = onWire
	b.mu.Unlock()
	defer func() {
		b.mu.Lock()
		if b.inFlight[pb.action] == onWire {
			delete(b.inFlight, pb.action)
		}
		b.mu.Unlock()
		close(onWire)
	}()

	// The request outlives no item: it ends with the latest item deadline,
	// and it carries the first item's logging context.
	ctx := context.WithoutCancel(items[0].ctx)
	var latest time.Time
	for _, it := range items {
		d, ok := it.ctx.Deadline()
		if !ok {
			latest = time.Time{}
			break
		}
		if d.After(latest) {
			latest = d
		}
	}
	cancel := func() {}
	if !latest.IsZero() {
		ctx, cancel = context.WithDeadline(ctx, latest)
	}
	defer cancel()

	bodies := make([]any, len(items))
	for i, it := range items {
		bodies[i] = it.body
	}
	req := Action(pb.action, map[string]any{"requests": bodies})
	req.Creates = pb.creates
	req.rateReserved = true // taken above
	var answer struct {
		Responses []json.RawMessage `json:"responses" answer:"required"`
	}
	b.c.stats.batches.Add(1)
	b.c.stats.batchedItems.Add(int64(len(items)))
	err := b.c.Do(ctx, req, &answer)
	answered := time.Now()
	if err == nil && len(answer.Responses) != len(items) {
		err = fmt.Errorf("%s: %d answers for %d requests", pb.action, len(answer.Responses), len(items))
		if pb.creates {
			err = &AmbiguousError{Err: err}
		}
	}
	// Even a failed batch may have been applied in part.
	b.c.InvalidateAt(answered, pb.invalidates...)
	for i, it := range items {
		if err != nil {
			it.err = err
		} else {
			it.raw, it.err = answer.Responses[i], itemError(pb.action, answer.Responses[i])
		}
		close(it.done)
	}
}

// itemError returns the error an item answer carries, if any.
func itemError(action string, raw json.RawMessage) error {
	var e struct {
		Error *struct {
			Type    string         `json:"type"`
			Message string         `json:"message"`
			Data    map[string]any `json:"data"`
		} `json:"error"`
	}
	if json.Unmarshal(raw, &e) != nil || e.Error == nil {
		return nil
	}
	return &APIError{API: Configuration, Status: 200, Type: e.Error.Type, Message: e.Error.Message, Data: e.Error.Data, Operation: action}
}
