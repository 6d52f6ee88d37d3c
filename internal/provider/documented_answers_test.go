//go:build !remote

package provider

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// The tests of this file start an emulator of their own in documented-answers mode
// (documentedEmulator): local mode only.

// Against an emulator that answers only what the reference's answers show, every wait after a
// create converges (each resource has a short create timeout, so a wait that needs more fails
// fast), the Reads keep the values the answers leave out (the next plan is empty), and an avatar
// re-hosted by the API is no change while one changed in the app is.
func TestAccDocumentedAnswers_keysOrdersAndEchoes(t *testing.T) {
	run, provider := documentedEmulator(t)
	owner, name := randomName("tf-doc"), randomName("tf-doc")
	var botID string
	config := provider + fmt.Sprintf(`
locals {
  quick = "30s"
}

# list_webhooks shows neither additional_data nor the author_type filter.
resource "livechat_webhook" "events" {
  owner_client_id = %[1]q
  url             = "https://example.com/events"
  action          = "incoming_event"
  type            = "license"
  secret_key      = "s3cret"
  additional_data = ["chat_properties"]
  filters = {
    author_type   = "customer"
    chat_presence = { user_ids = { values = ["a@example.com", "b@example.com"] } }
  }
  timeouts {
    create = local.quick
  }
}

# list_properties shows no domain and no default_value.
resource "livechat_property" "tier" {
  owner_client_id = %[1]q
  name            = "tier"
  type            = "string"
  access          = { license = { agent = ["read", "write"] } }
  domain          = ["standard", "premium"]
  default_value   = "standard"
  timeouts {
    create = local.quick
  }
}

# The avatar comes back re-hosted.
resource "livechat_bot" "greeter" {
  name   = %[2]q
  avatar = "https://example.com/bot.png"
  timeouts {
    create = local.quick
  }
}

# Condition values and groups come back in another order.
resource "livechat_auto_access" "pricing" {
  access = { groups = [0] }
  conditions = {
    url = { values = [{ value = "/pricing" }, { value = "/plans", exact_match = true }] }
  }
  timeouts {
    create = local.quick
  }
}

# Get Billing shows no state.
resource "livechat_partner_billing" "me" {
  type    = "business"
  company = "ACME"
  address = "Main St 1"
  city    = "Austin"
  country = "US"
  paypal  = "pay@example.com"
  state   = "TX"
  timeouts {
    create = local.quick
  }
}

# Get Expert Profile shows no facebook; categories and projects come back reordered.
resource "livechat_expert_profile" "me" {
  company           = "ACME Chat"
  phone             = "123456789"
  description       = "We build chat experiences for online stores."
  short_description = "Chat experts for e-commerce"
  country           = "US"
  website           = "https://acme.example"
  facebook          = "https://facebook.com/acme"
  categories        = ["custom-development", "training"]
  industry_ids      = [19, 31]
  projects          = ["https://shop.example", "https://bank.example"]
  timeouts {
    create = local.quick
  }
}

# Search Campaigns writes the slug as "pp-...", Get Campaigns as "pp_...".
resource "livechat_campaign" "spring" {
  product = "livechat"
  name    = %[2]q
  timeouts {
    create = local.quick
  }
}
`, owner, name)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("livechat_webhook.events", tfjsonpath.New("filters").AtMapKey("author_type"), knownvalue.StringExact("customer")),
					statecheck.ExpectKnownValue("livechat_property.tier", tfjsonpath.New("default_value"), knownvalue.StringExact("standard")),
					statecheck.ExpectKnownValue("livechat_bot.greeter", tfjsonpath.New("avatar"), knownvalue.StringExact("https://example.com/bot.png")),
					statecheck.ExpectKnownValue("livechat_auto_access.pricing", tfjsonpath.New("conditions").AtMapKey("url").AtMapKey("values").AtSliceIndex(0).AtMapKey("value"), knownvalue.StringExact("/pricing")),
					statecheck.ExpectKnownValue("livechat_partner_billing.me", tfjsonpath.New("state"), knownvalue.StringExact("TX")),
					statecheck.ExpectKnownValue("livechat_expert_profile.me", tfjsonpath.New("facebook"), knownvalue.StringExact("https://facebook.com/acme")),
					statecheck.ExpectKnownValue("livechat_campaign.spring", tfjsonpath.New("trial_duration"), knownvalue.Int64Exact(14)),
				},
				Check: stateAttr("livechat_bot.greeter", "id", &botID),
			},
			{
				// A refresh that gets the same answers keeps every value: no change.
				Config:           config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			// An avatar changed in the app reads as another re-hosted URL: a change to apply again.
			driftStep(config, "livechat_bot.greeter", plancheck.ResourceActionUpdate, outOfBand{t: t, what: "change the avatar in the app", run: func() {
				if err := run.PatchObject("bot", botID, []byte(`{"avatar":"https://example.com/other.png"}`)); err != nil {
					t.Fatalf("changing the avatar out of band: %v", err)
				}
			}}),
		},
	})
}

// The reference marks suspend_agent "not yet available for public use": against an emulator that
// answers as the reference says for a caller without the private scope, suspending fails with
// the authorization error and a message that says what to do.
func TestAccAgent_suspendNotPublic(t *testing.T) {
	run, provider := documentedEmulator(t)
	email := randomName("suspended") + "@example.com"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy: checkDestroyed("livechat_agent", func(_ context.Context, id string) (bool, error) {
			_, ok := run.Agent(id)
			return ok, nil
		}),
		Steps: []resource.TestStep{
			{
				Config: provider + fmt.Sprintf(`
resource "livechat_agent" "test" {
  id        = %q
  name      = "Agent Smith"
  suspended = true
}
`, email),
				ExpectError: regexp.MustCompile(`(?s)Authorization error.*not yet available\s+for\s+public\s+use`),
			},
		},
	})
}

// The reference's greeting examples answer rules in another order than sent, and no group or
// subtype. Against an emulator that answers so, the create's wait compares the rules as a set
// and finishes (the short create timeout fails fast if it does not), the state keeps the
// configured order, the next plan is empty, and an import finds the group.
func TestAccGreeting_documentedAnswers(t *testing.T) {
	run, provider := documentedEmulator(t)
	const res = "livechat_greeting.test"
	config := provider + fmt.Sprintf(`
resource "livechat_group" "test" {
  name = %q
}

resource "livechat_greeting" "test" {
  name  = %q
  group = livechat_group.test.id
  rules = [
    { type = "visit_time_page", value = "15", operator = "greater_than" },
    { type = "visits_number", value = "2", operator = "greater_or_equal" },
  ]
  timeouts {
    create = "20s"
  }
}
`, randomName("tf-greeting-group"), randomName("tf-greeting"))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy: checkDestroyed("livechat_greeting", func(_ context.Context, id string) (bool, error) {
			n, err := strconv.Atoi(id)
			if err != nil {
				return false, err
			}
			_, ok := run.Greeting(n)
			return ok, nil
		}),
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(res, tfjsonpath.New("rules").AtSliceIndex(0).AtMapKey("type"), knownvalue.StringExact("visit_time_page")),
					statecheck.ExpectKnownValue(res, tfjsonpath.New("rules").AtSliceIndex(1).AtMapKey("type"), knownvalue.StringExact("visits_number")),
					statecheck.CompareValuePairs(res, tfjsonpath.New("group"), "livechat_group.test", tfjsonpath.New("id"), compare.ValuesSame()),
				},
			},
			{
				Config:            config,
				ResourceName:      res,
				ImportState:       true,
				ImportStateVerify: true,
				// The import reads the rules in the API's order; the configuration's order is no change.
				ImportStateVerifyIgnore: []string{"timeouts", "rules"},
			},
		},
	})
}
