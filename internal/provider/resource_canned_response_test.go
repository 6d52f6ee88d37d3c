package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func testCannedResponseConfig(group, text, tags string) string {
	return fmt.Sprintf(`
resource "livechat_group" "test" {
  name = %q
}

resource "livechat_canned_response" "test" {
  group = livechat_group.test.id
  text  = %q
  tags  = %s
}
`, group, text, tags)
}

func TestAccCannedResponse_lifecycle(t *testing.T) {
	group, text := randomName("tf-canned-group"), randomName("How can I help you")
	var id string
	const res = "livechat_canned_response.test"
	// The response moved out of the group (group 0).
	ungrouped := fmt.Sprintf(`
resource "livechat_group" "test" {
  name = %q
}

resource "livechat_canned_response" "test" {
  text = %q
  tags = ["help"]
}
`, group, text+" today?")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             checkDestroyed("livechat_canned_response", cannedResponseExists),
		Steps: []resource.TestStep{
			{
				Config: testCannedResponseConfig(group, text, `["hello", "help"]`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(res, tfjsonpath.New("text"), knownvalue.StringExact(text)),
					statecheck.ExpectKnownValue(res, tfjsonpath.New("tags"), knownvalue.SetExact([]knownvalue.Check{
						knownvalue.StringExact("hello"), knownvalue.StringExact("help")})),
					statecheck.ExpectKnownValue(res, tfjsonpath.New("created_by"), knownvalue.StringExact(acc.callerEmail)),
					statecheck.ExpectKnownValue(res, tfjsonpath.New("creation_date"), knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT`))),
					statecheck.ExpectKnownValue(res, tfjsonpath.New("modified_by"), knownvalue.StringExact("")),
				},
				Check: stateAttr(res, "id", &id),
			},
			{
				Config: testCannedResponseConfig(group, text, `["help", "hello"]`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				Config: testCannedResponseConfig(group, text+" today?", `["help"]`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(res, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(res, tfjsonpath.New("text"), knownvalue.StringExact(text+" today?")),
					statecheck.ExpectKnownValue(res, tfjsonpath.New("tags"), knownvalue.SetSizeExact(1)),
					statecheck.ExpectKnownValue(res, tfjsonpath.New("modified_by"), knownvalue.StringExact(acc.callerEmail)),
				},
			},
			{
				ResourceName:            res,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
			{
				// No update moves a canned response to another group: it is replaced.
				Config: ungrouped,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(res, plancheck.ResourceActionReplace)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(res, tfjsonpath.New("group"), knownvalue.Int64Exact(0)),
				},
				Check: stateAttr(res, "id", &id),
			},
			driftStep(ungrouped, res, plancheck.ResourceActionUpdate,
				changeOutOfBand(t, "canned_response", func() string { return id }, `{"text": "`+text+` changed in the app"}`)),
			driftStep(ungrouped, res, plancheck.ResourceActionCreate, deleteOutOfBand(t, "canned_response", func() string { return id })),
		},
	})
}

func TestAccCannedResponse_validation(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{Config: `resource "livechat_canned_response" "x" {
  text = "  "
  tags = ["a"]
}`, PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)text.*must\s+not\s+be\s+empty`)},
			{Config: `resource "livechat_canned_response" "x" {
  text = "Hi"
  tags = []
}`, PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)tags.*at\s+least\s+1`)},
			{Config: `resource "livechat_canned_response" "x" {
  text = "Hi"
  tags = [" hi"]
}`, PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)tags.*leading\s+or\s+trailing\s+spaces`)},
			{Config: `resource "livechat_canned_response" "x" {
  text  = "Hi"
  tags  = ["hi"]
  group = -1
}`, PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)group.*at\s+least\s+0`)},
			{
				Config: `resource "livechat_canned_response" "x" {
  text = "Hi"
  tags = ["hi"]
}`,
				ResourceName:  "livechat_canned_response.x",
				ImportState:   true,
				ImportStateId: "hello",
				ExpectError:   regexp.MustCompile(`imported\s+by\s+its\s+numeric\s+ID`),
			},
			{
				// A group that does not exist: the API's 404 is waited out until the timeout.
				Config: `resource "livechat_canned_response" "x" {
  text  = "Hi"
  tags  = ["hi"]
  group = 999999
  timeouts {
    create = "2s"
  }
}`,
				ExpectError: regexp.MustCompile(`(?s)Group\s+999999\s+not\s+found`),
			},
		},
	})
}

// An update of the REST API v2 skeleton waits only for what it changes: a text changed after the
// plan of a tags change neither holds the apply up nor hides from the next plan.
func TestAccCannedResponse_updateWaitsForItsChangeOnly(t *testing.T) {
	group, text := randomName("tf-canned-wait"), randomName("Hello")
	var id string
	tags := func(tags string) string { return tags + "\n  timeouts {\n    update = \"30s\"\n  }" }
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             checkDestroyed("livechat_canned_response", cannedResponseExists),
		Steps: append([]resource.TestStep{
			{Config: testCannedResponseConfig(group, text, tags(`["a"]`)), Check: stateAttr("livechat_canned_response.test", "id", &id)},
		}, writeSkipsDriftSteps(testCannedResponseConfig(group, text, tags(`["a", "b"]`)), "livechat_canned_response.test",
			changeOutOfBand(t, "canned_response", func() string { return id }, `{"text": "`+text+` changed in the app"}`))...),
	})
}
