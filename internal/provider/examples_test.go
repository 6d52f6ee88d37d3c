package provider

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

// requiredProvidersBlock is removed from examples before they are applied:
// the test harness serves the provider under its own address.
var requiredProvidersBlock = regexp.MustCompile(`(?s)terraform \{\s*required_providers \{.*?\n  \}\n\}\n`)

// TestAccExamples applies every example the docs show, so no page shows
// configuration that does not work. They run one at a time: examples use
// fixed names.
//
// examples/resources/livechat_tag/resource_default_tags.tf (an import block with
// for_each) is applied by internal/export's TestAccDefaultTagsExample instead: the
// test harness's state shim does not support for_each addresses.
func TestAccExamples(t *testing.T) {
	e := emulatorOnly(t, "examples use fixed names and expect a fresh license")
	var files []string
	for _, pattern := range []string{
		"../../examples/provider/*.tf",
		"../../examples/resources/*/resource.tf",
		"../../examples/data-sources/*/data-source.tf",
		"../../examples/ephemeral-resources/*/ephemeral-resource.tf",
	} {
		matches, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, matches...)
	}
	sort.Strings(files)
	// The demo is one configuration spread over several files.
	files = append(files, "../../examples/demo")
	if len(files) < 5 {
		t.Fatalf("found only %d example files; is the test running from internal/provider?", len(files))
	}
	for _, f := range files {
		rel, _ := filepath.Rel("../../examples", f)
		t.Run(rel, func(t *testing.T) {
			config := requiredProvidersBlock.ReplaceAllString(readConfig(t, f), "")
			// Sequential tests run before any parallel one, so a fresh
			// license per example disturbs no other test.
			e.Reset()
			// Examples may change what destroy leaves behind (group 0's
			// name): the parallel tests after this one get a fresh license.
			t.Cleanup(e.Reset)
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviderFactories,
				Steps:                    []resource.TestStep{{Config: config}},
			})
		})
	}
}

// readConfig reads one .tf file, or every .tf file of a directory.
func readConfig(t *testing.T, path string) string {
	t.Helper()
	files := []string{path}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		files, _ = filepath.Glob(filepath.Join(path, "*.tf"))
		sort.Strings(files)
	}
	var config string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		config += string(b) + "\n"
	}
	return config
}
