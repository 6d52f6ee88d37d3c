package export

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/go-version"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclwrite"
	tfjson "github.com/hashicorp/terraform-json"
	"github.com/zclconf/go-cty/cty"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/emulator"
)

// knownImportUpdates are the changes the first apply after an import makes although the
// configuration was generated from the imported state, with the reason. Anything else in that
// plan besides imports fails the test: Read must fill every attribute the API returns.
var knownImportUpdates = map[string]map[string]string{
	// The review step puts the webhook's secret in the configuration; the apply records it in the
	// state without registering the webhook again (the API never returns secret keys).
	"livechat_webhook": {"secret_key_wo_version": "secret set after the import (documented)"},
	// A paid license's trial length is in no answer: the default is taken over (documented).
	"livechat_solution_license": {"trial_duration": "not readable once the license is paid (documented)"},
}

// TestAccExportImportRoundTrip is the end-to-end check of the import workflow the guide
// describes: a realistic license (testdata/license.json) in a fresh emulator → livechat-export →
// terraform plan -generate-config-out → review → apply → the next plan is empty → one attribute
// of every type changed in the generated configuration → the plan shows exactly those changes.
// It runs with TF_ACC set (as `make test` does), builds the provider into a temporary directory
// and drives the terraform CLI through dev_overrides.
func TestAccExportImportRoundTrip(t *testing.T) {
	h, em := startE2E(t, "the export/import end-to-end test", "")
	ctx := h.ctx

	// 1. Export.
	var stderr bytes.Buffer
	err := RunCLI(ctx, []string{"-out", filepath.Join(h.dir, "imports.tf"), "-client-id", fixtureClientID,
		"-organizations", fixtureOrg1 + "," + fixtureOrg2}, h.getenv, &stderr, &stderr, "e2e")
	if err != nil {
		t.Fatalf("livechat-export: %v\n%s", err, stderr.String())
	}
	t.Logf("livechat-export:\n%s", stderr.String())
	exported := importCounts(t, filepath.Join(h.dir, "imports.tf"))
	for _, typ := range Types() {
		if exported[typ] == 0 {
			t.Errorf("the fixture has no %s to export: add one to testdata/license.json", typ)
		}
	}

	// 2. Generate the configuration. Webhooks fail validation until their secret is set (the API
	// never returns it): those, and only those, errors are expected here.
	out, _ := h.terraform("plan", "-generate-config-out=generated.tf", "-input=false")
	if _, err := os.Stat(filepath.Join(h.dir, "generated.tf")); err != nil {
		t.Fatalf("terraform wrote no generated.tf:\n%s", out)
	}
	for _, e := range diagnosticsOf(out) {
		if !strings.HasPrefix(e.resource, "livechat_webhook.") || !strings.Contains(e.text, "secret_key") {
			t.Errorf("generated configuration of %s does not validate: %s", e.resource, e.text)
		}
	}
	if t.Failed() {
		t.FailNow()
	}

	// 3. Review, as the guide says: give each webhook its current secret (write-only).
	gen := h.readGenerated()
	for _, b := range gen.Body().Blocks() {
		if b.Type() != "resource" || b.Labels()[0] != "livechat_webhook" {
			continue
		}
		id := h.importID("livechat_webhook." + b.Labels()[1])
		wh, ok := em.Webhook(id[strings.LastIndex(id, "/")+1:])
		if !ok {
			t.Fatalf("webhook %s not in the emulator", id)
		}
		b.Body().SetAttributeValue("secret_key_wo", cty.StringVal(wh.SecretKey))
		b.Body().SetAttributeValue("secret_key_wo_version", cty.NumberIntVal(1))
	}
	h.writeGenerated(gen)

	// 4. Plan: imports only, apart from the known updates.
	plan := h.plan()
	imported := map[string]int{}
	for _, rc := range plan.ResourceChanges {
		if rc.Change.Importing != nil {
			imported[rc.Type]++
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
				t.Errorf("%s: %s changes right after the import (Read does not fill it, or the generated configuration differs): %v → %v",
					rc.Address, attr, rc.Change.Before.(map[string]any)[attr], rc.Change.After.(map[string]any)[attr])
			}
		}
	}
	var summary []string
	total := 0
	for _, typ := range Types() {
		if imported[typ] != exported[typ] {
			t.Errorf("%s: %d exported, %d in the plan's imports", typ, exported[typ], imported[typ])
		}
		summary = append(summary, fmt.Sprintf("%s=%d", typ, imported[typ]))
		total += imported[typ]
	}
	t.Logf("imported %d objects: %s", total, strings.Join(summary, " "))
	if t.Failed() {
		t.FailNow()
	}

	// 5. Apply, then the plan must be empty. The apply changes nothing on the server (the
	// webhook secrets it records are the ones the server has; bot template attributes the
	// import leaves unset are not sent, as the guide says).
	before := serverState(t, em)
	if out, err := h.terraform("apply", "-input=false", "-auto-approve", "plan.tfplan"); err != nil {
		t.Fatalf("terraform apply: %v\n%s", err, out)
	}
	after := serverState(t, em)
	for key := range before {
		if !reflect.DeepEqual(before[key], after[key]) {
			t.Errorf("the import's apply changed %q on the server:\n  before %v\n  after  %v", key, before[key], after[key])
		}
	}
	if after := h.plan(); !emptyPlan(after) {
		t.Fatalf("the plan after applying the imports is not empty:\n%s", describeChanges(after))
	}

	// 6. Change one attribute of every type; the plan must change exactly those resources.
	state := h.state()
	gen = h.readGenerated()
	want := map[string]string{} // address → attribute
	for _, typ := range Types() {
		m, ok := mutations[typ]
		if !ok {
			t.Errorf("no mutation for %s: add one to mutations in e2e_test.go", typ)
			continue
		}
		addr, block := firstBlock(gen, typ)
		if block == nil {
			t.Errorf("no %s in generated.tf", typ)
			continue
		}
		values := state[addr]
		attr, v := m(values)
		block.Body().SetAttributeValue(attr, v)
		want[addr] = attr
	}
	h.writeGenerated(gen)
	changed := h.plan()
	actions := map[string][]string{}
	for _, rc := range changed.ResourceChanges {
		if rc.Change.Actions.NoOp() {
			continue
		}
		attr, ok := want[rc.Address]
		if !ok {
			t.Errorf("%s changes (%v) although its configuration did not: %v", rc.Address, rc.Change.Actions, changedAttributes(rc.Change))
			continue
		}
		if !slices.Contains(changedAttributes(rc.Change), attr) {
			t.Errorf("%s: the plan (%v) does not change %s: %v", rc.Address, rc.Change.Actions, attr, changedAttributes(rc.Change))
		}
		actions[rc.Address] = nil
		for _, a := range rc.Change.Actions {
			actions[rc.Address] = append(actions[rc.Address], string(a))
		}
	}
	var lines []string
	for addr, attr := range want {
		if _, ok := actions[addr]; !ok {
			t.Errorf("%s: changing %s planned no change", addr, attr)
			continue
		}
		lines = append(lines, fmt.Sprintf("%s.%s: %s", addr, attr, strings.Join(actions[addr], "+")))
	}
	sort.Strings(lines)
	t.Logf("one change per type planned as:\n  %s", strings.Join(lines, "\n  "))
}

// terraformBinary is the terraform CLI the end-to-end tests drive; they are skipped without
// TF_ACC (they build the provider and run terraform) or without a terraform.
func terraformBinary(t *testing.T) string {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("set TF_ACC=1 to run the end-to-end tests (they build the provider and run terraform)")
	}
	if tfBin := os.Getenv("TF_ACC_TERRAFORM_PATH"); tfBin != "" {
		return tfBin
	}
	tfBin, err := exec.LookPath("terraform")
	if err != nil {
		t.Skip("terraform is not on PATH")
	}
	return tfBin
}

// serverState is the emulator's authoritative state by top-level key.
func serverState(t *testing.T, em *emulator.Server) map[string]any {
	t.Helper()
	data, err := em.StateJSON()
	if err != nil {
		t.Fatal(err)
	}
	var out map[string]any
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// mutations change one attribute of each resource type, given the resource's state values.
// In-place updates where the API has them; the others plan a replacement.
var mutations = map[string]func(map[string]any) (string, cty.Value){
	"livechat_group": func(v map[string]any) (string, cty.Value) {
		return "name", cty.StringVal(v["name"].(string) + " (renamed)")
	},
	"livechat_agent": func(map[string]any) (string, cty.Value) { return "job_title", cty.StringVal("Export Test Title") },
	"livechat_bot": func(v map[string]any) (string, cty.Value) {
		return "max_chats_count", cty.NumberIntVal(int64(v["max_chats_count"].(float64)) + 1)
	},
	"livechat_bot_template": func(v map[string]any) (string, cty.Value) { return "name", cty.StringVal(v["name"].(string) + " v2") },
	"livechat_tag": func(v map[string]any) (string, cty.Value) {
		ids := []cty.Value{cty.NumberIntVal(0)}
		if reflect.DeepEqual(v["group_ids"], []any{float64(0)}) {
			ids = []cty.Value{cty.NumberIntVal(1)}
		}
		return "group_ids", cty.SetVal(ids)
	},
	"livechat_property": func(v map[string]any) (string, cty.Value) {
		// Publishing is the one in-place change of a property.
		if pa, _ := v["public_access"].([]any); len(pa) == 0 {
			return "public_access", cty.SetVal([]cty.Value{cty.StringVal("read")})
		}
		return "public_access", cty.SetVal([]cty.Value{cty.StringVal("read"), cty.StringVal("write")})
	},
	"livechat_license_property": changePropertyValue,
	"livechat_group_property":   changePropertyValue,
	"livechat_auto_access": func(map[string]any) (string, cty.Value) {
		return "description", cty.StringVal("changed by the export test")
	},
	"livechat_auto_access_order": func(v map[string]any) (string, cty.Value) {
		var ids []cty.Value
		for _, id := range v["ids"].([]any) {
			ids = append([]cty.Value{cty.StringVal(id.(string))}, ids...)
		}
		return "ids", cty.ListVal(ids)
	},
	"livechat_webhook": func(map[string]any) (string, cty.Value) {
		return "description", cty.StringVal("changed by the export test")
	},
	"livechat_license_webhooks_state": func(v map[string]any) (string, cty.Value) {
		return "enabled", cty.BoolVal(!v["enabled"].(bool))
	},
	"livechat_canned_response": func(v map[string]any) (string, cty.Value) {
		return "text", cty.StringVal(v["text"].(string) + " (edited)")
	},
	"livechat_goal": func(v map[string]any) (string, cty.Value) { return "name", cty.StringVal(v["name"].(string) + " v2") },
	"livechat_greeting": func(map[string]any) (string, cty.Value) {
		return "message", cty.StringVal("Changed by the export test")
	},
	"livechat_partner_profile": func(map[string]any) (string, cty.Value) {
		return "contact_name", cty.StringVal("Changed Contact")
	},
	"livechat_partner_billing": func(map[string]any) (string, cty.Value) { return "city", cty.StringVal("Krakow") },
	"livechat_partner_api_token": func(v map[string]any) (string, cty.Value) {
		return "label", cty.StringVal(v["label"].(string) + " v2")
	},
	"livechat_campaign": func(v map[string]any) (string, cty.Value) { return "name", cty.StringVal(v["name"].(string) + " v2") },
	"livechat_solution_organization": func(v map[string]any) (string, cty.Value) {
		return "organization_name", cty.StringVal(v["organization_name"].(string) + " v2")
	},
	"livechat_solution_license": func(v map[string]any) (string, cty.Value) {
		return "client_name", cty.StringVal(v["client_name"].(string) + " Jr")
	},
	"livechat_expert_profile": func(map[string]any) (string, cty.Value) {
		return "short_description", cty.StringVal("Changed by the export test")
	},
}

func changePropertyValue(v map[string]any) (string, cty.Value) {
	switch {
	case v["value_string"] != nil:
		return "value_string", cty.StringVal(v["value_string"].(string) + "-changed")
	case v["value_int"] != nil:
		return "value_int", cty.NumberIntVal(int64(v["value_int"].(float64)) + 1)
	default:
		return "value_bool", cty.BoolVal(!v["value_bool"].(bool))
	}
}

// --- terraform harness -------------------------------------------------------------------------

// startE2E starts an end-to-end test: the fixture license in an emulator (with
// LIVECHAT_TEST_PROPAGATION_DELAY) and a harness that runs terraformBinary against it. It skips
// as terraformBinary does, or when terraform is older than minVersion ("" for any); what names
// the test in that message.
func startE2E(t *testing.T, what, minVersion string) (*tfHarness, *emulator.Server) {
	t.Helper()
	tfBin := terraformBinary(t)
	if minVersion != "" {
		if v := terraformVersion(t, tfBin); v.LessThan(version.Must(version.NewVersion(minVersion))) {
			t.Skipf("Terraform %s is older than %s, which %s needs: set TF_ACC_TERRAFORM_PATH to a newer one (make test-terraform-latest)", v, minVersion, what)
		}
	}
	var delay time.Duration
	if v := os.Getenv("LIVECHAT_TEST_PROPAGATION_DELAY"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			t.Fatalf("LIVECHAT_TEST_PROPAGATION_DELAY: %v", err)
		}
		delay = d
	}
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	t.Cleanup(cancel)
	em := fixtureEmulator(t, emulator.Options{PropagationDelay: delay, Answers: os.Getenv("LIVECHAT_TEST_ANSWERS")})
	run, err := em.Serve("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { run.Close() })
	return newTerraformHarness(ctx, t, tfBin, run.URL), em
}

// terraformVersion asks terraform for its version.
func terraformVersion(t *testing.T, tfBin string) *version.Version {
	t.Helper()
	cmd := exec.Command(tfBin, "version", "-json")
	cmd.Env = append(os.Environ(), "CHECKPOINT_DISABLE=1")
	data, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s version: %v", tfBin, err)
	}
	var v struct {
		Version string `json:"terraform_version"`
	}
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	return version.Must(version.NewVersion(v.Version))
}

type tfHarness struct {
	t    *testing.T
	ctx  context.Context
	tf   string
	dir  string
	env  []string
	vars map[string]string
	url  string // the emulator's
}

func newTerraformHarness(ctx context.Context, t *testing.T, tfBin, apiURL string) *tfHarness {
	t.Helper()
	root := t.TempDir()
	pdir := filepath.Join(root, "provider")
	build := exec.CommandContext(ctx, "go", "build", "-o", filepath.Join(pdir, "terraform-provider-livechat"), "github.com/livechat-terraform/terraform-provider-livechat")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building the provider: %v\n%s", err, out)
	}
	rc := filepath.Join(root, "terraformrc")
	cfg := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    \"livechat-terraform/livechat\" = %q\n  }\n  direct {}\n}\n", pdir)
	if err := os.WriteFile(rc, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(root, "config")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	main := "terraform {\n  required_providers {\n    livechat = {\n      source = \"livechat-terraform/livechat\"\n    }\n  }\n}\n\nprovider \"livechat\" {}\n"
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(main), 0o644); err != nil {
		t.Fatal(err)
	}
	vars := map[string]string{
		"LIVECHAT_API_URL": apiURL, "LIVECHAT_ACCESS_TOKEN": testToken, "LIVECHAT_PARTNER_API_TOKEN": testPartner,
		"LIVECHAT_CLIENT_ID": fixtureClientID,
	}
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "LIVECHAT_") && !strings.HasPrefix(kv, "TF_") {
			env = append(env, kv)
		}
	}
	for k, v := range vars {
		env = append(env, k+"="+v)
	}
	env = append(env, "TF_CLI_CONFIG_FILE="+rc, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1")
	return &tfHarness{t: t, ctx: ctx, tf: tfBin, dir: dir, env: env, vars: vars, url: apiURL}
}

func (h *tfHarness) getenv(k string) string { return h.vars[k] }

func (h *tfHarness) terraform(args ...string) (string, error) {
	cmd := exec.CommandContext(h.ctx, h.tf, append(args[:1:1], append([]string{"-no-color"}, args[1:]...)...)...)
	cmd.Dir, cmd.Env = h.dir, h.env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return out.String(), err
}

// plan writes plan.tfplan and returns it as JSON.
func (h *tfHarness) plan() *tfjson.Plan {
	h.t.Helper()
	if out, err := h.terraform("plan", "-input=false", "-out=plan.tfplan"); err != nil {
		h.t.Fatalf("terraform plan: %v\n%s", err, out)
	}
	cmd := exec.CommandContext(h.ctx, h.tf, "show", "-json", "plan.tfplan")
	cmd.Dir, cmd.Env = h.dir, h.env
	data, err := cmd.Output()
	if err != nil {
		h.t.Fatalf("terraform show -json: %v", err)
	}
	var p tfjson.Plan
	if err := json.Unmarshal(data, &p); err != nil {
		h.t.Fatal(err)
	}
	return &p
}

// state returns the attribute values of every resource by address.
func (h *tfHarness) state() map[string]map[string]any {
	h.t.Helper()
	cmd := exec.CommandContext(h.ctx, h.tf, "show", "-json")
	cmd.Dir, cmd.Env = h.dir, h.env
	data, err := cmd.Output()
	if err != nil {
		h.t.Fatalf("terraform show -json: %v", err)
	}
	var st tfjson.State
	if err := json.Unmarshal(data, &st); err != nil {
		h.t.Fatal(err)
	}
	out := map[string]map[string]any{}
	if st.Values != nil && st.Values.RootModule != nil {
		for _, r := range st.Values.RootModule.Resources {
			out[r.Address] = r.AttributeValues
		}
	}
	return out
}

func (h *tfHarness) readGenerated() *hclwrite.File {
	h.t.Helper()
	data, err := os.ReadFile(filepath.Join(h.dir, "generated.tf"))
	if err != nil {
		h.t.Fatal(err)
	}
	f, diags := hclwrite.ParseConfig(data, "generated.tf", hcl.InitialPos)
	if diags.HasErrors() {
		h.t.Fatalf("generated.tf: %v", diags)
	}
	return f
}

func (h *tfHarness) writeGenerated(f *hclwrite.File) {
	h.t.Helper()
	if err := os.WriteFile(filepath.Join(h.dir, "generated.tf"), f.Bytes(), 0o644); err != nil {
		h.t.Fatal(err)
	}
}

var importBlock = regexp.MustCompile(`(?m)^import \{\n  to = ([a-z_]+)\.([a-z0-9_]+)\n  id = "((?:[^"\\]|\\.)*)"\n\}`)

// importID reads an import ID back from imports.tf.
func (h *tfHarness) importID(addr string) string {
	data, _ := os.ReadFile(filepath.Join(h.dir, "imports.tf"))
	for _, m := range importBlock.FindAllStringSubmatch(string(data), -1) {
		if m[1]+"."+m[2] == addr {
			return m[3]
		}
	}
	h.t.Fatalf("%s not in imports.tf", addr)
	return ""
}

func importCounts(t *testing.T, path string) map[string]int {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, m := range importBlock.FindAllStringSubmatch(string(data), -1) {
		counts[m[1]]++
	}
	return counts
}

// firstBlock is the first resource block of typ by name.
func firstBlock(f *hclwrite.File, typ string) (string, *hclwrite.Block) {
	var best *hclwrite.Block
	for _, b := range f.Body().Blocks() {
		if b.Type() == "resource" && b.Labels()[0] == typ && (best == nil || b.Labels()[1] < best.Labels()[1]) {
			best = b
		}
	}
	if best == nil {
		return "", nil
	}
	return typ + "." + best.Labels()[1], best
}

type diagnostic struct{ resource, text string }

var diagHeader = regexp.MustCompile(`(?m)^Error: .*$`)
var diagWith = regexp.MustCompile(`(?m)^\s+with ([a-z_]+\.[a-z0-9_]+),`)

// diagnosticsOf splits terraform's output into its errors and the resource each names.
func diagnosticsOf(out string) []diagnostic {
	var diags []diagnostic
	idx := diagHeader.FindAllStringIndex(out, -1)
	for i, loc := range idx {
		end := len(out)
		if i+1 < len(idx) {
			end = idx[i+1][0]
		}
		text := out[loc[0]:end]
		d := diagnostic{text: strings.Join(strings.Fields(text), " ")}
		if m := diagWith.FindStringSubmatch(text); m != nil {
			d.resource = m[1]
		}
		diags = append(diags, d)
	}
	return diags
}

// changedAttributes lists the top-level attributes whose planned value differs.
func changedAttributes(c *tfjson.Change) []string {
	before, _ := c.Before.(map[string]any)
	after, _ := c.After.(map[string]any)
	unknown, _ := c.AfterUnknown.(map[string]any)
	var out []string
	for k, v := range after {
		if !reflect.DeepEqual(before[k], v) {
			out = append(out, k)
		}
	}
	for k := range before {
		if _, ok := after[k]; !ok && before[k] != nil {
			if u, _ := unknown[k].(bool); !u {
				out = append(out, k)
			}
		}
	}
	sort.Strings(out)
	return out
}

func emptyPlan(p *tfjson.Plan) bool {
	for _, rc := range p.ResourceChanges {
		if !rc.Change.Actions.NoOp() {
			return false
		}
	}
	return true
}

func describeChanges(p *tfjson.Plan) string {
	var b strings.Builder
	for _, rc := range p.ResourceChanges {
		if !rc.Change.Actions.NoOp() {
			fmt.Fprintf(&b, "  %s %v: %v\n", rc.Address, rc.Change.Actions, changedAttributes(rc.Change))
		}
	}
	return b.String()
}
