package provider

import (
	"cmp"
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/configuration"
)

var _ datasource.DataSourceWithConfigure = (*groupsDataSource)(nil)

type groupsDataSource struct{ dataSourceBase }

func newGroupsDataSource() datasource.DataSource {
	return &groupsDataSource{dataSourceBase{name: "groups"}}
}

type groupsDataSourceModel struct {
	Groups types.List `tfsdk:"groups"`
}

func (d *groupsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Every group of the license (Configuration API v3.6 `list_groups` with `agent_priorities` and `routing_status`).\n\n" +
			"The API may take up to 2 minutes to show a change. To list groups that the same configuration creates or changes, " +
			"add `depends_on` on those resources: a resource finishes only once the API shows its write.",
		Attributes: map[string]schema.Attribute{
			"groups": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The groups, sorted by `id`; group `0` (\"General\") comes first.",
				NestedObject: schema.NestedAttributeObject{Attributes: groupDataSourceAttributes(
					schema.Int64Attribute{Computed: true, MarkdownDescription: "Numeric group ID."},
				)},
			},
		},
	}
}

func (d *groupsDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	groups, err := d.data.config.ListGroups(ctx)
	if err != nil {
		addAPIError(&resp.Diagnostics, "Listing groups", err)
		return
	}
	slices.SortFunc(groups, func(a, b configuration.Group) int { return cmp.Compare(a.ID, b.ID) })
	models := make([]groupDataSourceModel, 0, len(groups))
	for i := range groups {
		models = append(models, groupDataSourceModelFrom(&groups[i]))
	}
	list, diags := types.ListValueFrom(ctx, groupObjectType, models)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &groupsDataSourceModel{Groups: list})...)
}
