package provider

import (
	"cmp"
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	actionschema "github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// secretActionNote says when to reset a secret with an action rather than with secret_version.
func secretActionNote(kind, resource string) string {
	return "The new secret is not kept anywhere: Terraform stores nothing an action returns. Use this action to revoke a secret that leaked, " +
		"or the secret of a " + kind + " whose secret Terraform does not hold (imported, or managed outside Terraform). " +
		"When Terraform should hold the new secret (to pass it to `livechat_bot_token` or to a secret store), change the " + kind + "'s `secret_version` " +
		"in `" + resource + "` instead: the apply resets the secret and keeps the new one in the state, marked sensitive. " +
		"After this action the `secret` in a `" + resource + "` state no longer works; change its `secret_version` to have a new one issued."
}

type resetBotSecretConfig struct {
	BotID         types.String `tfsdk:"bot_id"`
	OwnerClientID types.String `tfsdk:"owner_client_id"`
}

func newResetBotSecretAction() *apiAction[resetBotSecretConfig] {
	return &apiAction[resetBotSecretConfig]{
		name: "reset_bot_secret",
		description: "Resets a bot's secret (Configuration API v3.6 `reset_bot_secret`): the old secret stops working at once.\n\n" +
			secretActionNote("bot", "livechat_bot"),
		attributes: map[string]actionschema.Attribute{
			"bot_id": actionschema.StringAttribute{
				Required: true, MarkdownDescription: "ID of the bot, e.g. `livechat_bot.<name>.id`.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"owner_client_id": actionschema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Client ID that owns the bot; the API needs it with a personal access token and takes it from a Bearer token otherwise. " +
					"Default: the provider's `client_id` (env `LIVECHAT_CLIENT_ID`), if set.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
		},
		failure: "Resetting the secret of a bot",
		invoke: func(ctx context.Context, data *providerData, c resetBotSecretConfig) (string, error) {
			id := c.BotID.ValueString()
			if _, err := data.config.ResetBotSecret(ctx, id, cmp.Or(c.OwnerClientID.ValueString(), data.clientID)); err != nil {
				return "", err
			}
			return fmt.Sprintf("The secret of bot %s was reset; the old secret no longer works.", id), nil
		},
	}
}

type resetBotTemplateSecretConfig struct {
	TemplateID                  types.String `tfsdk:"template_id"`
	OwnerClientID               types.String `tfsdk:"owner_client_id"`
	AffectExistingInstallations types.Bool   `tfsdk:"affect_existing_installations"`
}

func newResetBotTemplateSecretAction() *apiAction[resetBotTemplateSecretConfig] {
	return &apiAction[resetBotTemplateSecretConfig]{
		name: "reset_bot_template_secret",
		description: "Resets a bot template's secret (Configuration API v3.6 `reset_bot_template_secret`): the old secret stops working at once.\n\n" +
			secretActionNote("bot template", "livechat_bot_template"),
		attributes: map[string]actionschema.Attribute{
			"template_id": actionschema.StringAttribute{
				Required: true, MarkdownDescription: "ID of the bot template, e.g. `livechat_bot_template.<name>.id`.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"owner_client_id": actionschema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Client ID that owns the bot template. Default: the provider's `client_id` (env `LIVECHAT_CLIENT_ID`); with neither set, the action fails.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"affect_existing_installations": actionschema.BoolAttribute{
				Optional:            true,
				MarkdownDescription: "When `true`, the bots based on this template get the new secret too. Default `false`.",
			},
		},
		failure: "Resetting the secret of a bot template",
		invoke: func(ctx context.Context, data *providerData, c resetBotTemplateSecretConfig) (string, error) {
			id, owner := c.TemplateID.ValueString(), cmp.Or(c.OwnerClientID.ValueString(), data.clientID)
			if owner == "" {
				return "", errors.New("the API needs the template's owner client ID: set owner_client_id, or the provider's client_id (LIVECHAT_CLIENT_ID)")
			}
			if _, err := data.config.ResetBotTemplateSecret(ctx, owner, id, c.AffectExistingInstallations.ValueBool()); err != nil {
				return "", err
			}
			return fmt.Sprintf("The secret of bot template %s of client %s was reset; the old secret no longer works.", id, owner), nil
		},
	}
}

type reactivateEmailConfig struct {
	AgentID types.String `tfsdk:"agent_id"`
}

func newReactivateEmailAction() *apiAction[reactivateEmailConfig] {
	return &apiAction[reactivateEmailConfig]{
		name: "reactivate_email",
		description: "Reactivates an agent's e-mail address after e-mails to it bounced (Configuration API v3.6 `reactivate_email`: \"Reactivates email if it has been bounced\"), " +
			"so that LiveChat sends e-mail to the agent again. " +
			"It is a one-off request, not state: `livechat_agent` has nothing to change for it, and the API cannot tell whether an address bounced.",
		attributes: map[string]actionschema.Attribute{
			"agent_id": actionschema.StringAttribute{
				Required: true, MarkdownDescription: "ID of the agent, the login e-mail, e.g. `livechat_agent.<name>.id`.",
				Validators: []validator.String{stringvalidator.RegexMatches(emailPattern, "must be an e-mail address (the agent ID)")},
			},
		},
		failure: "Reactivating an agent's e-mail",
		invoke: func(ctx context.Context, data *providerData, c reactivateEmailConfig) (string, error) {
			if err := data.config.ReactivateEmail(ctx, c.AgentID.ValueString()); err != nil {
				return "", err
			}
			return "The e-mail address of agent " + c.AgentID.ValueString() + " was reactivated.", nil
		},
	}
}
