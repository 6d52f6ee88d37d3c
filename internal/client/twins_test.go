package client_test

import (
	"errors"
	"testing"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/clienttest"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/emulator"
)

// After an unclear create (its request cut off before or after the API applied it), recovery
// adopts only an object that did not exist before the first attempt. With a twin made before
// (someone else's object with the same natural key) the create ends as it would without the fault:
// a new object where the API allows one, the already_exists answer where it enforces the key; the
// twin is never adopted.
func TestCreate_UnclearNeverAdoptsATwin(t *testing.T) {
	forEachUnclearCreate(t, func(t *testing.T, path createPath, mode string, e *env) {
		twin := path.twin(t, e)
		id, err := path.create(t.Context(), e.test, e)
		if !e.hook.Fired() {
			t.Fatal("the creating request was never sent")
		}
		if path.enforced {
			if !client.IsAlreadyExists(err) {
				t.Fatalf("create = %q, %v; want the already_exists answer (the twin %s is someone else's)", id, err, twin)
			}
			if n := path.count(t, e); n != 1 {
				t.Errorf("%d objects with the key, want the twin alone", n)
			}
			return
		}
		if err != nil {
			t.Fatalf("create: %v", err)
		}
		if id == twin {
			t.Fatalf("adopted the twin %s", twin)
		}
		if n := path.count(t, e); n != 2 {
			t.Errorf("%d objects with the key, want the twin and the new one", n)
		}
	})
}

// Without a twin, an unclear create ends with its one object: found by its natural key, or sent
// again when it is not there. An organization cut off after the API applied it is the exception:
// nothing can list organizations, so its re-send's 409 (its identifier is unique) cannot be told
// from someone else's organization and is reported as unclear.
func TestCreate_UnclearFailureRecovered(t *testing.T) {
	forEachUnclearCreate(t, func(t *testing.T, path createPath, mode string, e *env) {
		id, err := path.create(t.Context(), e.test, e)
		if !e.hook.Fired() {
			t.Fatal("the creating request was never sent")
		}
		var amb *client.AmbiguousError
		switch {
		case path.name == "organization (with an identifier)" && mode == clienttest.CutAfter:
			if !errors.As(err, &amb) {
				t.Fatalf("create = %q, %v; want an unclear outcome", id, err)
			}
		case err != nil || id == "":
			t.Fatalf("create = %q, %v", id, err)
		}
		if n := path.count(t, e); n != 1 {
			t.Errorf("%d objects with the key, want 1", n)
		}
	})
}

// forEachUnclearCreate runs check for every creating path whose request is cut off before, and
// after, the API applied it, each on an emulator of its own.
func forEachUnclearCreate(t *testing.T, check func(t *testing.T, path createPath, mode string, e *env)) {
	for _, path := range createPaths {
		for _, mode := range []string{clienttest.CutBefore, clienttest.CutAfter} {
			t.Run(path.name+"/"+mode, func(t *testing.T) {
				t.Parallel()
				check(t, path, mode, newEnv(t, emulator.Options{}, path, mode))
			})
		}
	}
}
