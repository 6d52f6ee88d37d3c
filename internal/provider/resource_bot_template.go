package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/configuration"
)

var (
	_ resource.ResourceWithConfigure   = (*botTemplateResource)(nil)
	_ resource.ResourceWithImportState = (*botTemplateResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*botTemplateResource)(nil)
)

type botTemplateResource struct{ resourceBase }

func newBotTemplateResource() resource.Resource {
	return &botTemplateResource{resourceBase{name: "bot_template"}}
}

type botTemplateModel struct {
	ID                          types.String   `tfsdk:"id"`
	OwnerClientID               types.String   `tfsdk:"owner_client_id"`
	Name                        types.String   `tfsdk:"name"`
	Avatar                      types.String   `tfsdk:"avatar"`
	MaxChatsCount               types.Int64    `tfsdk:"max_chats_count"`
	DefaultGroupPriority        types.String   `tfsdk:"default_group_priority"`
	JobTitle                    types.String   `tfsdk:"job_title"`
	AffectExistingInstallations types.Bool     `tfsdk:"affect_existing_installations"`
	Secret                      types.String   `tfsdk:"secret"`
	SecretVersion               types.String   `tfsdk:"secret_version"`
	Timeouts                    timeouts.Value `tfsdk:"timeouts"`
}

func (r *botTemplateResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A bot template of an application (Configuration API v3.6 `create_bot_template`, `update_bot_template`, `delete_bot_template`, `reset_bot_template_secret`, read through `list_bot_templates`). " +
			"When the application is installed on a license, a bot with the template's ID is created there; `affect_existing_installations` extends a write to the licenses that have it installed already. " +
			"One client ID can have at most five bot templates (`limit_reached`).\n\n" +
			"`list_bot_templates` returns only `id`, `name` and the avatar, so `max_chats_count`, `default_group_priority` and `job_title` are written but cannot be read back: " +
			"a change made outside Terraform is not detected, and after an import the next apply writes the configured values. " +
			"Templates are read with one `list_bot_templates` call per client ID and run.\n\n" +
			"The secret is returned only on create and on rotation (`secret_version`); it is stored in the state, marked sensitive.\n\n" +
			"Scope: `bots.templates:rw`.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed: true, MarkdownDescription: "Bot template ID assigned by the API (also the ID of the bots based on it).",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"owner_client_id": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Client ID (application) that owns the template; it must belong to your organization. " +
					"Default at creation: the provider's `client_id` (env `LIVECHAT_CLIENT_ID`); with neither set, planning fails. Changing it replaces the template.",
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplace()},
			},
			"name": schema.StringAttribute{
				Required: true, MarkdownDescription: "Display name of the bots based on the template, not blank.",
				Validators: []validator.String{notBlank},
			},
			"avatar": schema.StringAttribute{
				Optional: true, Computed: true, Default: stringdefault.StaticString(""),
				MarkdownDescription: "Avatar URL. Default empty (no avatar). The API may keep the avatar under a URL of its own (the reference's examples answer CDN URLs): the configured URL stays in the state, and only an answer that differs from the one after Terraform's last write shows as a change.",
			},
			"max_chats_count": schema.Int64Attribute{
				Optional:            true,
				MarkdownDescription: fmt.Sprintf("Maximum number of incoming chats routed to a bot based on the template, 0 to %d. Unset: not sent (the API's default, %d); removing it later leaves the template's value as it is. Not readable through the API, so an import leaves it unset rather than overwrite the real value.", botMaxChatsLimit, botDefaultMaxChats),
				Validators:          []validator.Int64{int64validator.Between(0, botMaxChatsLimit)},
			},
			"default_group_priority": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Routing priority for a group without a defined priority: `first`, `normal`, `last` or `supervisor`. " +
					"Unset: not sent (the API's default). Removing it later leaves the template's value as it is. Not readable through the API.",
				Validators: []validator.String{stringvalidator.OneOf(priorities...)},
			},
			"job_title": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Job title of the bots based on the template. Unset: not sent; removing it later leaves the template's value as it is. Not readable through the API, so an import leaves it unset rather than overwrite the real value.",
			},
			"affect_existing_installations": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(false),
				MarkdownDescription: "Sent with every write (create, update, secret rotation and delete): when `true`, the write also creates, updates, re-keys or deletes the bot based on this template " +
					"on every license that has the application installed already. Default `false`: only new installations use the template. Changing only this attribute calls no API.",
			},
			"secret": schema.StringAttribute{
				Computed: true, Sensitive: true,
				MarkdownDescription: secretDescription("bot template", "reset_bot_template_secret"),
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"secret_version": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: secretVersionDescription("reset_bot_template_secret"),
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeoutsBlock(ctx),
		},
	}
}

func (r *botTemplateResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	if req.State.Raw.IsNull() {
		if r.data == nil {
			return // the provider is not configured yet; the apply-time plan checks again
		}
		var owner types.String
		resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("owner_client_id"), &owner)...)
		owner = ownerClientIDDefault(owner, r.data, &resp.Diagnostics, "A bot template")
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("owner_client_id"), owner)...)
		return
	}
	var planVersion, stateVersion types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("secret_version"), &planVersion)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("secret_version"), &stateVersion)...)
	if rotates(planVersion, stateVersion) {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("secret"), types.StringUnknown())...)
	}
}

// awaitTemplate polls list_bot_templates (never an answer fetched before
// since) until the template shows want's known name and avatar (getWritten:
// what the write sent; the list shows no other field; avatarShows:
// avatarBefore is the URL answered before the write). It waits here when the
// state needs the answer (needValue) or writes wait (awaitWrite).
func (r *botTemplateResource) awaitTemplate(ctx context.Context, needValue bool, owner, id string, want *botTemplateModel, since time.Time, avatarBefore string) (*configuration.BotTemplate, bool, error) {
	return awaitWrite(ctx, &r.resourceBase, needValue, "bot template "+id, shownByPoll(since, func(ctx context.Context, since time.Time) (*configuration.BotTemplate, time.Time, error) {
		return r.data.pollBotTemplate(ctx, owner, id, since)
	}, func(_ context.Context, t *configuration.BotTemplate) bool {
		return (!known(want.Name) || t.Name == want.Name.ValueString()) && avatarShows(want.Avatar, t.Avatar, avatarBefore)
	}))
}

func (m *botTemplateModel) fromAPI(t *configuration.BotTemplate) {
	m.ID = types.StringValue(t.ID)
	m.Name = types.StringValue(t.Name)
	m.Avatar = types.StringValue(t.Avatar)
}

func (r *botTemplateResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan botTemplateModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.operation(ctx, plan.Timeouts.Create, &resp.Diagnostics)
	defer cancel()

	if !known(plan.OwnerClientID) { // ModifyPlan resolved it; this is a safety net
		plan.OwnerClientID = ownerClientIDDefault(types.StringNull(), r.data, &resp.Diagnostics, "A bot template")
	}
	if resp.Diagnostics.HasError() {
		return
	}
	owner := plan.OwnerClientID.ValueString()
	in := configuration.BotTemplateCreate{
		Name: plan.Name.ValueString(), OwnerClientID: owner,
		Avatar: plan.Avatar.ValueStringPointer(), MaxChatsCount: plan.MaxChatsCount.ValueInt64Pointer(),
		DefaultGroupPriority:        plan.DefaultGroupPriority.ValueStringPointer(),
		AffectExistingInstallations: plan.AffectExistingInstallations.ValueBool(),
	}
	if plan.JobTitle.ValueString() != "" {
		in.JobTitle = plan.JobTitle.ValueStringPointer()
	}
	since := time.Now()
	cred, err := r.data.config.CreateBotTemplate(ctx, in)
	if client.ErrorType(err) == client.ErrTypeLimitReached {
		addAPIError(&resp.Diagnostics, "Creating bot template "+in.Name, fmt.Errorf("%w\n\nClient %s has five bot templates already, the API's limit per client ID. Delete or import one of them (terraform import livechat_bot_template.<name> %s/<id>)", err, owner, owner))
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "Creating bot template "+in.Name, err)
		return
	}
	plan.ID, plan.Secret = types.StringValue(cred.ID), types.StringValue(cred.Secret)
	for k, v := range map[string]any{"id": cred.ID, "secret": cred.Secret, "owner_client_id": owner, "secret_version": plan.SecretVersion} {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(k), v)...)
	}
	// An avatar needs the read: the API may answer another URL than the one sent (avatar.go).
	needValue := unknownBesides(req.Plan, "id", "secret") || plan.Avatar.ValueString() != ""
	t, shown, err := r.awaitTemplate(ctx, needValue, owner, cred.ID, &plan, since, "")
	if err != nil {
		addAPIError(&resp.Diagnostics, "Waiting for bot template "+cred.ID, err)
		return
	}
	answeredAvatar := "" // no avatar was sent
	if shown {
		plan.fromAPI(t)
		answeredAvatar = t.Avatar
	}
	rememberAvatar(ctx, resp.Private, answeredAvatar, &resp.Diagnostics)
	resp.Diagnostics.Append(setApplied(ctx, &resp.State, req.Plan, &plan)...)
}

func (r *botTemplateResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state botTemplateModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.operation(ctx, state.Timeouts.Read, &resp.Diagnostics)
	defer cancel()

	owner, id := state.OwnerClientID.ValueString(), state.ID.ValueString()
	t, err := r.data.config.GetBotTemplate(ctx, owner, id, time.Time{})
	if client.IsNotFound(err) {
		r.gone(ctx, &resp.State, &resp.Diagnostics, id+" of client "+owner, "create it again (with a new ID and secret)")
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "Reading bot template "+id, err)
		return
	}
	avatar := state.Avatar
	state.fromAPI(t) // everything else cannot be read back and stays as it is
	state.Avatar = avatarFromAnswer(ctx, req.Private, avatar, t.Avatar)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *botTemplateResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state, want botTemplateModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	resp.Diagnostics.Append(getWritten(ctx, req.Plan, req.State, &want)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.operation(ctx, plan.Timeouts.Update, &resp.Diagnostics)
	defer cancel()

	owner, id := state.OwnerClientID.ValueString(), state.ID.ValueString()
	plan.ID, plan.OwnerClientID = state.ID, state.OwnerClientID
	affect := plan.AffectExistingInstallations.ValueBool()
	in := configuration.BotTemplateUpdate{ID: id, OwnerClientID: owner, AffectExistingInstallations: affect}
	if !plan.Name.Equal(state.Name) {
		in.Name = plan.Name.ValueStringPointer()
	}
	if !plan.Avatar.Equal(state.Avatar) {
		in.Avatar = plan.Avatar.ValueStringPointer()
	}
	if known(plan.MaxChatsCount) && !plan.MaxChatsCount.Equal(state.MaxChatsCount) {
		in.MaxChatsCount = plan.MaxChatsCount.ValueInt64Pointer()
	}
	if known(plan.DefaultGroupPriority) && !plan.DefaultGroupPriority.Equal(state.DefaultGroupPriority) {
		in.DefaultGroupPriority = plan.DefaultGroupPriority.ValueStringPointer()
	}
	if known(plan.JobTitle) && !plan.JobTitle.Equal(state.JobTitle) {
		in.JobTitle = plan.JobTitle.ValueStringPointer()
	}
	since := time.Now()
	if !in.IsEmpty() {
		if err := r.data.config.UpdateBotTemplate(ctx, in); err != nil {
			addAPIError(&resp.Diagnostics, "Updating bot template "+id, err)
			return
		}
	}
	if rotates(plan.SecretVersion, state.SecretVersion) {
		secret, err := r.data.config.ResetBotTemplateSecret(ctx, owner, id, affect)
		if err != nil {
			addAPIError(&resp.Diagnostics, "Resetting the secret of bot template "+id, err)
			return
		}
		plan.Secret = types.StringValue(secret)
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("secret"), secret)...)
	} else {
		plan.Secret = state.Secret
	}
	needValue := !req.Plan.Raw.IsFullyKnown() || !want.Avatar.IsUnknown()
	t, shown, err := r.awaitTemplate(ctx, needValue, owner, id, &want, since, avatarBefore(ctx, req.Private, state.Avatar))
	if err != nil {
		addAPIError(&resp.Diagnostics, "Waiting for bot template "+id, err)
		return
	}
	if shown {
		plan.fromAPI(t)
		rememberAvatar(ctx, resp.Private, t.Avatar, &resp.Diagnostics)
	}
	resp.Diagnostics.Append(setApplied(ctx, &resp.State, req.Plan, &plan)...)
}

func (r *botTemplateResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state botTemplateModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.operation(ctx, state.Timeouts.Delete, &resp.Diagnostics)
	defer cancel()

	owner, id := state.OwnerClientID.ValueString(), state.ID.ValueString()
	since := time.Now()
	err := r.data.config.DeleteBotTemplate(ctx, owner, id, state.AffectExistingInstallations.ValueBool())
	if err != nil && !client.IsNotFound(err) {
		addAPIError(&resp.Diagnostics, "Deleting bot template "+id, err)
		return
	}
	err = r.afterWrite(ctx, "deleting bot template "+id, goneByPoll(since, func(ctx context.Context, since time.Time) (*configuration.BotTemplate, time.Time, error) {
		return r.data.pollBotTemplate(ctx, owner, id, since)
	}))
	if err != nil {
		addAPIError(&resp.Diagnostics, "Waiting for bot template "+id+" to be deleted", err)
	}
}

func (r *botTemplateResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if r.importByID(ctx, req, resp) {
		// The API cannot say how the template was created; the default keeps an
		// imported template's plan empty.
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("affect_existing_installations"), false)...)
	}
}
