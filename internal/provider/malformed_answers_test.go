//go:build !remote

// These tests start an emulator of their own (latency, faults): local mode only.

package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/emulator"
)

// A refresh answered 200 with an empty body or null fails and keeps every object in state: before,
// such an answer read as an empty list, every object "no longer existed" and the next apply
// created them all again. Its own emulator: the faults strike every request it serves.
func TestAccMalformedAnswers_refreshKeepsState(t *testing.T) {
	run, err := emulator.Start(emulator.Options{AccessTokens: []string{testAccessToken}, PartnerTokens: []string{testPartnerToken}}, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = run.Close() })
	config := fmt.Sprintf(`
provider "livechat" {
  api_url = %q
}

resource "livechat_group" "kept" {
  name = "kept group"
}

resource "livechat_tag" "kept" {
  name      = "kept tag"
  group_ids = [livechat_group.kept.id]
}

resource "livechat_agent" "kept" {
  id     = "kept@example.com"
  name   = "Kept Agent"
  groups = [{ id = livechat_group.kept.id, priority = "normal" }]
}

resource "livechat_webhook" "kept" {
  action        = "tag_created"
  type          = "license"
  url           = "https://hooks.example.com/kept"
  secret_key     = "kept-secret"
}

resource "livechat_goal" "kept" {
  name = "kept goal"
  type = "api"
}

resource "livechat_partner_api_token" "kept" {
  label = "kept token"
}
`, run.URL)
	faults := func(kind string) func() {
		return func() {
			f := emulator.Faults{}
			if kind != "" {
				f = emulator.Faults{Rate: 1, Kinds: []string{kind}}
			}
			run.SetFaults(f)
		}
	}
	malformed := regexp.MustCompile(`not\s+what\s+the\s+method\s+documents`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{Config: config},
			{PreConfig: faults(emulator.FaultNullBody), RefreshState: true, ExpectError: malformed},
			{PreConfig: faults(emulator.FaultEmptyBody), RefreshState: true, ExpectError: malformed},
			{
				// Every object is still in state: nothing to create.
				PreConfig: faults(""),
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}
