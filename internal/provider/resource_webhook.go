package provider

import (
	"context"
	"fmt"
	"regexp"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/configuration"
)

var (
	_ resource.ResourceWithConfigure        = (*webhookResource)(nil)
	_ resource.ResourceWithImportState      = (*webhookResource)(nil)
	_ resource.ResourceWithConfigValidators = (*webhookResource)(nil)
	_ resource.ResourceWithModifyPlan       = (*webhookResource)(nil)
)

type webhookResource struct{ resourceBase }

func newWebhookResource() resource.Resource { return &webhookResource{resourceBase{name: "webhook"}} }

type webhookModel struct {
	ID                 types.String   `tfsdk:"id"`
	OwnerClientID      types.String   `tfsdk:"owner_client_id"`
	Action             types.String   `tfsdk:"action"`
	URL                types.String   `tfsdk:"url"`
	Description        types.String   `tfsdk:"description"`
	Type               types.String   `tfsdk:"type"`
	SecretKey          types.String   `tfsdk:"secret_key"`
	SecretKeyWO        types.String   `tfsdk:"secret_key_wo"`
	SecretKeyWOVersion types.Int64    `tfsdk:"secret_key_wo_version"`
	AdditionalData     types.Set      `tfsdk:"additional_data"`
	Filters            types.Object   `tfsdk:"filters"`
	Timeouts           timeouts.Value `tfsdk:"timeouts"`
}

// webhookURL is what the API accepts as a destination: an absolute http(s) URL.
var webhookURL = regexp.MustCompile(`^https?://[^/\s?#]+[^\s]*$`)

// secretAdoptable requires a replacement when a secret argument changes,
// except when the state has none: after an import (the API never returns the
// secret key) setting it in the configuration only records it.
func secretAdoptable[T interface{ IsNull() bool }](state T) bool { return !state.IsNull() }

func (r *webhookResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	const adoptDesc = "Changing it replaces the webhook, except after an import, when setting it only records it (the API never returns the secret key)."
	resp.Schema = schema.Schema{
		MarkdownDescription: "A webhook registered for a Client ID (application) (Configuration API v3.6 `register_webhook`, `unregister_webhook`, read through `list_webhooks`). " +
			"The API has no update method: changing any argument unregisters the webhook and registers a new one. " +
			"A Client ID can register at most three webhooks per action (`limit_reached` otherwise). " +
			"The webhooks of a license are enabled when the application is installed; see `livechat_license_webhooks_state`.\n\n" +
			"**Secret key.** Set exactly one of `secret_key` (stored in the state, sensitive) and `secret_key_wo` (write-only, never stored; Terraform 1.11 or later) " +
			"with `secret_key_wo_version`; bump the version to register the webhook again with a new secret. " +
			"The API never returns the secret key, so the provider cannot detect a change made outside Terraform, and an imported webhook has none in its state: " +
			"after `terraform import`, put the webhook's current secret in the configuration; the next apply records it without replacing the webhook " +
			"(the provider cannot check it against the server, so use the real one).\n\n" +
			"**Rotating the secret leaves a gap by default.** A new secret (or any other change) replaces the webhook, and Terraform replaces delete-first: " +
			"it unregisters the webhook, then registers the new one, and events in between are not delivered to `url`. " +
			"`lifecycle { create_before_destroy = true }` closes the gap: the API accepts a second, identical registration, so the new webhook is registered before the old one is unregistered. " +
			"While both exist, each event is sent by both, each with its own `secret_key`: let the receiver accept the old and the new secret during the switch (and ignore duplicates), " +
			"and keep the action at two webhooks or fewer for this Client ID, since the second registration counts towards the limit of three.\n\n" +
			"Webhooks are read with one `list_webhooks` call per owner client ID and run.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed: true, MarkdownDescription: "Webhook ID, assigned by the API.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"owner_client_id": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Client ID (application) that owns the webhook; it must belong to your organization. " +
					"Default: the provider's `client_id` (env `LIVECHAT_CLIENT_ID`); with neither set, planning fails. Changing it (also through the provider default) replaces the webhook.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers: []planmodifier.String{
					stringplanmodifier.UseStateForUnknown(),
					stringplanmodifier.RequiresReplace(),
				},
			},
			"action": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "The action that triggers the webhook, one of " + quoted(webhookActionNames()) + ". Each action allows only some `filters` (the API reference's \"Triggering actions\" table).",
				Validators:          []validator.String{stringvalidator.OneOf(webhookActionNames()...)},
				PlanModifiers:       replace,
			},
			"url": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: fmt.Sprintf("Destination URL, absolute `http://` or `https://`, at most %d characters.", configuration.WebhookURLMaxLength),
				Validators: []validator.String{
					stringvalidator.RegexMatches(webhookURL, "must be an absolute http:// or https:// URL"),
					stringvalidator.UTF8LengthAtMost(configuration.WebhookURLMaxLength),
				},
				PlanModifiers: replace,
			},
			"description": schema.StringAttribute{
				Optional: true, Computed: true, Default: stringdefault.StaticString(""),
				MarkdownDescription: "Webhook description. Default: empty.",
				PlanModifiers:       replace,
			},
			"type": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "`license` (webhooks of the licenses that install the application) or `bot` " +
					"(for a bot's webhooks: create the bot, register the webhooks, then set the bot's routing status).",
				Validators:    []validator.String{stringvalidator.OneOf(configuration.WebhookTypes...)},
				PlanModifiers: replace,
			},
			"secret_key": schema.StringAttribute{
				Optional: true, Sensitive: true,
				MarkdownDescription: "Secret key sent in every webhook to verify its source. Stored in the state; prefer `secret_key_wo`. " + adoptDesc,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplaceIf(func(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
					resp.RequiresReplace = secretAdoptable(req.StateValue)
				}, "Changing the secret key registers the webhook again (not after an import).", "Changing the secret key registers the webhook again (not after an import).")},
			},
			"secret_key_wo": schema.StringAttribute{
				Optional: true, Sensitive: true, WriteOnly: true,
				MarkdownDescription: "Write-only secret key (Terraform 1.11 or later): sent when the webhook is registered, never stored. Requires `secret_key_wo_version`.",
				Validators: []validator.String{
					stringvalidator.LengthAtLeast(1),
					stringvalidator.AlsoRequires(path.MatchRoot("secret_key_wo_version")),
				},
			},
			"secret_key_wo_version": schema.Int64Attribute{
				Optional:            true,
				MarkdownDescription: "Version of `secret_key_wo`; change it to register the webhook again with the current `secret_key_wo`. " + adoptDesc,
				Validators:          []validator.Int64{int64validator.AlsoRequires(path.MatchRoot("secret_key_wo"))},
				PlanModifiers: []planmodifier.Int64{int64planmodifier.RequiresReplaceIf(func(_ context.Context, req planmodifier.Int64Request, resp *int64planmodifier.RequiresReplaceIfFuncResponse) {
					resp.RequiresReplace = secretAdoptable(req.StateValue)
				}, "Changing the version registers the webhook again (not after an import).", "Changing the version registers the webhook again (not after an import).")},
			},
			"additional_data": schema.SetAttribute{
				ElementType: types.StringType, Optional: true,
				MarkdownDescription: "Additional data sent with the webhook: " + quoted(configuration.WebhookAdditionalData) +
					". Not available for " + quoted(configuration.WebhookNoAdditionalData) + " (the reference's `agent_status_changed` is the former name of `routing_status_set`). " +
					"The List Webhooks example does not show it: when an answer leaves it out, the registered value is kept (no method can change a webhook); after an import it reads as unset, so a configuration that sets it registers the webhook again.",
				Validators: []validator.Set{
					setvalidator.SizeAtLeast(1),
					setvalidator.ValueStringsAre(stringvalidator.OneOf(configuration.WebhookAdditionalData...)),
				},
				PlanModifiers: []planmodifier.Set{setplanmodifier.RequiresReplace()},
			},
			"filters": schema.SingleNestedAttribute{
				Optional: true,
				MarkdownDescription: "When the webhook is sent; set at least one filter. Which filters an action allows: `chat_presence`, `only_my_chats` and `source_type` for the chat, thread and event actions " +
					"(`customer_session_fields_updated`: `chat_presence` and `source_type`), `author_type` only for `incoming_event` and `event_updated`, " +
					"only `source_type` for the configuration actions (`group_*`, `agent_*`, `bot_*`, `tag_*`, `auto_accesses_updated`). " +
					"The table's `agent_ids` filter of `routing_status_set` has no documented shape and is not supported. " +
					"The List Webhooks example shows only `chat_presence.user_ids.values` and `chat_presence.my_bots`: a filter an answer leaves out keeps its registered value (no method can change a webhook); after an import such filters read as unset, so a configuration that sets them registers the webhook again.",
				Validators:    []validator.Object{objectAtLeastOneOf(webhookFilterNames)},
				PlanModifiers: []planmodifier.Object{objectplanmodifier.RequiresReplace()},
				Attributes: map[string]schema.Attribute{
					"author_type": schema.StringAttribute{
						Optional:            true,
						MarkdownDescription: "Only events of this author: `customer` or `agent`. Only for `incoming_event` and `event_updated`.",
						Validators:          []validator.String{stringvalidator.OneOf(configuration.WebhookAuthorTypes...)},
					},
					"only_my_chats": schema.BoolAttribute{
						Optional:            true,
						MarkdownDescription: "`true`: only chats whose `source.client_id` property is the owner client ID.",
					},
					"source_type": schema.SetAttribute{
						ElementType: types.StringType, Optional: true,
						MarkdownDescription: "Only when the source of the action is one of: `my_client` (the owner client ID), `other_clients`, `system` (no client ID).",
						Validators: []validator.Set{
							setvalidator.SizeAtLeast(1),
							setvalidator.ValueStringsAre(stringvalidator.OneOf(configuration.WebhookSourceTypes...)),
						},
					},
					"chat_presence": schema.SingleNestedAttribute{
						Optional:            true,
						MarkdownDescription: "Send the webhook depending on who is in the chat; set `user_ids`, `my_bots` or both.",
						Validators:          []validator.Object{objectAtLeastOneOf{"user_ids", "my_bots"}},
						Attributes: map[string]schema.Attribute{
							"my_bots": schema.BoolAttribute{
								Optional:            true,
								MarkdownDescription: "`true`: send when a bot owned by the owner client ID is in the chat.",
							},
							"user_ids": schema.SingleNestedAttribute{
								Optional:            true,
								MarkdownDescription: "User IDs (agents, customers); exactly one of `values` and `exclude_values`.",
								Attributes: map[string]schema.Attribute{
									"values": schema.SetAttribute{
										ElementType: types.StringType, Optional: true,
										MarkdownDescription: "Send when any of these users is in the chat.",
										Validators: []validator.Set{
											setvalidator.SizeAtLeast(1),
											setvalidator.ExactlyOneOf(path.MatchRelative().AtParent().AtName("exclude_values")),
										},
									},
									"exclude_values": schema.SetAttribute{
										ElementType: types.StringType, Optional: true,
										MarkdownDescription: "Do not send when any of these users is in the chat.",
										Validators:          []validator.Set{setvalidator.SizeAtLeast(1)},
									},
								},
							},
						},
					},
				},
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeoutsBlock(ctx),
		},
	}
}

func (r *webhookResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{
		resourcevalidator.ExactlyOneOf(path.MatchRoot("secret_key"), path.MatchRoot("secret_key_wo")),
		webhookActionValidator{},
	}
}

// ModifyPlan defaults owner_client_id to the provider's client_id.
func (r *webhookResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	planOwnerClientID(ctx, r.data, "A webhook", req, resp)
}

// fromAPI sets every attribute the API returns; the secret arguments are kept, and so are
// additional_data and the filters an answer leaves out (the List Webhooks example shows neither
// additional_data nor filters other than chat_presence's user_ids.values and my_bots; no method
// can change a webhook, so what was registered stays true).
func (m *webhookModel) fromAPI(ctx context.Context, w *configuration.Webhook, diags *diag.Diagnostics) {
	m.ID = types.StringValue(w.ID)
	m.OwnerClientID = types.StringValue(w.OwnerClientID)
	m.Action = types.StringValue(w.Action)
	m.URL = types.StringValue(w.URL)
	m.Description = types.StringValue(w.Description)
	m.Type = types.StringValue(w.Type)
	if w.AdditionalData != nil || !known(m.AdditionalData) {
		m.AdditionalData = nullableStringSet(emptyAsNil(w.AdditionalData))
	}
	m.Filters = webhookFiltersValue(mergeShownFilters(webhookFiltersFrom(ctx, m.Filters, diags), w.Filters))
}

func emptyAsNil(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
}

func (r *webhookResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan webhookModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	var secretWO types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("secret_key_wo"), &secretWO)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.operation(ctx, plan.Timeouts.Create, &resp.Diagnostics)
	defer cancel()

	in := configuration.WebhookRegister{
		Action: plan.Action.ValueString(), URL: plan.URL.ValueString(), Description: plan.Description.ValueString(),
		Type: plan.Type.ValueString(), OwnerClientID: plan.OwnerClientID.ValueString(),
		AdditionalData: setStrings(plan.AdditionalData), SecretKey: plan.SecretKey.ValueString(),
		Filters: webhookFiltersFrom(ctx, plan.Filters, &resp.Diagnostics),
	}
	if known(secretWO) {
		in.SecretKey = secretWO.ValueString()
	}
	if resp.Diagnostics.HasError() {
		return
	}
	if in.OwnerClientID == "" {
		resp.Diagnostics.AddAttributeError(path.Root("owner_client_id"), "Missing owner_client_id",
			"Set owner_client_id on this resource, or client_id in the provider block (env LIVECHAT_CLIENT_ID).")
		return
	}
	// Every list the wait reads was fetched after this write began.
	since := time.Now()
	id, err := r.data.config.RegisterWebhook(ctx, in)
	if client.ErrorType(err) == client.ErrTypeLimitReached {
		addAPIError(&resp.Diagnostics, "Registering webhook", fmt.Errorf("%w\n\nClient %s already has three webhooks for action %s, the API's limit. "+
			"Unregister one (livechat_webhooks lists them) or use another owner_client_id", err, in.OwnerClientID, in.Action))
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "Registering webhook", err)
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("owner_client_id"), in.OwnerClientID)...)
	// list_webhooks, bypassing the read cache, until the webhook is listed as registered: here
	// only when the plan left a value to the API or writes wait (awaitWrite).
	plan.ID = types.StringValue(id)
	w, shown, err := awaitWrite(ctx, &r.resourceBase, unknownBesides(req.Plan, "id"), "webhook "+id, shownByPoll(since, func(ctx context.Context, since time.Time) (*configuration.Webhook, time.Time, error) {
		return r.data.pollWebhook(ctx, in.OwnerClientID, id, since)
	}, func(_ context.Context, w *configuration.Webhook) bool { return w.Matches(&in) }))
	if err != nil {
		addAPIError(&resp.Diagnostics, "Waiting for webhook "+id, err)
		return
	}
	if shown {
		plan.fromAPI(ctx, w, &resp.Diagnostics)
	}
	plan.SecretKeyWO = types.StringNull()
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *webhookResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state webhookModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.operation(ctx, state.Timeouts.Read, &resp.Diagnostics)
	defer cancel()

	owner, id := state.OwnerClientID.ValueString(), state.ID.ValueString()
	w, err := r.data.config.GetWebhook(ctx, owner, id, false)
	if client.IsNotFound(err) {
		r.gone(ctx, &resp.State, &resp.Diagnostics, id+" of client "+owner, "register it again")
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "Reading webhook "+id, err)
		return
	}
	state.fromAPI(ctx, w, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update changes no argument on the server (all of them replace the webhook):
// it records a new timeouts block, or a secret set after an import.
func (r *webhookResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan webhookModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	plan.SecretKeyWO = types.StringNull()
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *webhookResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state webhookModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.operation(ctx, state.Timeouts.Delete, &resp.Diagnostics)
	defer cancel()

	owner, id := state.OwnerClientID.ValueString(), state.ID.ValueString()
	since := time.Now()
	if err := r.data.config.UnregisterWebhook(ctx, owner, id); err != nil && !client.IsNotFound(err) {
		addAPIError(&resp.Diagnostics, "Unregistering webhook "+id, err)
		return
	}
	err := r.afterWrite(ctx, "unregistering webhook "+id, goneByPoll(since, func(ctx context.Context, since time.Time) (*configuration.Webhook, time.Time, error) {
		return r.data.pollWebhook(ctx, owner, id, since)
	}))
	if err != nil {
		addAPIError(&resp.Diagnostics, "Waiting for webhook "+id+" to be unregistered", err)
	}
}
