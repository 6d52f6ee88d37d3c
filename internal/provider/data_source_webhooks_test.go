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

func TestAccWebhooksDataSource(t *testing.T) {
	owner := exclusiveOwner(t, "tf-ds-webhooks")
	config := fmt.Sprintf(`
resource "livechat_webhook" "chat" {
  owner_client_id = %[1]q
  url             = "https://example.com/chats"
  action          = "incoming_chat"
  type            = "license"
  secret_key      = "s1"
  additional_data = ["chat_properties"]
  filters         = { only_my_chats = true }
}

resource "livechat_webhook" "tag" {
  owner_client_id = %[1]q
  url             = "https://example.com/tags"
  description     = "tags"
  action          = "tag_created"
  type            = "bot"
  secret_key      = "s2"
  depends_on      = [livechat_webhook.chat] # registration order = list order
}

data "livechat_webhooks" "all" {
  owner_client_id = %[1]q
  depends_on      = [livechat_webhook.chat, livechat_webhook.tag]
}

data "livechat_webhooks" "tags" {
  owner_client_id = %[1]q
  action          = "tag_created"
  depends_on      = [livechat_webhook.chat, livechat_webhook.tag]
}

data "livechat_webhooks" "nobody" {
  owner_client_id = "%[1]s-nobody"
}
`, owner)
	// The List Webhooks example shows neither additional_data nor only_my_chats: a data source
	// shows them only where the answer does.
	shown := []statecheck.StateCheck{
		statecheck.CompareValuePairs("data.livechat_webhooks.all", tfjsonpath.New("webhooks").AtSliceIndex(0).AtMapKey("filters"),
			"livechat_webhook.chat", tfjsonpath.New("filters"), compare.ValuesSame()),
		statecheck.CompareValuePairs("data.livechat_webhooks.all", tfjsonpath.New("webhooks").AtSliceIndex(0).AtMapKey("additional_data"),
			"livechat_webhook.chat", tfjsonpath.New("additional_data"), compare.ValuesSame()),
	}
	if documentedAnswers() {
		shown = nil
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: append(shown,
					statecheck.ExpectKnownValue("data.livechat_webhooks.all", tfjsonpath.New("webhooks"), knownvalue.ListSizeExact(2)),
					statecheck.ExpectKnownValue("data.livechat_webhooks.tags", tfjsonpath.New("webhooks"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{
							"id": knownvalue.NotNull(), "url": knownvalue.StringExact("https://example.com/tags"),
							"description": knownvalue.StringExact("tags"), "action": knownvalue.StringExact("tag_created"),
							"type": knownvalue.StringExact("bot"), "owner_client_id": knownvalue.StringExact(owner),
							"additional_data": knownvalue.Null(), "filters": knownvalue.Null(),
						}),
					})),
					statecheck.CompareValuePairs("data.livechat_webhooks.tags", tfjsonpath.New("ids").AtSliceIndex(0),
						"livechat_webhook.tag", tfjsonpath.New("id"), compare.ValuesSame()),
					statecheck.ExpectKnownValue("data.livechat_webhooks.nobody", tfjsonpath.New("webhooks"), knownvalue.ListSizeExact(0)),
				),
			},
		},
	})
}

func TestAccWebhookNamesDataSource(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      `data "livechat_webhook_names" "x" { version = "latest" }`,
				ExpectError: regexp.MustCompile(`(?s)version.*must\s+be\s+an\s+API\s+version`),
			},
			{
				Config:      `data "livechat_webhook_names" "x" { version = "2.0" }`,
				ExpectError: regexp.MustCompile(`unsupported_version`),
			},
			{
				Config:      `data "livechat_webhooks" "x" { action = "chat_started" }`,
				ExpectError: regexp.MustCompile(`(?s)action.*value\s+must\s+be\s+one\s+of`),
			},
			{
				Config: `
data "livechat_webhook_names" "current" {}

data "livechat_webhook_names" "v36" {
  version = "3.6"
}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.livechat_webhook_names.current", tfjsonpath.New("actions"), knownvalue.ListSizeExact(38)),
					statecheck.ExpectKnownValue("data.livechat_webhook_names.current", tfjsonpath.New("actions").AtSliceIndex(0), knownvalue.StringExact("incoming_chat")),
					statecheck.ExpectKnownValue("data.livechat_webhook_names.current", tfjsonpath.New("webhook_names").AtSliceIndex(6), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"action": knownvalue.StringExact("incoming_event"),
						"filters": knownvalue.ListExact([]knownvalue.Check{
							knownvalue.StringExact("chat_presence"), knownvalue.StringExact("author_type"),
							knownvalue.StringExact("only_my_chats"), knownvalue.StringExact("source_type"),
						}),
						"additional_data": knownvalue.ListExact([]knownvalue.Check{
							knownvalue.StringExact("chat_properties"), knownvalue.StringExact("chat_presence_user_ids"),
						}),
					})),
					statecheck.ExpectKnownValue("data.livechat_webhook_names.current", tfjsonpath.New("actions").AtSliceIndex(7), knownvalue.StringExact("event_deleted")),
					statecheck.ExpectKnownValue("data.livechat_webhook_names.current", tfjsonpath.New("actions").AtSliceIndex(37), knownvalue.StringExact("thread_summary_set")),
					statecheck.ExpectKnownValue("data.livechat_webhook_names.current", tfjsonpath.New("webhook_names").AtSliceIndex(26), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"action":          knownvalue.StringExact("agent_deleted"),
						"filters":         knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("source_type")}),
						"additional_data": knownvalue.ListSizeExact(0),
					})),
					statecheck.CompareValuePairs("data.livechat_webhook_names.current", tfjsonpath.New("webhook_names"),
						"data.livechat_webhook_names.v36", tfjsonpath.New("webhook_names"), compare.ValuesSame()),
				},
			},
		},
	})
}
