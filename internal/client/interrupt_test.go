package client_test

import (
	"context"
	"testing"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/clienttest"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/emulator"
)

// A create that Terraform interrupts (Ctrl-C cancels the context) once its request is out is
// finished, not abandoned: the API applies it and only its answer tells the id, so every creating
// path returns the object, which exists once. The hook hands the answer over only after the cancel,
// so a request still bound to the cancelled context loses it.
func TestCreate_InterruptedOnceSentIsFinished(t *testing.T) {
	for _, path := range createPaths {
		t.Run(path.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, emulator.Options{}, path, clienttest.Cancelled)
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			e.hook.Cancel = cancel
			id, err := path.create(ctx, e.test, e)
			if ctx.Err() == nil {
				t.Fatal("the creating request was never sent")
			}
			if err != nil || id == "" {
				t.Fatalf("interrupted create = %q, %v; want the created object", id, err)
			}
			if n := path.count(t, e); n != 1 {
				t.Errorf("%d objects with the key, want 1", n)
			}
		})
	}
}
