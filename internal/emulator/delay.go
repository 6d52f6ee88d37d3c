package emulator

import (
	"sort"
	"time"
)

// The propagation-delay model (DESIGN §6, "Propagation delay" in the reference).
//
// Every object lives in a record that holds its authoritative version (cur, nil once deleted), the
// version readers saw before the latest write (prev, nil when the object did not exist), the instant
// the latest write becomes visible (visibleAt = write time + delay) and the instant the current
// incarnation's creation becomes visible (bornAt). Reads through the API use the visible version;
// writes act on cur; a write that refers to another object needs that object to be "referencable",
// i.e. to exist authoritatively and to have been created at least one delay ago.

// view selects which version of an object a read sees.
type view struct {
	now           time.Time
	authoritative bool
}

var authoritative = view{authoritative: true}

type record[T any] struct {
	cur, prev *T
	visibleAt time.Time
	bornAt    time.Time
	seq       int64
}

// visible is the version a reader sees at now.
func (r *record[T]) visible(now time.Time) *T {
	if now.Before(r.visibleAt) {
		return r.prev
	}
	return r.cur
}

func (r *record[T]) in(v view) *T {
	if v.authoritative {
		return r.cur
	}
	return r.visible(v.now)
}

// write replaces the authoritative version; until now+delay readers keep seeing the version that
// was visible at the time of the write.
func (r *record[T]) write(v *T, now time.Time, delay time.Duration) {
	if !now.Before(r.visibleAt) {
		r.prev = r.cur
	}
	r.cur = v
	r.visibleAt = now.Add(delay)
}

// table is a keyed collection of records of one object kind.
type table[K comparable, T any] struct {
	recs  map[K]*record[T]
	clone func(*T) *T
	seq   int64

	kind   string       // the kind name of per-kind delays (delay_kinds.go)
	policy *delayPolicy // the server's per-kind delays; nil: always the action's delay
}

func newTable[K comparable, T any](clone func(*T) *T) *table[K, T] {
	return &table[K, T]{recs: map[K]*record[T]{}, clone: clone}
}

// get returns the authoritative version (nil when absent). Callers must not modify it.
func (t *table[K, T]) get(k K) *T {
	if r := t.recs[k]; r != nil {
		return r.cur
	}
	return nil
}

// in returns the version seen in v.
func (t *table[K, T]) in(k K, v view) *T {
	if r := t.recs[k]; r != nil {
		return r.in(v)
	}
	return nil
}

// editable returns a copy of the authoritative version to modify and pass to update.
func (t *table[K, T]) editable(k K) *T {
	if c := t.get(k); c != nil {
		return t.clone(c)
	}
	return nil
}

// referencable reports whether another object's write may refer to k at now.
func (t *table[K, T]) referencable(k K, now time.Time) bool {
	r := t.recs[k]
	return r != nil && r.cur != nil && !now.Before(r.bornAt)
}

// create stores a new object (the caller checked that k is free authoritatively).
// delay is the action's default; the kind's override, if any, wins (delay_kinds.go).
func (t *table[K, T]) create(k K, v *T, now time.Time, delay time.Duration) {
	delay = t.delayOf(delay)
	r := t.recs[k]
	if r == nil {
		r = &record[T]{}
		t.recs[k] = r
	}
	t.seq++
	r.seq = t.seq
	r.write(v, now, delay)
	r.bornAt = now.Add(delay)
}

func (t *table[K, T]) update(k K, v *T, now time.Time, delay time.Duration) {
	delay = t.delayOf(delay)
	if r := t.recs[k]; r != nil && r.cur != nil {
		r.write(v, now, delay)
	}
}

func (t *table[K, T]) delete(k K, now time.Time, delay time.Duration) {
	delay = t.delayOf(delay)
	if r := t.recs[k]; r != nil && r.cur != nil {
		r.write(nil, now, delay)
	}
}

// load stores v as immediately visible (state files, fixtures, the fresh license).
func (t *table[K, T]) load(k K, v *T) {
	t.seq++
	t.recs[k] = &record[T]{cur: v, seq: t.seq}
}

// purge removes k at once, for every reader (out-of-band deletes).
func (t *table[K, T]) purge(k K) { delete(t.recs, k) }

// mutateNow applies fn to every version of every object at once, without a delay (cascades of
// out-of-band deletes); fn reports whether it changed its argument.
func (t *table[K, T]) mutateNow(fn func(*T) bool) {
	for _, r := range t.recs {
		for _, p := range []**T{&r.cur, &r.prev} {
			if *p == nil {
				continue
			}
			c := t.clone(*p)
			if fn(c) {
				*p = c
			}
		}
	}
}

// keys lists the keys of the objects that exist in v, in creation order.
func (t *table[K, T]) keys(v view) []K {
	type kr struct {
		k K
		r *record[T]
	}
	var all []kr
	for k, r := range t.recs {
		if r.in(v) != nil {
			all = append(all, kr{k, r})
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i].r.seq < all[j].r.seq })
	out := make([]K, len(all))
	for i, x := range all {
		out[i] = x.k
	}
	return out
}

// list returns the objects that exist in v, in creation order. Callers must not modify them.
func (t *table[K, T]) list(v view) []*T {
	ks := t.keys(v)
	out := make([]*T, len(ks))
	for i, k := range ks {
		out[i] = t.recs[k].in(v)
	}
	return out
}
