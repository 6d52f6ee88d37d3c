package provider

import (
	"context"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/configuration"
)

// Documented limits of the bot and bot template methods.
const (
	botMaxChatsLimit   = 500 // "Limited to 500."
	botDefaultMaxChats = 6   // "default: 6"
)

// uuidPattern matches an organization ID (a UUID, as in the Issue Bot Token example).
var uuidPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

type botModel struct {
	ID                   types.String   `tfsdk:"id"`
	Name                 types.String   `tfsdk:"name"`
	Avatar               types.String   `tfsdk:"avatar"`
	MaxChatsCount        types.Int64    `tfsdk:"max_chats_count"`
	DefaultGroupPriority types.String   `tfsdk:"default_group_priority"`
	JobTitle             types.String   `tfsdk:"job_title"`
	Type                 types.String   `tfsdk:"type"`
	Groups               types.Set      `tfsdk:"groups"`
	WorkScheduler        types.Object   `tfsdk:"work_scheduler"`
	Timezone             types.String   `tfsdk:"timezone"`
	OwnerClientID        types.String   `tfsdk:"owner_client_id"`
	Secret               types.String   `tfsdk:"secret"`
	SecretVersion        types.String   `tfsdk:"secret_version"`
	Timeouts             timeouts.Value `tfsdk:"timeouts"`
}

// fromAPI sets every attribute the API shows; secret and secret_version are
// the provider's own and type is never shown: they stay as they are.
func (m *botModel) fromAPI(b *configuration.Bot) {
	m.ID = types.StringValue(b.ID)
	m.Name = types.StringValue(b.Name)
	m.Avatar = types.StringValue(b.Avatar)
	m.MaxChatsCount = types.Int64Value(b.MaxChatsCount)
	m.JobTitle = types.StringValue(b.JobTitle)
	m.Groups = membershipsValue(b.Groups)
	m.WorkScheduler = workSchedulerValue(b.WorkScheduler)
	m.Timezone = nullIfEmpty(b.Timezone)
	m.DefaultGroupPriority = types.StringValue(b.DefaultGroupPriority)
	m.OwnerClientID = types.StringValue(b.OwnerClientID)
}

// create is the create_bot request of the plan.
func (m *botModel) create(ctx context.Context, diags *diag.Diagnostics) configuration.BotCreate {
	in := configuration.BotCreate{
		Name:          m.Name.ValueString(),
		OwnerClientID: m.OwnerClientID.ValueString(),
	}
	u := m.update(ctx, nil, diags)
	in.Avatar, in.MaxChatsCount, in.DefaultGroupPriority = u.Avatar, u.MaxChatsCount, u.DefaultGroupPriority
	in.Groups, in.WorkScheduler, in.Type = u.Groups, u.WorkScheduler, u.Type
	if known(m.JobTitle) && m.JobTitle.ValueString() != "" {
		in.JobTitle = m.JobTitle.ValueStringPointer()
	}
	return in
}

// update is the update_bot request that moves the API from state to plan:
// only known, changed fields are sent (an unset type is not sent).
func (m *botModel) update(ctx context.Context, state *botModel, diags *diag.Diagnostics) configuration.BotUpdate {
	in := configuration.BotUpdate{ID: m.ID.ValueString()}
	var s botModel
	if state != nil {
		s = *state
	}
	changed := func(p, sv attr.Value) bool { return known(p) && (state == nil || !p.Equal(sv)) }
	if state != nil && changed(m.Name, s.Name) { // create_bot sends the name itself
		in.Name = m.Name.ValueStringPointer()
	}
	if changed(m.Avatar, s.Avatar) {
		in.Avatar = m.Avatar.ValueStringPointer()
	}
	if changed(m.MaxChatsCount, s.MaxChatsCount) {
		in.MaxChatsCount = m.MaxChatsCount.ValueInt64Pointer()
	}
	if changed(m.DefaultGroupPriority, s.DefaultGroupPriority) {
		in.DefaultGroupPriority = m.DefaultGroupPriority.ValueStringPointer()
	}
	if state != nil && changed(m.JobTitle, s.JobTitle) { // create_bot sends a non-empty one itself
		in.JobTitle = m.JobTitle.ValueStringPointer()
	}
	if changed(m.Type, s.Type) {
		in.Type = m.Type.ValueStringPointer()
	}
	if changed(m.Groups, s.Groups) {
		g := membershipsFrom(ctx, m.Groups, diags)
		in.Groups = &g
	}
	if changed(m.WorkScheduler, s.WorkScheduler) {
		in.WorkScheduler = workSchedulerFrom(ctx, m.WorkScheduler, diags)
	}
	return in
}

// matches reports whether the API shows every known planned value; the avatar is checked by
// avatarShows (the API may answer it re-hosted).
func (m *botModel) matches(ctx context.Context, b *configuration.Bot) bool {
	var got botModel
	got.fromAPI(b)
	pairs := [][2]attr.Value{
		{m.Name, got.Name}, {m.MaxChatsCount, got.MaxChatsCount},
		{m.DefaultGroupPriority, got.DefaultGroupPriority}, {m.JobTitle, got.JobTitle}, {m.Groups, got.Groups},
		{m.OwnerClientID, got.OwnerClientID},
	}
	return memberMatchesPlan(ctx, pairs, m.WorkScheduler, b.WorkScheduler)
}

// botAttrTypes are the attributes of a bot as get_bot shows it; the
// livechat_bot data source uses them.
var botAttrTypes = map[string]attr.Type{
	"id": types.StringType, "name": types.StringType, "avatar": types.StringType, "max_chats_count": types.Int64Type,
	"default_group_priority": types.StringType, "job_title": types.StringType,
	"groups": types.SetType{ElemType: membershipType}, "work_scheduler": workSchedulerType,
	"timezone": types.StringType, "owner_client_id": types.StringType,
}

func botObjectValue(b *configuration.Bot) types.Object {
	var m botModel
	m.fromAPI(b)
	return types.ObjectValueMust(botAttrTypes, map[string]attr.Value{
		"id": m.ID, "name": m.Name, "avatar": m.Avatar, "max_chats_count": m.MaxChatsCount,
		"default_group_priority": m.DefaultGroupPriority, "job_title": m.JobTitle, "groups": m.Groups,
		"work_scheduler": m.WorkScheduler, "timezone": m.Timezone, "owner_client_id": m.OwnerClientID,
	})
}

// ownerClientIDDefault resolves owner_client_id for a new object from its
// configured value: that value when set (or unknown), else the provider's
// client_id. It adds an error that names both settings when neither is set.
func ownerClientIDDefault(configured types.String, data *providerData, diags *diag.Diagnostics, what string) types.String {
	if !configured.IsNull() {
		return configured
	}
	if data != nil && data.clientID != "" {
		return types.StringValue(data.clientID)
	}
	diags.AddAttributeError(path.Root("owner_client_id"), "No owner_client_id",
		what+" needs the client ID (application) that owns it: set owner_client_id here, or client_id in the provider block (env LIVECHAT_CLIENT_ID).")
	return configured
}
