package client

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"
)

// What the typed methods share to recover a create after an ambiguous failure (Request.Recover)
// without adopting someone else's object, and to finish a create that Terraform interrupted.
//
// The rule: a recovery adopts only an object that provably did not exist before the first
// attempt. Where the API assigns ids, the ids listed before the first attempt are noted (Before)
// and an object among them, or one this client created or adopted already in this run (Claim), is
// never adopted. Where the API enforces a natural key, a key taken before the first attempt means
// the create would have failed without the fault too: its already_exists answer is returned as it
// is (Request.AlreadyExistsProves stays false).

// claims are the objects this client created or adopted in this run, per kind, with when.
type claims struct {
	mu  sync.Mutex
	ids map[string]map[string]time.Time
}

// Claim notes an object of kind that this client created: no recovery adopts it for another create.
func (c *Client) Claim(kind, id string) {
	c.claims.mu.Lock()
	defer c.claims.mu.Unlock()
	c.claims.claimLocked(kind, id)
}

func (cl *claims) claimLocked(kind, id string) {
	if cl.ids == nil {
		cl.ids = map[string]map[string]time.Time{}
	}
	if cl.ids[kind] == nil {
		cl.ids[kind] = map[string]time.Time{}
	}
	if _, ok := cl.ids[kind][id]; !ok {
		cl.ids[kind][id] = time.Now()
	}
}

// CreatedRecently reports whether this client claimed kind/id (created it, or adopted it after an
// unclear create) less than the propagation window (Config.RecoverWindow) ago: the API may not
// show it yet, so a write naming it may be refused for a while. An id it did not claim, or claimed
// long ago, has nothing to wait for.
func (c *Client) CreatedRecently(kind, id string) bool {
	c.claims.mu.Lock()
	defer c.claims.mu.Unlock()
	at, ok := c.claims.ids[kind][id]
	return ok && time.Since(at) < c.cfg.RecoverWindow
}

// PropagationWindow is how long a new object may take to show (Config.RecoverWindow, by default
// the documented 2 minutes).
func (c *Client) PropagationWindow() time.Duration { return c.cfg.RecoverWindow }

// AdoptNew picks the object an ambiguous create made among matching, the ids of the listed objects
// that have the create's natural key: the one not in before (the ids listed before the first
// attempt) and not created or adopted by this client already; it is claimed. None: found=false
// (not made, or not visible yet). More than one: an error naming them, and nothing is adopted.
// what names the objects in that error ("groups named \"Sales\"").
func (c *Client) AdoptNew(kind string, before map[string]bool, matching []string, what string) (id string, found bool, err error) {
	c.claims.mu.Lock()
	defer c.claims.mu.Unlock()
	var fresh []string
	for _, id := range matching {
		if _, claimed := c.claims.ids[kind][id]; !before[id] && !claimed {
			fresh = append(fresh, id)
		}
	}
	switch len(fresh) {
	case 0:
		return "", false, nil
	case 1:
		c.claims.claimLocked(kind, fresh[0])
		return fresh[0], true, nil
	}
	sort.Strings(fresh)
	return "", false, fmt.Errorf("after the unclear failure %d new %s exist (%s): import the one to keep and delete the others", len(fresh), what, strings.Join(fresh, ", "))
}

// AdoptListed is AdoptNew over a list answer: match reports an item's id and whether it has the
// create's natural key; the item adopted is returned, nil when there is none.
func AdoptListed[T any](c *Client, kind string, before map[string]bool, list []T, match func(*T) (string, bool), what string) (*T, error) {
	var matching []string
	byID := map[string]*T{}
	for i := range list {
		if id, ok := match(&list[i]); ok {
			matching = append(matching, id)
			byID[id] = &list[i]
		}
	}
	id, found, err := c.AdoptNew(kind, before, matching, what)
	if !found {
		return nil, err
	}
	return byID[id], err
}

// IDsOf is the set of ids of a list answer, as AdoptNew takes them.
func IDsOf[T any](items []T, id func(*T) string) map[string]bool {
	out := make(map[string]bool, len(items))
	for i := range items {
		out[id(&items[i])] = true
	}
	return out
}

// Finishing returns the context for the calls that complete a create the API has applied (reading
// back an id its answer lacks, looking the object up after an ambiguous failure): it ends one
// request timeout after ctx ends, so an interrupt (Ctrl-C) or a timeout still lets what was created
// reach the state instead of being left on the server untracked.
func (c *Client) Finishing(ctx context.Context) (context.Context, context.CancelFunc) {
	return outliving(ctx, c.cfg.RequestTimeout)
}

// outliving is a context that ends grace after ctx ends (or when its cancel is called).
func outliving(ctx context.Context, grace time.Duration) (context.Context, context.CancelFunc) {
	out, cancel := context.WithCancel(context.WithoutCancel(ctx))
	var timer *time.Timer
	var mu sync.Mutex
	stop := context.AfterFunc(ctx, func() {
		mu.Lock()
		defer mu.Unlock()
		timer = time.AfterFunc(grace, cancel)
	})
	return out, func() {
		stop()
		mu.Lock()
		if timer != nil {
			timer.Stop()
		}
		mu.Unlock()
		cancel()
	}
}
