package export

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/listing"
)

// TestAccQueryImportRoundTrip is the guide's import workflow on Terraform >= 1.14: the fixture
// license (groups, agents, tags, canned responses, webhooks and every other listable type) →
// `terraform query -generate-config-out=generated.tf` with one list block per list resource →
// review (webhook secrets) → the plan imports every object by identity and changes nothing else →
// apply → the next plan is empty. The query finds exactly what livechat-export finds. It skips on
// Terraform < 1.14 (make test-terraform-latest builds one).
func TestAccQueryImportRoundTrip(t *testing.T) {
	h, em := startE2E(t, "the terraform query end-to-end test", "1.14.0")
	ctx := h.ctx

	// What livechat-export finds is what the query must find.
	res, err := Export(ctx, testClients(t, h.url, true), fixtureOptions())
	if err != nil {
		t.Fatal(err)
	}

	// 1. Query every list resource; solution licenses with the fixture's organizations.
	var q strings.Builder
	for _, k := range listing.Kinds() {
		if k.Type == "livechat_solution_organization" { // no list resource: the API cannot list them
			continue
		}
		fmt.Fprintf(&q, "list %q \"all\" {\n  provider = livechat\n", k.Type)
		if k.Type == "livechat_solution_license" {
			fmt.Fprintf(&q, "  config {\n    organization_ids = [%q, %q]\n  }\n", fixtureOrg1, fixtureOrg2)
		}
		q.WriteString("}\n\n")
	}
	if err := os.WriteFile(filepath.Join(h.dir, "license.tfquery.hcl"), []byte(q.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := h.terraform("query", "-generate-config-out=generated.tf")
	if err != nil {
		t.Fatalf("terraform query: %v\n%s", err, out)
	}
	t.Logf("terraform query:\n%s", out)
	imports := generatedImports(t, filepath.Join(h.dir, "generated.tf"))
	found := map[string]int{}
	for addr, identity := range imports {
		typ, _, _ := strings.Cut(addr, ".")
		found[typ]++
		if identity.IsNull() {
			t.Errorf("%s: the generated import block has no identity", addr)
		}
	}
	for _, typ := range Types() {
		if typ != "livechat_solution_organization" && found[typ] != res.Counts[typ] {
			t.Errorf("%s: the query found %d, livechat-export %d", typ, found[typ], res.Counts[typ])
		}
	}
	if t.Failed() {
		t.FailNow()
	}

	// 2. Review, as the guide says: webhooks need their current secret (the API never returns it).
	gen := h.readGenerated()
	for _, b := range gen.Body().Blocks() {
		if b.Type() != "resource" || b.Labels()[0] != "livechat_webhook" {
			continue
		}
		addr := "livechat_webhook." + b.Labels()[1]
		wh, ok := em.Webhook(imports[addr].GetAttr("id").AsString())
		if !ok {
			t.Fatalf("%s not in the emulator", addr)
		}
		b.Body().SetAttributeValue("secret_key_wo", cty.StringVal(wh.SecretKey))
		b.Body().SetAttributeValue("secret_key_wo_version", cty.NumberIntVal(1))
	}
	h.writeGenerated(gen)

	// 3. Plan: imports only, apart from the known updates.
	plan := h.plan()
	imported := 0
	for _, rc := range plan.ResourceChanges {
		if rc.Change.Importing != nil {
			imported++
		}
		if rc.Change.Actions.NoOp() {
			continue
		}
		if !rc.Change.Actions.Update() {
			t.Errorf("%s: %v after import, want no change", rc.Address, rc.Change.Actions)
			continue
		}
		for _, attr := range changedAttributes(rc.Change) {
			if _, ok := knownImportUpdates[rc.Type][attr]; !ok {
				t.Errorf("%s: %s changes right after the import: %v → %v",
					rc.Address, attr, rc.Change.Before.(map[string]any)[attr], rc.Change.After.(map[string]any)[attr])
			}
		}
	}
	if imported != len(imports) {
		t.Errorf("the plan imports %d objects, the query generated %d import blocks", imported, len(imports))
	}
	if t.Failed() {
		t.FailNow()
	}

	// 4. Apply, then the plan must be empty.
	if out, err := h.terraform("apply", "-input=false", "-auto-approve", "plan.tfplan"); err != nil {
		t.Fatalf("terraform apply: %v\n%s", err, out)
	}
	if after := h.plan(); !emptyPlan(after) {
		t.Fatalf("the plan after applying the generated configuration is not empty:\n%s", describeChanges(after))
	}
	t.Logf("imported %d objects by identity: %v", imported, found)
}

// generatedImports maps the address of each import block of a generated file to its identity
// (null for an import by ID).
func generatedImports(t *testing.T, file string) map[string]cty.Value {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	f, diags := hclsyntax.ParseConfig(src, file, hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	out := map[string]cty.Value{}
	for _, b := range f.Body.(*hclsyntax.Body).Blocks {
		if b.Type != "import" {
			continue
		}
		to, diags := hcl.AbsTraversalForExpr(b.Body.Attributes["to"].Expr)
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		addr := to.RootName() + "." + to[1].(hcl.TraverseAttr).Name
		out[addr] = cty.NullVal(cty.DynamicPseudoType)
		if a, ok := b.Body.Attributes["identity"]; ok {
			v, diags := a.Expr.Value(nil)
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			out[addr] = v
		}
	}
	return out
}
