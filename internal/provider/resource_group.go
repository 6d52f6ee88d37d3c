package provider

import (
	"context"
	"fmt"
	"maps"
	"strconv"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/configuration"
)

var (
	_ resource.ResourceWithConfigure   = (*groupResource)(nil)
	_ resource.ResourceWithImportState = (*groupResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*groupResource)(nil)
)

// defaultGroupID is the license's "General" group, which cannot be deleted.
const defaultGroupID = 0

type groupResource struct{ resourceBase }

func newGroupResource() resource.Resource { return &groupResource{resourceBase{name: "group"}} }

type groupModel struct {
	ID              types.Int64    `tfsdk:"id"`
	Name            types.String   `tfsdk:"name"`
	LanguageCode    types.String   `tfsdk:"language_code"`
	AgentPriorities types.Map      `tfsdk:"agent_priorities"`
	RoutingStatus   types.String   `tfsdk:"routing_status"`
	Timeouts        timeouts.Value `tfsdk:"timeouts"`
}

func (r *groupResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A group of agents and bots (Configuration API v3.6 `create_group`, `update_group`, `delete_group`, `get_group`). " +
			"Group `0` (\"General\") exists on every license and cannot be deleted: import it to manage its name or members; destroying it only removes it from the state, with a warning.\n\n" +
			"Membership is one relation that the API shows from two sides: this resource's `agent_priorities` and `livechat_agent.groups`. Manage each membership from one side only; leave the other side's attribute unset, and it follows the server without a diff.",
		Attributes: map[string]schema.Attribute{
			"id": schema.Int64Attribute{
				Computed:            true,
				MarkdownDescription: "Numeric group ID assigned by the API; the import ID.",
				PlanModifiers:       []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
			},
			"name": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "Group name, not blank, up to 180 characters (characters, not bytes).",
				Validators:          []validator.String{stringvalidator.UTF8LengthBetween(1, 180), notBlank},
			},
			"language_code": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Code of the group's language, e.g. `en`. Unset: the API's default (`en`) and no diff when it changes elsewhere.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"agent_priorities": schema.MapAttribute{
				ElementType: types.StringType,
				Optional:    true, Computed: true,
				MarkdownDescription: "Members of the group and their routing priority, as a map of agent (or bot) ID to `first`, `normal`, `last` or `supervisor`. " +
					"Set it to manage the group's members from here (an empty map removes every member); leave it unset to let `livechat_agent.groups` and `livechat_bot.groups` manage membership." + membershipRule,
				Validators: []validator.Map{
					mapvalidator.ValueStringsAre(stringvalidator.OneOf(priorities...)),
					mapvalidator.KeysAre(stringvalidator.LengthAtLeast(1)),
				},
				PlanModifiers: []planmodifier.Map{mapplanmodifier.UseStateForUnknown()},
			},
			"routing_status": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "Routing status of the group as the API reports it (e.g. `offline`)." + readAtRefresh,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeoutsBlock(ctx),
		},
	}
}

// ModifyPlan warns when an agent's or bot's groups in the same configuration set one of the
// memberships this group's agent_priorities sets.
func (r *groupResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var id types.Int64
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("id"), &id)...)
	warnGroupMembers(ctx, r.data, id, req.Config, &resp.Diagnostics)
}

// priorities are the documented routing priorities of a group member.
var priorities = []string{"first", "normal", "last", "supervisor"}

func (m *groupModel) fromAPI(g *configuration.Group) {
	m.ID = types.Int64Value(g.ID)
	m.Name = types.StringValue(g.Name)
	m.LanguageCode = types.StringValue(g.LanguageCode)
	m.AgentPriorities = stringMapValue(g.AgentPriorities)
	m.RoutingStatus = types.StringValue(g.RoutingStatus)
}

// matches reports whether the API shows every known value of m.
func (m *groupModel) matches(g *configuration.Group) bool {
	if known(m.Name) && g.Name != m.Name.ValueString() {
		return false
	}
	if known(m.LanguageCode) && g.LanguageCode != m.LanguageCode.ValueString() {
		return false
	}
	if known(m.AgentPriorities) && !maps.Equal(g.AgentPriorities, stringMapFrom(m.AgentPriorities)) {
		return false
	}
	return true
}

// groupShows is the check of a wait on group id: a poll of list_groups (pollGroup) shows what want
// holds (getWritten: what the write sent).
func (r *groupResource) groupShows(id int64, want *groupModel, since time.Time) func(context.Context) (*configuration.Group, bool, error) {
	return shownByPoll(since, func(ctx context.Context, since time.Time) (*configuration.Group, time.Time, error) {
		return r.data.pollGroup(ctx, id, since)
	}, func(_ context.Context, g *configuration.Group) bool { return want.matches(g) })
}

func (r *groupResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan groupModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.operation(ctx, plan.Timeouts.Create, &resp.Diagnostics)
	defer cancel()

	in := configuration.GroupCreate{Name: plan.Name.ValueString(), AgentPriorities: map[string]string{}}
	if known(plan.LanguageCode) {
		in.LanguageCode = plan.LanguageCode.ValueString()
	}
	if known(plan.AgentPriorities) {
		in.AgentPriorities = stringMapFrom(plan.AgentPriorities)
	}
	// Every poll of the wait reads an answer fetched after this write began.
	since := time.Now()
	id, err := retryReferring(ctx, r.data, "creating group "+in.Name, membersReference(in.AgentPriorities), func(ctx context.Context) (int64, error) {
		return r.data.config.CreateGroup(ctx, in)
	})
	if err != nil {
		addAPIError(&resp.Diagnostics, "Creating group "+in.Name, err)
		return
	}
	// Save the id first: if the wait below fails, the group is still tracked.
	plan.ID = types.Int64Value(id)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)

	// routing_status and the defaults for what the configuration leaves unset are left to the
	// next refresh: waiting for them would hold a parallelism slot for the propagation delay.
	g, shown, err := awaitWrite(ctx, &r.resourceBase, false, fmt.Sprintf("group %d", id), r.groupShows(id, &plan, since))
	if err != nil {
		addAPIError(&resp.Diagnostics, fmt.Sprintf("Waiting for group %d", id), err)
		return
	}
	if shown {
		plan.fromAPI(g)
	}
	resp.Diagnostics.Append(setApplied(ctx, &resp.State, req.Plan, &plan)...)
}

func (r *groupResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state groupModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.operation(ctx, state.Timeouts.Read, &resp.Diagnostics)
	defer cancel()

	g, err := r.data.readGroup(ctx, state.ID.ValueInt64())
	if client.IsNotFound(err) {
		r.gone(ctx, &resp.State, &resp.Diagnostics, strconv.FormatInt(state.ID.ValueInt64(), 10), "")
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, fmt.Sprintf("Reading group %d", state.ID.ValueInt64()), err)
		return
	}
	state.fromAPI(g)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *groupResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state, want groupModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	resp.Diagnostics.Append(getWritten(ctx, req.Plan, req.State, &want)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := r.operation(ctx, plan.Timeouts.Update, &resp.Diagnostics)
	defer cancel()

	id := state.ID.ValueInt64()
	in := configuration.GroupUpdate{ID: id}
	if !plan.Name.Equal(state.Name) {
		in.Name = plan.Name.ValueStringPointer()
	}
	if known(plan.LanguageCode) && !plan.LanguageCode.Equal(state.LanguageCode) {
		in.LanguageCode = plan.LanguageCode.ValueStringPointer()
	}
	if known(plan.AgentPriorities) && !plan.AgentPriorities.Equal(state.AgentPriorities) {
		m := stringMapFrom(plan.AgentPriorities)
		in.AgentPriorities = &m
	}
	members := membersReference(nil)
	if in.AgentPriorities != nil {
		members = membersReference(*in.AgentPriorities)
	}
	since := time.Now()
	_, err := retryReferring(ctx, r.data, fmt.Sprintf("updating group %d", id), members, func(ctx context.Context) (any, error) {
		return nil, r.data.config.UpdateGroup(ctx, in)
	})
	if err != nil {
		addAPIError(&resp.Diagnostics, fmt.Sprintf("Updating group %d", id), err)
		return
	}
	plan.ID = state.ID
	g, shown, err := awaitWrite(ctx, &r.resourceBase, !req.Plan.Raw.IsFullyKnown(), fmt.Sprintf("group %d", id), r.groupShows(id, &want, since))
	if err != nil {
		addAPIError(&resp.Diagnostics, fmt.Sprintf("Waiting for group %d", id), err)
		return
	}
	if shown {
		plan.fromAPI(g)
	}
	resp.Diagnostics.Append(setApplied(ctx, &resp.State, req.Plan, &plan)...)
}

func (r *groupResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state groupModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueInt64()
	if id == defaultGroupID {
		resp.Diagnostics.AddWarning("Group 0 was not deleted",
			"Group 0 (\"General\") is part of every license and the API cannot delete it. It was removed from the Terraform state only; its name and members are left as they are.")
		return
	}
	ctx, cancel := r.operation(ctx, state.Timeouts.Delete, &resp.Diagnostics)
	defer cancel()

	since := time.Now()
	err := r.data.config.DeleteGroup(ctx, id)
	if err != nil && !client.IsNotFound(err) {
		addAPIError(&resp.Diagnostics, fmt.Sprintf("Deleting group %d", id), err)
		return
	}
	err = r.afterWrite(ctx, fmt.Sprintf("deleting group %d", id), goneByPoll(since, func(ctx context.Context, since time.Time) (*configuration.Group, time.Time, error) {
		return r.data.pollGroup(ctx, id, since)
	}))
	if err != nil {
		addAPIError(&resp.Diagnostics, fmt.Sprintf("Waiting for group %d to be deleted", id), err)
	}
}
