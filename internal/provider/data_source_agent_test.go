package provider

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/configuration"
)

func TestAccAgentDataSource_owner(t *testing.T) {
	owner := fromAPI(t, func(ctx context.Context) (*configuration.Agent, error) {
		return acc.api.config.GetAgent(ctx, acc.ownerEmail)
	})
	if owner.AccountID == "" {
		t.Fatal("get_agent answered no account_id for the owner")
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: fmt.Sprintf(`data "livechat_agent" "owner" { id = %q }`, owner.ID),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.livechat_agent.owner", tfjsonpath.New("id"), knownvalue.StringExact(owner.ID)),
					statecheck.ExpectKnownValue("data.livechat_agent.owner", tfjsonpath.New("role"), knownvalue.StringExact("owner")),
					statecheck.ExpectKnownValue("data.livechat_agent.owner", tfjsonpath.New("name"), knownvalue.StringExact(owner.Name)),
					statecheck.ExpectKnownValue("data.livechat_agent.owner", tfjsonpath.New("account_id"), knownvalue.StringExact(owner.AccountID)),
				},
			},
		},
	})
}

// An agent created in the same configuration reads back with every
// attribute the resource has.
func TestAccAgentDataSource_created(t *testing.T) {
	email := randomName("tf-ds-agent") + "@example.com"
	config := fmt.Sprintf(`
resource "livechat_group" "test" {
  name = %q
}

resource "livechat_agent" "test" {
  id                  = %q
  name                = "Data Source Agent"
  role                = "administrator"
  job_title           = "Support Hero"
  mobile              = "+48 123 456 789"
  max_chats_count     = 3
  groups              = [{ id = livechat_group.test.id, priority = "first" }]
  notifications       = ["new_visitor", "incoming_chat"]
  email_subscriptions = ["weekly_summary"]
  work_scheduler = {
    timezone = "Europe/Warsaw"
    schedule = [{ day = "monday", start = "09:00", end = "17:00" }]
  }
}

data "livechat_agent" "test" {
  id         = livechat_agent.test.id
  depends_on = [livechat_agent.test]
}
`, randomName("tf-ds-agent-group"), email)
	checks := []statecheck.StateCheck{
		statecheck.ExpectKnownValue("data.livechat_agent.test", tfjsonpath.New("id"), knownvalue.StringExact(email)),
		statecheck.ExpectKnownValue("data.livechat_agent.test", tfjsonpath.New("name"), knownvalue.StringExact("Data Source Agent")),
		statecheck.ExpectKnownValue("data.livechat_agent.test", tfjsonpath.New("role"), knownvalue.StringExact("administrator")),
		statecheck.ExpectKnownValue("data.livechat_agent.test", tfjsonpath.New("login_status"), knownvalue.StringExact("not accepting chats")),
		statecheck.ExpectKnownValue("data.livechat_agent.test", tfjsonpath.New("job_title"), knownvalue.StringExact("Support Hero")),
		statecheck.ExpectKnownValue("data.livechat_agent.test", tfjsonpath.New("mobile"), knownvalue.StringExact("+48 123 456 789")),
		statecheck.ExpectKnownValue("data.livechat_agent.test", tfjsonpath.New("max_chats_count"), knownvalue.Int64Exact(3)),
		statecheck.ExpectKnownValue("data.livechat_agent.test", tfjsonpath.New("groups"), knownvalue.SetExact([]knownvalue.Check{
			knownvalue.ObjectPartial(map[string]knownvalue.Check{"priority": knownvalue.StringExact("first")}),
		})),
		statecheck.CompareValueCollection("data.livechat_agent.test", []tfjsonpath.Path{tfjsonpath.New("groups"), tfjsonpath.New("id")},
			"livechat_group.test", tfjsonpath.New("id"), compare.ValuesSame()),
		statecheck.ExpectKnownValue("data.livechat_agent.test", tfjsonpath.New("notifications"), knownvalue.SetExact([]knownvalue.Check{
			knownvalue.StringExact("new_visitor"), knownvalue.StringExact("incoming_chat"),
		})),
		statecheck.ExpectKnownValue("data.livechat_agent.test", tfjsonpath.New("email_subscriptions"), knownvalue.SetExact([]knownvalue.Check{
			knownvalue.StringExact("weekly_summary"),
		})),
		statecheck.ExpectKnownValue("data.livechat_agent.test", tfjsonpath.New("work_scheduler"), knownvalue.ObjectExact(map[string]knownvalue.Check{
			"timezone": knownvalue.StringExact("Europe/Warsaw"),
			"schedule": knownvalue.SetExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
				"day": knownvalue.StringExact("monday"), "enabled": knownvalue.Bool(true),
				"start": knownvalue.StringExact("09:00"), "end": knownvalue.StringExact("17:00"),
			})}),
		})),
		statecheck.ExpectKnownValue("data.livechat_agent.test", tfjsonpath.New("suspended"), knownvalue.Bool(false)),
		statecheck.ExpectKnownValue("data.livechat_agent.test", tfjsonpath.New("awaiting_approval"), knownvalue.Bool(false)),
	}
	// The data source shows exactly what the resource shows once a refresh has read the values
	// the create left to it (account_id, avatar, awaiting_approval): the same configuration again.
	var same []statecheck.StateCheck
	for name := range agentAttrTypes {
		same = append(same, statecheck.CompareValuePairs(
			"data.livechat_agent.test", tfjsonpath.New(name), "livechat_agent.test", tfjsonpath.New(name), compare.ValuesSame()))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{Config: config, ConfigStateChecks: checks},
			{Config: config, ConfigStateChecks: same},
		},
	})
}

func TestAccAgentDataSource_errors(t *testing.T) {
	missing := randomName("tf-ds-nobody") + "@example.com"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      `data "livechat_agent" "bad" { id = "not-an-e-mail" }`,
				ExpectError: regexp.MustCompile(`(?s)Attribute id must be an e-mail address`),
				PlanOnly:    true,
			},
			{
				Config:      fmt.Sprintf(`data "livechat_agent" "missing" { id = %q }`, missing),
				ExpectError: regexp.MustCompile(`(?s)Agent not found.*` + regexp.QuoteMeta(missing)),
				PlanOnly:    true,
			},
		},
	})
}
