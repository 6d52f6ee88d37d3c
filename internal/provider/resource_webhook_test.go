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

// webhookSecretIs checks the secret the emulator holds for a webhook in the state: no read
// returns it.
func webhookSecretIs(t *testing.T, name, secret string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[name]
		if !ok {
			return fmt.Errorf("%s not in state", name)
		}
		return emulatorCheck(t, "no read returns a webhook's secret", func(e emulatorAdmin) error {
			var w struct {
				SecretKey string `json:"secret_key"`
			}
			if err := emulatorObject(e, "webhook", rs.Primary.ID, &w); err != nil {
				return err
			}
			if w.SecretKey != secret {
				return fmt.Errorf("webhook %s has secret %q, want %q", rs.Primary.ID, w.SecretKey, secret)
			}
			return nil
		})(s)
	}
}

func importID(name string) resource.ImportStateIdFunc {
	return func(s *terraform.State) (string, error) {
		rs, ok := s.RootModule().Resources[name]
		if !ok {
			return "", fmt.Errorf("%s not in state", name)
		}
		return rs.Primary.Attributes["owner_client_id"] + "/" + rs.Primary.ID, nil
	}
}

func testWebhookConfig(url, body string) string {
	return fmt.Sprintf(`
resource "livechat_webhook" "test" {
  url        = %q
  action     = "incoming_event"
  type       = "license"
  secret_key = "first-secret"
%s
}
`, url, body)
}

func TestAccWebhook_lifecycle(t *testing.T) {
	url := "https://example.com/" + randomName("hook")
	body := `
  description     = "events from customers"
  additional_data = ["chat_properties", "chat_presence_user_ids"]
  filters = {
    author_type   = "customer"
    only_my_chats = false
    source_type   = ["my_client", "system"]
    chat_presence = {
      user_ids = { exclude_values = ["bot@example.com"] }
      my_bots  = true
    }
  }`
	var id string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             checkDestroyed("livechat_webhook", webhookExists),
		Steps: []resource.TestStep{
			{
				Config: testWebhookConfig(url, body),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("livechat_webhook.test", tfjsonpath.New("owner_client_id"), knownvalue.StringExact(testClientID)),
					statecheck.ExpectKnownValue("livechat_webhook.test", tfjsonpath.New("additional_data"), knownvalue.SetSizeExact(2)),
					statecheck.ExpectKnownValue("livechat_webhook.test", tfjsonpath.New("filters"), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"author_type":   knownvalue.StringExact("customer"),
						"only_my_chats": knownvalue.Bool(false),
						"source_type":   knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("my_client"), knownvalue.StringExact("system")}),
						"chat_presence": knownvalue.ObjectExact(map[string]knownvalue.Check{
							"my_bots": knownvalue.Bool(true),
							"user_ids": knownvalue.ObjectExact(map[string]knownvalue.Check{
								"values":         knownvalue.Null(),
								"exclude_values": knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("bot@example.com")}),
							}),
						}),
					})),
				},
				Check: resource.ComposeTestCheckFunc(
					stateAttr("livechat_webhook.test", "id", &id),
					webhookSecretIs(t, "livechat_webhook.test", "first-secret"),
				),
			},
			{
				Config:           testWebhookConfig(url, body),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				// No update method: any change registers a new webhook.
				Config: testWebhookConfig(url+"/v2", `  description = "v2"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("livechat_webhook.test", plancheck.ResourceActionDestroyBeforeCreate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("livechat_webhook.test", tfjsonpath.New("filters"), knownvalue.Null()),
					statecheck.ExpectKnownValue("livechat_webhook.test", tfjsonpath.New("additional_data"), knownvalue.Null()),
				},
				Check: resource.ComposeTestCheckFunc(
					func(*terraform.State) error {
						return objectIs(t, webhookExists, testClientID+"/"+id, false, "the replaced webhook")
					},
					stateAttr("livechat_webhook.test", "id", &id),
				),
			},
			{
				ResourceName:            "livechat_webhook.test",
				ImportState:             true,
				ImportStateIdFunc:       importID("livechat_webhook.test"),
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: append([]string{"timeouts", "secret_key"}, notReadBack("filters", "additional_data")...),
			},
			// The API has no update: a webhook that differs (here changed in the emulator's
			// store; through the API only by registering another) is registered again.
			driftStep(testWebhookConfig(url+"/v2", `  description = "v2"`), "livechat_webhook.test", plancheck.ResourceActionDestroyBeforeCreate,
				changeOutOfBand(t, "webhook", func() string { return testClientID + "/" + id }, `{"description":"changed"}`)),
			driftStep(testWebhookConfig(url+"/v2", `  description = "v2"`), "livechat_webhook.test", plancheck.ResourceActionCreate,
				deleteOutOfBand(t, "webhook", func() string { return testClientID + "/" + id })),
		},
	})
}

// The write-only secret is sent, never stored; a new version registers the
// webhook again with the new secret.
func TestAccWebhook_writeOnlySecret(t *testing.T) {
	owner, url := testOwner("tf-wh-owner"), "https://example.com/"+randomName("hooks")
	config := func(secret string, version int) string {
		return fmt.Sprintf(`
resource "livechat_webhook" "test" {
  owner_client_id       = %q
  url                   = %q
  action                = "tag_created"
  type                  = "license"
  secret_key_wo         = %q
  secret_key_wo_version = %d
  filters               = { source_type = ["other_clients"] }
}
`, owner, url, secret, version)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             checkDestroyed("livechat_webhook", webhookExists),
		Steps: []resource.TestStep{
			{
				Config: config("wo-secret-1", 1),
				Check:  webhookSecretIs(t, "livechat_webhook.test", "wo-secret-1"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("livechat_webhook.test", tfjsonpath.New("secret_key_wo"), knownvalue.Null()),
					statecheck.ExpectKnownValue("livechat_webhook.test", tfjsonpath.New("secret_key"), knownvalue.Null()),
					statecheck.ExpectKnownValue("livechat_webhook.test", tfjsonpath.New("owner_client_id"), knownvalue.StringExact(owner)),
				},
			},
			{
				// A changed write-only value alone is invisible to Terraform ...
				Config:           config("wo-secret-2", 1),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				// ... the version says when to send it.
				Config: config("wo-secret-2", 2),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("livechat_webhook.test", plancheck.ResourceActionDestroyBeforeCreate)},
				},
				Check: webhookSecretIs(t, "livechat_webhook.test", "wo-secret-2"),
			},
		},
	})
}

// Rotating the secret replaces the webhook, by default unregistering it first (a gap in which
// events are not delivered). With create_before_destroy the new registration comes first: the
// API accepts an identical one (it counts towards the limit of three per action), and the old
// one is then unregistered. What the webhook page says.
func TestAccWebhook_rotateCreateBeforeDestroy(t *testing.T) {
	owner, url := testOwner("tf-wh-rotate"), "https://example.com/"+randomName("rotate")
	config := func(secret, lifecycle string) string {
		return fmt.Sprintf(`
resource "livechat_webhook" "test" {
  owner_client_id = %q
  url             = %q
  action          = "incoming_chat"
  type            = "license"
  secret_key      = %q
%s
}
`, owner, url, secret, lifecycle)
	}
	const cbd = "  lifecycle {\n    create_before_destroy = true\n  }"
	var first, second string
	replaced := func(action plancheck.ResourceActionType) resource.ConfigPlanChecks {
		return resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("livechat_webhook.test", action)}}
	}
	gone := func(id *string) resource.TestCheckFunc {
		return func(*terraform.State) error {
			return objectIs(t, webhookExists, owner+"/"+*id, false, "the replaced webhook")
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             checkDestroyed("livechat_webhook", webhookExists),
		Steps: []resource.TestStep{
			{
				Config: config("secret-1", ""),
				Check:  stateAttr("livechat_webhook.test", "id", &first),
			},
			{
				Config:           config("secret-2", ""),
				ConfigPlanChecks: replaced(plancheck.ResourceActionDestroyBeforeCreate),
				Check: resource.ComposeTestCheckFunc(webhookSecretIs(t, "livechat_webhook.test", "secret-2"), gone(&first),
					stateAttr("livechat_webhook.test", "id", &second)),
			},
			{
				Config:           config("secret-3", cbd),
				ConfigPlanChecks: replaced(plancheck.ResourceActionCreateBeforeDestroy),
				Check:            resource.ComposeTestCheckFunc(webhookSecretIs(t, "livechat_webhook.test", "secret-3"), gone(&second)),
			},
		},
	})
}

// After an import the state has no secret (the API never returns it):
// setting it in the configuration is recorded in place, without a
// replacement, and the plan is empty afterwards.
func TestAccWebhook_importThenAdoptSecret(t *testing.T) {
	owner, url := testOwner("tf-wh-import"), "https://example.com/"+randomName("imported")
	seed := fmt.Sprintf(`
resource "livechat_webhook" "seed" {
  owner_client_id = %q
  url             = %q
  action          = "group_created"
  type            = "license"
  secret_key      = "known-secret"
}
`, owner, url)
	forget := `
removed {
  from = livechat_webhook.seed
  lifecycle {
    destroy = false
  }
}
`
	adopted := func(secret string) string {
		return fmt.Sprintf(`
resource "livechat_webhook" "test" {
  owner_client_id = %q
  url             = %q
  action          = "group_created"
  type            = "license"
%s
}
`, owner, url, secret)
	}
	var id string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             checkDestroyed("livechat_webhook", webhookExists),
		Steps: []resource.TestStep{
			{Config: seed, Check: stateAttr("livechat_webhook.seed", "id", &id)},
			{Config: forget},
			{
				Config:             adopted(`  secret_key = "known-secret"`),
				ResourceName:       "livechat_webhook.test",
				ImportState:        true,
				ImportStatePersist: true,
				ImportStateIdFunc:  func(*terraform.State) (string, error) { return owner + "/" + id, nil },
			},
			{
				Config: adopted(`  secret_key = "known-secret"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("livechat_webhook.test", plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("livechat_webhook.test", tfjsonpath.New("secret_key"), knownvalue.StringExact("known-secret")),
				},
				Check: func(s *terraform.State) error {
					if got := s.RootModule().Resources["livechat_webhook.test"].Primary.ID; got != id {
						return fmt.Errorf("webhook replaced: %s, was %s", got, id)
					}
					return nil
				},
			},
			{
				Config:           adopted(`  secret_key = "known-secret"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				// Once recorded, a different secret does replace the webhook.
				Config: adopted(`  secret_key = "rotated-secret"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("livechat_webhook.test", plancheck.ResourceActionDestroyBeforeCreate)},
				},
				Check: webhookSecretIs(t, "livechat_webhook.test", "rotated-secret"),
			},
		},
	})
}

// Actions new in today's reference, with the chat filters its table gives them, and a URL of
// the documented maximum length (500 characters).
func TestAccWebhook_actionsOfTodaysReference(t *testing.T) {
	owner := testOwner("tf-wh-current")
	url := "https://example.com/" + randomName("hook") + "/"
	url += strings.Repeat("x", 500-len(url))
	hook := func(action string) string {
		return fmt.Sprintf(`
resource "livechat_webhook" %[1]q {
  owner_client_id = %[2]q
  url             = %[3]q
  action          = %[1]q
  type            = "license"
  secret_key      = "s"
  additional_data = ["chat_properties"]
  filters = {
    only_my_chats = true
    source_type   = ["other_clients"]
    chat_presence = { my_bots = true }
  }
}
`, action, owner, url)
	}
	config := hook("event_deleted") + hook("thread_summary_set")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             checkDestroyed("livechat_webhook", webhookExists),
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("livechat_webhook.event_deleted", tfjsonpath.New("url"), knownvalue.StringExact(url)),
					statecheck.ExpectKnownValue("livechat_webhook.thread_summary_set", tfjsonpath.New("action"), knownvalue.StringExact("thread_summary_set")),
				},
			},
			{
				Config:           config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

// "One Client ID can register up to three webhooks for every action". The owner's webhooks of
// the action are counted first (a real Client Id may have some), and the test runs alone: no
// other test registers one meanwhile.
func TestAccWebhook_limitPerAction(t *testing.T) {
	owner, url := testOwner("tf-wh-limit"), "https://example.com/"+randomName("hook")
	hooks := fromAPI(t, func(ctx context.Context) ([]configuration.Webhook, error) {
		return acc.api.config.ListWebhooks(ctx, owner, true)
	})
	have := 0
	for _, h := range hooks {
		if h.Action == "agent_created" {
			have++
		}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		CheckDestroy:             checkDestroyed("livechat_webhook", webhookExists),
		Steps: []resource.TestStep{
			{
				Config: fmt.Sprintf(`
resource "livechat_webhook" "test" {
  count           = %d
  owner_client_id = %q
  url             = "%s/${count.index}"
  action          = "agent_created"
  type            = "license"
  secret_key      = "s"
}
`, 4-min(have, 3), owner, url),
				ExpectError: regexp.MustCompile(`(?s)limit_reached.*already\s+has\s+three\s+webhooks\s+for\s+action\s+agent_created`),
			},
		},
	})
}

func TestAccWebhook_validation(t *testing.T) {
	hook := func(body string) string {
		return `resource "livechat_webhook" "x" {
  url    = "https://example.com/h"
  type   = "license"
` + body + "\n}"
	}
	steps := []struct{ config, want string }{
		{hook(`action = "incoming_chat"`), `(?s)Missing Attribute Configuration.*Exactly\s+one\s+of\s+these\s+attributes\s+must\s+be\s+configured:\s+\[secret_key,secret_key_wo\]`},
		{hook(`
  action        = "incoming_chat"
  secret_key    = "a"
  secret_key_wo = "b"
  secret_key_wo_version = 1`), `(?s)Invalid Attribute Combination.*Exactly\s+one\s+of\s+these\s+attributes`},
		{hook(`
  action        = "incoming_chat"
  secret_key_wo = "b"`), `(?s)secret_key_wo_version.*must\s+be\s+specified`},
		{hook(`
  action     = "chat_started"
  secret_key = "a"`), `(?s)action.*value\s+must\s+be\s+one\s+of`},
		{`resource "livechat_webhook" "x" {
  url        = "example.com/h"
  type       = "license"
  action     = "incoming_chat"
  secret_key = "a"
}`, `(?s)url.*absolute\s+http://\s+or\s+https://\s+URL`},
		{hook(`
  action     = "incoming_chat"
  secret_key = "a"
  filters    = { author_type = "customer" }`), `(?s)does\s+not\s+allow\s+filters.author_type\s+for\s+action\s+"incoming_chat".*incoming_event,\s+event_updated`},
		{hook(`
  action     = "group_created"
  secret_key = "a"
  filters    = { only_my_chats = true }`), `(?s)Filter not available for this action`},
		{hook(`
  action          = "agent_deleted"
  secret_key      = "a"
  additional_data = ["chat_properties"]`), `(?s)additional_data.*does\s+not\s+send\s+additional\s+data\s+with\s+"agent_deleted"`},
		{hook(`
  action          = "incoming_chat"
  secret_key      = "a"
  additional_data = ["chat_users"]`), `(?s)additional_data.*value\s+must\s+be\s+one\s+of`},
		{hook(`
  action     = "incoming_chat"
  secret_key = "a"
  filters    = {}`), `(?s)filters\s+must\s+set\s+at\s+least\s+one\s+of`},
		{hook(`
  action     = "incoming_chat"
  secret_key = "a"
  filters    = { chat_presence = { user_ids = { values = ["a"], exclude_values = ["b"] } } }`), `(?s)2 attributes specified when one \(and only one\)\s+of`},
		{hook(`
  action     = "incoming_event"
  secret_key = "a"
  filters    = { author_type = "bot" }`), `(?s)author_type.*value\s+must\s+be\s+one\s+of`},
		{hook(`
  action     = "incoming_event"
  secret_key = "a"
  filters    = { source_type = ["mine"] }`), `(?s)source_type.*value\s+must\s+be\s+one\s+of`},
		{`resource "livechat_webhook" "x" {
  url        = "https://example.com/h"
  type       = "app"
  action     = "incoming_chat"
  secret_key = "a"
}`, `(?s)type.*value\s+must\s+be\s+one\s+of`},
	}
	var ts []resource.TestStep
	for _, s := range steps {
		ts = append(ts, resource.TestStep{Config: s.config, PlanOnly: true, ExpectError: regexp.MustCompile(s.want)})
	}
	ts = append(ts,
		resource.TestStep{
			// Neither owner_client_id nor the provider's client_id.
			Config: `
provider "livechat" {
  client_id = ""
}
` + hook(`
  action     = "incoming_chat"
  secret_key = "a"`),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)owner_client_id.*client_id\s+in\s+the\s+provider\s+block\s+\(env\s+LIVECHAT_CLIENT_ID\)`),
		},
		resource.TestStep{
			Config:        hook(`action = "incoming_chat"` + "\n" + `secret_key = "a"`),
			ResourceName:  "livechat_webhook.x",
			ImportState:   true,
			ImportStateId: "no-slash",
			ExpectError:   regexp.MustCompile(`(?s)<owner_client_id>/<webhook\s+id>`),
		},
	)
	resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: testProviderFactories, Steps: ts})
}
