package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/legacy"
)

var _ datasource.DataSourceWithConfigure = (*greetingsDataSource)(nil)

type greetingsDataSource struct{ dataSourceBase }

func newGreetingsDataSource() datasource.DataSource {
	return &greetingsDataSource{dataSourceBase{name: "greetings"}}
}

type greetingsDataSourceModel struct {
	Group     types.Int64 `tfsdk:"group"`
	IDs       types.List  `tfsdk:"ids"`
	Greetings types.List  `tfsdk:"greetings"`
}

var greetingObjectType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"id": types.Int64Type, "name": types.StringType, "group": types.Int64Type, "active": types.BoolType,
	"subtype": types.StringType, "message": types.StringType, "rules": types.ListType{ElemType: greetingRuleType},
}}

func (d *greetingsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	str := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The greetings of the license, or of one group (REST API v2 `GET /greetings?group=`), in creation order, with their rules.\n\n" +
			"The API may take up to 2 minutes to show a change; add `depends_on` on greetings the same configuration manages.",
		Attributes: map[string]schema.Attribute{
			"group": schema.Int64Attribute{
				Optional: true, MarkdownDescription: "Only the greetings of this group; unset: every greeting.",
				Validators: []validator.Int64{int64validator.AtLeast(0)},
			},
			"ids": schema.ListAttribute{ElementType: types.Int64Type, Computed: true, MarkdownDescription: "IDs of the greetings."},
			"greetings": schema.ListNestedAttribute{
				Computed: true, MarkdownDescription: "The greetings.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":      schema.Int64Attribute{Computed: true, MarkdownDescription: "Numeric ID."},
					"name":    str("Name."),
					"group":   schema.Int64Attribute{Computed: true, MarkdownDescription: "Group ID: the `group` argument when set; otherwise as the API's answer shows it, null when it does not (the reference's answers do not show a greeting's group)."},
					"active":  schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the greeting is enabled."},
					"subtype": str("`announcement`, or null for a plain greeting or when the answer does not show it (the reference's answers do not)."),
					"message": str("Message text."),
					"rules": schema.ListNestedAttribute{
						Computed: true, MarkdownDescription: "Rules, in order (see `livechat_greeting`).",
						NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
							"id":             schema.Int64Attribute{Computed: true, MarkdownDescription: "Rule ID."},
							"type":           str("Rule type."),
							"value":          str("Compared value."),
							"operator":       str("Comparison."),
							"condition":      str("`and` or `or`."),
							"variable_name":  str("Custom variable name."),
							"variable_value": str("Custom variable value."),
							"urls": schema.ListNestedAttribute{
								Computed: true, MarkdownDescription: "Funnel pages.",
								NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
									"url": str("Address."), "operator": str("Comparison."),
								}},
							},
						}},
					},
				}},
			},
		},
	}
}

func (d *greetingsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m greetingsDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var list []legacy.Greeting
	var err error
	if known(m.Group) {
		list, err = d.data.legacy.ListGroupGreetings(ctx, m.Group.ValueInt64())
	} else {
		list, err = d.data.legacy.ListGreetings(ctx, false)
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "Listing greetings", err)
		return
	}
	ids := make([]attr.Value, 0, len(list))
	items := make([]attr.Value, 0, len(list))
	for _, g := range list {
		group := types.Int64PointerValue(g.Group)
		if known(m.Group) {
			group = m.Group // the list of one group holds that group's greetings
		}
		ids = append(ids, types.Int64Value(g.ID))
		items = append(items, types.ObjectValueMust(greetingObjectType.AttrTypes, map[string]attr.Value{
			"id": types.Int64Value(g.ID), "name": types.StringValue(g.Name), "group": group,
			"active": types.BoolValue(g.Active), "subtype": shownString(g.Subtype), "message": types.StringValue(g.Message()),
			"rules": rulesToModel(g.Rules),
		}))
	}
	m.IDs = types.ListValueMust(types.Int64Type, ids)
	m.Greetings = types.ListValueMust(greetingObjectType, items)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
