package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/configuration"
)

var _ datasource.DataSourceWithConfigure = (*groupPropertiesDataSource)(nil)

type groupPropertiesDataSource struct{ dataSourceBase }

func newGroupPropertiesDataSource() datasource.DataSource {
	return &groupPropertiesDataSource{dataSourceBase{name: "group_properties"}}
}

type groupPropertiesDataSourceModel struct {
	GroupID    types.Int64  `tfsdk:"group_id"`
	Namespace  types.String `tfsdk:"namespace"`
	NamePrefix types.String `tfsdk:"name_prefix"`
	Properties types.List   `tfsdk:"properties"`
}

func (d *groupPropertiesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := propertyValueListSchema("within the group")
	attrs["group_id"] = schema.Int64Attribute{
		Required: true, MarkdownDescription: "ID of the group (`0` is \"General\"). A group that does not exist is an error (`group_not_found`).",
		Validators: []validator.Int64{int64validator.AtLeast(0)},
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The property values of one group (Configuration API v3.6 `list_groups_properties`), optionally filtered by namespace and name prefix. " +
			"Properties without a value in the group are listed with their default value, if they have one.\n\n" + propertyValuesConsistencyNote,
		Attributes: attrs,
	}
}

func (d *groupPropertiesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m groupPropertiesDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	gid := m.GroupID.ValueInt64()
	groups, err := d.data.config.QueryGroupsProperties(ctx, []int64{gid}, m.Namespace.ValueString(), m.NamePrefix.ValueString())
	if err != nil {
		addAPIError(&resp.Diagnostics, "Listing the properties of a group", err)
		return
	}
	values := configuration.PropertyValues{}
	for _, g := range groups {
		if g.ID == gid {
			values = g.Properties
		}
	}
	m.Properties = propertyValueItems(ctx, values, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
