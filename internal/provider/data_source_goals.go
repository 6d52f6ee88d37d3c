package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/legacy"
)

var _ datasource.DataSourceWithConfigure = (*goalsDataSource)(nil)

type goalsDataSource struct{ dataSourceBase }

func newGoalsDataSource() datasource.DataSource {
	return &goalsDataSource{dataSourceBase{name: "goals"}}
}

type goalsDataSourceModel struct {
	Type  types.String `tfsdk:"type"`
	IDs   types.List   `tfsdk:"ids"`
	Goals types.List   `tfsdk:"goals"`
}

var goalObjectType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"id": types.Int64Type, "name": types.StringType, "type": types.StringType, "active": types.BoolType,
}}

func (d *goalsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The goals of the license, optionally of one type (REST API v2 `GET /goals?type=`), in creation order. " +
			"The list carries each goal's ID, name, type and state; read a goal's type-specific settings by importing it as a `livechat_goal`.\n\n" +
			"The API may take up to 2 minutes to show a change; add `depends_on` on goals the same configuration manages.",
		Attributes: map[string]schema.Attribute{
			"type": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only goals of this type: " + quoted(goalTypes) + ".",
				Validators:          []validator.String{stringvalidator.OneOf(goalTypes...)},
			},
			"ids": schema.ListAttribute{ElementType: types.Int64Type, Computed: true, MarkdownDescription: "IDs of the goals."},
			"goals": schema.ListNestedAttribute{
				Computed: true, MarkdownDescription: "The goals.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":     schema.Int64Attribute{Computed: true, MarkdownDescription: "Numeric ID."},
					"name":   schema.StringAttribute{Computed: true, MarkdownDescription: "Name."},
					"type":   schema.StringAttribute{Computed: true, MarkdownDescription: "Type."},
					"active": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the goal is enabled."},
				}},
			},
		},
	}
}

func (d *goalsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m goalsDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var list []legacy.Goal
	var err error
	if known(m.Type) {
		list, err = d.data.legacy.ListGoalsOfType(ctx, m.Type.ValueString())
	} else {
		list, err = d.data.legacy.ListGoals(ctx, false)
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "Listing goals", err)
		return
	}
	ids := make([]attr.Value, 0, len(list))
	items := make([]attr.Value, 0, len(list))
	for _, g := range list {
		ids = append(ids, types.Int64Value(g.ID))
		items = append(items, types.ObjectValueMust(goalObjectType.AttrTypes, map[string]attr.Value{
			"id": types.Int64Value(g.ID), "name": types.StringValue(g.Name), "type": types.StringValue(g.Type),
			"active": types.BoolValue(bool(g.Active)),
		}))
	}
	m.IDs = types.ListValueMust(types.Int64Type, ids)
	m.Goals = types.ListValueMust(goalObjectType, items)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
