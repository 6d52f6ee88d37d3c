package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/configuration"
)

var _ datasource.DataSourceWithConfigure = (*productLimitsDataSource)(nil)

type productLimitsDataSource struct{ dataSourceBase }

func newProductLimitsDataSource() datasource.DataSource {
	return &productLimitsDataSource{dataSourceBase{name: "product_limits"}}
}

type productLimitsDataSourceModel struct {
	Plan         types.String `tfsdk:"plan"`
	Exceeded     types.List   `tfsdk:"exceeded"`
	WithinLimits types.Bool   `tfsdk:"within_limits"`
}

var productLimitType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"resource": types.StringType, "limit_balance": types.Int64Type, "id": types.StringType,
}}

func (d *productLimitsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The organization's resources that exceed a plan's limits (Configuration API v3.6 `check_product_limits_for_plan`): " +
			"useful before downgrading. The method needs the private `subscription.lc:rw` scope.",
		Attributes: map[string]schema.Attribute{
			"plan": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "Plan to compare with: " + quoted(configuration.ProductPlans) + ".",
				Validators:          []validator.String{stringvalidator.OneOf(configuration.ProductPlans...)},
			},
			"within_limits": schema.BoolAttribute{Computed: true, MarkdownDescription: "`true` when no resource exceeds the plan's limits."},
			"exceeded": schema.ListNestedAttribute{
				Computed: true, MarkdownDescription: "Each resource over the limit, in the API's order.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"resource": schema.StringAttribute{
						Computed: true,
						MarkdownDescription: "`agents` (active agents and bots), `groups`, `banned`, `queue`, `queue_continuous`, `groups_per_agent`, " +
							"`access_rules` (auto accesses) or `group_chooser_groups`.",
					},
					"limit_balance": schema.Int64Attribute{Computed: true, MarkdownDescription: "By how many the resource exceeds the limit."},
					"id": schema.StringAttribute{
						Computed:            true,
						MarkdownDescription: "The agent (`groups_per_agent`) or group (`queue`, `group_chooser_groups`) the excess belongs to; null for license-wide counts.",
					},
				}},
			},
		},
	}
}

func (d *productLimitsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m productLimitsDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	limits, err := d.data.config.CheckProductLimitsForPlan(ctx, m.Plan.ValueString())
	if err != nil {
		addAPIError(&resp.Diagnostics, "Checking product limits for plan "+m.Plan.ValueString(), err)
		return
	}
	items := make([]attr.Value, 0, len(limits))
	for _, l := range limits {
		items = append(items, types.ObjectValueMust(productLimitType.AttrTypes, map[string]attr.Value{
			"resource": types.StringValue(l.Resource), "limit_balance": types.Int64Value(l.LimitBalance), "id": emptyAsNull(l.ID),
		}))
	}
	m.Exceeded = types.ListValueMust(productLimitType, items)
	m.WithinLimits = types.BoolValue(len(limits) == 0)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
