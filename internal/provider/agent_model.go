package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/configuration"
)

// Documented enums of the agent methods.
var (
	agentRoles         = []string{"viceowner", "administrator", "normal"}
	agentLoginStatuses = []string{"accepting chats", "not accepting chats"}
	agentNotifications = []string{
		"new_visitor", "incoming_chat", "returning_visitor", "queued_visitor", "visitor_is_typing",
		"new_goal", "unassigned_chats", "unassigned_chat_messages", "ticket", "inactive_notifications",
		"mute_all_sounds", "repeat_sound_notifications", "ticket_notifications", "incoming_message_for_focused_chat",
	}
	agentEmailSubscriptions = []string{"daily_summary", "weekly_summary"}
)

// Documented limits of create_agent and update_agent ("Maximum: 20. Default: 6.").
const (
	agentMaxChatsLimit   = 20
	agentDefaultMaxChats = 6
)

// roleOwner exists on every license once; the API cannot create or assign it.
const roleOwner = "owner"

type agentModel struct {
	ID                 types.String   `tfsdk:"id"`
	Name               types.String   `tfsdk:"name"`
	Role               types.String   `tfsdk:"role"`
	LoginStatus        types.String   `tfsdk:"login_status"`
	JobTitle           types.String   `tfsdk:"job_title"`
	Mobile             types.String   `tfsdk:"mobile"`
	MaxChatsCount      types.Int64    `tfsdk:"max_chats_count"`
	Groups             types.Set      `tfsdk:"groups"`
	Notifications      types.Set      `tfsdk:"notifications"`
	EmailSubscriptions types.Set      `tfsdk:"email_subscriptions"`
	WorkScheduler      types.Object   `tfsdk:"work_scheduler"`
	Suspended          types.Bool     `tfsdk:"suspended"`
	AccountID          types.String   `tfsdk:"account_id"`
	Avatar             types.String   `tfsdk:"avatar"`
	AwaitingApproval   types.Bool     `tfsdk:"awaiting_approval"`
	Timeouts           timeouts.Value `tfsdk:"timeouts"`
}

// fromAPI sets every attribute from the API's view of the agent.
func (m *agentModel) fromAPI(a *configuration.Agent) {
	m.ID = types.StringValue(a.ID)
	m.Name = types.StringValue(a.Name)
	m.Role = types.StringValue(a.Role)
	m.LoginStatus = types.StringValue(a.LoginStatus)
	m.JobTitle = types.StringValue(a.JobTitle)
	m.Mobile = types.StringValue(a.Mobile)
	m.MaxChatsCount = types.Int64Value(a.MaxChatsCount)
	m.Groups = membershipsValue(a.Groups)
	m.Notifications = stringSetValue(a.Notifications)
	m.EmailSubscriptions = stringSetValue(a.EmailSubscriptions)
	m.WorkScheduler = workSchedulerValue(a.WorkScheduler)
	m.Suspended = types.BoolValue(a.Suspended)
	m.AccountID = types.StringValue(a.AccountID)
	m.Avatar = types.StringValue(a.Avatar)
	m.AwaitingApproval = types.BoolValue(a.AwaitingApproval)
}

// agentAttrTypes are the attributes of an agent as the API shows it (the
// livechat_agent resource's, without timeouts); the agent data sources use
// them as their object type.
var agentAttrTypes = map[string]attr.Type{
	"id": types.StringType, "name": types.StringType, "role": types.StringType, "login_status": types.StringType,
	"job_title": types.StringType, "mobile": types.StringType, "max_chats_count": types.Int64Type,
	"groups": types.SetType{ElemType: membershipType}, "notifications": types.SetType{ElemType: types.StringType},
	"email_subscriptions": types.SetType{ElemType: types.StringType}, "work_scheduler": workSchedulerType,
	"suspended": types.BoolType, "account_id": types.StringType, "avatar": types.StringType, "awaiting_approval": types.BoolType,
}

// agentObjectValue is the API's view of the agent as an object of
// agentAttrTypes, converted by fromAPI.
func agentObjectValue(a *configuration.Agent) types.Object {
	var m agentModel
	m.fromAPI(a)
	return types.ObjectValueMust(agentAttrTypes, map[string]attr.Value{
		"id": m.ID, "name": m.Name, "role": m.Role, "login_status": m.LoginStatus,
		"job_title": m.JobTitle, "mobile": m.Mobile, "max_chats_count": m.MaxChatsCount,
		"groups": m.Groups, "notifications": m.Notifications,
		"email_subscriptions": m.EmailSubscriptions, "work_scheduler": m.WorkScheduler,
		"suspended": m.Suspended, "account_id": m.AccountID, "avatar": m.Avatar, "awaiting_approval": m.AwaitingApproval,
	})
}

// update is the update_agent request that moves the API from state to
// plan: only known, changed fields are sent.
func (m *agentModel) update(ctx context.Context, state *agentModel, diags *diag.Diagnostics) configuration.AgentUpdate {
	var in configuration.AgentUpdate
	changed := func(p, s attr.Value) bool { return known(p) && (state == nil || !p.Equal(s)) }
	var sRole, sLogin, sJob, sMobile, sMax, sGroups, sNotif, sEmail, sWork attr.Value
	if state != nil {
		sRole, sLogin, sJob, sMobile, sMax = state.Role, state.LoginStatus, state.JobTitle, state.Mobile, state.MaxChatsCount
		sGroups, sNotif, sEmail, sWork = state.Groups, state.Notifications, state.EmailSubscriptions, state.WorkScheduler
	}
	if changed(m.Role, sRole) {
		in.Role = m.Role.ValueStringPointer()
	}
	if changed(m.LoginStatus, sLogin) {
		in.LoginStatus = m.LoginStatus.ValueStringPointer()
	}
	if changed(m.JobTitle, sJob) {
		in.JobTitle = m.JobTitle.ValueStringPointer()
	}
	if changed(m.Mobile, sMobile) {
		in.Mobile = m.Mobile.ValueStringPointer()
	}
	if changed(m.MaxChatsCount, sMax) {
		in.MaxChatsCount = m.MaxChatsCount.ValueInt64Pointer()
	}
	if changed(m.Groups, sGroups) {
		g := membershipsFrom(ctx, m.Groups, diags)
		in.Groups = &g
	}
	if changed(m.Notifications, sNotif) {
		n := stringsFrom(m.Notifications)
		in.Notifications = &n
	}
	if changed(m.EmailSubscriptions, sEmail) {
		e := stringsFrom(m.EmailSubscriptions)
		in.EmailSubscriptions = &e
	}
	if changed(m.WorkScheduler, sWork) {
		in.WorkScheduler = workSchedulerFrom(ctx, m.WorkScheduler, diags)
	}
	return in
}

// matches reports whether the API shows every known planned value.
func (m *agentModel) matches(ctx context.Context, a *configuration.Agent) bool {
	var got agentModel
	got.fromAPI(a)
	pairs := [][2]attr.Value{
		{m.Name, got.Name}, {m.Role, got.Role}, {m.LoginStatus, got.LoginStatus}, {m.JobTitle, got.JobTitle},
		{m.Mobile, got.Mobile}, {m.MaxChatsCount, got.MaxChatsCount}, {m.Groups, got.Groups},
		{m.Notifications, got.Notifications}, {m.EmailSubscriptions, got.EmailSubscriptions},
		{m.Suspended, got.Suspended},
	}
	return memberMatchesPlan(ctx, pairs, m.WorkScheduler, a.WorkScheduler)
}
