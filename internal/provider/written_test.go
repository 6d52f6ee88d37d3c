package provider

import (
	"context"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// memoryPrivate is private state in memory, for the write record.
type memoryPrivate map[string][]byte

func (m memoryPrivate) GetKey(_ context.Context, key string) ([]byte, diag.Diagnostics) {
	return m[key], nil
}

func (m memoryPrivate) SetKey(_ context.Context, key string, value []byte) diag.Diagnostics {
	if len(value) == 0 {
		delete(m, key)
	} else {
		m[key] = value
	}
	return nil
}

var cannedType = tftypes.Object{AttributeTypes: map[string]tftypes.Type{
	"id":   tftypes.Number,
	"text": tftypes.String,
	"tags": tftypes.Set{ElementType: tftypes.String},
}}

func canned(text string, tags ...string) tftypes.Value {
	elems := make([]tftypes.Value, len(tags))
	for i, t := range tags {
		elems[i] = tftypes.NewValue(tftypes.String, t)
	}
	return tftypes.NewValue(cannedType, map[string]tftypes.Value{
		"id":   tftypes.NewValue(tftypes.Number, 7),
		"text": tftypes.NewValue(tftypes.String, text),
		"tags": tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, elems),
	})
}

func textOf(t *testing.T, v tftypes.Value) string {
	t.Helper()
	var attrs map[string]tftypes.Value
	if err := v.As(&attrs); err != nil {
		t.Fatal(err)
	}
	var s string
	if err := attrs["text"].As(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

// A refresh within the window keeps what was written over an answer that still shows a value
// from before the write, and takes any other answer: a change made outside Terraform shows.
func TestKeepWritten_OnlyOverAValueFromBeforeTheWrite(t *testing.T) {
	ctx := context.Background()
	now := time.Now()
	private := memoryPrivate{}
	if d := recordUpdate(ctx, private, private, canned("old", "a"), canned("new", "a"), now, time.Minute); d.HasError() {
		t.Fatal(d)
	}
	rec, ok := readRecord(ctx, private, now.Add(30*time.Second), time.Minute)
	if !ok {
		t.Fatal("the record of a write 30s ago does not hold within a 1m window")
	}
	for _, tc := range []struct {
		read, want string
	}{
		{"old", "new"}, // the API does not show the write yet
		{"new", "new"}, // it does
		{"changed in the app", "changed in the app"}, // someone changed it since
	} {
		got, err := keepWritten(rec, canned("new", "a"), canned(tc.read, "a"))
		if err != nil {
			t.Fatal(err)
		}
		if textOf(t, got) != tc.want {
			t.Errorf("read %q: kept %q, want %q", tc.read, textOf(t, got), tc.want)
		}
	}
	// tags were not written: a changed answer is taken as it is.
	got, _ := keepWritten(rec, canned("new", "a"), canned("old", "b"))
	var attrs map[string]tftypes.Value
	_ = got.As(&attrs)
	if !attrs["tags"].Equal(mustAttr(canned("", "b"), "tags")) {
		t.Errorf("tags, which the write did not change, were not taken from the answer: %v", attrs["tags"])
	}
}

func mustAttr(v tftypes.Value, name string) tftypes.Value {
	var attrs map[string]tftypes.Value
	_ = v.As(&attrs)
	return attrs[name]
}

// Past the window the record no longer holds, and a Read forgets it.
func TestReadRecord_PastTheWindowDoesNotHold(t *testing.T) {
	ctx := context.Background()
	now := time.Now()
	private := memoryPrivate{}
	_ = recordCreate(ctx, private, now)
	if _, ok := readRecord(ctx, private, now.Add(119*time.Second), 2*time.Minute); !ok {
		t.Error("a create 119s ago does not hold within a 2m window")
	}
	if _, ok := readRecord(ctx, private, now.Add(2*time.Minute), 2*time.Minute); ok {
		t.Error("a create 2m ago still holds within a 2m window: a refresh would hide a delete made outside Terraform for ever")
	}
	if _, ok := readRecord(ctx, private, now, 0); ok {
		t.Error("a record holds with no window (writes wait, nothing is kept)")
	}
}

// Of two writes within one window, a read may show the value before either: both are kept.
func TestRecordUpdate_KeepsEveryValueBeforeTheWritesOfTheWindow(t *testing.T) {
	ctx := context.Background()
	now := time.Now()
	private := memoryPrivate{}
	_ = recordCreate(ctx, private, now)
	_ = recordUpdate(ctx, private, private, canned("Hello"), canned("Hi"), now.Add(25*time.Second), time.Minute)
	_ = recordUpdate(ctx, private, private, canned("Hi"), canned("Hey"), now.Add(50*time.Second), time.Minute)
	rec, ok := readRecord(ctx, private, now.Add(60*time.Second), time.Minute)
	if !ok || !rec.Created {
		t.Fatalf("record %+v (holds %v): the create within the window is forgotten", rec, ok)
	}
	for _, stale := range []string{"Hello", "Hi"} {
		got, _ := keepWritten(rec, canned("Hey"), canned(stale))
		if textOf(t, got) != "Hey" {
			t.Errorf("a read showing %q (from before a write of the window) replaced what was written", stale)
		}
	}
}

// An answer may list a set in any order: the fingerprint does not depend on it.
func TestFingerprint_SetOrderFree(t *testing.T) {
	if fingerprint(mustAttr(canned("x", "a", "b"), "tags")) != fingerprint(mustAttr(canned("x", "b", "a"), "tags")) {
		t.Error("the same set in another order has another fingerprint")
	}
	if fingerprint(mustAttr(canned("x", "a"), "tags")) == fingerprint(mustAttr(canned("x", "b"), "tags")) {
		t.Error("two sets have one fingerprint")
	}
}
