package provider

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/configuration"
)

// testAgentConfig puts the agent in a group created in the same apply, so
// the propagation-delay run exercises the group_not_found retry.
func testAgentConfig(email, group, body string) string {
	return fmt.Sprintf(`
resource "livechat_group" "test" {
  name = %q
}

resource "livechat_agent" "test" {
  id   = %q
  name = "Agent Smith"
%s
}
`, group, email, body)
}

func TestAccAgent_lifecycle(t *testing.T) {
	email := randomEmail("smith")
	group := randomName("tf-agent-group")
	created := `
  role            = "administrator"
  job_title       = "Support Hero"
  max_chats_count = 10
  groups = [
    { id = 0, priority = "normal" },
    { id = livechat_group.test.id, priority = "first" },
  ]
  notifications       = ["new_visitor", "new_goal"]
  email_subscriptions = ["weekly_summary"]
  work_scheduler = {
    timezone = "Europe/Warsaw"
    schedule = [
      { day = "monday", start = "08:00", end = "12:30" },
      { day = "monday", start = "13:30", end = "16:00" },
    ]
  }
`
	updated := `
  role            = "viceowner"
  login_status    = "accepting chats"
  mobile          = "+48 123 456 789"
  max_chats_count = 20
  groups = [
    { id = livechat_group.test.id, priority = "supervisor" },
  ]
  notifications       = []
  email_subscriptions = ["daily_summary", "weekly_summary"]
  work_scheduler = {
    timezone = "America/New_York"
    schedule = [
      { day = "friday", start = "07:30", end = "21:30", enabled = false },
    ]
  }
`
	suspended := true
	if documentedAnswers() { // not public: TestAccAgent_suspendNotPublic
		suspended = false
	} else {
		updated += "  suspended = true\n"
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             checkDestroyed("livechat_agent", agentExists),
		Steps: []resource.TestStep{
			{
				Config: testAgentConfig(email, group, created),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("livechat_agent.test", tfjsonpath.New("role"), knownvalue.StringExact("administrator")),
					statecheck.ExpectKnownValue("livechat_agent.test", tfjsonpath.New("login_status"), knownvalue.StringExact("not accepting chats")),
					statecheck.ExpectKnownValue("livechat_agent.test", tfjsonpath.New("groups"), knownvalue.SetSizeExact(2)),
					statecheck.ExpectKnownValue("livechat_agent.test", tfjsonpath.New("work_scheduler").AtMapKey("schedule"), knownvalue.SetSizeExact(2)),
					statecheck.ExpectKnownValue("livechat_agent.test", tfjsonpath.New("suspended"), knownvalue.Bool(false)),
					// Read-only values no create answer carries wait for the next refresh (afterCreate).
					statecheck.ExpectKnownValue("livechat_agent.test", tfjsonpath.New("account_id"), afterCreate(knownvalue.NotNull())),
				},
			},
			{
				Config: testAgentConfig(email, group, created),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				Config: testAgentConfig(email, group, updated),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("livechat_agent.test", plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("livechat_agent.test", tfjsonpath.New("role"), knownvalue.StringExact("viceowner")),
					statecheck.ExpectKnownValue("livechat_agent.test", tfjsonpath.New("max_chats_count"), knownvalue.Int64Exact(20)),
					statecheck.ExpectKnownValue("livechat_agent.test", tfjsonpath.New("notifications"), knownvalue.SetSizeExact(0)),
					statecheck.ExpectKnownValue("livechat_agent.test", tfjsonpath.New("suspended"), knownvalue.Bool(suspended)),
					// Filled by now: by a refresh that saw the agent, else by the update's read.
					statecheck.ExpectKnownValue("livechat_agent.test", tfjsonpath.New("account_id"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue("livechat_agent.test", tfjsonpath.New("groups"), knownvalue.SetExact([]knownvalue.Check{
						knownvalue.ObjectPartial(map[string]knownvalue.Check{"priority": knownvalue.StringExact("supervisor")}),
					})),
				},
			},
			{
				ResourceName:                         "livechat_agent.test",
				ImportState:                          true,
				ImportStateId:                        email,
				ImportStateVerify:                    true,
				ImportStateVerifyIdentifierAttribute: "id",
				ImportStateVerifyIgnore:              []string{"timeouts"},
			},
			driftStep(testAgentConfig(email, group, updated), "livechat_agent.test", plancheck.ResourceActionUpdate,
				changeOutOfBand(t, "agent", func() string { return email }, `{"max_chats_count":7,"job_title":"Changed in the app"}`)),
			driftStep(testAgentConfig(email, group, updated), "livechat_agent.test", plancheck.ResourceActionCreate,
				deleteOutOfBand(t, "agent", func() string { return email })),
		},
	})
}

func TestAccAgent_rename(t *testing.T) {
	email := randomEmail("rename")
	config := func(name string) string {
		return fmt.Sprintf(`
resource "livechat_agent" "test" {
  id   = %q
  name = %q
}
`, email, name)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             checkDestroyed("livechat_agent", agentExists),
		Steps: []resource.TestStep{
			{Config: config("Before")},
			{
				Config: config("After"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("livechat_agent.test", plancheck.ResourceActionReplace)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("livechat_agent.test", tfjsonpath.New("name"), knownvalue.StringExact("After")),
					statecheck.ExpectKnownValue("livechat_agent.test", tfjsonpath.New("role"), knownvalue.StringExact("normal")),
					statecheck.ExpectKnownValue("livechat_agent.test", tfjsonpath.New("max_chats_count"), knownvalue.Int64Exact(6)),
				},
			},
		},
	})
}

func TestAccAgent_validation(t *testing.T) {
	bad := func(body string) string {
		return fmt.Sprintf(`
resource "livechat_agent" "test" {
  id   = "valid@example.com"
  name = "Valid"
%s
}
`, body)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{Config: `resource "livechat_agent" "test" {
  id   = "not-an-email"
  name = "x"
}`, PlanOnly: true, ExpectError: regexp.MustCompile(`must be an e-mail address`)},
			{Config: bad(`role = "superuser"`), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)role.*value must be one\s+of`)},
			{Config: bad(`role = "owner"`), PlanOnly: true, ExpectError: regexp.MustCompile(`The owner cannot be created`)},
			{Config: bad(`login_status = "away"`), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)login_status.*value must be one\s+of`)},
			{Config: bad(`max_chats_count = 21`), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)max_chats_count.*between\s+0\s+and\s+20`)},
			{Config: bad(`groups = [{ id = 0, priority = "top" }]`), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)priority.*value must be one\s+of`)},
			{Config: bad(`groups = [{ id = -1, priority = "normal" }]`), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)groups.*at\s+least\s+0`)},
			{Config: bad(`notifications = ["carrier_pigeon"]`), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)notifications.*value must be one\s+of`)},
			{Config: bad(`email_subscriptions = ["monthly_summary"]`), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)email_subscriptions.*value must be one\s+of`)},
			{Config: bad(`work_scheduler = {
    timezone = "UTC"
    schedule = [{ day = "funday", start = "08:00", end = "09:00" }]
  }`), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)day.*value must be one\s+of`)},
			{Config: bad(`work_scheduler = {
    timezone = "UTC"
    schedule = [{ day = "monday", start = "8am", end = "09:00" }]
  }`), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)start.*HH:MM`)},
			{Config: bad(`work_scheduler = {
    schedule = [{ day = "monday", start = "08:00", end = "09:00" }]
  }`), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)timezone.*required`)},
		},
	})
}

// The owner is imported, managed, and only forgotten on destroy. Its own name keeps the apply
// from changing it (on a real license too).
func TestAccAgent_owner(t *testing.T) {
	owner := fromAPI(t, func(ctx context.Context) (*configuration.Agent, error) {
		return acc.api.config.GetAgent(ctx, acc.ownerEmail)
	})
	config := func(role string) string {
		return fmt.Sprintf(`
resource "livechat_agent" "owner" {
  id   = %q
  name = %q
  role = %q
}
`, owner.ID, owner.Name, role)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			return objectIs(t, agentExists, owner.ID, true, "destroy should only forget the owner")
		},
		Steps: []resource.TestStep{
			{
				Config: config("owner"), ResourceName: "livechat_agent.owner", ImportState: true,
				ImportStateId: owner.ID, ImportStatePersist: true,
			},
			{
				Config:           config("owner") + "\n",
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("livechat_agent.owner", tfjsonpath.New("role"), knownvalue.StringExact("owner")),
				},
			},
			{
				Config:      config("normal"),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`Ownership cannot change`),
			},
		},
	})
}

// An update waits only for what it changes: a job title changed after the plan of a
// max_chats_count change neither holds the apply up nor hides from the next plan.
func TestAccAgent_updateWaitsForItsChangeOnly(t *testing.T) {
	email, group := randomEmail("wait"), randomName("tf-agent-wait")
	body := func(maxChats int) string {
		return fmt.Sprintf("  job_title       = \"Support\"\n  max_chats_count = %d\n  timeouts {\n    update = \"30s\"\n  }\n", maxChats)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             checkDestroyed("livechat_agent", agentExists),
		Steps: append([]resource.TestStep{{Config: testAgentConfig(email, group, body(5))}},
			writeSkipsDriftSteps(testAgentConfig(email, group, body(7)), "livechat_agent.test",
				changeOutOfBand(t, "agent", func() string { return email }, `{"job_title":"Changed in the app"}`))...),
	})
}
