package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// settledDataSource makes a data source see what the run wrote: before its Read it waits for the
// run's pending writes (pending.go) of the resource types it reads, and no others.
type settledDataSource struct {
	inner datasource.DataSource
	reads []string // resource types whose writes it sees, e.g. "livechat_group"
	data  *providerData
}

var (
	_ datasource.DataSourceWithConfigure      = (*settledDataSource)(nil)
	_ datasource.DataSourceWithValidateConfig = (*settledDataSource)(nil)
)

// settled wraps each data source with the resource types it reads (dataSourceReads).
func settled(constructors ...func() datasource.DataSource) []func() datasource.DataSource {
	out := make([]func() datasource.DataSource, len(constructors))
	for i, newDataSource := range constructors {
		out[i] = func() datasource.DataSource {
			ds := newDataSource()
			var m datasource.MetadataResponse
			ds.Metadata(context.Background(), datasource.MetadataRequest{ProviderTypeName: "livechat"}, &m)
			reads, ok := dataSourceReads[m.TypeName]
			if !ok {
				panic(fmt.Sprintf("%s has no entry in dataSourceReads (settled.go)", m.TypeName))
			}
			return &settledDataSource{inner: ds, reads: reads}
		}
	}
	return out
}

func (d *settledDataSource) Metadata(ctx context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	d.inner.Metadata(ctx, req, resp)
}

func (d *settledDataSource) Schema(ctx context.Context, req datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	d.inner.Schema(ctx, req, resp)
}

func (d *settledDataSource) Configure(ctx context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = dataFrom(req.ProviderData, &resp.Diagnostics)
	if c, ok := d.inner.(datasource.DataSourceWithConfigure); ok {
		c.Configure(ctx, req, resp)
	}
}

func (d *settledDataSource) ValidateConfig(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	if v, ok := d.inner.(datasource.DataSourceWithValidateConfig); ok {
		v.ValidateConfig(ctx, req, resp)
	}
}

func (d *settledDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	settle(ctx, d.data, d.reads, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	d.inner.Read(ctx, req, resp)
}

// settle waits, bounded by propagation_timeout, until the run's pending writes of types show.
func settle(ctx context.Context, data *providerData, types []string, diags *diag.Diagnostics) {
	if data == nil {
		return // not configured: nothing was written
	}
	ctx, cancel := context.WithTimeout(ctx, data.propagationTimeout)
	defer cancel()
	if err := data.pending.settle(ctx, types...); err != nil {
		diags.AddError("Waiting for this run's writes to show", err.Error())
	}
}

// dataSourceReads is, for each data source, the resource types whose writes its answer shows:
// the objects it lists and those whose writes change them (a group's delete changes the agents
// in it). A data source with no entry is a programming error that every test run catches.
var dataSourceReads = map[string][]string{
	"livechat_agent":              {"livechat_agent", "livechat_group"},
	"livechat_agents":             {"livechat_agent", "livechat_group"},
	"livechat_group":              {"livechat_group", "livechat_agent", "livechat_bot"},
	"livechat_groups":             {"livechat_group", "livechat_agent", "livechat_bot"},
	"livechat_bot":                {"livechat_bot", "livechat_group"},
	"livechat_bots":               {"livechat_bot", "livechat_group"},
	"livechat_bot_templates":      {"livechat_bot_template"},
	"livechat_tags":               {"livechat_tag", "livechat_group"},
	"livechat_auto_accesses":      {"livechat_auto_access", "livechat_auto_access_order", "livechat_group"},
	"livechat_properties":         {"livechat_property"},
	"livechat_license_properties": {"livechat_license_property", "livechat_property"},
	"livechat_group_properties":   {"livechat_group_property", "livechat_property", "livechat_group"},
	"livechat_webhooks":           {"livechat_webhook"},
	"livechat_canned_responses":   {"livechat_canned_response"},
	"livechat_goals":              {"livechat_goal"},
	"livechat_greetings":          {"livechat_greeting"},
	"livechat_status":             {"livechat_agent", "livechat_group"},
	// What no resource writes.
	"livechat_channels":        nil,
	"livechat_product_limits":  nil,
	"livechat_product_source":  nil,
	"livechat_webhook_names":   nil,
	"livechat_partner_coupons": nil,
	"livechat_partner_leads":   nil,
	"livechat_partner_lead":    nil,
	// Partner Program.
	"livechat_partner_profile":            {"livechat_partner_profile"},
	"livechat_partner_billing":            {"livechat_partner_billing"},
	"livechat_partner_campaigns":          {"livechat_campaign"},
	"livechat_partner_campaign_summary":   {"livechat_campaign"},
	"livechat_partner_best_campaigns":     {"livechat_campaign"},
	"livechat_partner_affiliate_licenses": {"livechat_campaign"},
	"livechat_partner_stats":              {"livechat_campaign"},
	"livechat_partner_earnings":           {"livechat_campaign"},
	"livechat_partner_withdrawals":        nil,
	"livechat_partner_expert":             {"livechat_expert_profile"},
	"livechat_partner_solution_licenses":  {"livechat_solution_license"},
	"livechat_partner_solution_license":   {"livechat_solution_license"},
	"livechat_partner_solution_summary":   {"livechat_solution_license"},
	"livechat_partner_organization":       {"livechat_solution_organization", "livechat_solution_license"},
	"livechat_partner_report":             {"livechat_campaign", "livechat_solution_license"},
	"livechat_partner_metric":             {"livechat_campaign", "livechat_solution_license"},
}
