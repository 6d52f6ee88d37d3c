package configuration_test

import (
	"context"
	"errors"
	"testing"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/configuration"
)

// Every read and create that the resources rely on refuses an answer that is not the shape its
// method documents, with an error that is not a not-found: a refresh keeps the object instead of
// dropping it, and a create is never taken for one that returned no id.
func TestMalformedAnswersAreErrorsNotEmptyValues(t *testing.T) {
	calls := map[string]func(context.Context, *configuration.Client) error{
		"list_tags": func(ctx context.Context, c *configuration.Client) error {
			_, err := c.ListTags(ctx, true)
			return err
		},
		"list_agents": func(ctx context.Context, c *configuration.Client) error {
			_, err := c.ListAgents(ctx, nil)
			return err
		},
		"get_agent": func(ctx context.Context, c *configuration.Client) error {
			_, err := c.GetAgent(ctx, "a@example.com")
			return err
		},
		"list_groups": func(ctx context.Context, c *configuration.Client) error {
			_, err := c.ListGroups(ctx)
			return err
		},
		"get_group": func(ctx context.Context, c *configuration.Client) error {
			_, err := c.GetGroup(ctx, 1)
			return err
		},
		"list_bots": func(ctx context.Context, c *configuration.Client) error {
			_, err := c.ListBots(ctx, true)
			return err
		},
		"get_bot": func(ctx context.Context, c *configuration.Client) error {
			_, err := c.GetBot(ctx, "b")
			return err
		},
		"list_webhooks": func(ctx context.Context, c *configuration.Client) error {
			_, err := c.ListWebhooks(ctx, "app", true)
			return err
		},
		"list_auto_accesses": func(ctx context.Context, c *configuration.Client) error {
			_, err := c.ListAutoAccesses(ctx, true)
			return err
		},
		"list_properties": func(ctx context.Context, c *configuration.Client) error {
			_, err := c.ListProperties(ctx, "app", true)
			return err
		},
		"get_license_webhooks_state": func(ctx context.Context, c *configuration.Client) error {
			_, err := c.GetLicenseWebhooksState(ctx, "app")
			return err
		},
		"register_webhook": func(ctx context.Context, c *configuration.Client) error {
			_, err := c.RegisterWebhook(ctx, configuration.WebhookRegister{Action: "incoming_chat", URL: "https://example.com", Type: "license", OwnerClientID: "app"})
			return err
		},
		"create_group": func(ctx context.Context, c *configuration.Client) error {
			_, err := c.CreateGroup(ctx, configuration.GroupCreate{Name: "g"})
			return err
		},
	}
	// What each call is answered besides the empty body and null: "{}" lacks the id of an
	// object and is no list; "[]" is no object.
	wrongShape := map[string]string{
		"list_tags": `{}`, "list_agents": `{}`, "get_agent": `{}`, "list_groups": `{}`, "get_group": `{}`,
		"list_bots": `{}`, "get_bot": `{}`, "list_webhooks": `{}`, "list_auto_accesses": `{}`,
		"list_properties": `[]`, "get_license_webhooks_state": `{}`, "register_webhook": `{}`, "create_group": `{}`,
	}
	for action, call := range calls {
		for _, body := range []string{"", "null", wrongShape[action]} {
			t.Run(action+" answered "+body, func(t *testing.T) {
				handlers := map[string]actionHandler{action: ok(body)}
				// Creates look their object up in a list that does not have it.
				handlers["list_webhooks"], handlers["list_groups"] = ok(`[]`), ok(`[]`)
				if action == "list_webhooks" || action == "list_groups" {
					handlers[action] = ok(body)
				}
				c := newFakeAPI(t, handlers).client(client.Config{})
				err := call(t.Context(), c)
				var aerr *client.AnswerError
				if !errors.As(err, &aerr) {
					t.Fatalf("err = %v, want an *AnswerError", err)
				}
				if client.IsNotFound(err) {
					t.Errorf("reads as not found: %v", err)
				}
			})
		}
	}
}
