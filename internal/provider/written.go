package provider

// Acknowledged writes (DESIGN §5). A create, update or delete returns once the API acknowledged
// it, instead of holding one of Terraform's parallelism slots until reads show it: an apply then
// costs the depth of its dependency graph times the propagation delay, not the object count. Two
// things make up for reads that lag behind a write:
//   - private state records when this provider wrote the object, whether the write created it,
//     and a fingerprint of what each written attribute held before; a refresh within the
//     propagation window that still sees that old value, or not found after a create, keeps what
//     was written (keepWritten), so the plan right after an apply is empty;
//   - the provider process remembers its writes not yet seen (pending.go), so a data source, list
//     or action in the same run first waits for those of the kinds it reads.
// Past the window a refresh takes what the API answers, so every change made outside Terraform
// shows. Inside it, a change made outside Terraform shows too unless it put back the exact value
// the attribute had before our write.

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// writtenKey is the private state key of a writeRecord.
const writtenKey = "written"

// writeRecord is what private state keeps of this provider's latest writes to one object.
type writeRecord struct {
	// At is when the latest write was acknowledged; the record holds for a window from then.
	At time.Time `json:"at"`
	// Created is set when the writes the record covers created the object: until the window
	// ends, not found means not visible yet.
	Created bool `json:"created,omitempty"`
	// Before maps each attribute a write changed to fingerprints of the values it held before
	// the writes within the window (never the values: they may be secrets). Readers may still
	// see any of them: the version before the first write, or one an earlier write made visible.
	Before map[string][]string `json:"before,omitempty"`
}

// readRecord is the object's record, if it has one that still holds at now.
func readRecord(ctx context.Context, p privateReader, now time.Time, window time.Duration) (writeRecord, bool) {
	rec, present := storedRecord(ctx, p)
	return rec, present && rec.holdsAt(now, window)
}

// holdsAt reports whether the record still holds at now: within window of its write.
func (rec writeRecord) holdsAt(now time.Time, window time.Duration) bool {
	return window > 0 && now.Sub(rec.At) < window
}

// storedRecord is the record private state holds, whether or not it still holds.
func storedRecord(ctx context.Context, p privateReader) (writeRecord, bool) {
	var rec writeRecord
	if p == nil {
		return rec, false
	}
	raw, diags := p.GetKey(ctx, writtenKey)
	if diags.HasError() || len(raw) == 0 || json.Unmarshal(raw, &rec) != nil {
		return rec, false
	}
	return rec, true
}

func saveRecord(ctx context.Context, p privateWriter, rec *writeRecord) diag.Diagnostics {
	if rec == nil {
		return p.SetKey(ctx, writtenKey, nil)
	}
	raw, err := json.Marshal(rec)
	if err != nil {
		return conversionError(err)
	}
	return p.SetKey(ctx, writtenKey, raw)
}

// recordCreate notes that the object was created at now.
func recordCreate(ctx context.Context, p privateWriter, now time.Time) diag.Diagnostics {
	return saveRecord(ctx, p, &writeRecord{At: now, Created: true})
}

// recordUpdate notes an update at now: which top-level attributes of prior the new state
// changed, and what they held before. A record still within the window is extended.
func recordUpdate(ctx context.Context, old privateReader, p privateWriter, prior, written tftypes.Value, now time.Time, window time.Duration) diag.Diagnostics {
	rec, ok := readRecord(ctx, old, now, window)
	if !ok {
		rec = writeRecord{}
	}
	before, after, err := attributes(prior, written)
	if err != nil {
		return conversionError(err)
	}
	for name, v := range after {
		if name == "timeouts" || v.Equal(before[name]) {
			continue
		}
		fp := fingerprint(before[name])
		if slices.Contains(rec.Before[name], fp) {
			continue
		}
		if rec.Before == nil {
			rec.Before = map[string][]string{}
		}
		rec.Before[name] = append(rec.Before[name], fp)
	}
	rec.At = now
	return saveRecord(ctx, p, &rec)
}

// keepWritten returns read with every attribute that still shows its value from before our
// write replaced by the value in state (what we wrote), as long as rec holds.
func keepWritten(rec writeRecord, state, read tftypes.Value) (tftypes.Value, error) {
	if len(rec.Before) == 0 || state.IsNull() || read.IsNull() {
		return read, nil
	}
	ours, got, err := attributes(state, read)
	if err != nil {
		return read, err
	}
	kept := make(map[string]tftypes.Value, len(got)) // As shares the value's map: never write to it
	for name, v := range got {
		kept[name] = v
		if fps, written := rec.Before[name]; written && !v.Equal(ours[name]) && slices.Contains(fps, fingerprint(v)) {
			kept[name] = ours[name]
		}
	}
	return tftypes.NewValue(read.Type(), kept), nil
}

func attributes(a, b tftypes.Value) (map[string]tftypes.Value, map[string]tftypes.Value, error) {
	var ma, mb map[string]tftypes.Value
	if err := a.As(&ma); err != nil {
		return nil, nil, err
	}
	if err := b.As(&mb); err != nil {
		return nil, nil, err
	}
	return ma, mb, nil
}

// fingerprint identifies a value, the same for equal values whatever the order of a set's
// elements (an answer may list them in any order).
func fingerprint(v tftypes.Value) string {
	sum := sha256.Sum256([]byte(canonical(v)))
	return hex.EncodeToString(sum[:8])
}

func canonical(v tftypes.Value) string {
	if v.Type() == nil || v.IsNull() || !v.IsKnown() {
		return v.String()
	}
	switch v.Type().(type) {
	case tftypes.Set, tftypes.List, tftypes.Tuple:
		var elems []tftypes.Value
		if v.As(&elems) != nil {
			return v.String()
		}
		parts := make([]string, len(elems))
		for i, e := range elems {
			parts[i] = canonical(e)
		}
		if v.Type().Is(tftypes.Set{}) {
			slices.Sort(parts)
		}
		return "[" + strings.Join(parts, ",") + "]"
	case tftypes.Map, tftypes.Object:
		var m map[string]tftypes.Value
		if v.As(&m) != nil {
			return v.String()
		}
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = k + "=" + canonical(m[k])
		}
		return "{" + strings.Join(parts, ",") + "}"
	}
	return v.String()
}

// justCreated is what a Read learns from the wrapper: the object's record says this provider
// created it within the window, so not found means not visible yet (gone keeps the state).
type justCreated struct{ kept bool }

type justCreatedKey struct{}

func withJustCreated(ctx context.Context) (context.Context, *justCreated) {
	jc := &justCreated{}
	return context.WithValue(ctx, justCreatedKey{}, jc), jc
}

// keepUnseen reports whether a Read that found no object should keep the state instead, and
// notes that it did.
func keepUnseen(ctx context.Context) bool {
	jc, ok := ctx.Value(justCreatedKey{}).(*justCreated)
	if ok {
		jc.kept = true
	}
	return ok
}
