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

// testAgentsDataSourceConfig has a new group with agents -1 (in it when
// firstInGroup, else in no group), -2 (in it, suspended) and -3 (in group 0
// only), read through several filters.
func testAgentsDataSourceConfig(group, base string, firstInGroup bool) string {
	firstGroups := "[]"
	if firstInGroup {
		firstGroups = `[{ id = livechat_group.test.id, priority = "normal" }]`
	}
	return fmt.Sprintf(`
resource "livechat_group" "test" {
  name = %[1]q
}

resource "livechat_agent" "one" {
  id     = "%[2]s-1@example.com"
  name   = "One"
  groups = %[3]s
}

resource "livechat_agent" "two" {
  id        = "%[2]s-2@example.com"
  name      = "Two"
  groups    = [{ id = livechat_group.test.id, priority = "first" }]
  suspended = true
}

resource "livechat_agent" "three" {
  id     = "%[2]s-3@example.com"
  name   = "Three"
  groups = [{ id = 0, priority = "last" }]
}

data "livechat_agents" "in_group" {
  group_ids  = [livechat_group.test.id]
  depends_on = [livechat_agent.one, livechat_agent.two, livechat_agent.three]
}

data "livechat_agents" "in_group_suspended" {
  group_ids  = [livechat_group.test.id]
  suspended  = true
  depends_on = [livechat_agent.one, livechat_agent.two, livechat_agent.three]
}

data "livechat_agents" "in_group_active" {
  group_ids  = [livechat_group.test.id]
  suspended  = false
  depends_on = [livechat_agent.one, livechat_agent.two, livechat_agent.three]
}

data "livechat_agents" "in_group_or_general" {
  group_ids  = [0, livechat_group.test.id]
  depends_on = [livechat_agent.one, livechat_agent.two, livechat_agent.three]
}

data "livechat_agents" "all" {
  depends_on = [livechat_agent.one, livechat_agent.two, livechat_agent.three]
}
`, group, base, firstGroups)
}

func TestAccAgentsDataSource_filters(t *testing.T) {
	if documentedAnswers() {
		t.Skip("suspends an agent, which suspend_agent does not allow a public caller (TestAccAgent_suspendNotPublic)")
	}
	group, base := randomName("tf-ds-agents"), randomName("tf-ds-agents")
	one, two, three := base+"-1@example.com", base+"-2@example.com", base+"-3@example.com"
	ids := func(ids ...string) knownvalue.Check {
		checks := make([]knownvalue.Check, 0, len(ids))
		for _, id := range ids {
			checks = append(checks, knownvalue.StringExact(id))
		}
		return knownvalue.ListExact(checks)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: testAgentsDataSourceConfig(group, base, true),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.livechat_agents.in_group", tfjsonpath.New("ids"), ids(one, two)),
					statecheck.ExpectKnownValue("data.livechat_agents.in_group", tfjsonpath.New("agents"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectPartial(map[string]knownvalue.Check{
							"id": knownvalue.StringExact(one), "name": knownvalue.StringExact("One"), "role": knownvalue.StringExact("normal"),
							"suspended": knownvalue.Bool(false), "max_chats_count": knownvalue.Int64Exact(6),
							"groups": knownvalue.SetExact([]knownvalue.Check{knownvalue.ObjectPartial(map[string]knownvalue.Check{"priority": knownvalue.StringExact("normal")})}),
						}),
						knownvalue.ObjectPartial(map[string]knownvalue.Check{
							"id": knownvalue.StringExact(two), "name": knownvalue.StringExact("Two"), "suspended": knownvalue.Bool(true),
							"groups": knownvalue.SetExact([]knownvalue.Check{knownvalue.ObjectPartial(map[string]knownvalue.Check{"priority": knownvalue.StringExact("first")})}),
						}),
					})),
					statecheck.CompareValueCollection("data.livechat_agents.in_group",
						[]tfjsonpath.Path{tfjsonpath.New("agents"), tfjsonpath.New("groups"), tfjsonpath.New("id")},
						"livechat_group.test", tfjsonpath.New("id"), compare.ValuesSame()),
					statecheck.ExpectKnownValue("data.livechat_agents.in_group_suspended", tfjsonpath.New("ids"), ids(two)),
					statecheck.ExpectKnownValue("data.livechat_agents.in_group_active", tfjsonpath.New("ids"), ids(one)),
					// Agents of any of the groups: ours and group 0.
					statecheck.ExpectKnownValue("data.livechat_agents.in_group_or_general", tfjsonpath.New("ids"), listWith(knownvalue.StringExact(one))),
					statecheck.ExpectKnownValue("data.livechat_agents.in_group_or_general", tfjsonpath.New("ids"), listWith(knownvalue.StringExact(two))),
					statecheck.ExpectKnownValue("data.livechat_agents.in_group_or_general", tfjsonpath.New("ids"), listWith(knownvalue.StringExact(three))),
					statecheck.ExpectKnownValue("data.livechat_agents.in_group_or_general", tfjsonpath.New("ids"), sortedStrings{}),
					// No filter: every agent, sorted by id, each with its attributes.
					statecheck.ExpectKnownValue("data.livechat_agents.all", tfjsonpath.New("ids"), sortedStrings{}),
					statecheck.ExpectKnownValue("data.livechat_agents.all", tfjsonpath.New("agents"), listWith(knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"id": knownvalue.StringExact(three), "name": knownvalue.StringExact("Three"),
						"groups": knownvalue.SetExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
							"id": knownvalue.Int64Exact(0), "priority": knownvalue.StringExact("last"),
						})}),
					}))),
				},
			},
			{
				// Agent -1 leaves the group: the filtered lists follow.
				Config: testAgentsDataSourceConfig(group, base, false),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.livechat_agents.in_group", tfjsonpath.New("ids"), ids(two)),
					statecheck.ExpectKnownValue("data.livechat_agents.in_group_active", tfjsonpath.New("ids"), ids()),
					statecheck.ExpectKnownValue("data.livechat_agents.in_group_active", tfjsonpath.New("agents"), knownvalue.ListSizeExact(0)),
				},
			},
		},
	})
}

func TestAccAgentsDataSource_validation(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      `data "livechat_agents" "bad" { group_ids = [-1] }`,
				ExpectError: regexp.MustCompile(`(?s)group_ids.*value must be at least 0`),
				PlanOnly:    true,
			},
			{
				Config:      `data "livechat_agents" "bad" { group_ids = [] }`,
				ExpectError: regexp.MustCompile(`(?s)group_ids set must contain at least 1 elements`),
				PlanOnly:    true,
			},
		},
	})
}

// listWith passes when some element of a list passes check.
func listWith(check knownvalue.Check) knownvalue.Check { return listWithCheck{check} }

type listWithCheck struct{ check knownvalue.Check }

func (c listWithCheck) CheckValue(v any) error {
	list, ok := v.([]any)
	if !ok {
		return fmt.Errorf("expected a list, got %T", v)
	}
	for _, e := range list {
		if c.check.CheckValue(e) == nil {
			return nil
		}
	}
	return fmt.Errorf("no element of %v passes %s", list, c.check)
}

func (c listWithCheck) String() string { return "list with " + c.check.String() }

// sortedStrings passes for a list of strings in ascending order.
type sortedStrings struct{}

func (sortedStrings) CheckValue(v any) error {
	list, ok := v.([]any)
	if !ok {
		return fmt.Errorf("expected a list, got %T", v)
	}
	for i := 1; i < len(list); i++ {
		a, _ := list[i-1].(string)
		b, _ := list[i].(string)
		if a > b {
			return fmt.Errorf("not sorted: %q comes before %q", a, b)
		}
	}
	return nil
}

func (sortedStrings) String() string { return "sorted strings" }
