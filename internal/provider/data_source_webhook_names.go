package provider

import (
	"context"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ datasource.DataSourceWithConfigure = (*webhookNamesDataSource)(nil)

type webhookNamesDataSource struct{ dataSourceBase }

func newWebhookNamesDataSource() datasource.DataSource {
	return &webhookNamesDataSource{dataSourceBase{name: "webhook_names"}}
}

type webhookNamesDataSourceModel struct {
	Version      types.String `tfsdk:"version"`
	WebhookNames types.List   `tfsdk:"webhook_names"`
	Actions      types.List   `tfsdk:"actions"`
}

var webhookNameType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"action": types.StringType, "filters": types.ListType{ElemType: types.StringType},
	"additional_data": types.ListType{ElemType: types.StringType},
}}

func (d *webhookNamesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The webhook actions an API version supports, with the filters and additional data each allows (Configuration API v3.6 `list_webhook_names`).",
		Attributes: map[string]schema.Attribute{
			"version": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "API version, e.g. `3.6`. Default: the current stable version.",
				Validators:          []validator.String{stringvalidator.RegexMatches(regexp.MustCompile(`^[0-9]+\.[0-9]+$`), "must be an API version such as 3.6")},
			},
			"actions": schema.ListAttribute{ElementType: types.StringType, Computed: true, MarkdownDescription: "The action names, in the API's order."},
			"webhook_names": schema.ListNestedAttribute{
				Computed: true, MarkdownDescription: "The actions with what they allow.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"action":          schema.StringAttribute{Computed: true, MarkdownDescription: "Action name."},
					"filters":         schema.ListAttribute{ElementType: types.StringType, Computed: true, MarkdownDescription: "Filters the action allows (empty when none)."},
					"additional_data": schema.ListAttribute{ElementType: types.StringType, Computed: true, MarkdownDescription: "Additional data the action can send (empty when none)."},
				}},
			},
		},
	}
}

func (d *webhookNamesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m webhookNamesDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	names, err := d.data.config.ListWebhookNames(ctx, m.Version.ValueString())
	if err != nil {
		addAPIError(&resp.Diagnostics, "Listing webhook names", err)
		return
	}
	items := make([]attr.Value, 0, len(names))
	actions := make([]string, 0, len(names))
	for _, n := range names {
		items = append(items, types.ObjectValueMust(webhookNameType.AttrTypes, map[string]attr.Value{
			"action": types.StringValue(n.Action), "filters": listOfStrings(n.Filters), "additional_data": listOfStrings(n.AdditionalData),
		}))
		actions = append(actions, n.Action)
	}
	m.WebhookNames = types.ListValueMust(webhookNameType, items)
	m.Actions = listOfStrings(actions)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
