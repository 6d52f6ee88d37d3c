package export

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/hex"
	"errors"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/emulator"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/provider"
)

// The fixture (testdata/license.json) is a realistic license of the client "acme-support-app";
// its two solution organizations cannot be listed, so tests pass them in.
const (
	fixtureClientID = "acme-support-app"
	fixtureOrg1     = "3f8e2c4a-5b6d-4e7f-8a9b-0c1d2e3f4a5b"
	fixtureOrg2     = "7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
	testToken       = "dal:export-test-token"
	testPartner     = "export-test-partner-token"
)

// fixtureID is how the fixture derives its hex ids (md5 of a label).
func fixtureID(label string) string {
	h := md5.Sum([]byte(label))
	return hex.EncodeToString(h[:])
}

// fixtureEmulator serves a fresh license with the fixture loaded.
func fixtureEmulator(t *testing.T, opts emulator.Options) *emulator.Server {
	t.Helper()
	opts.AccessTokens = append(opts.AccessTokens, testToken)
	opts.PartnerTokens = append(opts.PartnerTokens, testPartner)
	s := emulator.New(opts)
	data, err := os.ReadFile(filepath.Join("testdata", "license.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.LoadFixture(data); err != nil {
		t.Fatalf("loading the fixture: %v", err)
	}
	return s
}

func testClients(t *testing.T, url string, partnerToken bool) *Clients {
	t.Helper()
	cfg := client.Config{APIURL: url, AccessToken: testToken, MaxRetries: 0}
	if partnerToken {
		cfg.PartnerToken = testPartner
	}
	core, err := client.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return NewClients(core)
}

func fixtureOptions() Options {
	return Options{ClientIDs: []string{fixtureClientID}, Organizations: []string{fixtureOrg1, fixtureOrg2}}
}

// addresses maps "type.name" to the import ID.
func addresses(res *Result) map[string]string {
	out := map[string]string{}
	for _, imp := range res.Imports {
		out[imp.Address()] = imp.ID
	}
	return out
}

func TestExportFixture(t *testing.T) {
	srv := httptest.NewServer(fixtureEmulator(t, emulator.Options{}))
	defer srv.Close()
	res, err := Export(context.Background(), testClients(t, srv.URL, true), fixtureOptions())
	if err != nil {
		t.Fatal(err)
	}
	got := addresses(res)
	want := map[string]string{
		// Names from the object's name; the two groups named Sales get sales and sales_2 (lower id first).
		"livechat_group.customer_support": "1",
		"livechat_group.sales":            "2",
		"livechat_group.sales_2":          "9",
		"livechat_group.support_deutsch":  "6",
		// Agents after their e-mail, accents folded (Zieliński).
		"livechat_agent.anna_nowak_acme_example":            "anna.nowak@acme.example",
		"livechat_agent.piotr_zielinski_acme_example":       "piotr.zielinski@acme.example",
		"livechat_bot.greeter":                              fixtureID("bot-greeter"),
		"livechat_bot_template.faq_bot":                     fixtureClientID + "/" + fixtureID("template-faq"),
		"livechat_bot_template.onboarding_guide":            fixtureClientID + "/" + fixtureID("template-onboarding"),
		"livechat_tag.refund_request":                       "refund request",
		"livechat_tag.feedback_positive":                    "feedback: positive",
		"livechat_property.customer_tier":                   fixtureClientID + "/customer_tier",
		"livechat_license_property.customer_tier":           fixtureClientID + "/customer_tier",
		"livechat_license_property.test_string_property":    "test/string_property",
		"livechat_group_property.vip_customers_vip_routing": "5/" + fixtureClientID + "/vip_routing",
		"livechat_auto_access.german_visitors":              fixtureID("rule-2"),
		"livechat_auto_access.rule_6":                       fixtureID("rule-5"), // no description: its position
		"livechat_auto_access_order.this":                   "*",
		"livechat_webhook.finished_chats_to_the_crm":        fixtureClientID + "/" + fixtureID("wh1"),
		"livechat_webhook.incoming_chat":                    fixtureClientID + "/" + fixtureID("wh2"), // no description: the action
		"livechat_license_webhooks_state.acme_support_app":  fixtureClientID,
		"livechat_canned_response.hello":                    "1",
		"livechat_goal.checkout_completed":                  "1",
		"livechat_greeting.spring_sale":                     "4",
		"livechat_partner_profile.this":                     "partner_profile",
		"livechat_partner_billing.this":                     "partner_billing",
		"livechat_partner_api_token.ci_pipeline":            "1",
		"livechat_campaign.spring_newsletter":               "1",
		"livechat_solution_organization.acme_inc":           fixtureOrg1,
		"livechat_solution_license.acme_inc_livechat":       fixtureOrg1 + "/livechat/104130101",
		"livechat_solution_license.globex_corp_chatbot":     fixtureOrg2 + "/chatbot/1a2b3c4d5e6f701",
		"livechat_expert_profile.this":                      "expert_profile",
	}
	for addr, id := range want {
		if got[addr] != id {
			t.Errorf("%s: import ID %q, want %q", addr, got[addr], id)
		}
	}
	// Defaults are left out: group 0, the owner, the default tags, the license value equal to
	// its property's default (chat_survey), the disabled campaign is never exported, and the
	// template's bot is managed by the template.
	for _, addr := range []string{
		"livechat_group.general", "livechat_agent.owner_example_com", "livechat_tag.spam", "livechat_tag.docs_feedback",
		"livechat_license_property.chat_survey", "livechat_campaign.old_promo", "livechat_bot.onboarding_guide",
	} {
		if id, ok := got[addr]; ok {
			t.Errorf("%s (%s) exported; it should be left out", addr, id)
		}
	}
	wantCounts := map[string]int{
		"livechat_group": 9, "livechat_agent": 32, "livechat_bot": 3, "livechat_bot_template": 2, "livechat_tag": 24,
		"livechat_property": 4, "livechat_license_property": 3, "livechat_group_property": 4, "livechat_auto_access": 6,
		"livechat_auto_access_order": 1, "livechat_webhook": 3, "livechat_license_webhooks_state": 1,
		"livechat_canned_response": 22, "livechat_goal": 4, "livechat_greeting": 4, "livechat_partner_profile": 1,
		"livechat_partner_billing": 1, "livechat_partner_api_token": 2, "livechat_campaign": 2,
		"livechat_solution_organization": 2, "livechat_solution_license": 3, "livechat_expert_profile": 1,
	}
	for typ, n := range wantCounts {
		if res.Counts[typ] != n {
			t.Errorf("%s: %d exported, want %d", typ, res.Counts[typ], n)
		}
	}
	if !slices.ContainsFunc(res.Notes, func(n string) bool { return strings.Contains(n, "managed by livechat_bot_template") }) {
		t.Errorf("notes %q do not mention the template's bot", res.Notes)
	}

	// Names are unique and valid identifiers.
	seen := map[string]bool{}
	for _, imp := range res.Imports {
		if seen[imp.Address()] {
			t.Errorf("%s appears twice", imp.Address())
		}
		seen[imp.Address()] = true
		if Identifier(imp.Name, "x") != imp.Name {
			t.Errorf("%s is not a clean identifier", imp.Address())
		}
	}

	// The same license gives the same file.
	var a, b bytes.Buffer
	if err := Write(&a, res); err != nil {
		t.Fatal(err)
	}
	again, err := Export(context.Background(), testClients(t, srv.URL, true), fixtureOptions())
	if err != nil {
		t.Fatal(err)
	}
	if err := Write(&b, again); err != nil {
		t.Fatal(err)
	}
	if a.String() != b.String() {
		t.Error("two exports of the same license differ")
	}
	for _, s := range []string{
		"import {\n  to = livechat_tag.feedback_positive\n  id = \"feedback: positive\"\n}\n",
		"# livechat_agent: 32\n",
		"secret_key_wo",
	} {
		if !strings.Contains(a.String(), s) {
			t.Errorf("the file lacks %q", s)
		}
	}
}

func TestExportIncludeDefaults(t *testing.T) {
	srv := httptest.NewServer(fixtureEmulator(t, emulator.Options{}))
	defer srv.Close()
	opts := fixtureOptions()
	opts.IncludeDefaults = true
	res, err := Export(context.Background(), testClients(t, srv.URL, true), opts)
	if err != nil {
		t.Fatal(err)
	}
	got := addresses(res)
	for addr, id := range map[string]string{
		"livechat_group.general":                "0",
		"livechat_agent.owner_example_com":      "owner@example.com",
		"livechat_tag.spam":                     "spam",
		"livechat_tag.docs_feedback":            "docs_feedback",
		"livechat_license_property.chat_survey": fixtureClientID + "/chat_survey",
	} {
		if got[addr] != id {
			t.Errorf("%s: import ID %q, want %q", addr, got[addr], id)
		}
	}
	if len(res.SkippedDefaults) != 0 {
		t.Errorf("defaults skipped although included: %v", res.SkippedDefaults)
	}
}

// A default tag that differs from a new license's (another group, here) is configuration
// someone manages: it is exported although defaults are left out. One deleted and created
// again with other letters ("Spam") is not the default either.
func TestExportChangedDefaultTags(t *testing.T) {
	s := fixtureEmulator(t, emulator.Options{})
	if err := s.PatchObject("tag", "sales", []byte(`{"group_ids":[0,1]}`)); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteObject("tag", "spam"); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s)
	defer srv.Close()
	c := testClients(t, srv.URL, false)
	if err := c.Config.CreateTag(context.Background(), "Spam", []int64{0}); err != nil {
		t.Fatal(err)
	}
	res, err := Export(context.Background(), c, Options{Types: []string{"livechat_tag"}})
	if err != nil {
		t.Fatal(err)
	}
	got := addresses(res)
	for addr, id := range map[string]string{"livechat_tag.sales": "sales", "livechat_tag.spam": "Spam"} {
		if got[addr] != id {
			t.Errorf("%s: import ID %q, want %q", addr, got[addr], id)
		}
	}
	if _, ok := got["livechat_tag.support"]; ok {
		t.Error("the unchanged default tag support is exported")
	}
}

func TestExportSelection(t *testing.T) {
	srv := httptest.NewServer(fixtureEmulator(t, emulator.Options{}))
	defer srv.Close()
	ctx := context.Background()

	// Only the named types, short names accepted.
	res, err := Export(ctx, testClients(t, srv.URL, false), Options{Types: []string{"livechat_group", "tag"}})
	if err != nil {
		t.Fatal(err)
	}
	var types []string
	for typ := range res.Counts {
		types = append(types, typ)
	}
	sort.Strings(types)
	if !slices.Equal(types, []string{"livechat_group", "livechat_tag"}) {
		t.Errorf("exported types %v", types)
	}

	// Every type without a partner token or client ID: those types are skipped with a note.
	res, err = Export(ctx, testClients(t, srv.URL, false), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, typ := range []string{"livechat_campaign", "livechat_webhook", "livechat_property"} {
		if res.Counts[typ] != 0 {
			t.Errorf("%s exported without credentials or client ID", typ)
		}
		if !slices.ContainsFunc(res.Notes, func(n string) bool { return strings.HasPrefix(n, typ+" skipped") }) {
			t.Errorf("no note explains why %s was skipped: %q", typ, res.Notes)
		}
	}
	if res.Counts["livechat_agent"] != 32 {
		t.Errorf("%d agents without partner token, want 32", res.Counts["livechat_agent"])
	}

	// Named explicitly, a type that cannot be listed is an error naming the fix.
	_, err = Export(ctx, testClients(t, srv.URL, false), Options{Types: []string{"livechat_campaign"}})
	if err == nil || !strings.Contains(err.Error(), "LIVECHAT_PARTNER_API_TOKEN") {
		t.Errorf("campaigns without a partner token: %v", err)
	}
	_, err = Export(ctx, testClients(t, srv.URL, false), Options{Types: []string{"livechat_webhook"}})
	if err == nil || !strings.Contains(err.Error(), "-client-id") {
		t.Errorf("webhooks without a client ID: %v", err)
	}
	_, err = Export(ctx, testClients(t, srv.URL, false), Options{Types: []string{"livechat_nope"}})
	if err == nil || !strings.Contains(err.Error(), "unknown resource type") {
		t.Errorf("unknown type: %v", err)
	}

	// Without -organizations, licenses are imported by <product>/<license> with a note to fill
	// organization_id, and organizations are skipped with a note.
	res, err = Export(ctx, testClients(t, srv.URL, true), Options{Types: []string{"livechat_solution_license", "livechat_solution_organization"}})
	if err != nil {
		t.Fatal(err)
	}
	got := addresses(res)
	if got["livechat_solution_license.john_doe_livechat"] != "livechat/104130101" {
		t.Errorf("license without organization: %v", got)
	}
	for _, imp := range res.Imports {
		if !strings.Contains(imp.Note, "organization_id") {
			t.Errorf("%s: note %q does not ask for organization_id", imp.Address(), imp.Note)
		}
	}
	if !slices.ContainsFunc(res.Notes, func(n string) bool { return strings.Contains(n, "-organizations") }) {
		t.Errorf("notes %q do not explain how to export organizations", res.Notes)
	}
}

// TestKindsCoverEveryResource fails when a resource type is added to the provider without an
// entry in the exporter's kinds table.
func TestKindsCoverEveryResource(t *testing.T) {
	ctx := context.Background()
	p := provider.New("test")()
	var missing []string
	var names []string
	for _, f := range p.Resources(ctx) {
		var resp resource.MetadataResponse
		f().Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "livechat"}, &resp)
		names = append(names, resp.TypeName)
		if !slices.Contains(Types(), resp.TypeName) {
			missing = append(missing, resp.TypeName)
		}
	}
	if len(missing) > 0 {
		t.Errorf("resource types without an export entry in kinds.go: %v", missing)
	}
	for _, typ := range Types() {
		if !slices.Contains(names, typ) {
			t.Errorf("kinds.go lists %s, which the provider does not have", typ)
		}
	}
}

func TestIdentifier(t *testing.T) {
	for _, tc := range []struct{ hint, want string }{
		{"smith@example.com", "smith_example_com"},
		{"Customer Support", "customer_support"},
		{"  --Sales--  ", "sales"},
		{"1st line", "group_1st_line"},
		{"", "group"},
		{"!!!", "group"},
		{"Zoë Łukasiewicz-Straße", "zoe_lukasiewicz_strasse"},
		{"日本語", "group"},
		{"feedback: positive", "feedback_positive"},
		{strings.Repeat("a", 100), strings.Repeat("a", maxNameLength)},
	} {
		if got := Identifier(tc.hint, "group"); got != tc.want {
			t.Errorf("Identifier(%q) = %q, want %q", tc.hint, got, tc.want)
		}
	}
}

func TestNameCollisions(t *testing.T) {
	imps := []Import{
		{ID: "9", hint: "Sales"},
		{ID: "2", hint: "sales"},
		{ID: "12", hint: "Sales 2"}, // its own plain name wins over a suffix
		{ID: "10", hint: "SALES"},
		{ID: "3", hint: ""},
	}
	name("livechat_group", imps)
	got := map[string]string{}
	for _, imp := range imps {
		got[imp.ID] = imp.Name
	}
	want := map[string]string{"2": "sales", "9": "sales_3", "10": "sales_4", "12": "sales_2", "3": "group"}
	for id, n := range want {
		if got[id] != n {
			t.Errorf("id %s named %q, want %q (all: %v)", id, got[id], n, got)
		}
	}
	for i := 1; i < len(imps); i++ {
		if imps[i-1].Name > imps[i].Name {
			t.Errorf("imports not sorted by name: %v", imps)
		}
	}
}

func TestQuote(t *testing.T) {
	for in, want := range map[string]string{
		`refund request`: `"refund request"`,
		`say "hi"`:       `"say \"hi\""`,
		`C:\path`:        `"C:\\path"`,
		"two\nlines":     `"two\nlines"`,
		"${var.x} %{if}": `"$${var.x} %%{if}"`,
		"$5 and 100%":    `"$5 and 100%"`,
		"bell\a":         `"bell\u0007"`,
	} {
		if got := Quote(in); got != want {
			t.Errorf("Quote(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestConfigFromEnv(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	cfg, err := ConfigFromEnv(env(map[string]string{
		"LIVECHAT_API_URL": "http://127.0.0.1:1234", "LIVECHAT_PAT": "pat", "LIVECHAT_ACCOUNT_ID": "acc",
		"LIVECHAT_LOGIN_EMAIL": "me@example.com", "LIVECHAT_REGION": "fra", "LIVECHAT_MAX_RETRIES": "2",
		"LIVECHAT_REQUEST_TIMEOUT": "5s", "LIVECHAT_RATE_LIMIT": "7.5",
	}), "ua")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.PersonalAccessToken != "pat" || cfg.AccountID != "acc" || cfg.LoginEmail != "me@example.com" || cfg.Region != "fra" ||
		cfg.MaxRetries != 2 || cfg.RequestTimeout.String() != "5s" || cfg.RateLimit != 7.5 || !cfg.Coalesce {
		t.Errorf("config %+v", cfg)
	}
	for name, m := range map[string]map[string]string{
		"no credentials":   {},
		"bad region":       {"LIVECHAT_ACCESS_TOKEN": "t", "LIVECHAT_REGION": "mars"},
		"plain http":       {"LIVECHAT_ACCESS_TOKEN": "t", "LIVECHAT_API_URL": "http://api.example.com"},
		"bad retries":      {"LIVECHAT_ACCESS_TOKEN": "t", "LIVECHAT_MAX_RETRIES": "many"},
		"bad timeout":      {"LIVECHAT_ACCESS_TOKEN": "t", "LIVECHAT_REQUEST_TIMEOUT": "soon"},
		"bad rate limit":   {"LIVECHAT_ACCESS_TOKEN": "t", "LIVECHAT_RATE_LIMIT": "-1"},
		"NaN rate limit":   {"LIVECHAT_ACCESS_TOKEN": "t", "LIVECHAT_RATE_LIMIT": "NaN"},
		"tiny rate limit":  {"LIVECHAT_ACCESS_TOKEN": "t", "LIVECHAT_RATE_LIMIT": "1e-9"},
		"relative api url": {"LIVECHAT_ACCESS_TOKEN": "t", "LIVECHAT_API_URL": "/v3.6"},
	} {
		if _, err := ConfigFromEnv(env(m), "ua"); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestRunCLI(t *testing.T) {
	srv := httptest.NewServer(fixtureEmulator(t, emulator.Options{}))
	defer srv.Close()
	vars := map[string]string{
		"LIVECHAT_API_URL": srv.URL, "LIVECHAT_ACCESS_TOKEN": testToken, "LIVECHAT_PARTNER_API_TOKEN": testPartner,
		"LIVECHAT_CLIENT_ID": fixtureClientID,
	}
	getenv := func(k string) string { return vars[k] }
	ctx := context.Background()

	// To a file (default client ID from LIVECHAT_CLIENT_ID).
	out := filepath.Join(t.TempDir(), "imports.tf")
	var stdout, stderr bytes.Buffer
	if err := RunCLI(ctx, []string{"-out", out, "-organizations", fixtureOrg1}, getenv, &stdout, &stderr, "test"); err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"livechat_webhook.finished_chats_to_the_crm", "livechat_solution_organization.acme_inc", "livechat_bot_template.faq_bot"} {
		if !strings.Contains(string(data), s) {
			t.Errorf("%s not in the file", s)
		}
	}
	if stdout.Len() != 0 || !strings.Contains(stderr.String(), "import blocks written to "+out) || !strings.Contains(stderr.String(), "livechat_agent                     32") {
		t.Errorf("stdout %q, stderr %q", stdout.String(), stderr.String())
	}

	// To stdout, some types, defaults included.
	stdout.Reset()
	stderr.Reset()
	if err := RunCLI(ctx, []string{"-out", "-", "-types", "livechat_group", "-include-defaults"}, getenv, &stdout, &stderr, "test"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stdout.String(), "livechat_group.general") || strings.Contains(stdout.String(), "livechat_agent.") {
		t.Errorf("stdout %s", stdout.String())
	}

	// Usage errors.
	for _, args := range [][]string{{"-types", "livechat_nope"}, {"extra"}, {"-out", ""}, {"-nope"}} {
		if err := RunCLI(ctx, args, getenv, &stdout, &stderr, "test"); !errors.Is(err, ErrUsage) {
			t.Errorf("%q: %v, want a usage error", args, err)
		}
	}
	// No credentials at all.
	if err := RunCLI(ctx, []string{"-out", "-"}, func(string) string { return "" }, &stdout, &stderr, "test"); err == nil || !strings.Contains(err.Error(), "LIVECHAT_ACCESS_TOKEN") {
		t.Errorf("no credentials: %v", err)
	}
}
