package provider

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// TestImportIDParser checks the one import-ID parser against every type's entry in identities:
// the entry's example is the documented import ID (examples/resources/<type>/import.sh) and
// imports, and an ID of another shape fails with an error that shows the expected shape and the
// example.
func TestImportIDParser(t *testing.T) {
	ctx := context.Background()
	for _, f := range New("test")().Resources(ctx) {
		r := f()
		typ := typeName(r)
		spec := identities[typ]
		if spec.importAll != "" {
			continue // its own parser: a list of rule IDs
		}
		t.Run(typ, func(t *testing.T) {
			var sr fwresource.SchemaResponse
			r.Schema(ctx, fwresource.SchemaRequest{}, &sr)
			newState := func() *tfsdk.State {
				return &tfsdk.State{Schema: sr.Schema, Raw: tftypes.NewValue(sr.Schema.Type().TerraformType(ctx), nil)}
			}
			doc, err := os.ReadFile(filepath.Join("..", "..", "examples", "resources", typ, "import.sh"))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(strings.ReplaceAll(string(doc), "'", ""), " "+spec.example+"\n") {
				t.Errorf("the example %q is not in import.sh:\n%s", spec.example, doc)
			}
			var diags diag.Diagnostics
			if !spec.importState(ctx, spec.example, newState(), &diags) {
				t.Fatalf("importing the example %q: %v", spec.example, diags)
			}
			bad := []string{""}
			if len(spec.attrs) > 1 {
				bad = append(bad, "x") // too few parts
			}
			for _, bad := range bad {
				diags = nil
				if spec.importState(ctx, bad, newState(), &diags) {
					t.Fatalf("import ID %q was accepted", bad)
				}
				detail := diags.Errors()[0].Detail()
				if !strings.Contains(detail, "e.g. "+spec.example) || !strings.Contains(detail, " imported ") {
					t.Errorf("the error of %q does not show the expected shape with the example: %s", bad, detail)
				}
			}
		})
	}
}
