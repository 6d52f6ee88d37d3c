package provider

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/livechat-terraform/terraform-provider-livechat/internal/client/partner"
)

// partnerKindRule says which arguments a report or metric kind takes (from the reference).
type partnerKindRule struct {
	desc          string
	products      []string // allowed values of product; nil: product is not accepted
	program       bool
	licenseStatus bool // required
	billingCycle  int  // 0 not accepted, 1 optional, 2 required
	campaign      bool // campaign_id required
	limit         bool // limit required
	datesOptional bool
	maxSpanDays   int // 0: no limit
}

var (
	productsAll      = []string{"livechat", "chatbot", "helpdesk", "all"}
	productsWithPP   = []string{"livechat", "chatbot", "helpdesk", "partner_program", "all"}
	productsNoAll    = []string{"livechat", "chatbot", "helpdesk"}
	partnerPrograms  = []string{"affiliate", "solution", "all"}
	partnerReportAgg = []string{"day", "week", "month"}
)

var partnerReportRules = map[string]partnerKindRule{
	"commission":                   {desc: "commission earned (Get Commission Report); `product` and `program` become its `filters`", products: productsWithPP, program: true},
	"partners_referred_commission": {desc: "commission from referred partners (Get Partners Referred Earnings Report)", products: productsAll, program: true},
	"trials":                       {desc: "affiliate trials (Get Trials Report, up to 12 months)", products: productsAll, maxSpanDays: 366},
	"earnings":                     {desc: "affiliate earnings (Get Earnings Report, up to 12 months)", products: productsAll, maxSpanDays: 366},
	"conversions":                  {desc: "affiliate trials converted to paid (Get Conversions Report, up to 12 months)", products: productsAll, maxSpanDays: 366},
	"clicks":                       {desc: "affiliate clicks (Get Clicks Report, up to 12 months)", products: productsAll, maxSpanDays: 366},
	"solution_licenses":            {desc: "solution licenses created per period that now have `license_status` (Get Solution Licenses Report)", licenseStatus: true},
	"campaign_earnings":            {desc: "one campaign's earnings (Get Campaigns Earnings Report; dates are sent as `YYYY-MM-DD`)", billingCycle: 2, campaign: true},
}

var partnerMetricRules = map[string]partnerKindRule{
	"commission":                            {desc: "commission earned (Get Commission Metric)", products: productsAll, program: true, datesOptional: true},
	"referred_partners_commission":          {desc: "commission from referred partners (Get Referred Partners Commission Metrics)", products: productsWithPP, program: true, datesOptional: true},
	"trials":                                {desc: "affiliate trials (Get Trials Metrics)"},
	"earnings":                              {desc: "affiliate earnings (Get Earnings Metrics)", products: productsNoAll},
	"conversions":                           {desc: "affiliate conversions (Get Conversions Metrics)", products: productsNoAll},
	"clicks":                                {desc: "affiliate clicks (Get Clicks Metrics)", products: productsNoAll},
	"campaign_earnings":                     {desc: "one campaign's earnings (Get Campaigns Earnings Metric; dates are sent as `YYYY-MM-DD`)", billingCycle: 1, campaign: true},
	"best_performing_campaigns_clicks":      {desc: "clicks of the `limit` best campaigns", limit: true},
	"best_performing_campaigns_trials":      {desc: "trials of the `limit` best campaigns", limit: true},
	"best_performing_campaigns_conversions": {desc: "conversions of the `limit` best campaigns", limit: true},
	"best_performing_campaigns_earnings":    {desc: "earnings of the `limit` best campaigns", limit: true},
}

func kindNames(rules map[string]partnerKindRule) []string {
	out := make([]string, 0, len(rules))
	for k := range rules {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func kindDocs(rules map[string]partnerKindRule) string {
	var b strings.Builder
	for _, k := range kindNames(rules) {
		r := rules[k]
		fmt.Fprintf(&b, "\n  * `%s`: %s.", k, r.desc)
	}
	return b.String()
}

// PartnerQuery holds the arguments shared by livechat_partner_report and livechat_partner_metric.
type PartnerQuery struct {
	Kind          types.String `tfsdk:"kind"`
	DateFrom      types.String `tfsdk:"date_from"`
	DateTo        types.String `tfsdk:"date_to"`
	Product       types.String `tfsdk:"product"`
	Program       types.String `tfsdk:"program"`
	LicenseStatus types.String `tfsdk:"license_status"`
	BillingCycle  types.String `tfsdk:"billing_cycle"`
	CampaignID    types.Int64  `tfsdk:"campaign_id"`
}

func queryAttributes(rules map[string]partnerKindRule, what string) map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"kind": schema.StringAttribute{Required: true, Validators: []validator.String{stringvalidator.OneOf(kindNames(rules)...)},
			MarkdownDescription: "Which " + what + ":" + kindDocs(rules)},
		"date_from": dateArg("Start, `YYYY-MM-DD` (midnight UTC) or `YYYY-MM-DDTHH:MM:SSZ`. Required except for `commission` and `referred_partners_commission` metrics.", false, true),
		"date_to":   dateArg("End, `YYYY-MM-DD` (the whole day) or `YYYY-MM-DDTHH:MM:SSZ`.", false, true),
		"product": schema.StringAttribute{Optional: true, Validators: []validator.String{stringvalidator.OneOf(productsWithPP...)},
			MarkdownDescription: "Product, for the kinds that take one: `livechat`, `chatbot`, `helpdesk`, and where documented `partner_program` and `all` (the default)."},
		"program": schema.StringAttribute{Optional: true, Validators: []validator.String{stringvalidator.OneOf(partnerPrograms...)},
			MarkdownDescription: "Program, for the commission kinds: `affiliate`, `solution` or `all` (the default)."},
		"license_status": schema.StringAttribute{Optional: true, Validators: []validator.String{stringvalidator.OneOf("trial", "paid", "expired")},
			MarkdownDescription: "For `solution_licenses` (required there): `trial`, `paid` or `expired`."},
		"billing_cycle": schema.StringAttribute{Optional: true, Validators: []validator.String{stringvalidator.OneOf("monthly", "annual")},
			MarkdownDescription: "For `campaign_earnings`: `monthly` or `annual` (required for the report, optional for the metric)."},
		"campaign_id": schema.Int64Attribute{Optional: true, Validators: []validator.Int64{int64validator.AtLeast(1)},
			MarkdownDescription: "For `campaign_earnings` (required there): the campaign ID."},
	}
}

// validateQuery checks the arguments against the kind's rule.
func validateQuery(m *PartnerQuery, limit types.Int64, rules map[string]partnerKindRule) diag.Diagnostics {
	var diags diag.Diagnostics
	if !known(m.Kind) {
		return diags
	}
	kind := m.Kind.ValueString()
	rule, ok := rules[kind]
	if !ok {
		return diags
	}
	notUsed := func(v interface{ IsNull() bool }, name string) {
		if !v.IsNull() {
			diags.AddAttributeError(path.Root(name), "Argument not used by this kind", fmt.Sprintf("kind %q takes no %s; remove it.", kind, name))
		}
	}
	required := func(v interface{ IsNull() bool }, name string) {
		if v.IsNull() {
			diags.AddAttributeError(path.Root(name), "Missing "+name, fmt.Sprintf("kind %q requires %s.", kind, name))
		}
	}
	if rule.products == nil {
		notUsed(m.Product, "product")
	} else if known(m.Product) && !slices.Contains(rule.products, m.Product.ValueString()) {
		diags.AddAttributeError(path.Root("product"), "Invalid product", fmt.Sprintf("kind %q takes product %s, not %q.", kind, strings.Join(rule.products, ", "), m.Product.ValueString()))
	}
	if !rule.program {
		notUsed(m.Program, "program")
	}
	if rule.licenseStatus {
		required(m.LicenseStatus, "license_status")
	} else {
		notUsed(m.LicenseStatus, "license_status")
	}
	switch rule.billingCycle {
	case 0:
		notUsed(m.BillingCycle, "billing_cycle")
	case 2:
		required(m.BillingCycle, "billing_cycle")
	}
	if rule.campaign {
		required(m.CampaignID, "campaign_id")
	} else {
		notUsed(m.CampaignID, "campaign_id")
	}
	if rule.limit {
		required(limit, "limit")
	} else {
		notUsed(limit, "limit")
	}
	if !rule.datesOptional {
		required(m.DateFrom, "date_from")
		required(m.DateTo, "date_to")
	}
	if rule.maxSpanDays > 0 && known(m.DateFrom) && known(m.DateTo) {
		if r, d := parseDateArgs(m.DateFrom, m.DateTo); !d.HasError() && r.To.Sub(r.From) > time.Duration(rule.maxSpanDays)*24*time.Hour {
			diags.AddAttributeError(path.Root("date_to"), "Date range too long",
				fmt.Sprintf("kind %q covers up to 12 months: date_from and date_to may be at most %d days apart.", kind, rule.maxSpanDays))
		}
	}
	return diags
}

func (m *PartnerQuery) query(limit types.Int64, kind partner.Kind) (partner.ReportQuery, diag.Diagnostics) {
	r, diags := parseDateArgs(m.DateFrom, m.DateTo)
	q := partner.ReportQuery{From: r.From, To: r.To, Product: m.Product.ValueString(), Program: m.Program.ValueString(),
		LicenseStatus: m.LicenseStatus.ValueString(), BillingCycle: m.BillingCycle.ValueString(), CampaignID: m.CampaignID.ValueInt64(),
		Limit: limit.ValueInt64()}
	if kind.Has("filters") {
		if q.Product != "" {
			q.Filters = append(q.Filters, partner.Filter{Field: "product", Value: q.Product, Operator: "equals"})
		}
		if q.Program != "" {
			q.Filters = append(q.Filters, partner.Filter{Field: "program", Value: q.Program, Operator: "equals"})
		}
	}
	return q, diags
}

// Report.

type partnerReportItem struct {
	From  string  `tfsdk:"from"`
	To    string  `tfsdk:"to"`
	Total float64 `tfsdk:"total"`
}

type partnerReportDSModel struct {
	PartnerQuery
	Aggregation types.String        `tfsdk:"aggregation"`
	Items       []partnerReportItem `tfsdk:"items"`
	Total       float64             `tfsdk:"total"`
}

func newPartnerReportDataSource() datasource.DataSource {
	attrs := queryAttributes(partnerReportRules, "report")
	attrs["aggregation"] = schema.StringAttribute{Required: true, Validators: []validator.String{stringvalidator.OneOf(partnerReportAgg...)},
		MarkdownDescription: "Period of each item: `day`, `week` (Monday to Sunday) or `month`."}
	attrs["items"] = cList("One item per period; the first and last periods are whole periods even when the range starts or ends inside them.", map[string]schema.Attribute{
		"from": cStr("Start of the period, `YYYY-MM-DD HH:MM:SS`."), "to": cStr("End of the period."), "total": cNum("The figure for the part of the period within the range."),
	})
	attrs["total"] = cNum("Sum of the items.")
	return &partnerDataSource{
		name: "partner_report",
		schema: schema.Schema{
			MarkdownDescription: "An aggregated Partner Program report: one figure per day, week or month of a date range (the Partner API v2 `.../reports/...` methods). Needs `partner_api_token`.\n\n" +
				"Arguments a kind does not take are refused at plan time, and so are missing required ones.",
			Attributes: attrs,
		},
		validate: func(ctx context.Context, config tfsdk.Config) diag.Diagnostics {
			var m partnerReportDSModel
			diags := getConfigArgs(ctx, config, &m)
			if diags.HasError() {
				return diags
			}
			return validateQuery(&m.PartnerQuery, types.Int64Null(), partnerReportRules)
		},
		read: func(ctx context.Context, pc *partner.Client, config tfsdk.Config, state *tfsdk.State) diag.Diagnostics {
			var m partnerReportDSModel
			diags := getConfigArgs(ctx, config, &m)
			kind := m.Kind.ValueString()
			q, d := m.query(types.Int64Null(), partner.ReportKinds[kind])
			diags.Append(d...)
			if diags.HasError() {
				return diags
			}
			q.Aggregation = m.Aggregation.ValueString()
			rep, err := pc.GetReport(ctx, kind, q)
			if err != nil {
				return apiDiag("Reading the "+kind+" report", err)
			}
			m.Items, m.Total = []partnerReportItem{}, 0
			for _, it := range rep.Items {
				m.Items = append(m.Items, partnerReportItem{it.DateRange.From, it.DateRange.To, it.Total})
				m.Total += it.Total
			}
			return state.Set(ctx, &m)
		},
	}
}

// Metric.

type partnerMetricDSModel struct {
	PartnerQuery
	Limit types.Int64 `tfsdk:"limit"`
	Value float64     `tfsdk:"value"`
}

func newPartnerMetricDataSource() datasource.DataSource {
	attrs := queryAttributes(partnerMetricRules, "metric")
	attrs["limit"] = schema.Int64Attribute{Optional: true, Validators: []validator.Int64{int64validator.AtLeast(1)},
		MarkdownDescription: "For the `best_performing_campaigns_*` kinds (required there): how many of the best campaigns to sum."}
	attrs["value"] = cNum("The metric.")
	return &partnerDataSource{
		name: "partner_metric",
		schema: schema.Schema{
			MarkdownDescription: "One Partner Program figure over a date range (the Partner API v2 `.../metrics/...` methods). Needs `partner_api_token`.\n\n" +
				"Arguments a kind does not take are refused at plan time, and so are missing required ones.",
			Attributes: attrs,
		},
		validate: func(ctx context.Context, config tfsdk.Config) diag.Diagnostics {
			var m partnerMetricDSModel
			diags := getConfigArgs(ctx, config, &m)
			if diags.HasError() {
				return diags
			}
			return validateQuery(&m.PartnerQuery, m.Limit, partnerMetricRules)
		},
		read: func(ctx context.Context, pc *partner.Client, config tfsdk.Config, state *tfsdk.State) diag.Diagnostics {
			var m partnerMetricDSModel
			diags := getConfigArgs(ctx, config, &m)
			kind := m.Kind.ValueString()
			q, d := m.query(m.Limit, partner.MetricKinds[kind])
			diags.Append(d...)
			if diags.HasError() {
				return diags
			}
			v, err := pc.GetMetric(ctx, kind, q)
			if err != nil {
				return apiDiag("Reading the "+kind+" metric", err)
			}
			m.Value = v
			return state.Set(ctx, &m)
		},
	}
}
