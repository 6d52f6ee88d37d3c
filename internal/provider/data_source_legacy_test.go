package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// listHas checks that some element of a nested list attribute has key == value (other tests'
// objects may share the list).
func listHas(name, list, key, value string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[name]
		if !ok {
			return fmt.Errorf("%s not in state", name)
		}
		re := regexp.MustCompile(`^` + regexp.QuoteMeta(list) + `\.\d+\.` + regexp.QuoteMeta(key) + `$`)
		for k, v := range rs.Primary.Attributes {
			if re.MatchString(k) && v == value {
				return nil
			}
		}
		return fmt.Errorf("%s: no %s with %s = %q", name, list, key, value)
	}
}

func listLacks(name, list, key, value string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		if listHas(name, list, key, value)(s) == nil {
			return fmt.Errorf("%s: %s has an element with %s = %q", name, list, key, value)
		}
		return nil
	}
}

func TestAccCannedResponsesDataSource(t *testing.T) {
	group, text := randomName("tf-ds-canned"), randomName("Thanks")
	const ds = "data.livechat_canned_responses.group"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
resource "livechat_group" "test" {
  name = %q
}

resource "livechat_canned_response" "a" {
  group = livechat_group.test.id
  text  = "%s-a"
  tags  = ["thanks"]
}

resource "livechat_canned_response" "b" {
  group = livechat_group.test.id
  text  = "%s-b"
  tags  = ["bye", "thanks"]
}

resource "livechat_canned_response" "general" {
  text = "%s-general"
  tags = ["general"]
}

data "livechat_canned_responses" "group" {
  group      = livechat_group.test.id
  depends_on = [livechat_canned_response.a, livechat_canned_response.b, livechat_canned_response.general]
}

data "livechat_canned_responses" "general" {
  depends_on = [livechat_canned_response.a, livechat_canned_response.b, livechat_canned_response.general]
}
`, group, text, text, text),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("ids"), knownvalue.ListSizeExact(2)),
				statecheck.ExpectKnownValue("data.livechat_canned_responses.general", tfjsonpath.New("group"), knownvalue.Int64Exact(0)),
			},
			Check: resource.ComposeTestCheckFunc(
				listHas(ds, "canned_responses", "text", text+"-a"),
				listHas(ds, "canned_responses", "text", text+"-b"),
				listHas(ds, "canned_responses", "created_by", acc.callerEmail),
				listHas(ds, "canned_responses", "tags.#", "2"),
				listHas(ds, "canned_responses", "modified_by", ""),
				listHas("data.livechat_canned_responses.general", "canned_responses", "text", text+"-general"),
				listLacks("data.livechat_canned_responses.general", "canned_responses", "text", text+"-a"),
			),
		}},
	})
}

func TestAccGoalsDataSource(t *testing.T) {
	name := randomName("tf-ds-goal")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
resource "livechat_goal" "api" {
  name   = "%s-api"
  type   = "api"
  active = false
}

resource "livechat_goal" "url" {
  name = "%s-url"
  type = "url"
  url  = "thank_you"
}

data "livechat_goals" "api" {
  type       = "api"
  depends_on = [livechat_goal.api, livechat_goal.url]
}

data "livechat_goals" "all" {
  depends_on = [livechat_goal.api, livechat_goal.url]
}
`, name, name),
			Check: resource.ComposeTestCheckFunc(
				listHas("data.livechat_goals.api", "goals", "name", name+"-api"),
				listHas("data.livechat_goals.api", "goals", "active", "false"),
				listLacks("data.livechat_goals.api", "goals", "name", name+"-url"),
				listLacks("data.livechat_goals.api", "goals", "type", "url"),
				listHas("data.livechat_goals.all", "goals", "name", name+"-url"),
				listHas("data.livechat_goals.all", "goals", "name", name+"-api"),
			),
		}},
	})
}

func TestAccGreetingsDataSource(t *testing.T) {
	group, name := randomName("tf-ds-greetings"), randomName("tf-ds-greeting")
	const ds = "data.livechat_greetings.group"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
resource "livechat_group" "test" {
  name = %q
}

resource "livechat_greeting" "test" {
  name    = %q
  group   = livechat_group.test.id
  message = "Welcome back!"
  rules = [
    { type = "visits_number", value = "2", operator = "greater_or_equal" },
    { type = "url_funnel", urls = [{ url = "pricing" }] },
  ]
}

data "livechat_greetings" "group" {
  group      = livechat_group.test.id
  depends_on = [livechat_greeting.test]
}

data "livechat_greetings" "all" {
  depends_on = [livechat_greeting.test]
}
`, group, name),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("greetings"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"name": knownvalue.StringExact(name), "message": knownvalue.StringExact("Welcome back!"),
						"active": knownvalue.Bool(true), "subtype": knownvalue.Null(),
					}),
				})),
				// The API keeps no order of a greeting's rules.
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("greetings").AtSliceIndex(0).AtMapKey("rules"), knownvalue.ListSizeExact(2)),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("greetings").AtSliceIndex(0).AtMapKey("rules"), listWith(knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"type": knownvalue.StringExact("visits_number"), "value": knownvalue.StringExact("2"),
					"operator": knownvalue.StringExact("greater_or_equal"),
				}))),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("greetings").AtSliceIndex(0).AtMapKey("rules"), listWith(knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"type": knownvalue.StringExact("url_funnel"),
					"urls": knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
						"url": knownvalue.StringExact("pricing"), "operator": knownvalue.StringExact("equals"),
					})}),
				}))),
			},
			Check: listHas("data.livechat_greetings.all", "greetings", "name", name),
		}},
	})
}

// The status follows the agents' current status, which agents set in the app (here: the
// emulator's SetAgentStatus).
func TestAccStatusDataSource(t *testing.T) {
	group := randomName("tf-ds-status")
	agent := randomEmail("tf-status")
	config := fmt.Sprintf(`
resource "livechat_agent" "test" {
  id   = %q
  name = "Status Agent"
}

resource "livechat_group" "test" {
  name             = %q
  agent_priorities = { (livechat_agent.test.id) = "normal" }
}

data "livechat_status" "group" {
  group      = livechat_group.test.id
  depends_on = [livechat_group.test]
}
`, agent, group)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.livechat_status.group", tfjsonpath.New("status"), knownvalue.StringExact("offline")),
					statecheck.ExpectKnownValue("data.livechat_status.group", tfjsonpath.New("online"), knownvalue.Bool(false)),
				},
			},
			emulatorAction(t, "log the agent in", "an agent's current status changes only when the agent logs in to the app",
				func(e emulatorAdmin) error { return e.SetAgentStatus(agent, "accepting chats") }).step(resource.TestStep{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.livechat_status.group", tfjsonpath.New("status"), knownvalue.StringExact("online")),
					statecheck.ExpectKnownValue("data.livechat_status.group", tfjsonpath.New("online"), knownvalue.Bool(true)),
				},
			}),
			{
				Config:      `data "livechat_status" "missing" { group = 999999 }`,
				ExpectError: regexp.MustCompile(`(?s)Group\s+999999\s+not\s+found`),
			},
		},
	})
}
