package provider

import (
	"path/filepath"
	"sort"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

// TestAccListResourceExamples runs every list resource example of the docs as a query, so no page
// shows a list block that does not work (Terraform >= 1.14).
func TestAccListResourceExamples(t *testing.T) {
	files, err := filepath.Glob("../../examples/list-resources/*/list-resource.tfquery.hcl")
	if err != nil || len(files) < len(listTypes) {
		t.Fatalf("found %d list resource examples for %d list resources (%v)", len(files), len(listTypes), err)
	}
	sort.Strings(files)
	// A query needs a configuration before it; then each example is one query step.
	steps := []resource.TestStep{{Config: `data "livechat_groups" "any" {}`}}
	for _, f := range files {
		steps = append(steps, resource.TestStep{Query: true, Config: "provider \"livechat\" {}\n\n" + readConfig(t, f)})
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   terraform114,
		ProtoV6ProviderFactories: testProviderFactories,
		Steps:                    steps,
	})
}

// TestAccActionExamples applies every action example of the docs (Terraform >= 1.14): their
// configuration is valid; invoking them is TestAccActions' job. They use fixed names, so they run
// one at a time on a fresh license, like TestAccExamples.
func TestAccActionExamples(t *testing.T) {
	files, err := filepath.Glob("../../examples/actions/*/action.tf")
	if err != nil || len(files) < len(actions()) {
		t.Fatalf("found %d action examples for %d actions (%v)", len(files), len(actions()), err)
	}
	sort.Strings(files)
	for _, f := range files {
		rel, _ := filepath.Rel("../../examples", f)
		t.Run(rel, func(t *testing.T) {
			e := emulatorOnly(t, "the examples use fixed names and expect a fresh license")
			e.Reset()
			t.Cleanup(e.Reset)
			resource.Test(t, resource.TestCase{
				TerraformVersionChecks:   terraform114,
				ProtoV6ProviderFactories: testProviderFactories,
				Steps:                    []resource.TestStep{{Config: readConfig(t, f)}},
			})
		})
	}
}
