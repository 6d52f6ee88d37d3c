package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

const testGreetingRules = `[
    { type = "visit_time_page", value = "15", operator = "greater_than" },
    { type = "custom_variable", variable_name = "cart", variable_value = "full", condition = "or" },
    { type = "url_funnel", urls = [{ url = "shop.example.com/shoes" }, { url = "cart", operator = "contains" }] },
  ]`

func testGreetingConfig(group, name, extra, rules string) string {
	return fmt.Sprintf(`
resource "livechat_group" "test" {
  name = %q
}

resource "livechat_greeting" "test" {
  name  = %q
  group = livechat_group.test.id
%s
  rules = %s
}
`, group, name, extra, rules)
}

func TestAccGreeting_lifecycle(t *testing.T) {
	group, name := randomName("tf-greeting-group"), randomName("tf-greeting")
	var id string
	const res = "livechat_greeting.test"
	sameIDs := statecheck.CompareValue(compare.ValuesSame())
	announcement := testGreetingConfig(group, name+"-v2", `  active  = false
  subtype = "announcement"
  message = "Need help choosing shoes?"`, `[{ type = "visits_number", value = "2", operator = "greater_or_equal" }]`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             checkDestroyed("livechat_greeting", greetingExists),
		Steps: []resource.TestStep{
			{
				Config: testGreetingConfig(group, name, "", testGreetingRules),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(res, tfjsonpath.New("active"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(res, tfjsonpath.New("message"), knownvalue.StringExact("Hello, would you like to talk about our products?")),
					statecheck.ExpectKnownValue(res, tfjsonpath.New("rules").AtSliceIndex(1).AtMapKey("operator"), knownvalue.StringExact("equals")),
					statecheck.ExpectKnownValue(res, tfjsonpath.New("rules").AtSliceIndex(1).AtMapKey("condition"), knownvalue.StringExact("or")),
					statecheck.ExpectKnownValue(res, tfjsonpath.New("rules").AtSliceIndex(2).AtMapKey("operator"), knownvalue.Null()),
					statecheck.ExpectKnownValue(res, tfjsonpath.New("rules").AtSliceIndex(2).AtMapKey("urls").AtSliceIndex(0).AtMapKey("operator"), knownvalue.StringExact("equals")),
					sameIDs.AddStateValue(res, tfjsonpath.New("rules").AtSliceIndex(0).AtMapKey("id")),
				},
				Check: stateAttr(res, "id", &id),
			},
			{
				Config: testGreetingConfig(group, name, "", testGreetingRules),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				// Name, message and state change; the rules do not, so they keep their ids.
				Config: testGreetingConfig(group, name+"-v2", `  active  = false
  message = "Need help choosing shoes?"`, testGreetingRules),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(res, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(res, tfjsonpath.New("active"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(res, tfjsonpath.New("message"), knownvalue.StringExact("Need help choosing shoes?")),
					sameIDs.AddStateValue(res, tfjsonpath.New("rules").AtSliceIndex(0).AtMapKey("id")),
				},
			},
			{
				// New rules: written again, with new ids, and still no diff afterwards.
				Config: testGreetingConfig(group, name+"-v2", `  active  = false
  message = "Need help choosing shoes?"`, `[{ type = "visits_number", value = "2", operator = "greater_or_equal" }]`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(res, tfjsonpath.New("rules"), knownvalue.ListSizeExact(1)),
					statecheck.ExpectKnownValue(res, tfjsonpath.New("rules").AtSliceIndex(0).AtMapKey("type"), knownvalue.StringExact("visits_number")),
				},
			},
			{
				ResourceName:            res,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
			{
				// subtype cannot be updated: the greeting is replaced.
				Config: announcement,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(res, plancheck.ResourceActionReplace)},
				},
				Check: stateAttr(res, "id", &id),
			},
			driftStep(announcement, res, plancheck.ResourceActionUpdate,
				changeOutOfBand(t, "greeting", func() string { return id }, `{"message_text": "Changed in the app"}`)),
			driftStep(announcement, res, plancheck.ResourceActionCreate, deleteOutOfBand(t, "greeting", func() string { return id })),
		},
	})
}

func TestAccGreeting_validation(t *testing.T) {
	step := func(rules, want string) resource.TestStep {
		return resource.TestStep{
			Config:      fmt.Sprintf("resource \"livechat_greeting\" \"x\" {\n  name  = \"g\"\n  rules = %s\n}\n", rules),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(want),
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			step(`[]`, `(?s)rules.*at least 1`),
			step(`[{ type = "weather", value = "sun" }]`, `(?s)rules\[0\]\.type.*value must be one of`),
			step(`[{ type = "url_current", value = "x", operator = "like" }]`, `(?s)rules\[0\]\.operator.*value must be one of`),
			step(`[{ type = "url_current", value = "x", condition = "xor" }]`, `(?s)rules\[0\]\.condition.*value must be one of`),
			step(`[{ type = "visits_number" }]`, `(?s)rules\[0\]\.value.*needs\s+value`),
			step(`[{ type = "visits_number", value = "two" }]`, `(?s)rules\[0\]\.value.*whole\s+number`),
			step(`[{ type = "url_current", value = "x" }, { type = "custom_variable", variable_name = "a" }]`, `(?s)rules\[1\]\.variable_value.*needs\s+variable_value`),
			step(`[{ type = "url_funnel" }]`, `(?s)rules\[0\]\.urls.*needs\s+urls`),
			step(`[{ type = "url_funnel", value = "x", urls = [{ url = "a" }] }]`, `(?s)rules\[0\]\.value.*does\s+not\s+take\s+value`),
			step(`[{ type = "url_funnel", operator = "equals", urls = [{ url = "a" }] }]`, `(?s)rules\[0\]\.operator.*does\s+not\s+take\s+operator`),
			step(`[{ type = "url_funnel", urls = [{ url = "a", operator = "near" }] }]`, `(?s)operator.*value must be one of`),
			{
				Config: `resource "livechat_greeting" "x" {
  name    = "g"
  subtype = "popup"
  rules   = [{ type = "visits_number", value = "1" }]
}`,
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)subtype.*value must be one of`),
			},
		},
	})
}

// A license holds at most 10 announcement greetings; the 11th fails with the API's message.
// Sequential: the limit is global.
func TestAccGreeting_announcementLimit(t *testing.T) {
	name := randomName("tf-announcement")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             checkDestroyed("livechat_greeting", greetingExists),
		Steps: []resource.TestStep{
			{
				Config: fmt.Sprintf(`
resource "livechat_greeting" "a" {
  count   = 11
  name    = "%s-${count.index}"
  subtype = "announcement"
  rules   = [{ type = "visits_number", value = "1" }]
}
`, name),
				ExpectError: regexp.MustCompile(`(?s)up to 10 announcement greetings`),
			},
		},
	})
}
