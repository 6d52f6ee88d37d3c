package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client"
	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/configuration"
)

var _ datasource.DataSourceWithConfigure = (*groupDataSource)(nil)

type groupDataSource struct{ dataSourceBase }

func newGroupDataSource() datasource.DataSource {
	return &groupDataSource{dataSourceBase{name: "group"}}
}

// groupDataSourceModel is a group as the group data sources show it: the
// livechat_group resource's attributes without timeouts.
type groupDataSourceModel struct {
	ID              types.Int64  `tfsdk:"id"`
	Name            types.String `tfsdk:"name"`
	LanguageCode    types.String `tfsdk:"language_code"`
	AgentPriorities types.Map    `tfsdk:"agent_priorities"`
	RoutingStatus   types.String `tfsdk:"routing_status"`
}

var groupObjectType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"id": types.Int64Type, "name": types.StringType, "language_code": types.StringType,
	"agent_priorities": types.MapType{ElemType: types.StringType}, "routing_status": types.StringType,
}}

// groupDataSourceModelFrom converts g the way the resource does.
func groupDataSourceModelFrom(g *configuration.Group) groupDataSourceModel {
	var m groupModel
	m.fromAPI(g)
	return groupDataSourceModel{ID: m.ID, Name: m.Name, LanguageCode: m.LanguageCode, AgentPriorities: m.AgentPriorities, RoutingStatus: m.RoutingStatus}
}

// groupDataSourceAttributes are the attributes of a group, all Computed but
// the id the caller supplies.
func groupDataSourceAttributes(id schema.Attribute) map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id":            id,
		"name":          schema.StringAttribute{Computed: true, MarkdownDescription: "Group name, up to 180 characters."},
		"language_code": schema.StringAttribute{Computed: true, MarkdownDescription: "Code of the group's language, e.g. `en`."},
		"agent_priorities": schema.MapAttribute{
			ElementType: types.StringType, Computed: true,
			MarkdownDescription: "Members of the group and their routing priority, as a map of agent (or bot) ID to `first`, `normal`, `last` or `supervisor`.",
		},
		"routing_status": schema.StringAttribute{Computed: true, MarkdownDescription: "Routing status of the group as the API reports it (e.g. `offline`)."},
	}
}

func (d *groupDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "One group of agents and bots, by ID (Configuration API v3.6 `get_group` with `agent_priorities` and `routing_status`). " +
			"Group `0` (\"General\") exists on every license. A missing group is an error.\n\n" +
			"The API may take up to 2 minutes to show a change. To read a group that the same configuration creates or changes, " +
			"add `depends_on` on its `livechat_group` resource (and on the `livechat_agent` resources that join it); the resource finishes only once the API shows its write.",
		Attributes: groupDataSourceAttributes(schema.Int64Attribute{
			Required:            true,
			MarkdownDescription: "Numeric group ID, 0 or more (`0` is \"General\").",
			Validators:          []validator.Int64{int64validator.AtLeast(0)},
		}),
	}
}

func (d *groupDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m groupDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := m.ID.ValueInt64()
	g, err := d.data.readGroup(ctx, id)
	if client.IsNotFound(err) {
		resp.Diagnostics.AddAttributeError(path.Root("id"), "Group not found",
			fmt.Sprintf("The license has no group %d (%v). If this configuration creates the group, set id to the livechat_group resource's id or add depends_on on it, so the data source reads it after the API shows it.", id, err))
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, fmt.Sprintf("Reading group %d", id), err)
		return
	}
	m = groupDataSourceModelFrom(g)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
