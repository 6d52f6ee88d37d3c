package provider

import (
	"context"
	"fmt"
	"regexp"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
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
	_ resource.ResourceWithConfigure   = (*agentResource)(nil)
	_ resource.ResourceWithImportState = (*agentResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*agentResource)(nil)
)

// emailPattern is deliberately loose: the API's own check is authoritative.
var emailPattern = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)

type agentResource struct{ resourceBase }

func newAgentResource() resource.Resource { return &agentResource{resourceBase{name: "agent"}} }

func (r *agentResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	useState := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "An agent of the license (Configuration API v3.6 `create_agent`, `update_agent`, `delete_agent`, `suspend_agent`, `unsuspend_agent`, `get_agent`).\n\n" +
			"The API has no way to rename an agent or change its ID: changing `id` or `name` replaces the agent. " +
			"The license owner cannot be created: import it (`role = \"owner\"`) to manage its other settings; destroying it only removes it from the state, with a warning.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "Agent ID: the agent's login e-mail. Changing it replaces the agent. The import ID.",
				Validators:          []validator.String{stringvalidator.RegexMatches(emailPattern, "must be an e-mail address")},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"name": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "Agent name, not blank. `update_agent` has no name parameter, so changing it replaces the agent.",
				Validators:          []validator.String{notBlank},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"role": schema.StringAttribute{
				Optional: true, Computed: true, Default: stringdefault.StaticString("normal"),
				MarkdownDescription: "Role: `viceowner`, `administrator` or `normal` (default). `owner` is accepted only for the imported license owner and cannot be assigned or removed through the API.",
				Validators:          []validator.String{stringvalidator.OneOf(append([]string{roleOwner}, agentRoles...)...)},
			},
			"login_status": schema.StringAttribute{
				Optional: true, Computed: true, Default: stringdefault.StaticString("not accepting chats"),
				MarkdownDescription: "Status right after login: `accepting chats` or `not accepting chats` (default).",
				Validators:          []validator.String{stringvalidator.OneOf(agentLoginStatuses...)},
			},
			"job_title": schema.StringAttribute{
				Optional: true, Computed: true, Default: stringdefault.StaticString(""),
				MarkdownDescription: "Job title. Default empty.",
			},
			"mobile": schema.StringAttribute{
				Optional: true, Computed: true, Default: stringdefault.StaticString(""),
				MarkdownDescription: "Mobile phone number. Default empty.",
			},
			"max_chats_count": schema.Int64Attribute{
				Optional: true, Computed: true, Default: int64default.StaticInt64(agentDefaultMaxChats),
				MarkdownDescription: fmt.Sprintf("Maximum number of concurrent chats, 0 to %d (the API's maximum on create and update); default %d.", agentMaxChatsLimit, agentDefaultMaxChats),
				Validators:          []validator.Int64{int64validator.Between(0, agentMaxChatsLimit)},
			},
			"groups": memberGroupsAttribute("Groups the agent belongs to, each with a routing priority. Set it to manage this agent's memberships from here (an empty set removes them all); leave it unset when the groups' `agent_priorities` manage membership." + membershipRule),
			"notifications": schema.SetAttribute{
				ElementType: types.StringType, Optional: true, Computed: true,
				MarkdownDescription: "Notifications turned on, from: " + quoted(agentNotifications) + ". Unset: left as the license has them.",
				Validators:          []validator.Set{setvalidator.ValueStringsAre(stringvalidator.OneOf(agentNotifications...))},
				PlanModifiers:       []planmodifier.Set{setplanmodifier.UseStateForUnknown()},
			},
			"email_subscriptions": schema.SetAttribute{
				ElementType: types.StringType, Optional: true, Computed: true,
				MarkdownDescription: "E-mail reports the agent receives: `daily_summary`, `weekly_summary`. Unset: left as the license has them.",
				Validators:          []validator.Set{setvalidator.ValueStringsAre(stringvalidator.OneOf(agentEmailSubscriptions...))},
				PlanModifiers:       []planmodifier.Set{setplanmodifier.UseStateForUnknown()},
			},
			"work_scheduler": workSchedulerAttribute(workSchedulerDescriptions{
				scheduler: "Working hours. Unset: left as the license has them.",
				timezone:  "Time zone of the schedule, e.g. `Europe/Warsaw`.",
				schedule:  "Spans of working hours; a day may have several.",
			}),
			"suspended": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(false),
				MarkdownDescription: "Whether the agent is suspended (`suspend_agent` / `unsuspend_agent`). Default `false`. " +
					"The reference marks both methods \"not yet available for public use\": they need a private scope (`sessions--all:rw`, `subscription.lc:rw`), and credentials without it get an `authorization` error; suspend agents in the LiveChat app then.",
			},
			"account_id": schema.StringAttribute{
				Computed: true, MarkdownDescription: "Account ID of the agent." + readAtRefresh, PlanModifiers: useState,
			},
			"avatar": schema.StringAttribute{
				Computed: true, MarkdownDescription: "Avatar URL." + readAtRefresh, PlanModifiers: useState,
			},
			"awaiting_approval": schema.BoolAttribute{
				Computed: true, MarkdownDescription: "Whether the agent still awaits approval." + readAtRefresh,
				PlanModifiers: []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeoutsBlock(ctx),
		},
	}
}

// ModifyPlan refuses, at plan time, role changes the API cannot make, and warns when a group's
// agent_priorities in the same configuration sets one of this agent's memberships too.
func (r *agentResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var id types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("id"), &id)...)
	if known(id) {
		warnMemberGroups(ctx, r.data, "livechat_agent", id.ValueString(), req.Config, &resp.Diagnostics)
	}
	var planRole, stateRole types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("role"), &planRole)...)
	if !req.State.Raw.IsNull() {
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("role"), &stateRole)...)
	}
	if !known(planRole) {
		return
	}
	switch {
	case req.State.Raw.IsNull() && planRole.ValueString() == roleOwner:
		resp.Diagnostics.AddAttributeError(path.Root("role"), "The owner cannot be created",
			"The API creates agents as viceowner, administrator or normal. To manage the license owner, import it: terraform import livechat_agent.<name> <owner e-mail>.")
	case !req.State.Raw.IsNull() && planRole.ValueString() != stateRole.ValueString() &&
		(planRole.ValueString() == roleOwner || stateRole.ValueString() == roleOwner):
		resp.Diagnostics.AddAttributeError(path.Root("role"), "Ownership cannot change through Terraform",
			fmt.Sprintf("role cannot change from %q to %q: the API cannot transfer license ownership. Keep role = %q.", stateRole.ValueString(), planRole.ValueString(), stateRole.ValueString()))
	}
}

// agentShows is the check of a wait on agent id: a poll of list_agents (pollAgent) shows what want
// holds (getWritten: what the write sent). The cache drops every answer fetched before a write was
// answered.
func (r *agentResource) agentShows(id string, want *agentModel, since time.Time) func(context.Context) (*configuration.Agent, bool, error) {
	return shownByPoll(since, func(ctx context.Context, since time.Time) (*configuration.Agent, time.Time, error) {
		return r.data.pollAgent(ctx, id, since)
	}, want.matches)
}

// setSuspended calls suspend_agent or unsuspend_agent. Both are not yet public: an
// authorization error says so.
func (r *agentResource) setSuspended(ctx context.Context, id string, suspended bool) error {
	var err error
	if suspended {
		err = r.data.config.SuspendAgent(ctx, id)
	} else {
		err = r.data.config.UnsuspendAgent(ctx, id)
	}
	if client.ErrorType(err) == client.ErrTypeAuthorization {
		err = fmt.Errorf("%w\n\nThe reference marks suspend_agent and unsuspend_agent as not yet available for public use: they need a private scope "+
			"(sessions--all:rw, subscription.lc:rw) that credentials outside LiveChat do not hold. Suspend the agent in the LiveChat app, and leave suspended unset here", err)
	}
	return err
}

func (r *agentResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan agentModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.operation(ctx, plan.Timeouts.Create, &resp.Diagnostics)
	defer cancel()

	id := plan.ID.ValueString()
	in := configuration.AgentCreate{ID: id, Name: plan.Name.ValueString(), AgentUpdate: plan.update(ctx, nil, &resp.Diagnostics)}
	if resp.Diagnostics.HasError() {
		return
	}
	// Every poll of the wait reads an answer fetched after this write began.
	since := time.Now()
	// A group created in the same apply may not have propagated yet.
	_, err := retryReferring(ctx, r.data, "creating agent "+id, groupsReference(path.Root("groups"), membershipGroups(in.Groups)...), func(ctx context.Context) (any, error) {
		return nil, r.data.config.CreateAgent(ctx, in)
	})
	if err != nil {
		if client.IsAlreadyExists(err) {
			addAPIError(&resp.Diagnostics, "Creating agent "+id, fmt.Errorf("%w\n\nAn agent with this ID already exists; to manage it, import it: terraform import livechat_agent.<name> %s", err, id))
			return
		}
		addAPIError(&resp.Diagnostics, "Creating agent "+id, err)
		return
	}
	// Track the agent before waiting, so a failed wait loses nothing.
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	if plan.Suspended.ValueBool() {
		if err := r.setSuspended(ctx, id, true); err != nil {
			addAPIError(&resp.Diagnostics, "Suspending agent "+id, err)
			return
		}
	}
	// What only a read shows (account_id, avatar, awaiting_approval, the license's defaults for
	// what the configuration leaves unset) is left to the next refresh: waiting for it would hold
	// a parallelism slot for the propagation delay (DESIGN §5).
	a, shown, err := awaitWrite(ctx, &r.resourceBase, false, "agent "+id, r.agentShows(id, &plan, since))
	if err != nil {
		addAPIError(&resp.Diagnostics, "Waiting for agent "+id, err)
		return
	}
	if shown {
		plan.fromAPI(a)
	}
	resp.Diagnostics.Append(setApplied(ctx, &resp.State, req.Plan, &plan)...)
}

func (r *agentResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state agentModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.operation(ctx, state.Timeouts.Read, &resp.Diagnostics)
	defer cancel()

	id := state.ID.ValueString()
	a, err := r.data.readAgent(ctx, id)
	if client.IsNotFound(err) {
		r.gone(ctx, &resp.State, &resp.Diagnostics, id, "")
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "Reading agent "+id, err)
		return
	}
	state.fromAPI(a)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *agentResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state, want agentModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	resp.Diagnostics.Append(getWritten(ctx, req.Plan, req.State, &want)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.operation(ctx, plan.Timeouts.Update, &resp.Diagnostics)
	defer cancel()

	id := state.ID.ValueString()
	in := plan.update(ctx, &state, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	since := time.Now()
	if in != (configuration.AgentUpdate{}) {
		_, err := retryReferring(ctx, r.data, "updating agent "+id, groupsReference(path.Root("groups"), membershipGroups(in.Groups)...), func(ctx context.Context) (any, error) {
			return nil, r.data.config.UpdateAgent(ctx, id, in)
		})
		if err != nil {
			addAPIError(&resp.Diagnostics, "Updating agent "+id, err)
			return
		}
	}
	if known(plan.Suspended) && !plan.Suspended.Equal(state.Suspended) {
		if err := r.setSuspended(ctx, id, plan.Suspended.ValueBool()); err != nil {
			addAPIError(&resp.Diagnostics, "Changing the suspension of agent "+id, err)
			return
		}
	}
	// The plan knows every value unless it left one to the API: only then is the read needed.
	a, shown, err := awaitWrite(ctx, &r.resourceBase, !req.Plan.Raw.IsFullyKnown(), "agent "+id, r.agentShows(id, &want, since))
	if err != nil {
		addAPIError(&resp.Diagnostics, "Waiting for agent "+id, err)
		return
	}
	if shown {
		plan.fromAPI(a)
	}
	resp.Diagnostics.Append(setApplied(ctx, &resp.State, req.Plan, &plan)...)
}

func (r *agentResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state agentModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	if state.Role.ValueString() == roleOwner {
		resp.Diagnostics.AddWarning("The license owner was not deleted",
			fmt.Sprintf("Agent %s owns the license and the API cannot delete it. It was removed from the Terraform state only.", id))
		return
	}
	ctx, cancel := r.operation(ctx, state.Timeouts.Delete, &resp.Diagnostics)
	defer cancel()

	since := time.Now()
	if err := r.data.config.DeleteAgent(ctx, id); err != nil && !client.IsNotFound(err) {
		addAPIError(&resp.Diagnostics, "Deleting agent "+id, err)
		return
	}
	err := r.afterWrite(ctx, "deleting agent "+id, goneByPoll(since, func(ctx context.Context, since time.Time) (*configuration.Agent, time.Time, error) {
		return r.data.pollAgent(ctx, id, since)
	}))
	if err != nil {
		addAPIError(&resp.Diagnostics, "Waiting for agent "+id+" to be deleted", err)
	}
}
