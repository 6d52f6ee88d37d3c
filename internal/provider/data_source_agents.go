package provider

import (
	"context"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/configuration"
)

var _ datasource.DataSourceWithConfigure = (*agentsDataSource)(nil)

type agentsDataSource struct{ dataSourceBase }

func newAgentsDataSource() datasource.DataSource {
	return &agentsDataSource{dataSourceBase{name: "agents"}}
}

type agentsDataSourceModel struct {
	GroupIDs  types.Set  `tfsdk:"group_ids"`
	Suspended types.Bool `tfsdk:"suspended"`
	Agents    types.List `tfsdk:"agents"`
	IDs       types.List `tfsdk:"ids"`
}

func (d *agentsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The agents of the license, optionally filtered (Configuration API v3.6 `list_agents` with every optional field). " +
			"Each agent has the attributes of the `livechat_agent` resource.\n\n" +
			"The API may take up to 2 minutes to show a change. To list agents that the same configuration creates or changes, " +
			"add `depends_on` on those resources: a resource finishes only once the API shows its write.",
		Attributes: map[string]schema.Attribute{
			"group_ids": schema.SetAttribute{
				ElementType: types.Int64Type, Optional: true,
				MarkdownDescription: "Only agents that belong to at least one of these groups (`filters.group_ids`). At least one group ID when set.",
				Validators: []validator.Set{
					setvalidator.SizeAtLeast(1),
					setvalidator.ValueInt64sAre(int64validator.AtLeast(0)),
				},
			},
			"suspended": schema.BoolAttribute{
				Optional:            true,
				MarkdownDescription: "Only suspended agents (`true`) or only agents not suspended (`false`) (`filters.suspended`). Unset: both.",
			},
			"agents": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The matching agents, sorted by `id`.",
				NestedObject: schema.NestedAttributeObject{Attributes: agentDataSourceAttributes(
					schema.StringAttribute{Computed: true, MarkdownDescription: "Agent ID: the agent's login e-mail."},
				)},
			},
			"ids": schema.ListAttribute{
				ElementType: types.StringType, Computed: true,
				MarkdownDescription: "IDs of the matching agents, in the order of `agents`.",
			},
		},
	}
}

func (d *agentsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m agentsDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var filters *configuration.AgentFilters
	if known(m.GroupIDs) || known(m.Suspended) {
		filters = &configuration.AgentFilters{}
		if known(m.GroupIDs) {
			filters.GroupIDs = int64sFrom(m.GroupIDs)
			slices.Sort(filters.GroupIDs)
		}
		if known(m.Suspended) {
			filters.Suspended = m.Suspended.ValueBoolPointer()
		}
	}
	agents, err := d.data.config.ListAgents(ctx, filters)
	if err != nil {
		addAPIError(&resp.Diagnostics, "Listing agents", err)
		return
	}
	slices.SortFunc(agents, func(a, b configuration.Agent) int { return strings.Compare(a.ID, b.ID) })
	objects := make([]attr.Value, 0, len(agents))
	ids := make([]attr.Value, 0, len(agents))
	for i := range agents {
		objects = append(objects, agentObjectValue(&agents[i]))
		ids = append(ids, types.StringValue(agents[i].ID))
	}
	m.Agents = types.ListValueMust(types.ObjectType{AttrTypes: agentAttrTypes}, objects)
	m.IDs = types.ListValueMust(types.StringType, ids)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
