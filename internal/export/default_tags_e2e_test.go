package export

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/configuration"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/emulator"
)

// TestAccDefaultTagsExample applies the tag page's second example to a new license with the
// terraform CLI: its import block with for_each takes over every default tag (declaring one
// would fail with already_exists), and the next plan is empty. terraform-plugin-testing cannot
// run it (its state shim refuses for_each addresses).
func TestAccDefaultTagsExample(t *testing.T) {
	tfBin := terraformBinary(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	em := emulator.New(emulator.Options{AccessTokens: []string{testToken}})
	run, err := em.Serve("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer run.Close()
	h := newTerraformHarness(ctx, t, tfBin, run.URL)
	example, err := os.ReadFile(filepath.Join("..", "..", "examples", "resources", "livechat_tag", "resource_default_tags.tf"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(h.dir, "tags.tf"), example, 0o644); err != nil {
		t.Fatal(err)
	}

	plan := h.plan()
	var imported []string
	for _, rc := range plan.ResourceChanges {
		if rc.Change.Importing == nil || !rc.Change.Actions.NoOp() {
			t.Errorf("%s: %v, want an import and no change", rc.Address, rc.Change.Actions)
		}
		imported = append(imported, rc.Address)
	}
	for _, name := range configuration.DefaultTagNames {
		if addr := `livechat_tag.default["` + name + `"]`; !slices.Contains(imported, addr) {
			t.Errorf("%s is not imported; the plan imports %q", addr, imported)
		}
	}
	if out, err := h.terraform("apply", "-input=false", "-auto-approve", "plan.tfplan"); err != nil {
		t.Fatalf("terraform apply: %v\n%s", err, out)
	}
	if after := h.plan(); !emptyPlan(after) {
		t.Fatalf("the plan after the import is not empty:\n%s", describeChanges(after))
	}
}
