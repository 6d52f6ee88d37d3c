package provider

import (
	"context"
	"sync"
	"sync/atomic"
)

// pendingWrites is what this provider process wrote and has not yet seen in a read, by resource
// type (written.go). A write returns once the API acknowledged it and leaves here the check that
// tells when reads show it; a reader in the same run that observes that type (a data source, a
// list, an action) settles them first, so it sees what the run wrote. Nothing polls otherwise:
// when the process ends, what is pending is simply forgotten (the writes were acknowledged, and
// private state covers the next refresh).
type pendingWrites struct {
	mu     sync.Mutex
	byType map[string][]*pendingWrite
}

type pendingWrite struct {
	what  string
	shown func(context.Context) (bool, error)

	mu   sync.Mutex // held by the one reader that polls it; the others wait their turn
	done atomic.Bool
}

func newPendingWrites() *pendingWrites {
	return &pendingWrites{byType: map[string][]*pendingWrite{}}
}

// add remembers a write to an object of type typ (e.g. "livechat_group"); shown tells whether
// reads show it yet, what names it in errors.
func (p *pendingWrites) add(typ, what string, shown func(context.Context) (bool, error)) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.byType[typ] = append(p.byType[typ], &pendingWrite{what: what, shown: shown})
}

// settleWorkers is how many pending writes settle polls at once (Terraform's default parallelism).
const settleWorkers = 10

// settle waits until every pending write of the types given shows and forgets those that do. It returns the first failure (ctx's end included).
func (p *pendingWrites) settle(ctx context.Context, types ...string) error {
	p.mu.Lock()
	var waits []*pendingWrite
	for _, typ := range types {
		waits = append(waits, p.byType[typ]...)
	}
	p.mu.Unlock()
	if len(waits) == 0 {
		return nil
	}
	// At most settleWorkers polls at a time: the writes of one apply show at about the same
	// time, so once the first ones show, the rest take one poll each.
	errs := make(chan error, len(waits))
	turns := make(chan struct{}, settleWorkers)
	for _, w := range waits {
		go func() {
			turns <- struct{}{}
			defer func() { <-turns }()
			errs <- w.settle(ctx)
		}()
	}
	var first error
	for range waits {
		if err := <-errs; err != nil && first == nil {
			first = err
		}
	}
	p.forgetDone(types)
	return first
}

func (w *pendingWrite) settle(ctx context.Context) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.done.Load() {
		return nil
	}
	if err := awaitConsistent(ctx, w.what, w.shown); err != nil {
		return err
	}
	w.done.Store(true)
	return nil
}

func (p *pendingWrites) forgetDone(types []string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, typ := range types {
		var left []*pendingWrite
		for _, w := range p.byType[typ] {
			if !w.done.Load() {
				left = append(left, w)
			}
		}
		if len(left) == 0 {
			delete(p.byType, typ)
		} else {
			p.byType[typ] = left
		}
	}
}

// count is how many writes of typ are pending (tests).
func (p *pendingWrites) count(typ string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.byType[typ])
}

// afterWrite is what a write does about its propagation: with a propagation window (the
// default), remember the check in the run's pending writes and return; without one, wait
// here until reads show the write, in the operation's slot.
func (d *providerData) afterWrite(ctx context.Context, typ, what string, shown func(context.Context) (bool, error)) error {
	if d.propagationWindow <= 0 {
		return awaitConsistent(ctx, what, shown)
	}
	d.pending.add(typ, what, shown)
	return nil
}
