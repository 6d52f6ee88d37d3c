package configuration_test

import (
	"context"
	"testing"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/configuration"
)

func TestWebhookCalls_Request(t *testing.T) {
	tests := []struct {
		name, action string
		do           func(context.Context, *configuration.Client) error
		want         string
	}{
		{"register minimal", "register_webhook", func(ctx context.Context, c *configuration.Client) error {
			_, err := c.RegisterWebhook(ctx, configuration.WebhookRegister{Action: "chat_deactivated", SecretKey: "k",
				URL: "https://x.io/h", OwnerClientID: "c1", Type: "license"})
			return err
		}, `{"action":"chat_deactivated","secret_key":"k","url":"https://x.io/h","owner_client_id":"c1","type":"license"}`},
		{"register with filters", "register_webhook", func(ctx context.Context, c *configuration.Client) error {
			_, err := c.RegisterWebhook(ctx, configuration.WebhookRegister{Action: "incoming_event", SecretKey: "k",
				URL: "https://x.io/h", OwnerClientID: "c1", Type: "bot", Description: "d",
				AdditionalData: []string{"chat_properties"},
				Filters: &configuration.WebhookFilters{AuthorType: ptr("agent"), OnlyMyChats: ptr(false), SourceType: []string{"system"},
					ChatPresence: &configuration.WebhookChatPresence{MyBots: ptr(true),
						UserIDs: &configuration.WebhookUserIDs{ExcludeValues: []string{"a@b.c"}}}},
			})
			return err
		}, `{"action":"incoming_event","secret_key":"k","url":"https://x.io/h","owner_client_id":"c1","type":"bot","description":"d",
			"additional_data":["chat_properties"],"filters":{"author_type":"agent","only_my_chats":false,"source_type":["system"],
			"chat_presence":{"my_bots":true,"user_ids":{"exclude_values":["a@b.c"]}}}}`},
		{"unregister", "unregister_webhook", func(ctx context.Context, c *configuration.Client) error {
			return c.UnregisterWebhook(ctx, "c1", "w1")
		}, `{"id":"w1","owner_client_id":"c1"}`},
		{"enable", "enable_license_webhooks", func(ctx context.Context, c *configuration.Client) error {
			return c.SetLicenseWebhooks(ctx, "c1", true)
		}, `{"owner_client_id":"c1"}`},
		{"disable", "disable_license_webhooks", func(ctx context.Context, c *configuration.Client) error {
			return c.SetLicenseWebhooks(ctx, "c1", false)
		}, `{"owner_client_id":"c1"}`},
		{"names default version", "list_webhook_names", func(ctx context.Context, c *configuration.Client) error {
			_, err := c.ListWebhookNames(ctx, "")
			return err
		}, `{}`},
		{"names version", "list_webhook_names", func(ctx context.Context, c *configuration.Client) error {
			_, err := c.ListWebhookNames(ctx, "3.6")
			return err
		}, `{"version":"3.6"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			api := newFakeAPI(t, map[string]actionHandler{tt.action: ok(`{"id":"w"}`)})
			if tt.action == "list_webhook_names" {
				api.handlers[tt.action] = ok(`[]`)
			}
			if tt.action == "register_webhook" { // what exists is noted before a register
				api.handlers["list_webhooks"] = ok(`[]`)
			}
			if err := tt.do(t.Context(), api.client(client.Config{})); err != nil {
				t.Fatal(err)
			}
			assertBody(t, api.body(tt.action, 0), tt.want)
		})
	}
}

// list_webhooks is cached per owner; a write of one owner refetches only
// that owner's list.
func TestListWebhooks_CachePerOwner(t *testing.T) {
	api := newFakeAPI(t, map[string]actionHandler{
		"list_webhooks": ok(`[{"id":"w1","url":"https://x.io","description":"","action":"incoming_chat","owner_client_id":"c1","type":"license",
			"filters":{"chat_presence":{"user_ids":{"values":["a"]}}}}]`),
		"unregister_webhook": ok(`{}`),
	})
	c := api.client(client.Config{})
	ctx := t.Context()
	for _, owner := range []string{"c1", "c2", "c1", "c2"} {
		if _, err := c.ListWebhooks(ctx, owner, false); err != nil {
			t.Fatal(err)
		}
	}
	if n := api.count("list_webhooks"); n != 2 {
		t.Fatalf("%d list calls, want 2", n)
	}
	w, err := c.GetWebhook(ctx, "c1", "w1", false)
	if err != nil || w.Filters.ChatPresence.UserIDs.Values[0] != "a" {
		t.Fatalf("GetWebhook: %+v %v", w, err)
	}
	if _, err := c.GetWebhook(ctx, "c1", "w9", false); !client.IsNotFound(err) {
		t.Fatalf("missing webhook: %v", err)
	}
	if err := c.UnregisterWebhook(ctx, "c1", "w1"); err != nil {
		t.Fatal(err)
	}
	_, _ = c.ListWebhooks(ctx, "c1", false)
	_, _ = c.ListWebhooks(ctx, "c2", false)
	if n := api.count("list_webhooks"); n != 3 {
		t.Fatalf("%d list calls, want 3", n)
	}
}

func TestRegisterWebhook_Recover(t *testing.T) {
	in := configuration.WebhookRegister{Action: "incoming_chat", SecretKey: "k", URL: "https://x.io/h", OwnerClientID: "c1", Type: "license",
		Filters: &configuration.WebhookFilters{SourceType: []string{"system", "my_client"}}}
	api := newFakeAPI(t, map[string]actionHandler{
		"register_webhook": drop(t),
		"list_webhooks": listed(`[{"id":"other","url":"https://x.io/h","description":"","action":"incoming_chat","owner_client_id":"c1","type":"bot"}]`,
			`[{"id":"other","url":"https://x.io/h","description":"","action":"incoming_chat","owner_client_id":"c1","type":"bot"},
			{"id":"mine","url":"https://x.io/h","description":"","action":"incoming_chat","owner_client_id":"c1","type":"license",
			 "filters":{"source_type":["my_client","system"]}}]`),
	})
	id, err := api.client(client.Config{MaxRetries: 2}).RegisterWebhook(t.Context(), in)
	if err != nil || id != "mine" {
		t.Fatalf("id %q err %v", id, err)
	}
	if n := api.count("register_webhook"); n != 1 {
		t.Fatalf("register sent %d times", n)
	}
}

func TestGetLicenseWebhooksState(t *testing.T) {
	api := newFakeAPI(t, map[string]actionHandler{"get_license_webhooks_state": ok(`{"license_webhooks_enabled":false}`)})
	enabled, err := api.client(client.Config{}).GetLicenseWebhooksState(t.Context(), "c1")
	if err != nil || enabled {
		t.Fatalf("enabled %v err %v", enabled, err)
	}
	assertBody(t, api.body("get_license_webhooks_state", 0), `{"owner_client_id":"c1"}`)
}
