package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ datasource.DataSourceWithConfigure = (*autoAccessesDataSource)(nil)

type autoAccessesDataSource struct{ dataSourceBase }

func newAutoAccessesDataSource() datasource.DataSource {
	return &autoAccessesDataSource{dataSourceBase{name: "auto_accesses"}}
}

type autoAccessesDataSourceModel struct {
	AutoAccesses types.List `tfsdk:"auto_accesses"`
	IDs          types.List `tfsdk:"ids"`
}

var autoAccessItemType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"id": types.StringType, "description": types.StringType, "access": autoAccessAccessType,
	"conditions": autoAccessConditionsType, "next_id": types.StringType,
}}

func dsMatchCondition(what string) schema.SingleNestedAttribute {
	matchObject := schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
		"value":       schema.StringAttribute{Computed: true, MarkdownDescription: "A " + what + " to match."},
		"exact_match": schema.BoolAttribute{Computed: true, MarkdownDescription: "`false`: `value` is matched as a substring of the " + what + "."},
	}}
	return schema.SingleNestedAttribute{
		Computed: true, MarkdownDescription: "The " + what + " condition, if the rule has one: `values` or `exclude_values`.",
		Attributes: map[string]schema.Attribute{
			"values":         schema.ListNestedAttribute{Computed: true, NestedObject: matchObject, MarkdownDescription: "Positive match."},
			"exclude_values": schema.ListNestedAttribute{Computed: true, NestedObject: matchObject, MarkdownDescription: "Negative match."},
		},
	}
}

func (d *autoAccessesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	geo := map[string]schema.Attribute{}
	for _, f := range geolocationFields {
		geo[f] = schema.StringAttribute{Computed: true, MarkdownDescription: "`" + f + "`, null when the value does not set it."}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The license's auto access rules in list order, first to last (Configuration API v3.6 `list_auto_accesses`, sorted by `next_id`).\n\n" +
			"The API may take up to 2 minutes to show a change. To list rules that the same configuration creates or reorders, " +
			"add `depends_on` on those resources: a resource finishes only once the API shows its write.",
		Attributes: map[string]schema.Attribute{
			"ids": schema.ListAttribute{
				ElementType: types.StringType, Computed: true,
				MarkdownDescription: "IDs of the rules, first to last (the value `livechat_auto_access_order.ids` takes on import with `*`).",
			},
			"auto_accesses": schema.ListNestedAttribute{
				Computed: true, MarkdownDescription: "The rules, first to last.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":          schema.StringAttribute{Computed: true, MarkdownDescription: "ID of the rule."},
					"description": schema.StringAttribute{Computed: true, MarkdownDescription: "Description of the rule."},
					"next_id":     schema.StringAttribute{Computed: true, MarkdownDescription: "ID of the next rule; null for the last."},
					"access": schema.SingleNestedAttribute{
						Computed: true, MarkdownDescription: "Where matching chats go.",
						Attributes: map[string]schema.Attribute{
							"groups": schema.SetAttribute{ElementType: types.Int64Type, Computed: true, MarkdownDescription: "IDs of the destination groups."},
						},
					},
					"conditions": schema.SingleNestedAttribute{
						Computed: true, MarkdownDescription: "What a customer must match.",
						Attributes: map[string]schema.Attribute{
							"url":    dsMatchCondition("page URL"),
							"domain": dsMatchCondition("domain"),
							"geolocation": schema.SingleNestedAttribute{
								Computed: true, MarkdownDescription: "The geolocation condition, if the rule has one.",
								Attributes: map[string]schema.Attribute{
									"values": schema.ListNestedAttribute{
										Computed: true, MarkdownDescription: "Matches when one value matches; a value matches when all its fields match.",
										NestedObject: schema.NestedAttributeObject{Attributes: geo},
									},
								},
							},
						},
					},
				}},
			},
		},
	}
}

func (d *autoAccessesDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	rules, err := d.data.config.ListAutoAccesses(ctx, false)
	if err != nil {
		addAPIError(&resp.Diagnostics, "Listing auto accesses", err)
		return
	}
	items := make([]attr.Value, 0, len(rules))
	for _, r := range rules {
		items = append(items, types.ObjectValueMust(autoAccessItemType.AttrTypes, map[string]attr.Value{
			"id": types.StringValue(r.ID), "description": types.StringValue(r.Description),
			"access": autoAccessAccessValue(r.Access), "conditions": autoAccessConditionsValue(r.Conditions),
			"next_id": emptyAsNull(r.NextID),
		}))
	}
	m := autoAccessesDataSourceModel{
		AutoAccesses: types.ListValueMust(autoAccessItemType, items),
		IDs:          listOfStrings(ruleIDs(rules)),
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
