package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func testTagConfig(group, tag, groupIDs string) string {
	return fmt.Sprintf(`
resource "livechat_group" "test" {
  name = %q
}

resource "livechat_tag" "test" {
  name      = %q
  group_ids = %s
}
`, group, tag, groupIDs)
}

func TestAccTag_lifecycle(t *testing.T) {
	group, tag := randomName("tf-tag-group"), randomName("Feedback")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             checkDestroyed("livechat_tag", tagExists),
		Steps: []resource.TestStep{
			{
				Config: testTagConfig(group, tag, "[0, livechat_group.test.id]"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("livechat_tag.test", tfjsonpath.New("id"), knownvalue.StringExact(tag)),
					statecheck.ExpectKnownValue("livechat_tag.test", tfjsonpath.New("group_ids"), knownvalue.SetSizeExact(2)),
					// Read-only values no create answer carries wait for the next refresh (afterCreate).
					statecheck.ExpectKnownValue("livechat_tag.test", tfjsonpath.New("created_at"), afterCreate(knownvalue.NotNull())),
				},
			},
			{
				Config: testTagConfig(group, tag, "[0, livechat_group.test.id]"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				Config: testTagConfig(group, tag, "[livechat_group.test.id]"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("livechat_tag.test", plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("livechat_tag.test", tfjsonpath.New("group_ids"), knownvalue.SetSizeExact(1)),
					// Filled by now: by a refresh that saw the tag, else by the update's read.
					statecheck.ExpectKnownValue("livechat_tag.test", tfjsonpath.New("created_at"), knownvalue.NotNull()),
				},
			},
			{
				ResourceName:            "livechat_tag.test",
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
			{
				// No rename method: a new name replaces the tag.
				Config: testTagConfig(group, tag+"-v2", "[livechat_group.test.id]"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("livechat_tag.test", plancheck.ResourceActionReplace)},
				},
			},
			driftStep(testTagConfig(group, tag+"-v2", "[livechat_group.test.id]"), "livechat_tag.test", plancheck.ResourceActionUpdate,
				changeOutOfBand(t, "tag", func() string { return tag + "-v2" }, `{"group_ids":[0]}`)),
			driftStep(testTagConfig(group, tag+"-v2", "[livechat_group.test.id]"), "livechat_tag.test", plancheck.ResourceActionCreate,
				deleteOutOfBand(t, "tag", func() string { return tag + "-v2" })),
		},
	})
}

// Creating a tag that differs from an existing one only in letter case fails with a message that
// says how to import it.
func TestAccTag_caseInsensitiveCollision(t *testing.T) {
	name := randomName("spam")
	config := fmt.Sprintf(`resource "livechat_tag" "first" { name = %q }`, name)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             checkDestroyed("livechat_tag", tagExists),
		Steps: []resource.TestStep{
			{Config: config},
			{
				Config:      config + fmt.Sprintf("\nresource \"livechat_tag\" \"dup\" { name = %q }", strings.ToUpper(name)),
				ExpectError: regexp.MustCompile(`(?s)exists already.*terraform import livechat_tag`),
			},
		},
	})
}

func TestAccTag_validation(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{Config: `resource "livechat_tag" "x" { name = "" }`, PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)name.*at least 1`)},
			{Config: `resource "livechat_tag" "x" {
  name      = "x"
  group_ids = [-1]
}`, PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)group_ids.*at\s+least\s+0`)},
			{
				Config:        `resource "livechat_tag" "x" { name = "x" }`,
				ResourceName:  "livechat_tag.x",
				ImportState:   true,
				ImportStateId: "no-such-tag",
				ExpectError:   regexp.MustCompile(`(?s)Cannot import non-existent remote object|no longer exists`),
			},
		},
	})
}
