package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/configuration"
)

func testGroupConfig(name, language, priorities string) string {
	return fmt.Sprintf(`
resource "livechat_group" "test" {
  name          = %q
  language_code = %q
%s
}
`, name, language, priorities)
}

func TestAccGroup_lifecycle(t *testing.T) {
	name := randomName("tf-group")
	ownerSupervises := fmt.Sprintf("  agent_priorities = { %q = \"supervisor\" }", acc.ownerEmail)
	var id string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             checkDestroyed("livechat_group", groupExists),
		Steps: []resource.TestStep{
			{
				Config: testGroupConfig(name, "en", ownerSupervises),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("livechat_group.test", tfjsonpath.New("name"), knownvalue.StringExact(name)),
					// Read-only values no create answer carries wait for the next refresh (afterCreate).
					statecheck.ExpectKnownValue("livechat_group.test", tfjsonpath.New("routing_status"), afterCreate(knownvalue.StringExact("offline"))),
					statecheck.ExpectKnownValue("livechat_group.test", tfjsonpath.New("agent_priorities"),
						knownvalue.MapExact(map[string]knownvalue.Check{acc.ownerEmail: knownvalue.StringExact("supervisor")})),
				},
				Check: stateAttr("livechat_group.test", "id", &id),
			},
			{
				Config: testGroupConfig(name, "en", ownerSupervises),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				Config: testGroupConfig(name+"-renamed", "de", `  agent_priorities = {}`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("livechat_group.test", plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("livechat_group.test", tfjsonpath.New("name"), knownvalue.StringExact(name+"-renamed")),
					statecheck.ExpectKnownValue("livechat_group.test", tfjsonpath.New("language_code"), knownvalue.StringExact("de")),
					statecheck.ExpectKnownValue("livechat_group.test", tfjsonpath.New("agent_priorities"), knownvalue.MapSizeExact(0)),
					// Filled by now: by a refresh that saw the group, else by the update's read.
					statecheck.ExpectKnownValue("livechat_group.test", tfjsonpath.New("routing_status"), knownvalue.StringExact("offline")),
				},
			},
			{
				ResourceName:            "livechat_group.test",
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
			driftStep(testGroupConfig(name+"-renamed", "de", `  agent_priorities = {}`), "livechat_group.test", plancheck.ResourceActionUpdate,
				changeOutOfBand(t, "group", func() string { return id }, `{"language_code":"fr"}`)),
			driftStep(testGroupConfig(name+"-renamed", "de", `  agent_priorities = {}`), "livechat_group.test", plancheck.ResourceActionCreate,
				deleteOutOfBand(t, "group", func() string { return id })),
		},
	})
}

// Group 0 cannot be deleted: it is imported to be managed and destroy only forgets it. Its own
// name keeps the apply from changing it (on a real license too).
func TestAccGroup_defaultGroup(t *testing.T) {
	general := fromAPI(t, func(ctx context.Context) (*configuration.Group, error) { return acc.api.config.GetGroup(ctx, 0) })
	config := fmt.Sprintf(`resource "livechat_group" "general" { name = %q }`, general.Name)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			return objectIs(t, groupExists, "0", true, "destroy should only forget group 0")
		},
		Steps: []resource.TestStep{
			{
				Config:             config,
				ResourceName:       "livechat_group.general",
				ImportState:        true,
				ImportStateId:      "0",
				ImportStatePersist: true,
			},
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

func TestAccGroup_validation(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      testGroupConfig(strings.Repeat("x", 181), "en", ""),
				ExpectError: regexp.MustCompile(`(?s)Attribute\s+name\s+UTF-8\s+character\s+count\s+must\s+be\s+between\s+1\s+and\s+180`),
				PlanOnly:    true,
			},
			{
				Config:      testGroupConfig("valid", "en", `  agent_priorities = { "a@example.com" = "boss" }`),
				ExpectError: regexp.MustCompile(`(?s)agent_priorities.*value must be one\s+of`),
				PlanOnly:    true,
			},
			{
				Config:        `resource "livechat_group" "x" { name = "x" }`,
				ResourceName:  "livechat_group.x",
				ImportState:   true,
				ImportStateId: "general",
				ExpectError:   regexp.MustCompile(`imported by its numeric ID`),
			},
		},
	})
}

// An update waits only for what it changes: a language changed after the plan of a rename neither
// holds the apply up nor hides from the next plan.
func TestAccGroup_updateWaitsForItsChangeOnly(t *testing.T) {
	name := randomName("tf-group-wait")
	var id string
	const timeouts = "  timeouts {\n    update = \"30s\"\n  }\n"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             checkDestroyed("livechat_group", groupExists),
		Steps: append([]resource.TestStep{
			{Config: testGroupConfig(name, "en", timeouts), Check: stateAttr("livechat_group.test", "id", &id)},
		}, writeSkipsDriftSteps(testGroupConfig(name+"-renamed", "en", timeouts), "livechat_group.test",
			changeOutOfBand(t, "group", func() string { return id }, `{"language_code":"fr"}`))...),
	})
}
