package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func testExpertConfig(company, extra string) string {
	return fmt.Sprintf(`
resource "livechat_expert_profile" "test" {
  company           = %q
  phone             = "123456789"
  description       = "We build chat experiences for online stores."
  short_description = "Chat experts for e-commerce"
  country           = "US"
  website           = "https://acme.example"
  industry_ids      = [19, 31]
  projects          = ["https://shop.example", "https://bank.example"]
%s
}
`, company, extra)
}

// The Expert profile is a singleton: sequential; create adopts, destroy forgets.
func TestAccExpertProfile_lifecycle(t *testing.T) {
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			if _, ok := testEmulator.ExpertProfile(); !ok {
				return fmt.Errorf("destroy deleted the profile; it should only forget it")
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config: testExpertConfig("ACME Chat", `  categories = ["custom-development", "training"]
  hour_rate  = 50`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("livechat_expert_profile.test", tfjsonpath.New("status"), knownvalue.StringExact("verified")),
					statecheck.ExpectKnownValue("livechat_expert_profile.test", tfjsonpath.New("partner_id"), knownvalue.StringExact("emulator-partner")),
					statecheck.ExpectKnownValue("livechat_expert_profile.test", tfjsonpath.New("hour_rate"), knownvalue.Int64Exact(50)),
				},
			},
			{
				Config: testExpertConfig("ACME Chat", `  categories = ["custom-development", "training"]
  hour_rate  = 50`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				Config: testExpertConfig("ACME Outsourcing", `  categories = ["chat-agent-outsourcing"]
  agents     = "16-30"
  languages  = ["EN", "PL"]
  twitter    = "https://twitter.com/acme"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("livechat_expert_profile.test", plancheck.ResourceActionUpdate),
				}},
				Check: func(*terraform.State) error {
					e, _ := testEmulator.ExpertProfile()
					if e.Company != "ACME Outsourcing" || e.Agents != "16-30" || len(e.Languages) != 2 || e.HourRate != nil {
						return fmt.Errorf("profile %+v", e)
					}
					return nil
				},
			},
			{
				ResourceName:            "livechat_expert_profile.test",
				ImportState:             true,
				ImportStateId:           "expert_profile",
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
			{
				PreConfig:          deleteOutOfBand(t, "expert_profile", func() string { return "self" }),
				Config:             testExpertConfig("ACME Outsourcing", `  categories = ["chat-agent-outsourcing"]`+"\n  agents = \"16-30\"\n  languages = [\"EN\", \"PL\"]\n  twitter = \"https://twitter.com/acme\""),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
			{
				// Re-create, so that destroy has something to forget.
				Config: testExpertConfig("ACME Outsourcing", `  categories = ["training"]`),
			},
		},
	})
}

func TestAccExpertProfile_validation(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{Config: testExpertConfig("ACM", `  categories = ["training"]`), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)company.*length must be at least 4`)},
			{Config: testExpertConfig("ACME", `  categories = ["api-and-integrations"]`), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)categories.*value must be one of`)},
			{Config: testExpertConfig("ACME", `  categories = []`), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)categories.*at least 1`)},
			{Config: testExpertConfig("ACME", "  categories = [\"training\"]\n  agents = \"5+\""), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)agents.*value must be one of`)},
			{Config: testExpertConfig("ACME", "  categories = [\"training\"]\n  languages = [\"en\"]"), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)two-letter language code`)},
			{Config: testExpertConfig("ACME", `  categories = ["chat-agent-outsourcing"]`), PlanOnly: true,
				ExpectError: regexp.MustCompile(`(?s)chat-agent-outsourcing needs agents.*chat-agent-outsourcing needs at least one\s+language`)},
			{Config: `resource "livechat_expert_profile" "x" {
  company           = "ACME"
  phone             = "1"
  description       = "short"
  short_description = "Chat experts for e-commerce"
  country           = "US"
  website           = "https://acme.example"
  categories        = ["training"]
  industry_ids      = [20]
  projects          = []
}`, PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)description.*at least 10.*industry_ids.*value must be one of`)},
		},
	})
}
