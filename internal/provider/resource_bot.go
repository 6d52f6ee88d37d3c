package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/configuration"
)

var (
	_ resource.ResourceWithConfigure   = (*botResource)(nil)
	_ resource.ResourceWithImportState = (*botResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*botResource)(nil)
)

type botResource struct{ resourceBase }

func newBotResource() resource.Resource { return &botResource{resourceBase{name: "bot"}} }

// secretDescription explains the secret and its rotation; kind is "bot" or
// "bot template", reset the API method that rotates it.
func secretDescription(kind, reset string) string {
	return "The " + kind + "'s secret, needed by `issue_bot_token` (see the `livechat_bot_token` ephemeral resource). " +
		"The API returns it only when the " + kind + " is created and when `" + reset + "` resets it, so it is kept in the state from then on and never read back. " +
		"After an import it is null: set or change `secret_version` to have a new one issued."
}

func secretVersionDescription(reset string) string {
	return "Any value, e.g. a number or a date. Changing it to a new non-null value calls `" + reset + "`: the old secret stops working and `secret` holds the new one. " +
		"Removing it changes nothing. Tokens already issued stay valid until they expire. " +
		"To revoke a secret without Terraform keeping the new one, use the `livechat_" + reset + "` action (Terraform 1.14 and later)."
}

func (r *botResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A bot of the license (Configuration API v3.6 `create_bot`, `update_bot`, `delete_bot`, `get_bot`, `reset_bot_secret`). " +
			"A bot is a resource owned by an application (`owner_client_id`); it chats through the Agent Chat API with a token from the `livechat_bot_token` ephemeral resource.\n\n" +
			"`update_bot` cannot change `owner_client_id`: changing it replaces the bot, which gives it a new ID and secret. " +
			"Bots are group members like agents: manage a bot's memberships here (`groups`) or in `livechat_group.agent_priorities`, not both.\n\n" +
			"With `coalesce_requests` (the default), bots created, updated or deleted at the same time travel in one `batch_create_bots` / `batch_update_bots` / `batch_delete_bots` request. " +
			"A refresh reads each bot with `get_bot`: `list_bots` cannot return `default_group_priority` or `owner_client_id`.\n\n" +
			"The secret is returned only on create and on rotation (`secret_version`); it is stored in the state, marked sensitive. An imported bot has no secret in the state until it is rotated.\n\n" +
			"Scopes: `agents-bot--my:rw` (`agents-bot--all:rw` for bots of other applications) and `agents-bot--my:ro` / `agents-bot--all:ro` to read.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed: true, MarkdownDescription: "Bot ID assigned by the API; the import ID.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"name": schema.StringAttribute{
				Required: true, MarkdownDescription: "Display name, not blank.",
				Validators: []validator.String{notBlank},
			},
			"avatar": schema.StringAttribute{
				Optional: true, Computed: true, Default: stringdefault.StaticString(""),
				MarkdownDescription: "Avatar URL. Default empty (no avatar). The API may keep the avatar under a URL of its own (the reference's examples answer CDN URLs): the configured URL stays in the state, and only an answer that differs from the one after Terraform's last write shows as a change.",
			},
			"max_chats_count": schema.Int64Attribute{
				Optional: true, Computed: true, Default: int64default.StaticInt64(botDefaultMaxChats),
				MarkdownDescription: fmt.Sprintf("Maximum number of incoming chats routed to the bot at once, 0 to %d (the API's limit); default %d.", botMaxChatsLimit, botDefaultMaxChats),
				Validators:          []validator.Int64{int64validator.Between(0, botMaxChatsLimit)},
			},
			"default_group_priority": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Routing priority for a group without a defined priority: `first` (the LiveChat app's \"Bot\" priority), `normal` (\"Primary\"), `last` (\"Secondary\") or `supervisor` (no chats assigned automatically). " +
					"Unset: the API's default, kept as the API reports it (null after the create until the next refresh reads it).",
				Validators:    []validator.String{stringvalidator.OneOf(priorities...)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"job_title": schema.StringAttribute{
				Optional: true, Computed: true, Default: stringdefault.StaticString(""),
				MarkdownDescription: "Job title. Default empty. Changed in place (`update_bot`).",
			},
			"type": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "A custom value to categorize or identify the bot (the API's `type`; the reference lists no values). Changed in place. " +
					"Unset: not sent, so a new bot gets the API's default, `chatbot`, and removing it later leaves the bot's type as it is. " +
					"No read method returns the type, so the provider cannot detect a change made outside Terraform, and an import leaves it unset rather than overwrite the real value.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"groups": memberGroupsAttribute("Groups the bot belongs to, each with its routing priority. Set it to manage the bot's memberships from here (an empty set removes them all); " +
				"leave it unset when `livechat_group.agent_priorities` manages membership." + membershipRule),
			"work_scheduler": workSchedulerAttribute(workSchedulerDescriptions{
				scheduler: "Working hours, as for agents. Unset: left as the API has them.",
				timezone:  "Time zone the schedule operates in, an IANA name such as `Europe/Warsaw`. It is also the bot's `timezone`.",
				schedule:  "Spans of working hours; a day may have several. May be empty.",
			}),
			"timezone": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The time zone the bot's work scheduler operates in, as the API reports it (its `timezone` field). The API sets it only through `work_scheduler.timezone`; null when none is set." + readAtRefresh,
			},
			"owner_client_id": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Client ID of the application that owns the bot (and that `issue_bot_token` takes as `client_id`). " +
					"Default at creation: the provider's `client_id` (env `LIVECHAT_CLIENT_ID`); with neither set, planning fails. " +
					"`update_bot` cannot change it: changing it replaces the bot.",
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplace()},
			},
			"secret": schema.StringAttribute{
				Computed: true, Sensitive: true,
				MarkdownDescription: secretDescription("bot", "reset_bot_secret"),
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"secret_version": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: secretVersionDescription("reset_bot_secret"),
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeoutsBlock(ctx),
		},
	}
}

// rotates reports whether a plan asks for a new secret: secret_version set
// to a new non-null value on an existing object.
func rotates(plan, state types.String) bool {
	return known(plan) && !plan.Equal(state)
}

// ModifyPlan resolves owner_client_id from the provider's client_id, marks
// the secret unknown when secret_version asks for a rotation, plans the
// computed timezone from work_scheduler, and warns when a group's
// agent_priorities in the same configuration sets one of the bot's
// memberships too.
func (r *botResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var plan botModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if known(plan.ID) { // a new bot's ID is not known before it exists
		warnMemberGroups(ctx, r.data, "livechat_bot", plan.ID.ValueString(), req.Config, &resp.Diagnostics)
	}
	if req.State.Raw.IsNull() {
		if r.data != nil { // nil: the provider is not configured yet; the apply-time plan checks again
			var configured types.String
			resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("owner_client_id"), &configured)...)
			owner := ownerClientIDDefault(configured, r.data, &resp.Diagnostics, "A bot")
			resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("owner_client_id"), owner)...)
		}
		return
	}
	var state botModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if rotates(plan.SecretVersion, state.SecretVersion) {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("secret"), types.StringUnknown())...)
	}
	// timezone mirrors work_scheduler.timezone: known while the scheduler stays as it is.
	tz := types.StringUnknown()
	if plan.WorkScheduler.Equal(state.WorkScheduler) {
		tz = state.Timezone
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("timezone"), tz)...)
}

// awaitBot polls get_bot until it shows what want holds (getWritten: what the write sent);
// avatarBefore is the avatar URL answered before the write ("" for a create), since when the write
// began. It waits here when the state needs the answer (needValue) or writes wait; else the run's
// pending writes poll it (awaitWrite). With coalescing on, a new bot is read only once the run's
// shared list_bots lists it (shownOnceListed): list_bots lacks attributes the state holds.
func (r *botResource) awaitBot(ctx context.Context, needValue bool, id string, want *botModel, avatarBefore string, since time.Time) (*configuration.Bot, bool, error) {
	get := func(ctx context.Context) (*configuration.Bot, error) { return r.data.config.GetBot(ctx, id) }
	shows := func(b *configuration.Bot) bool {
		return want.matches(ctx, b) && avatarShows(want.Avatar, b.Avatar, avatarBefore)
	}
	check := shownBy(get, shows)
	if r.data.core.Coalescing() {
		check = shownOnceListed(get, shows, listedByPoll(since, func(ctx context.Context, since time.Time) (*configuration.Bot, time.Time, error) {
			return r.data.pollListedBot(ctx, id, since)
		}))
	}
	return awaitWrite(ctx, &r.resourceBase, needValue, "bot "+id, check)
}

func (r *botResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan botModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.operation(ctx, plan.Timeouts.Create, &resp.Diagnostics)
	defer cancel()

	if !known(plan.OwnerClientID) { // ModifyPlan resolved it; this is a safety net
		plan.OwnerClientID = ownerClientIDDefault(types.StringNull(), r.data, &resp.Diagnostics, "A bot")
	}
	in := plan.create(ctx, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	// Every list the wait reads was fetched after this write began.
	since := time.Now()
	// A group created in the same apply may not have propagated yet.
	cred, err := retryReferring(ctx, r.data, "creating bot "+in.Name, groupsReference(path.Root("groups"), membershipGroups(in.Groups)...), func(ctx context.Context) (configuration.Credentials, error) {
		return r.data.config.CreateBot(ctx, in)
	})
	if err != nil {
		addAPIError(&resp.Diagnostics, "Creating bot "+in.Name, err)
		return
	}
	// Keep the bot and its one-time secret before waiting, so a failed wait loses neither.
	plan.ID, plan.Secret = types.StringValue(cred.ID), types.StringValue(cred.Secret)
	for k, v := range map[string]any{"id": cred.ID, "secret": cred.Secret, "owner_client_id": plan.OwnerClientID, "secret_version": plan.SecretVersion} {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(k), v)...)
	}
	// An avatar needs the read: the API may keep it under another URL than the one sent, and only
	// that answer tells a later change made outside Terraform from ours (avatar.go). Everything
	// else only a read shows (the API's defaults for what the configuration leaves unset, the
	// timezone) is left to the next refresh: waiting would hold a parallelism slot for the delay.
	b, shown, err := r.awaitBot(ctx, plan.Avatar.ValueString() != "", cred.ID, &plan, "", since)
	if err != nil {
		addAPIError(&resp.Diagnostics, "Waiting for bot "+cred.ID, err)
		return
	}
	answeredAvatar := "" // no avatar was sent
	if shown {
		plan.fromAPI(b)
		answeredAvatar = b.Avatar
	}
	rememberAvatar(ctx, resp.Private, answeredAvatar, &resp.Diagnostics)
	resp.Diagnostics.Append(setApplied(ctx, &resp.State, req.Plan, &plan)...)
}

func (r *botResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state botModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.operation(ctx, state.Timeouts.Read, &resp.Diagnostics)
	defer cancel()

	id := state.ID.ValueString()
	// get_bot, not list_bots: the list lacks default_group_priority and owner_client_id.
	b, err := r.data.config.GetBot(ctx, id)
	if client.IsNotFound(err) {
		r.gone(ctx, &resp.State, &resp.Diagnostics, id, "create it again (with a new ID and secret)")
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "Reading bot "+id, err)
		return
	}
	avatar := state.Avatar
	state.fromAPI(b) // the secret is never read back: it stays as it is
	state.Avatar = avatarFromAnswer(ctx, req.Private, avatar, b.Avatar)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *botResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state, want botModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	resp.Diagnostics.Append(getWritten(ctx, req.Plan, req.State, &want)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.operation(ctx, plan.Timeouts.Update, &resp.Diagnostics)
	defer cancel()

	id := state.ID.ValueString()
	plan.ID = state.ID
	in := plan.update(ctx, &state, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if !in.IsEmpty() {
		_, err := retryReferring(ctx, r.data, "updating bot "+id, groupsReference(path.Root("groups"), membershipGroups(in.Groups)...), func(ctx context.Context) (any, error) {
			return nil, r.data.config.UpdateBot(ctx, in)
		})
		if err != nil {
			addAPIError(&resp.Diagnostics, "Updating bot "+id, err)
			return
		}
	}
	if rotates(plan.SecretVersion, state.SecretVersion) {
		secret, err := r.data.config.ResetBotSecret(ctx, id, state.OwnerClientID.ValueString())
		if err != nil {
			addAPIError(&resp.Diagnostics, "Resetting the secret of bot "+id, err)
			return
		}
		plan.Secret = types.StringValue(secret)
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("secret"), secret)...)
	} else {
		plan.Secret = state.Secret
	}
	// A new avatar needs the read: the API may answer another URL than the one sent (avatar.go).
	needValue := !req.Plan.Raw.IsFullyKnown() || !want.Avatar.IsUnknown()
	b, shown, err := r.awaitBot(ctx, needValue, id, &want, avatarBefore(ctx, req.Private, state.Avatar), time.Now())
	if err != nil {
		addAPIError(&resp.Diagnostics, "Waiting for bot "+id, err)
		return
	}
	if shown {
		plan.fromAPI(b)
		rememberAvatar(ctx, resp.Private, b.Avatar, &resp.Diagnostics)
	}
	resp.Diagnostics.Append(setApplied(ctx, &resp.State, req.Plan, &plan)...)
}

func (r *botResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state botModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.operation(ctx, state.Timeouts.Delete, &resp.Diagnostics)
	defer cancel()

	id := state.ID.ValueString()
	since := time.Now()
	if err := r.data.config.DeleteBot(ctx, id); err != nil && !client.IsNotFound(err) {
		addAPIError(&resp.Diagnostics, "Deleting bot "+id, err)
		return
	}
	// With coalescing on, the waits of concurrent bot deletes share one list_bots per poll.
	gone := isGone(func(ctx context.Context) (any, error) { return r.data.config.GetBot(ctx, id) })
	if r.data.core.Coalescing() {
		gone = goneByPoll(since, func(ctx context.Context, since time.Time) (*configuration.Bot, time.Time, error) {
			return r.data.pollListedBot(ctx, id, since)
		})
	}
	err := r.afterWrite(ctx, "deleting bot "+id, gone)
	if err != nil {
		addAPIError(&resp.Diagnostics, "Waiting for bot "+id+" to be deleted", err)
	}
}
