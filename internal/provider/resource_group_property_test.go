package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/configuration"
)

// The group is created in the same apply as its values: under a propagation delay the first
// update_group_properties gets group_not_found and is retried.
func testGroupPropertyConfig(p testProps, group, tier string, wait int, vip bool) string {
	return testValuePropertiesConfig(p) + fmt.Sprintf(`
resource "livechat_group" "test" {
  name = %q
}

resource "livechat_group_property" "string" {
  group_id     = livechat_group.test.id
  namespace    = livechat_property.string.owner_client_id
  name         = livechat_property.string.name
  value_string = %q
}

resource "livechat_group_property" "int" {
  group_id  = livechat_group.test.id
  namespace = livechat_property.int.owner_client_id
  name      = livechat_property.int.name
  value_int = %d
}

resource "livechat_group_property" "bool_general" {
  group_id   = 0
  namespace  = livechat_property.bool.owner_client_id
  name       = livechat_property.bool.name
  value_bool = %t
}
`, group, tier, wait, vip)
}

func TestAccGroupProperty_lifecycle(t *testing.T) {
	p, group := newTestProps("tf-gprop"), randomName("tf-gprop-group")
	owner := p.owner
	var gid string
	value := func(groupID func() string, name, want string) func(*terraform.State) error {
		return func(*terraform.State) error {
			g, _ := strconv.ParseInt(groupID(), 10, 64)
			values := fromAPI(t, func(ctx context.Context) (configuration.PropertyValues, error) {
				return acc.api.config.GroupProperties(ctx, g, true)
			})
			if v, ok := values.Get(owner, p.name(name)); !ok || !sameJSON(v, json.RawMessage(want)) {
				return fmt.Errorf("API value of %s in group %d = %s (%v), want %s", p.name(name), g, v, ok, want)
			}
			return nil
		}
	}
	theGroup := func() string { return gid }
	general := func() string { return "0" }
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             checkDestroyed("livechat_group_property", groupPropertyExists),
		Steps: []resource.TestStep{
			{
				Config: testGroupPropertyConfig(p, group, "premium", 5, true),
				Check: resource.ComposeTestCheckFunc(
					stateAttr("livechat_group.test", "id", &gid),
					value(theGroup, "tier", `"premium"`), value(theGroup, "max_wait", "5"), value(general, "vip", "true"),
				),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("livechat_group_property.bool_general", tfjsonpath.New("id"), knownvalue.StringExact("0/"+p.id("vip"))),
					statecheck.ExpectKnownValue("livechat_group_property.int", tfjsonpath.New("value_int"), knownvalue.Int64Exact(5)),
					statecheck.ExpectKnownValue("livechat_group_property.int", tfjsonpath.New("value_string"), knownvalue.Null()),
					statecheck.ExpectKnownValue("livechat_group_property.string", tfjsonpath.New("value_string"), knownvalue.StringExact("premium")),
				},
			},
			{
				Config: testGroupPropertyConfig(p, group, "premium", 5, true),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				Config: testGroupPropertyConfig(p, group, "standard", -100, false),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("livechat_group_property.string", plancheck.ResourceActionUpdate),
						plancheck.ExpectResourceAction("livechat_group_property.int", plancheck.ResourceActionUpdate),
						plancheck.ExpectResourceAction("livechat_group_property.bool_general", plancheck.ResourceActionUpdate),
					},
				},
				Check: resource.ComposeTestCheckFunc(value(theGroup, "tier", `"standard"`), value(theGroup, "max_wait", "-100"), value(general, "vip", "false")),
			},
			{
				ResourceName: "livechat_group_property.string", ImportState: true, ImportStateVerify: true,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
			{
				ResourceName: "livechat_group_property.bool_general", ImportState: true, ImportStateId: "0/" + p.id("vip"), ImportStateVerify: true,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
			driftStep(testGroupPropertyConfig(p, group, "standard", -100, false), "livechat_group_property.int", plancheck.ResourceActionUpdate,
				changeOutOfBand(t, "group_property", func() string { return gid + "/" + p.id("max_wait") }, `{"value":-5}`)),
			driftStep(testGroupPropertyConfig(p, group, "standard", -100, false), "livechat_group_property.int", plancheck.ResourceActionCreate,
				deleteOutOfBand(t, "group_property", func() string { return gid + "/" + p.id("max_wait") })),
			deleteOutOfBand(t, "group", func() string { return gid }).step(resource.TestStep{
				// Deleting the group out of band takes its values along.
				Config: testGroupPropertyConfig(p, group, "standard", -100, false),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("livechat_group.test", plancheck.ResourceActionCreate),
						plancheck.ExpectResourceAction("livechat_group_property.string", plancheck.ResourceActionCreate),
					},
				},
				Check: resource.ComposeTestCheckFunc(stateAttr("livechat_group.test", "id", &gid), value(theGroup, "tier", `"standard"`)),
			}),
		},
	})
}

func TestAccGroupProperty_errors(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{Config: `resource "livechat_group_property" "x" {
  group_id   = -1
  namespace  = "test"
  name       = "bool_property"
  value_bool = true
}`, PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)group_id.*at least 0`)},
			{Config: `resource "livechat_group_property" "x" {
  group_id  = 0
  namespace = "test"
  name      = "bool_property"
}`, PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)Missing Attribute Configuration.*Exactly one of`)},
			{
				Config: `resource "livechat_group_property" "x" {
  group_id   = 0
  namespace  = "test"
  name       = "bool_property"
  value_bool = true
}`,
				ResourceName: "livechat_group_property.x", ImportState: true, ImportStateId: "x/test/bool_property",
				ExpectError: regexp.MustCompile(`(?s)Invalid import ID.*<group_id>/<namespace>/<name>`),
			},
		},
	})
}
