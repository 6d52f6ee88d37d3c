package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/configuration"
)

var _ ephemeral.EphemeralResourceWithConfigure = (*botTokenEphemeralResource)(nil)

// botTokenLifetime is documented: "The token is valid for 24 hours" (issue_bot_token).
const botTokenLifetime = 24 * time.Hour

type botTokenEphemeralResource struct{ data *providerData }

func newBotTokenEphemeralResource() ephemeral.EphemeralResource { return &botTokenEphemeralResource{} }

type botTokenModel struct {
	BotID          types.String `tfsdk:"bot_id"`
	ClientID       types.String `tfsdk:"client_id"`
	BotSecret      types.String `tfsdk:"bot_secret"`
	OrganizationID types.String `tfsdk:"organization_id"`
	Token          types.String `tfsdk:"token"`
	ExpiresAt      types.String `tfsdk:"expires_at"`
}

func (e *botTokenEphemeralResource) Metadata(_ context.Context, req ephemeral.MetadataRequest, resp *ephemeral.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_bot_token"
}

func (e *botTokenEphemeralResource) Schema(_ context.Context, _ ephemeral.SchemaRequest, resp *ephemeral.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A token for a bot, issued by the Configuration API v3.6 `issue_bot_token`, with the scopes `chats--access:rw`, `agents-bot--my:rw` and `customers:rw`: " +
			"what a bot needs to chat through the Agent Chat API. The token is valid for 24 hours and cannot be revoked.\n\n" +
			"An ephemeral resource (Terraform 1.10 or later): the token is never written to the plan or the state. Terraform issues a new token each time it opens the resource, " +
			"in every plan and apply that needs it. Pass it only to ephemeral contexts: provider configuration, write-only arguments, or other ephemeral resources.",
		Attributes: map[string]schema.Attribute{
			"bot_id": schema.StringAttribute{
				Required: true, MarkdownDescription: "Bot ID, e.g. `livechat_bot.<name>.id`, or the ID of a bot template for a bot based on it.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"client_id": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Client ID of the application that owns the bot (its `owner_client_id`). " +
					"Default: the provider's `client_id` (env `LIVECHAT_CLIENT_ID`); with neither set, opening fails.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"bot_secret": schema.StringAttribute{
				Required: true, Sensitive: true,
				MarkdownDescription: "The bot's secret, e.g. `livechat_bot.<name>.secret`: returned by `create_bot` / `create_bot_template` and by the secret resets.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"organization_id": schema.StringAttribute{
				Required: true, MarkdownDescription: "ID (a UUID) of the organization the license belongs to.",
				Validators: []validator.String{stringvalidator.RegexMatches(uuidPattern, "must be an organization ID, a UUID such as 1a8a9ec7-bd5d-4400-9204-3826740981e0")},
			},
			"token": schema.StringAttribute{
				Computed: true, Sensitive: true,
				MarkdownDescription: "The bot token (a JWT), for the `Authorization: Bearer` header of the bot's Agent Chat API calls.",
			},
			"expires_at": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "When the token stops working, RFC 3339: the time it was issued plus the documented 24 hours (the API does not return it).",
			},
		},
	}
}

func (e *botTokenEphemeralResource) Configure(_ context.Context, req ephemeral.ConfigureRequest, resp *ephemeral.ConfigureResponse) {
	e.data = dataFrom(req.ProviderData, &resp.Diagnostics)
}

func (e *botTokenEphemeralResource) Open(ctx context.Context, req ephemeral.OpenRequest, resp *ephemeral.OpenResponse) {
	var m botTokenModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	clientID := m.ClientID.ValueString()
	if clientID == "" && e.data != nil {
		clientID = e.data.clientID
	}
	if clientID == "" {
		resp.Diagnostics.AddAttributeError(path.Root("client_id"), "No client_id",
			"issue_bot_token needs the client ID that owns the bot: set client_id here (e.g. livechat_bot.<name>.owner_client_id), or client_id in the provider block (env LIVECHAT_CLIENT_ID).")
		return
	}
	// issue_bot_token needs the bot visible: wait for this run's bot creates (pending.go).
	settle(ctx, e.data, []string{"livechat_bot", "livechat_bot_template"}, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	botID := m.BotID.ValueString()
	issued := time.Now()
	token, err := e.data.config.IssueBotToken(ctx, configuration.BotTokenRequest{
		BotID: botID, ClientID: clientID, BotSecret: m.BotSecret.ValueString(), OrganizationID: m.OrganizationID.ValueString(),
	})
	switch {
	case client.IsNotFound(err):
		resp.Diagnostics.AddAttributeError(path.Root("bot_id"), "Bot not found",
			fmt.Sprintf("issue_bot_token found no bot %s (%v). Check bot_id; a bot created a moment ago may take up to 2 minutes to be usable.", botID, err))
		return
	case client.ErrorType(err) == client.ErrTypeAuthorization:
		resp.Diagnostics.AddError("Bot token refused",
			fmt.Sprintf("%v\n\nThe API refused client_id %q or bot_secret for bot %s: client_id must be the bot's owner_client_id and bot_secret its current secret (a secret_version change on the bot issues a new one).", err, clientID, botID))
		return
	case err != nil:
		addAPIError(&resp.Diagnostics, "Issuing a token for bot "+botID, err)
		return
	}
	m.ClientID = types.StringValue(clientID)
	m.Token = types.StringValue(token)
	m.ExpiresAt = types.StringValue(issued.Add(botTokenLifetime).UTC().Format(time.RFC3339))
	resp.Diagnostics.Append(resp.Result.Set(ctx, &m)...)
}
