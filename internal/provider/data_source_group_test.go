package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func TestAccGroupDataSource_basic(t *testing.T) {
	group, email := randomName("tf-ds-group"), randomName("tf-ds-group")+"@example.com"
	config := fmt.Sprintf(`
resource "livechat_group" "test" {
  name          = %q
  language_code = "de"
}

resource "livechat_agent" "test" {
  id     = %q
  name   = "Group Member"
  groups = [{ id = livechat_group.test.id, priority = "supervisor" }]
}

data "livechat_group" "test" {
  id         = livechat_group.test.id
  depends_on = [livechat_agent.test]
}

data "livechat_group" "general" {
  id = 0
}
`, group, email)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.CompareValuePairs("data.livechat_group.test", tfjsonpath.New("id"), "livechat_group.test", tfjsonpath.New("id"), compare.ValuesSame()),
					statecheck.ExpectKnownValue("data.livechat_group.test", tfjsonpath.New("name"), knownvalue.StringExact(group)),
					statecheck.ExpectKnownValue("data.livechat_group.test", tfjsonpath.New("language_code"), knownvalue.StringExact("de")),
					statecheck.ExpectKnownValue("data.livechat_group.test", tfjsonpath.New("routing_status"), knownvalue.StringExact("offline")),
					statecheck.ExpectKnownValue("data.livechat_group.test", tfjsonpath.New("agent_priorities"),
						knownvalue.MapExact(map[string]knownvalue.Check{email: knownvalue.StringExact("supervisor")})),
					statecheck.ExpectKnownValue("data.livechat_group.general", tfjsonpath.New("id"), knownvalue.Int64Exact(0)),
					statecheck.ExpectKnownValue("data.livechat_group.general", tfjsonpath.New("name"), knownvalue.StringExact(generalGroupName(t))),
				},
			},
		},
	})
}

func TestAccGroupDataSource_errors(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      `data "livechat_group" "bad" { id = -1 }`,
				ExpectError: regexp.MustCompile(`(?s)Attribute id value must be at least 0`),
				PlanOnly:    true,
			},
			{
				Config:      `data "livechat_group" "missing" { id = 987654321 }`,
				ExpectError: regexp.MustCompile(`(?s)Group not found.*no group 987654321`),
				PlanOnly:    true,
			},
		},
	})
}
